/**
 * A tolerant reader for the fixed element structure of the paper-list XML export
 * (NOTE-FORMAT.md §3.3). The export is not well-formed XML (`&` and `<` appear unescaped in
 * titles and attributes), so instead of an XML parser this finds `<paper-entry>` … `</paper-entry>`
 * and the known child elements by their tags, in one forward pass. Element text is returned as
 * written: nothing is unescaped here.
 */
import type { Severity } from '@paper-notes/core'

/** The child elements of a `<paper-entry>`, in the order the export writes them. */
export const paperEntryElements = [
  'title',
  'original-paper-blog-link',
  'repo-issue-link',
  'tags',
  'repo-issue-date',
  'issue-body',
  'maintainer-comment-text',
] as const

/** The name of a `<paper-entry>` child element. */
export type PaperEntryElement = (typeof paperEntryElements)[number]

/** The text of one child element and where that text starts. */
export interface XmlElementText {
  text: string
  /** Offset of the first character of `text` in the whole input. */
  offset: number
}

/** One `<paper-entry>` as found in the input. */
export interface XmlPaperEntry {
  /** Offset of `<paper-entry>`. */
  offset: number
  /** `false` when the entry has no `</paper-entry>` before the next entry or the end of input. */
  closed: boolean
  /** The child elements found (an element that is opened but never closed is left out). */
  elements: Partial<Record<PaperEntryElement, XmlElementText>>
  /** Elements opened but not closed inside the entry, with the offset of their start tag. */
  unclosed: { name: PaperEntryElement; offset: number }[]
}

/** A problem with the document as a whole, positioned by offset. */
export interface XmlDocumentProblem {
  code: string
  severity: Severity
  message: string
  offset: number
}

/** What `scanPaperList` finds. */
export interface XmlPaperList {
  /** The `last-updated` attribute of `<paper-list>`, when present. */
  lastUpdated?: string
  entries: XmlPaperEntry[]
  problems: XmlDocumentProblem[]
}

// Bounded, so a `<paper-entry` without `>` never makes the scan run to the end of the input.
const entryOpen = /<paper-entry(?=[\s>])[^>]{0,200}>/g
const entryClose = '</paper-entry>'

/**
 * Finds every `<paper-entry>` and its child elements.
 *
 * @example
 * const list = scanPaperList('<paper-list><paper-entry><title>A & B</title></paper-entry></paper-list>')
 * list.entries[0].elements.title?.text // => 'A & B'
 */
export function scanPaperList(text: string): XmlPaperList {
  const problems: XmlDocumentProblem[] = []
  const list = /<paper-list\b([^>]*)>/.exec(text)
  const lastUpdated = list?.[1]
    ? /last-updated\s*=\s*["']([^"']*)["']/.exec(list[1])?.[1]
    : undefined
  if (!list) {
    problems.push({
      code: 'xml-paper-list-missing',
      severity: 'warning',
      message: 'No `<paper-list>` element; reading `<paper-entry>` elements anyway.',
      offset: 0,
    })
  }
  const opens: { offset: number; contentStart: number }[] = []
  entryOpen.lastIndex = 0
  for (let match = entryOpen.exec(text); match; match = entryOpen.exec(text)) {
    opens.push({ offset: match.index, contentStart: match.index + match[0].length })
  }
  const entries: XmlPaperEntry[] = []
  let closeSearchFrom = 0
  let close = -1
  for (let index = 0; index < opens.length; index++) {
    const open = opens[index]!
    const nextOpen = index + 1 < opens.length ? opens[index + 1]!.offset : text.length
    if (close < open.contentStart) {
      closeSearchFrom = Math.max(closeSearchFrom, open.contentStart)
      close = text.indexOf(entryClose, closeSearchFrom)
      if (close === -1) close = text.length + 1
      closeSearchFrom = close === text.length + 1 ? text.length : close + 1
    }
    const closed = close < nextOpen
    const contentEnd = closed ? close : nextOpen
    entries.push(readEntry(text, open.offset, open.contentStart, contentEnd, closed))
  }
  return lastUpdated === undefined ? { entries, problems } : { lastUpdated, entries, problems }
}

function readEntry(
  text: string,
  offset: number,
  contentStart: number,
  contentEnd: number,
  closed: boolean,
): XmlPaperEntry {
  // Searching a copy of the entry keeps every lookup inside it: a missing element never makes
  // the scan run on to the end of a large input.
  const content = text.slice(contentStart, contentEnd)
  const elements: Partial<Record<PaperEntryElement, XmlElementText>> = {}
  const unclosed: { name: PaperEntryElement; offset: number }[] = []
  let cursor = 0
  for (const name of paperEntryElements) {
    const found = findElement(content, name, cursor)
    if (!found) continue
    if (found.close === -1) {
      unclosed.push({ name, offset: contentStart + found.open })
      continue
    }
    elements[name] = {
      text: content.slice(found.textStart, found.close),
      offset: contentStart + found.textStart,
    }
    cursor = found.close + name.length + 3
  }
  return { offset, closed, elements, unclosed }
}

/** Finds `<name …>` from `from` and its `</name>` in `content`. */
function findElement(
  content: string,
  name: string,
  from: number,
): { open: number; textStart: number; close: number } | undefined {
  const openTag = `<${name}`
  let open = content.indexOf(openTag, from)
  while (open !== -1) {
    const after = content[open + openTag.length]
    if (after === '>' || after === ' ' || after === '\t' || after === '\n' || after === '\r') break
    open = content.indexOf(openTag, open + 1)
  }
  if (open === -1) return undefined
  const tagEnd = content.indexOf('>', open)
  if (tagEnd === -1) return { open, textStart: content.length, close: -1 }
  const textStart = tagEnd + 1
  return { open, textStart, close: content.indexOf(`</${name}>`, textStart) }
}
