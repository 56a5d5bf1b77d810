/**
 * The note-markdown reader (NOTE-FORMAT.md §3.1): one note per file, YAML front matter, the
 * issue body, then comments, each started by a `<!-- comment … -->` line.
 *
 * Front matter is found with `micromark-extension-frontmatter` + `mdast-util-frontmatter` and
 * read with the `yaml` package; every diagnostic carries the file, line and column of the
 * offending text (a YAML syntax error points into the YAML, a bad field at its key).
 */
import type { Comment, Diagnostic, NoteKind, NoteLinks, Published, Venue } from '@paper-notes/core'
import { isCalendarDate } from '@paper-notes/core'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import { frontmatter } from 'micromark-extension-frontmatter'
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'
import { fenceOf, parseIssueBody } from './body.js'
import { createComment } from './comment.js'
import { type PlainFrontMatter, readPlainFrontMatter } from './front-matter-yaml.js'
import { toLineFeeds } from './line-feeds.js'
import { buildNote, issueNumberOf, type NoteOverrides } from './note-id.js'
import { ownString } from './own-string.js'
import type { Reader, ReaderResult } from './reader.js'
import { parseVenue } from './title-line.js'

/** Front-matter keys the model names; any other key goes to `note.extra`. */
export const frontMatterKeys = [
  'title',
  'date',
  'tags',
  'issue',
  'url',
  'id',
  'kind',
  'authors',
  'venue',
  'published',
] as const

interface Position {
  line: number
  column: number
}

interface CommentMarker {
  author?: string
  date?: string
  /** Text inside the marker that is not a known `name="value"` attribute. */
  ignored: string
}

/**
 * Reads one note-markdown file. Never throws: a file whose front matter is missing, unclosed,
 * not valid YAML, or lacks a valid `title`/`date` gives an error and no note; a bad optional
 * field gives an error and is ignored; everything else still becomes the note.
 *
 * @example
 * const { notes } = readNoteMarkdown({
 *   text: '---\ntitle: "SmolLM2, 2024.11"\ndate: 2024-11-21\ntags: [Article]\n---\nhttps://example.com/smollm2\n',
 *   file: 'smollm2.md',
 *   options: {},
 * })
 * notes[0].links.paper // => 'https://example.com/smollm2'
 */
export const readNoteMarkdown: Reader = ({ text: input, file, options }) => {
  const result: ReaderResult = { notes: [], diagnostics: [] }
  const report = (
    code: string,
    severity: Diagnostic['severity'],
    message: string,
    at: Position = { line: 1, column: 1 },
  ) => {
    const diagnostic: Diagnostic = { code, severity, message }
    if (file !== undefined) diagnostic.file = file
    diagnostic.line = at.line
    diagnostic.column = at.column
    result.diagnostics.push(diagnostic)
  }

  const text = toLineFeeds(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input)
  if (text.trim() === '') {
    report('input-empty', 'error', 'The file is empty.')
    return result
  }
  const lines = text.split('\n')
  const front = findFrontMatter(lines)
  if (front.kind === 'missing') {
    report(
      'front-matter-missing',
      'error',
      'A note file must start with YAML front matter between two "---" lines.',
    )
    return result
  }
  if (front.kind === 'unclosed') {
    report(
      'front-matter-unclosed',
      'error',
      'The front matter opened on line 1 is never closed by a "---" line.',
    )
    return result
  }

  // The usual simple front matter is read directly; anything else goes through `yaml`, which
  // also reports bad YAML.
  const read = readPlainFrontMatter(front.yaml) ?? readYamlFrontMatter(front.yaml, report)
  if (read === undefined) return result
  const { data, keyPositions } = read
  const at = (key: string): Position => keyPositions.get(key) ?? { line: 1, column: 1 }
  const invalid = (key: string, expected: string) =>
    report(
      `front-matter-${key}-invalid`,
      'error',
      `"${key}" must be ${expected}; the value was ignored.`,
      at(key),
    )

  // Required fields: without them there is no note.
  const title = data['title']
  if (title === undefined || title === null) {
    report('front-matter-title-missing', 'error', 'The front matter has no "title".')
    return result
  }
  if (typeof title !== 'string') {
    report(
      'front-matter-title-invalid',
      'error',
      '"title" must be a string (quote it).',
      at('title'),
    )
    return result
  }
  if (title === '') {
    report(
      'front-matter-title-empty',
      'warning',
      '"title" is empty; only notes converted from exports without title lines should have none.',
      at('title'),
    )
  }
  const date = data['date']
  if (date === undefined || date === null) {
    report('front-matter-date-missing', 'error', 'The front matter has no "date" (the issue date).')
    return result
  }
  if (typeof date !== 'string' || !isCalendarDate(date)) {
    report(
      'front-matter-date-invalid',
      'error',
      `"date" must be an existing calendar date written YYYY-MM-DD; got ${JSON.stringify(String(date))}.`,
      at('date'),
    )
    return result
  }

  // Optional fields: a bad one is reported and ignored.
  let tags: string[] = []
  if (data['tags'] !== undefined && data['tags'] !== null) {
    if (isStringList(data['tags'])) tags = data['tags']
    else invalid('tags', 'a list of non-empty strings')
  }
  const links: NoteLinks = {}
  const overrides: NoteOverrides = {}
  let issue: number | undefined
  const issueValue = data['issue']
  if (issueValue !== undefined && issueValue !== null) {
    if (typeof issueValue === 'string' && /^https?:\/\//i.test(issueValue)) {
      links.issue = ownString(issueValue)
    } else if (isIssueNumber(issueValue)) {
      issue = Number(issueValue)
    } else {
      invalid('issue', 'the note’s issue URL or issue number')
    }
  }
  const url = data['url']
  if (url !== undefined && url !== null) {
    if (typeof url === 'string' && url !== '') links.paper = ownString(url)
    else invalid('url', 'a URL string')
  }
  const id = data['id']
  if (id !== undefined && id !== null) {
    if ((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isInteger(id))) {
      overrides.id = String(id)
    } else {
      invalid('id', 'a non-empty string')
    }
  }
  const kind = data['kind']
  if (kind !== undefined && kind !== null) {
    if (kind === 'paper' || kind === 'article') overrides.kind = kind satisfies NoteKind
    else invalid('kind', '"paper" or "article"')
  }
  if (data['authors'] !== undefined && data['authors'] !== null) {
    if (isStringList(data['authors'])) overrides.authors = data['authors']
    else invalid('authors', 'a list of non-empty strings')
  }
  if ('venue' in data) {
    const venue = readVenue(data['venue'])
    if (venue === undefined) invalid('venue', `null, "Name'YY" or { name, year?, qualifier? }`)
    else overrides.venue = venue
  }
  if ('published' in data) {
    const published = readPublished(data['published'])
    if (published === undefined) invalid('published', 'null, "YYYY.MM" or { year, month? }')
    else overrides.published = published
  }
  const extra: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data)) {
    if (!(frontMatterKeys as readonly string[]).includes(key)) extra[key] = value
  }

  // Body and comments.
  const titleLinePosition = read.valueStarts.get('title') ?? { line: 2, column: 1 }
  const split = splitBodyAndComments(lines, front.bodyStart)
  const body = parseIssueBody(
    split.body.join('\n'),
    file === undefined ? { line: front.bodyStart + 1 } : { file, line: front.bodyStart + 1 },
  )
  const issueBase = links.issue === undefined ? undefined : issueTrackerOf(links.issue)
  const comments: Comment[] = []
  for (const part of split.comments) {
    const markerAt = { line: part.line, column: 1 }
    if (part.marker.ignored !== '') {
      report(
        'comment-marker-attribute-ignored',
        'warning',
        `The comment marker holds text that is not author="…" or date="…": ${JSON.stringify(part.marker.ignored)}.`,
        markerAt,
      )
    }
    if (part.marker.date !== undefined && !isCommentDate(part.marker.date)) {
      report(
        'comment-date-invalid',
        'warning',
        `The comment date ${JSON.stringify(part.marker.date)} is not YYYY-MM-DD or an ISO 8601 date-time; it was kept as written.`,
        markerAt,
      )
    }
    comments.push(
      createComment(trimBlankLines(part.lines), {
        ...(part.marker.author !== undefined ? { author: part.marker.author } : {}),
        ...(part.marker.date !== undefined ? { date: part.marker.date } : {}),
        ...(issueBase !== undefined ? { issueBase } : {}),
        ...(options.positions === false ? { positions: false } : {}),
      }),
    )
  }

  const built = buildNote({
    source: { format: 'markdown', ...(file !== undefined ? { file } : {}), line: 1, column: 1 },
    // The values kept in the note are copied out of the front matter text, so it can be freed.
    titleLine: ownString(title),
    titleLinePosition,
    issueDate: date,
    tags,
    body,
    comments,
    links,
    ...(issue !== undefined ? { issue } : {}),
    overrides,
    extra,
  })
  result.notes.push(built.note)
  result.diagnostics.push(...built.diagnostics)
  for (const diagnostic of result.diagnostics) diagnostic.noteId ??= built.note.id
  return result
}

type Report = (
  code: string,
  severity: Diagnostic['severity'],
  message: string,
  at?: Position,
) => void

/**
 * Reads front matter YAML with the `yaml` package: the data, where each key starts and where
 * each value's text starts (after an opening quote). Reports syntax errors, warnings and a
 * front matter that is not a mapping; `undefined` when there is no data to read.
 */
function readYamlFrontMatter(yaml: string, report: Report): PlainFrontMatter | undefined {
  // The YAML text starts on line 2 of the file.
  const lineCounter = new LineCounter()
  const document = parseDocument(yaml, { lineCounter, prettyErrors: true })
  const yamlPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset)
    return { line: line + 1, column: col }
  }
  for (const error of document.errors) {
    report(
      'front-matter-yaml',
      'error',
      `The front matter is not valid YAML: ${firstLine(error.message)}`,
      yamlPosition(error.pos[0]),
    )
  }
  if (document.errors.length > 0) return undefined
  for (const warning of document.warnings) {
    report(
      'front-matter-yaml-warning',
      'warning',
      firstLine(warning.message),
      yamlPosition(warning.pos[0]),
    )
  }
  const contents = document.contents
  if (contents !== null && !isMap(contents)) {
    report(
      'front-matter-not-a-map',
      'error',
      'The front matter must be a YAML mapping of keys to values.',
      { line: 2, column: 1 },
    )
    return undefined
  }
  const keyPositions = new Map<string, Position>()
  const valueNodes = new Map<string, YamlNode>()
  for (const pair of contents?.items ?? []) {
    if (!isScalar(pair.key)) continue
    const key = String(pair.key.value)
    keyPositions.set(key, yamlPosition(pair.key.range?.[0] ?? 0))
    if (pair.value && typeof pair.value === 'object' && 'range' in pair.value) {
      valueNodes.set(key, pair.value as YamlNode)
    }
  }
  let data: Record<string, unknown>
  try {
    // `maxAliasCount` stops alias expansion bombs ("billion laughs") with an exception.
    data = (document.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>
  } catch (error) {
    report(
      'front-matter-yaml',
      'error',
      `The front matter cannot be read: ${error instanceof Error ? firstLine(error.message) : String(error)}`,
      { line: 2, column: 1 },
    )
    return undefined
  }
  const valueStarts = new Map<string, Position>()
  for (const [key, node] of valueNodes) {
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')
    valueStarts.set(key, yamlPosition((node.range?.[0] ?? 0) + (quoted ? 1 : 0)))
  }
  return { data, keyPositions, valueStarts }
}

type FrontMatter =
  | { kind: 'missing' }
  | { kind: 'unclosed' }
  | { kind: 'found'; yaml: string; bodyStart: number }

/**
 * Finds the YAML front matter: micromark's frontmatter construct decides, fed only the lines up
 * to the first closing fence candidate (so a large body is not parsed twice).
 */
const frontMatterOptions = {
  extensions: [frontmatter(['yaml'])],
  mdastExtensions: [frontmatterFromMarkdown(['yaml'])],
}

/** A fence line micromark's frontmatter construct accepts: `---`, then spaces or tabs. */
const plainFence = /^---[ \t]*$/

function findFrontMatter(lines: readonly string[]): FrontMatter {
  const opens = lines[0]?.trimEnd() === '---'
  let close = -1
  if (opens) {
    for (let i = 1; i < lines.length; i++) {
      if (lines[i]!.trimEnd() === '---') {
        close = i
        break
      }
    }
  }
  if (close === -1) return opens ? { kind: 'unclosed' } : { kind: 'missing' }
  // Fences that are `---` and spaces or tabs only are what micromark's construct accepts, so
  // the usual note needs no parse at all.
  if (plainFence.test(lines[0]!) && plainFence.test(lines[close]!)) {
    return { kind: 'found', yaml: lines.slice(1, close).join('\n'), bodyStart: close + 1 }
  }
  // Otherwise micromark's frontmatter construct decides. Only the fence lines matter to it (content
  // lines cannot open or close front matter), so it is fed the fences with the content lines
  // blanked: the same decision and line numbers, without tokenizing the YAML text twice.
  const headEnd = close + 1
  const head = lines
    .slice(0, headEnd)
    .map((line, index) => (index === 0 || index === close ? line : ''))
    .join('\n')
  const tree = fromMarkdown(head, frontMatterOptions)
  const first = tree.children[0]
  if (first?.type === 'yaml') {
    return {
      kind: 'found',
      yaml: lines.slice(1, close).join('\n'),
      bodyStart: first.position?.end.line ?? close + 1,
    }
  }
  return { kind: 'unclosed' }
}

/** The body lines (up to the first comment marker) and each comment's marker and lines. */
function splitBodyAndComments(
  lines: readonly string[],
  from: number,
): { body: string[]; comments: { marker: CommentMarker; line: number; lines: string[] }[] } {
  const body: string[] = []
  const comments: { marker: CommentMarker; line: number; lines: string[] }[] = []
  let fence: string | undefined
  for (let index = from; index < lines.length; index++) {
    const line = lines[index]!
    const fenceMarker = fenceOf(line)
    if (fence !== undefined) {
      if (fenceMarker?.startsWith(fence) && line.trim() === fenceMarker) fence = undefined
    } else if (fenceMarker !== undefined) {
      fence = fenceMarker
    } else if (line.charCodeAt(0) === 0x3c /* < */) {
      const marker = commentMarkerOf(line)
      if (marker !== undefined) {
        comments.push({ marker, line: index + 1, lines: [] })
        continue
      }
    }
    const current = comments.at(-1)
    if (current) current.lines.push(line)
    else body.push(line)
  }
  return { body, comments }
}

/**
 * A comment marker line, starting at column 1: `<!-- comment -->` or
 * `<!-- comment author="…" date="…" -->` → its attributes (HTML entities
 * `&quot; &amp; &lt; &gt;` decoded); any other line → `undefined`.
 */
export function commentMarkerOf(line: string): CommentMarker | undefined {
  const text = line.trimEnd()
  if (!text.startsWith('<!--') || !text.endsWith('-->') || text.length < 7) return undefined
  const inner = text.slice(4, -3).trim()
  if (inner !== 'comment' && !/^comment\s/.test(inner)) return undefined
  const marker: CommentMarker = { ignored: '' }
  let rest = inner.slice('comment'.length)
  rest = rest.replace(/([A-Za-z][\w-]{0,63})="([^"]*)"/g, (whole, name: string, value: string) => {
    if (name === 'author' && marker.author === undefined) marker.author = decodeAttribute(value)
    else if (name === 'date' && marker.date === undefined) marker.date = decodeAttribute(value)
    else return whole
    return ''
  })
  marker.ignored = rest.trim()
  return marker
}

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** Removes blank lines at the start and whitespace at the end. */
function trimBlankLines(lines: readonly string[]): string {
  let start = 0
  while (start < lines.length && lines[start]!.trim() === '') start++
  return lines.slice(start).join('\n').trimEnd()
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message
}

function isCommentDate(text: string): boolean {
  if (isCalendarDate(text)) return true
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?$/.test(text)
    ? isCalendarDate(text.slice(0, 10))
    : false
}

function isStringList(value: unknown): value is string[] {
  return (
    Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '')
  )
}

function isIssueNumber(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1
  return typeof value === 'string' && /^[1-9]\d{0,8}$/.test(value)
}

/** `null` → null; `"ICLR'25 Oral"`, `"N_A"`, `"Nvidia"` or `{ name, year?, qualifier? }` → a venue. */
function readVenue(value: unknown): Venue | null | undefined {
  if (value === null) return null
  if (typeof value === 'string') {
    const text = value.trim()
    if (text === '' || text === 'N_A') return null
    return parseVenue(text) ?? { name: text }
  }
  if (typeof value !== 'object' || Array.isArray(value)) return undefined
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.some((key) => key !== 'name' && key !== 'year' && key !== 'qualifier')) return undefined
  const { name, year, qualifier } = record
  if (typeof name !== 'string' || name === '') return undefined
  const venue: Venue = { name }
  if (year !== undefined) {
    if (typeof year !== 'number' || !Number.isInteger(year)) return undefined
    venue.year = year
  }
  if (qualifier !== undefined) {
    if (typeof qualifier !== 'string' || qualifier === '') return undefined
    venue.qualifier = qualifier
  }
  return venue
}

/** `null` → null; `"2025.05"`, `"2025-05"`, `2025` or `{ year, month? }` → a date. */
function readPublished(value: unknown): Published | null | undefined {
  if (value === null) return null
  if (typeof value === 'number') return Number.isInteger(value) ? { year: value } : undefined
  if (typeof value === 'string') {
    const match = /^(\d{4})(?:[.-](\d{2}))?$/.exec(value.trim())
    if (!match) return undefined
    const published: Published = { year: Number(match[1]) }
    if (match[2] !== undefined) {
      const month = Number(match[2])
      if (month < 1 || month > 12) return undefined
      published.month = month
    }
    return published
  }
  if (typeof value !== 'object' || Array.isArray(value)) return undefined
  const record = value as Record<string, unknown>
  if (Object.keys(record).some((key) => key !== 'year' && key !== 'month')) return undefined
  const { year, month } = record
  if (typeof year !== 'number' || !Number.isInteger(year)) return undefined
  const published: Published = { year }
  if (month !== undefined) {
    if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) {
      return undefined
    }
    published.month = month
  }
  return published
}

/** `https://github.com/o/notes/issues/12` → `https://github.com/o/notes/issues`. */
function issueTrackerOf(issueUrl: string): string | undefined {
  if (issueNumberOf(issueUrl) === undefined) return undefined
  const path = issueUrl.split(/[?#]/, 1)[0]!.replace(/\/+$/, '')
  return path.slice(0, path.lastIndexOf('/'))
}
