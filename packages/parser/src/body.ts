/**
 * The issue body of a note (NOTE-FORMAT.md §3.1): `#` sections `URL`, `Authors`, `Abstract`,
 * `Translation (by …)` and `Summary (by …)`, and any other section kept verbatim.
 *
 * The body is read line by line: a section starts at a `# Heading` line at column 1 outside a
 * fenced code block (fences, too, are recognised at column 1), so section text is kept exactly
 * as written. A recognised section's text loses a single leading
 * `- ` list marker; when every later non-empty line is indented past that marker, the indent is
 * removed too (`stringifyNote` writes multi-line text that way so that a line such as `# x`
 * inside an abstract cannot start a section).
 */
import type { Diagnostic, GeneratedText, Section } from '@paper-notes/core'
import { internString } from './interned-string.js'
import { toLineFeeds } from './line-feeds.js'
import { ownString } from './own-string.js'

/** What {@link parseIssueBody} reads from an issue body. */
export interface IssueBody {
  /** The first URL of the `URL` section, or of a body that is only a URL (or `paper: URL`). */
  paperUrl?: string
  /** The `Authors` list, in order; empty when there is no such section. */
  authors: string[]
  /** Whether the body has an `Authors` section (even an empty one). */
  hasAuthors: boolean
  /** The `Abstract` text, or `null`. */
  abstract: string | null
  /** The `Translation (by model)` text, or `null`. */
  translation: GeneratedText | null
  /** The `Summary (by model)` text, or `null`. */
  summary: GeneratedText | null
  /** Every other section, verbatim and in order; text before the first heading has heading `''`. */
  sections: Section[]
  /** Problems found, positioned in the file. */
  diagnostics: Diagnostic[]
}

/** Where the body starts in its file. */
export interface BodyContext {
  file?: string
  /** 1-based line of the body's first line in the file. */
  line: number
}

interface RawSection {
  /** The heading text; `undefined` for the text before the first heading. */
  heading: string | undefined
  /** 0-based index of the heading line (or of the first line for the preamble). */
  lineIndex: number
  lines: string[]
}

type Recognised = 'url' | 'authors' | 'abstract' | 'translation' | 'summary'

/**
 * Reads an issue body into its recognised sections and the rest.
 *
 * @example
 * const body = parseIssueBody('# URL\n- https://arxiv.org/abs/2502.02797\n# Abstract\n- We study…', { line: 5 })
 * body.paperUrl // => 'https://arxiv.org/abs/2502.02797'
 * body.abstract // => 'We study…'
 */
export function parseIssueBody(markdown: string, context: BodyContext): IssueBody {
  const body: IssueBody = {
    authors: [],
    hasAuthors: false,
    abstract: null,
    translation: null,
    summary: null,
    sections: [],
    diagnostics: [],
  }
  const report = (
    code: string,
    severity: Diagnostic['severity'],
    message: string,
    index: number,
  ) => {
    const diagnostic: Diagnostic = {
      code,
      severity,
      message,
      line: context.line + index,
      column: 1,
    }
    if (context.file !== undefined) diagnostic.file = context.file
    body.diagnostics.push(diagnostic)
  }

  const raw = splitSections(toLineFeeds(markdown))
  const seen = new Set<Recognised>()
  for (const section of raw) {
    const content = trimBlankLines(section.lines)
    if (section.heading === undefined) {
      if (content === '') continue
      const paper = raw.length === 1 ? bareUrl(content) : undefined
      if (paper !== undefined) body.paperUrl = ownString(paper)
      else body.sections.push({ heading: '', markdown: ownString(content) })
      continue
    }
    const recognised = recognise(section.heading)
    if (recognised === undefined || seen.has(recognised.name)) {
      if (recognised !== undefined) {
        report(
          'body-duplicate-section',
          'info',
          `A second "${section.heading}" section was kept as an ordinary section.`,
          section.lineIndex,
        )
      }
      body.sections.push({ heading: ownString(section.heading), markdown: ownString(content) })
      continue
    }
    seen.add(recognised.name)
    switch (recognised.name) {
      case 'url': {
        const url = firstUrl(content)
        if (url === undefined) {
          report('body-url-missing', 'warning', 'The URL section holds no URL.', section.lineIndex)
          if (content !== '') {
            body.sections.push({
              heading: ownString(section.heading),
              markdown: ownString(content),
            })
          }
        } else {
          body.paperUrl = ownString(url)
          // Anything beyond one `- URL` line (`- preprint: …`, a second URL) is kept verbatim.
          if (sectionText(content) !== url) {
            body.sections.push({
              heading: ownString(section.heading),
              markdown: ownString(content),
            })
          }
        }
        break
      }
      case 'authors':
        body.hasAuthors = true
        body.authors = authorList(content)
        break
      case 'abstract':
        body.abstract = ownString(sectionText(content))
        break
      case 'translation':
      case 'summary': {
        const generated: GeneratedText = { text: ownString(sectionText(content)) }
        if (recognised.model !== undefined) generated.model = internString(recognised.model)
        body[recognised.name] = generated
        break
      }
    }
  }
  return body
}

/** Splits the body at level-1 ATX headings outside fenced code blocks. */
function splitSections(markdown: string): RawSection[] {
  const lines = markdown.split('\n')
  const sections: RawSection[] = [{ heading: undefined, lineIndex: 0, lines: [] }]
  let fence: string | undefined
  for (const [index, line] of lines.entries()) {
    const fenceMarker = fenceOf(line)
    if (fence !== undefined) {
      if (fenceMarker?.startsWith(fence) && isClosingFence(line)) {
        fence = undefined
      }
    } else if (fenceMarker !== undefined) {
      fence = fenceMarker
    } else {
      const heading = headingOf(line)
      if (heading !== undefined) {
        sections.push({ heading, lineIndex: index, lines: [] })
        continue
      }
    }
    sections.at(-1)!.lines.push(line)
  }
  return sections
}

/**
 * `# Heading` at column 1 → `Heading`. An indented `# …` line belongs to the section's text
 * (that is how `stringifyNote` writes continuation lines of a list item).
 */
function headingOf(line: string): string | undefined {
  if (line[0] !== '#') return undefined
  const next = line[1]
  if (next !== undefined && next !== ' ' && next !== '\t') return undefined
  return line.slice(1).trim()
}

/** The fence marker (` ``` ` or `~~~`, possibly longer) opening a line at column 1, if any. */
export function fenceOf(line: string): string | undefined {
  const text = line
  const char = text[0]
  if (char !== '`' && char !== '~') return undefined
  let length = 0
  while (text[length] === char) length++
  return length >= 3 ? char.repeat(length) : undefined
}

function isClosingFence(line: string): boolean {
  const text = line.trim()
  const char = text[0]
  for (const c of text) if (c !== char) return false
  return true
}

function recognise(heading: string): { name: Recognised; model?: string } | undefined {
  const lower = heading.toLowerCase()
  if (lower === 'url') return { name: 'url' }
  if (lower === 'authors') return { name: 'authors' }
  if (lower === 'abstract') return { name: 'abstract' }
  for (const name of ['translation', 'summary'] as const) {
    if (lower === name) return { name }
    if (!lower.startsWith(name)) continue
    const rest = heading.slice(name.length).trim()
    if (rest.startsWith('(') && rest.endsWith(')')) {
      const inner = rest.slice(1, -1).trim()
      if (inner.toLowerCase().startsWith('by ') || inner.toLowerCase().startsWith('by\t')) {
        const model = inner.slice(3).trim()
        return model === '' ? { name } : { name, model }
      }
    }
  }
  return undefined
}

/** Removes blank lines at the start and whitespace at the end. */
function trimBlankLines(lines: readonly string[]): string {
  let start = 0
  while (start < lines.length && lines[start]!.trim() === '') start++
  return lines.slice(start).join('\n').trimEnd()
}

/**
 * A recognised section's text: without its single leading `- ` marker, and without the indent of
 * its continuation lines when every one of them is indented past the marker.
 */
export function sectionText(content: string): string {
  if (content === '') return ''
  const lines = content.split('\n')
  const first = lines[0]!
  let indent = 0
  while (first[indent] === ' ') indent++
  if (first[indent] !== '-' || (first[indent + 1] !== ' ' && first.length !== indent + 1)) {
    return content
  }
  const rest = lines.slice(1)
  const width = indent + 2
  const pad = ' '.repeat(width)
  const dedent = rest.length > 0 && rest.every((line) => line === '' || line.startsWith(pad))
  const body = dedent ? rest.map((line) => line.slice(width)) : rest
  return [first.slice(indent + 2), ...body].join('\n')
}

/** The first `http(s)://` URL in a text, without trailing punctuation. */
export function firstUrl(text: string): string | undefined {
  const match = /https?:\/\/[^\s<>"'`]+/i.exec(text)
  if (!match) return undefined
  const url = match[0]
  let end = url.length
  while (end > 0 && ')].,;:!?、。）」'.includes(url[end - 1]!)) end--
  return url.slice(0, end)
}

/** A body (or URL section) that is only `URL`, `- URL` or `paper: URL` → that URL. */
function bareUrl(content: string): string | undefined {
  let text = content.trim()
  if (text.includes('\n')) return undefined
  if (text.startsWith('- ')) text = text.slice(2).trim()
  if (text.toLowerCase().startsWith('paper:')) text = text.slice(6).trim()
  const url = firstUrl(text)
  return url !== undefined && url === text ? url : undefined
}

function authorList(content: string): string[] {
  const authors: string[] = []
  for (const line of content.split('\n')) {
    let text = line.trim()
    if (text.startsWith('- ') || text.startsWith('* ') || text.startsWith('+ ')) {
      text = text.slice(2).trim()
    }
    if (text !== '') authors.push(text)
  }
  return authors
}
