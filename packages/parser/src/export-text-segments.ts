/**
 * Segmentation of a tag-page text export (NOTE-FORMAT.md §3.2) into its page tag and entries,
 * before any entry becomes a note. Every step is a linear scan: each entry is found from its
 * `Issue Date:` marker and only the text between two markers is ever looked at again.
 */
import type { Severity } from '@paper-notes/core'
import { isCalendarDate } from '@paper-notes/core'

/** One entry of a text export, as raw pieces. */
export interface TextExportEntry {
  /** Offset where the entry starts (its `Paper/Blog Link My Issue` line, its tags, or `Issue Date:`). */
  offset: number
  /** Offset of its `Issue Date:` marker. */
  dateOffset: number
  /** The entry's tags in order (the page tag is not among them). */
  tags: string[]
  /** `YYYY-MM-DD`, or the malformed text after `Issue Date:`. */
  issueDate: string
  /** Whether `issueDate` is a valid `YYYY-MM-DD` date. */
  validDate: boolean
  /** The title line (empty in layout A and when the entry has none). */
  titleLine: string
  /** The text after `GPT Summary-`, or `null` when the entry has none. */
  summary: string | null
  /** The comment text after `Comment`, or `null` when the entry has none. */
  comment: string | null
  /** Offset where `comment` starts. */
  commentOffset: number
  /** Whether the entry's header ended with the `Comment` marker. */
  commentMarker: boolean
}

/** A problem found while segmenting, positioned by offset. */
export interface TextSegmentProblem {
  code: string
  severity: Severity
  message: string
  offset: number
}

/** The pieces of a text export. */
export interface TextExportSegments {
  /** The page's tag (its first non-empty line), when there is one. */
  pageTag?: string
  /** Offset of the page tag line. */
  pageTagOffset: number
  entries: TextExportEntry[]
  problems: TextSegmentProblem[]
}

const datePattern = /Issue Date:[ \t]*(\S*)/g
const layoutALinkLine = 'Paper/Blog Link My Issue'
const summaryMarker = 'GPT Summary-'
const commentMarker = 'Comment'

/**
 * Whether `token` (the text after a `#`) looks like a tag name: short, at most a few words, and
 * without sentence punctuation. Tag names may contain spaces, slashes, parentheses, hyphens and
 * non-ASCII letters (`Supervised-FineTuning (SFT)`, `Selected Papers/Blogs`).
 */
export function isTagName(token: string): boolean {
  if (token === '' || token.length > 60) return false
  if (/^\s|\s$/.test(token)) return false
  if (/[#。、．，！？!?;；:：]|\s{2}|[.,]$/.test(token)) return false
  return (token.match(/ /g)?.length ?? 0) <= 4
}

/**
 * Finds the run of `#Tag #Tag …` that ends `segment` (trailing whitespace allowed). Returns the
 * offset in `segment` where the run's first `#` is, and the tags; `start` is `segment.length`
 * when there is no run.
 *
 * @example
 * findTrailingTags('end of summary。 #NLP #Supervised-FineTuning (SFT) ')
 * // => { start: 16, tags: ['NLP', 'Supervised-FineTuning (SFT)'] }
 */
export function findTrailingTags(segment: string): { start: number; tags: string[] } {
  const text = segment.trimEnd()
  const first = text.search(/\S/)
  const reversed: string[] = []
  let start = segment.length
  let end = text.length
  // Walk left over ` #Tag` pieces, ending with a `#Tag` that starts the segment.
  while (first !== -1 && end > first) {
    const space = text.lastIndexOf(' #', end - 1)
    let hash: number
    if (space >= first) hash = space + 1
    else if (text[first] === '#') hash = first
    else break
    const token = text.slice(hash + 1, end)
    if (!isTagName(token)) break
    reversed.push(token)
    start = hash
    end = hash - 1
  }
  return { start, tags: reversed.reverse() }
}

/**
 * The offset of the last `\n` in `text[floor..from]`, or `floor - 1`. Bounded on purpose: a
 * plain `lastIndexOf` would rescan a long line once per entry on it.
 */
function lastNewline(text: string, from: number, floor: number): number {
  for (let index = from; index >= floor; index--) {
    if (text.charCodeAt(index) === 10) return index
  }
  return floor - 1
}

/** The offset of the first `\n` in `text[from..end)`, or `end`. */
function nextNewline(text: string, from: number, end: number): number {
  for (let index = from; index < end; index++) {
    if (text.charCodeAt(index) === 10) return index
  }
  return end
}

function lineStartBefore(text: string, offset: number, floor: number): number {
  return Math.max(lastNewline(text, offset - 1, floor) + 1, floor)
}

/**
 * The previous non-empty line before the line start `offset` (not looking before `floor`).
 */
function previousLine(
  text: string,
  offset: number,
  floor: number,
): { start: number; text: string } | undefined {
  let end = offset
  while (end > floor) {
    const lineEnd = text[end - 1] === '\n' ? end - 1 : end
    const start = Math.max(lastNewline(text, lineEnd - 1, floor) + 1, floor)
    const line = text.slice(start, lineEnd)
    if (line.trim() !== '') return { start, text: line.replace(/\r$/, '') }
    end = start
  }
  return undefined
}

/**
 * Splits a tag-page text export into its page tag and raw entries (both layouts of §3.2).
 *
 * @example
 * const { pageTag, entries } = segmentTextExport(
 *   'NLP\n\n#Dataset\nIssue Date: 2025-01-02 [Paper Note] A, Ann+, ACL\'25 GPT Summary- S Comment\n\nGood.\n',
 * )
 * pageTag // => 'NLP'
 * entries[0].comment // => 'Good.'
 */
export function segmentTextExport(text: string): TextExportSegments {
  const problems: TextSegmentProblem[] = []
  const firstContent = text.search(/\S/)
  if (firstContent === -1) {
    return { pageTagOffset: 0, entries: [], problems }
  }
  const pageLineEnd = text.indexOf('\n', firstContent)
  const pageLine = text.slice(firstContent, pageLineEnd === -1 ? text.length : pageLineEnd).trim()
  const pageTagIsEntry = pageLine.includes('Issue Date:')
  const pageTag = pageTagIsEntry ? undefined : pageLine
  const bodyStart = pageTagIsEntry ? firstContent : pageLineEnd === -1 ? text.length : pageLineEnd
  if (pageTagIsEntry) {
    problems.push({
      code: 'text-page-tag-missing',
      severity: 'warning',
      message: 'The export does not start with its page tag; no page tag is added to its notes.',
      offset: firstContent,
    })
  }

  // Markers first, then each entry's start from the text between two markers.
  const markers: { offset: number; end: number; date: string }[] = []
  datePattern.lastIndex = bodyStart
  for (let match = datePattern.exec(text); match; match = datePattern.exec(text)) {
    markers.push({ offset: match.index, end: match.index + match[0].length, date: match[1] ?? '' })
  }
  const starts: { entryStart: number; tags: string[] }[] = []
  let floor = bodyStart
  for (const marker of markers) {
    starts.push(findEntryStart(text, marker.offset, floor))
    floor = marker.end
  }

  const entries: TextExportEntry[] = []
  for (let index = 0; index < markers.length; index++) {
    const marker = markers[index]!
    const { entryStart, tags } = starts[index]!
    const regionEnd = index + 1 < markers.length ? starts[index + 1]!.entryStart : text.length
    if (index === 0 && text.slice(bodyStart, entryStart).trim() !== '') {
      problems.push({
        code: 'text-content-before-entries',
        severity: 'warning',
        message: 'Text between the page tag and the first entry is not part of any note.',
        offset: bodyStart + (text.slice(bodyStart).search(/\S/) || 0),
      })
    }
    entries.push(readEntry(text, marker, entryStart, tags, regionEnd, problems))
  }
  if (markers.length === 0) {
    problems.push({
      code: 'text-no-entries',
      severity: 'error',
      message: 'No entry found: a text export entry has an `Issue Date: YYYY-MM-DD` line.',
      offset: firstContent,
    })
  }
  return pageTag === undefined
    ? { pageTagOffset: firstContent, entries, problems }
    : { pageTag, pageTagOffset: firstContent, entries, problems }
}

/** Where the entry whose `Issue Date:` marker is at `markerOffset` starts, and its tags. */
function findEntryStart(
  text: string,
  markerOffset: number,
  floor: number,
): { entryStart: number; tags: string[] } {
  const lineStart = lineStartBefore(text, markerOffset, floor)
  const prefix = text.slice(lineStart, markerOffset)
  let entryStart = markerOffset
  let tags: string[] = []
  // Whether the entry starts its line, so its tags or layout A's link line may be on the lines above.
  let startsLine = prefix.trim() === ''
  if (startsLine) entryStart = lineStart
  else {
    const run = findTrailingTags(prefix)
    if (run.tags.length > 0) {
      tags = run.tags
      entryStart = lineStart + run.start
      startsLine = prefix.slice(0, run.start).trim() === ''
    }
  }
  if (!startsLine) return { entryStart, tags }
  if (tags.length === 0) {
    const above = previousLine(text, lineStart, floor)
    if (above?.text.trim().startsWith('#')) {
      const run = findTrailingTags(above.text)
      if (run.tags.length > 0 && above.text.slice(0, run.start).trim() === '') {
        tags = run.tags
        entryStart = above.start
      }
    }
  }
  const above = previousLine(text, lineStartBefore(text, entryStart, floor), floor)
  if (above && above.text.trim() === layoutALinkLine) entryStart = above.start
  return { entryStart, tags }
}

function readEntry(
  text: string,
  marker: { offset: number; end: number; date: string },
  entryStart: number,
  tags: string[],
  regionEnd: number,
  problems: TextSegmentProblem[],
): TextExportEntry {
  const validDate = isCalendarDate(marker.date)
  if (!validDate) {
    problems.push({
      code: 'text-invalid-issue-date',
      severity: 'error',
      message: `\`Issue Date:\` is followed by "${marker.date.slice(0, 40)}", not a YYYY-MM-DD date.`,
      offset: marker.offset,
    })
  }
  const headerEnd = nextNewline(text, marker.end, regionEnd)
  let header = text.slice(marker.end, headerEnd).trim()
  const hasMarker = header === commentMarker || header.endsWith(` ${commentMarker}`)
  if (hasMarker) header = header.slice(0, header.length - commentMarker.length).trim()
  let titleLine = header
  let summary: string | null = null
  const summaryAt = header.indexOf(summaryMarker)
  if (summaryAt !== -1) {
    titleLine = header.slice(0, summaryAt).trim()
    summary = header.slice(summaryAt + summaryMarker.length).trim()
  }
  const rest = text.slice(headerEnd, regionEnd)
  const cleaned = removeHtmlRemnants(rest)
  let comment: string | null = null
  const commentOffset = headerEnd + (rest.length - rest.trimStart().length)
  if (cleaned.trim() !== '') {
    comment = normaliseCommentText(cleaned)
    if (!hasMarker) {
      problems.push({
        code: 'text-comment-marker-missing',
        severity: 'warning',
        message:
          'Text follows an entry whose header does not end with `Comment`; it is kept as the comment.',
        offset: commentOffset,
      })
    }
  } else if (hasMarker) {
    problems.push({
      code: 'text-empty-comment',
      severity: 'info',
      message: 'The entry is marked `Comment` but no comment text follows.',
      offset: marker.offset,
    })
  }
  return {
    offset: entryStart,
    dateOffset: marker.offset,
    tags,
    issueDate: marker.date,
    validDate,
    titleLine,
    summary,
    comment,
    commentOffset,
    commentMarker: hasMarker,
  }
}

/** Drops lines that are only stray closing/opening `div` tags (the page's `</div>` remnant). */
function removeHtmlRemnants(text: string): string {
  return text.replace(/^[ \t]*<\/?div\b[^>\n]*>[ \t]*$/gim, '')
}

/** Trims a comment's text and turns line endings into `\n` (lines keep their own spacing). */
function normaliseCommentText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
