/**
 * Note identity (NOTE-FORMAT.md §1) and the assembly of a `Note` from what a reader found:
 * title-line parts, issue body, comments and explicit values. Every reader builds its notes
 * here, so the same facts give the same note whatever the source format.
 */
import type {
  Comment,
  Diagnostic,
  GeneratedText,
  Note,
  NoteKind,
  NoteLinks,
  NoteSource,
  Published,
  Venue,
} from '@paper-notes/core'
import { stableHash } from '@paper-notes/core'
import type { IssueBody } from './body.js'
import { internString } from './interned-string.js'
import { hasPaperNotePrefix, parseTitleLine, type TitleLineParts } from './title-line.js'

/** What a note's id is computed from. */
export interface NoteIdInput {
  /** The issue number, when the source gives it. */
  issue?: number
  /** The note's issue URL; its `…/issues/1234` number is used when `issue` is not given. */
  issueUrl?: string
  issueDate: string
  titleLine: string
  summary: string | null
  /** The comments' markdown, in order. */
  comments: readonly string[]
}

/**
 * A note's id: the issue number when known (`"4175"`), else a stable hash of the issue date,
 * title line, summary and comment text (16 hex digits, the same on every machine).
 *
 * @example
 * noteId({ issueUrl: 'https://github.com/o/notes/issues/4175', issueDate: '2026-01-12', titleLine: '', summary: null, comments: [] })
 * // => '4175'
 */
export function noteId(input: NoteIdInput): string {
  const issue = input.issue ?? issueNumberOf(input.issueUrl)
  if (issue !== undefined) return String(issue)
  return stableHash(
    JSON.stringify([input.issueDate, input.titleLine, input.summary ?? '', ...input.comments]),
  )
}

/** The number at the end of an issue URL (`…/issues/1234`, any host), else `undefined`. */
export function issueNumberOf(url: string | undefined): number | undefined {
  if (url === undefined) return undefined
  const path = url
    .split(/[?#]/, 1)[0]!
    .split('/')
    .filter((part) => part !== '')
  if (path.at(-2) !== 'issues') return undefined
  const number = path.at(-1) ?? ''
  if (!/^\d{1,9}$/.test(number)) return undefined
  const value = Number(number)
  return value >= 1 ? value : undefined
}

/**
 * A note's kind from its title line and tags: `paper` with the `[Paper Note]` prefix; else
 * `article` when tagged `Article`; else `paper` when the title line names a venue.
 */
export function deriveKind(
  titleLine: string,
  parts: TitleLineParts,
  tags: readonly string[],
): NoteKind {
  if (hasPaperNotePrefix(titleLine)) return 'paper'
  if (tags.includes('Article')) return 'article'
  return parts.kind
}

/** Values a source states outright; each wins over what is derived. */
export interface NoteOverrides {
  id?: string
  kind?: NoteKind
  authors?: string[]
  venue?: Venue | null
  published?: Published | null
  abstract?: string | null
  translation?: GeneratedText | null
  summary?: GeneratedText | null
}

/** Everything a reader knows about one note. */
export interface NoteInput {
  /** Where the note starts in its input. */
  source: NoteSource
  /** The title line as written (`''` when the source has none). */
  titleLine: string
  /** Where the title line is, so title-line diagnostics get a position (file from `source`). */
  titleLinePosition?: { line: number; column: number }
  /** `YYYY-MM-DD`; the reader has checked it. */
  issueDate: string
  /** Tags in source order; trimmed, empty ones dropped, duplicates removed. */
  tags?: readonly string[]
  /** The parsed issue body. */
  body?: IssueBody
  /** The comments, in order. */
  comments?: readonly Comment[]
  /** Explicit links (an export's paper link and issue link); they win over the body's URL. */
  links?: NoteLinks
  /** The issue number, when the source states it. */
  issue?: number
  /** Explicit values that win over derived ones. */
  overrides?: NoteOverrides
  /** Source fields the model does not name. */
  extra?: Record<string, unknown>
}

/**
 * Assembles a `Note`: parses the title line, takes authors from the body's `Authors` section
 * (else the title line), the paper URL from explicit links (else the body), and applies
 * overrides. Returns the note and the title line's and body's diagnostics.
 *
 * @example
 * const { note } = buildNote({
 *   source: { format: 'markdown', file: 'kto.md', line: 1, column: 1 },
 *   titleLine: "KTO: Model Alignment as Prospect Theoretic Optimization, Kawin Ethayarajh+, N_A, ICML'24",
 *   issueDate: '2024-10-27',
 *   tags: ['Alignment'],
 * })
 * note.venue // => { name: 'ICML', year: 2024 }
 */
export function buildNote(input: NoteInput): { note: Note; diagnostics: Diagnostic[] } {
  const position = input.titleLinePosition
  const parts = parseTitleLine(
    input.titleLine,
    position && {
      ...(input.source.file !== undefined ? { file: input.source.file } : {}),
      line: position.line,
      column: position.column,
    },
  )
  const body = input.body
  const overrides = input.overrides ?? {}
  const tags = uniqueTags(input.tags ?? []).map(internString)
  const comments = [...(input.comments ?? [])]

  const links: NoteLinks = {}
  const paper = input.links?.paper ?? body?.paperUrl
  if (paper !== undefined && paper !== '') links.paper = paper
  if (input.links?.issue !== undefined && input.links.issue !== '') links.issue = input.links.issue

  const summary = overrides.summary !== undefined ? overrides.summary : (body?.summary ?? null)
  const id =
    overrides.id ??
    noteId({
      ...(input.issue !== undefined ? { issue: input.issue } : {}),
      ...(links.issue !== undefined ? { issueUrl: links.issue } : {}),
      issueDate: input.issueDate,
      titleLine: input.titleLine,
      summary: summary?.text ?? null,
      comments: comments.map((comment) => comment.markdown),
    })

  const note: Note = {
    id,
    kind: overrides.kind ?? deriveKind(input.titleLine, parts, tags),
    titleLine: input.titleLine,
    title: parts.title,
    authors: (overrides.authors ?? (body?.hasAuthors ? body.authors : parts.authors)).map(
      internString,
    ),
    etAl: parts.etAl,
    venue: overrides.venue !== undefined ? overrides.venue : internVenue(parts.venue),
    published: overrides.published !== undefined ? overrides.published : parts.published,
    // One string per day and per venue name: a collection repeats each many times.
    issueDate: internString(input.issueDate),
    tags,
    links,
    abstract: overrides.abstract !== undefined ? overrides.abstract : (body?.abstract ?? null),
    translation:
      overrides.translation !== undefined ? overrides.translation : (body?.translation ?? null),
    summary,
    sections: body ? [...body.sections] : [],
    comments,
    source: input.source,
  }
  if (input.extra !== undefined && Object.keys(input.extra).length > 0) note.extra = input.extra
  const diagnostics = [...parts.diagnostics, ...(body?.diagnostics ?? [])].map((diagnostic) => ({
    ...diagnostic,
    noteId: id,
  }))
  return { note, diagnostics }
}

/** `venue` with its name interned (see `internString`). */
function internVenue(venue: Venue | null): Venue | null {
  if (venue === null) return null
  venue.name = internString(venue.name)
  return venue
}

/** Tags trimmed, empty ones dropped, duplicates removed, source order kept. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const result: string[] = []
  for (const tag of tags) {
    const name = tag.trim()
    if (name === '' || seen.has(name)) continue
    seen.add(name)
    result.push(name)
  }
  return result
}
