/**
 * The GitHub issues JSON reader (NOTE-FORMAT.md §3.4): a JSON array of issues in the REST API's
 * shape or `gh issue list --json`'s, each issue one note (title = title line, labels = tags,
 * creation time = issue date as a UTC date, number = id, body = §3.1 body, comments = comments).
 * Pull requests are skipped. Every diagnostic points at the issue's own line and column.
 */
import type { Comment, Diagnostic, Note, NoteSource } from '@paper-notes/core'
import { parseIssueBody } from './body.js'
import { createComment } from './comment.js'
import { utcDate } from './export-date.js'
import { createDiagnosticAt, type DiagnosticAt } from './export-diagnostic.js'
import { type GithubIssue, readGithubIssue } from './export-github-issue.js'
import { issueTracker } from './export-issue-tracker.js'
import { findJsonSyntaxError, findTopLevelElements } from './export-json-elements.js'
import { createPositionAt, type PositionAt } from './export-position.js'
import { buildNote, issueNumberOf } from './note-id.js'
import type { Reader, ReaderResult } from './reader.js'

/**
 * Reads GitHub issues JSON. Invalid JSON is reported at the position of its first syntax error,
 * and each array element is then read on its own, so the issues around a broken one still
 * become notes.
 *
 * Diagnostics: `github-invalid-json`, `github-issue-unreadable`, `github-not-issues`,
 * `github-not-an-issue`, `github-missing-created-at` (errors), `github-issue-field` (warning),
 * `github-pull-request-skipped` (info), plus the title-line and body diagnostics of each issue.
 *
 * @example
 * const { notes } = readGithubJson({
 *   text: '[{"number": 7, "title": "Tiny Data, Ann Lee+, ACL\'25", "labels": [{"name": "NLP"}], "createdAt": "2025-01-02T03:04:05Z", "body": "https://example.org/tiny", "url": "https://github.com/o/notes/issues/7", "comments": [{"author": {"login": "ann"}, "body": "良い。", "createdAt": "2025-01-03T00:00:00Z"}]}]',
 *   options: {},
 * })
 * notes[0].id // => '7'
 * notes[0].issueDate // => '2025-01-02'
 * notes[0].comments[0].author // => 'ann'
 */
export const readGithubJson: Reader = ({ text, file, options }): ReaderResult => {
  const positionAt = createPositionAt(text)
  const at = createDiagnosticAt(positionAt, file)
  const diagnostics: Diagnostic[] = []
  const notes: Note[] = []
  const elements = readElements(text, at, diagnostics)
  const context: IssueContext = {
    positionAt,
    at,
    file,
    diagnostics,
    positions: options.positions !== false,
  }
  for (const element of elements) {
    const note = readIssue(element.value, element.offset, context)
    if (note) notes.push(note)
  }
  return { notes, diagnostics }
}

interface JsonElement {
  value: unknown
  offset: number
}

/**
 * The elements of the top-level array (or the one issue object), with their offsets. Valid JSON
 * is parsed once; invalid JSON is reported, then each element is parsed from its own slice.
 */
function readElements(text: string, at: DiagnosticAt, diagnostics: Diagnostic[]): JsonElement[] {
  let value: unknown
  let valid = true
  try {
    value = JSON.parse(text)
  } catch {
    valid = false
  }
  const offsets = findTopLevelElements(text)
  if (valid) {
    if (Array.isArray(value)) {
      return value.map((element, index) => ({ value: element, offset: offsets[index] ?? 0 }))
    }
    if (typeof value === 'object' && value !== null && 'title' in value) {
      return [{ value, offset: Math.max(0, text.indexOf('{')) }]
    }
    diagnostics.push(
      at(
        'github-not-issues',
        'error',
        `Expected a JSON array of GitHub issues, found ${describe(value)}.`,
        Math.max(0, text.search(/\S/)),
      ),
    )
    return []
  }
  const error = findJsonSyntaxError(text) ?? { offset: 0, reason: 'InvalidSymbol' }
  diagnostics.push(
    at('github-invalid-json', 'error', `Invalid JSON (${error.reason}).`, error.offset),
  )
  // Read each element of the top-level array from its own slice: one broken issue does not
  // take the others down.
  const elements: JsonElement[] = []
  for (let index = 0; index < offsets.length; index++) {
    const offset = offsets[index]!
    const end = index + 1 < offsets.length ? offsets[index + 1]! : text.length
    const slice = text
      .slice(offset, end)
      .replace(/\s+$/, '')
      .replace(index + 1 < offsets.length ? /,$/ : /\s*\]?\s*$/, '')
    try {
      elements.push({ value: JSON.parse(slice), offset })
    } catch {
      diagnostics.push(
        at(
          'github-issue-unreadable',
          'error',
          'This array element is not valid JSON; it is skipped.',
          offset,
        ),
      )
    }
  }
  return elements
}

interface IssueContext {
  positionAt: PositionAt
  at: DiagnosticAt
  file: string | undefined
  diagnostics: Diagnostic[]
  /** Keep positions in comment trees. */
  positions: boolean
}

function readIssue(value: unknown, offset: number, context: IssueContext): Note | undefined {
  const { at, diagnostics } = context
  const reading = readGithubIssue(value)
  if (reading.kind === 'pull-request') {
    const which =
      reading.number === undefined ? 'A pull request' : `Pull request #${reading.number}`
    diagnostics.push(
      at('github-pull-request-skipped', 'info', `${which} is not a note; it is skipped.`, offset),
    )
    return undefined
  }
  if (reading.kind === 'not-an-issue') {
    diagnostics.push(
      at('github-not-an-issue', 'error', `Not a GitHub issue: ${reading.reason}.`, offset),
    )
    return undefined
  }
  for (const problem of reading.problems) {
    diagnostics.push(at('github-issue-field', 'warning', `Issue field: ${problem}.`, offset))
  }
  return issueToNote(reading.issue, offset, context)
}

function issueToNote(issue: GithubIssue, offset: number, context: IssueContext): Note | undefined {
  const { at, positionAt, file, diagnostics } = context
  const issueDate = issue.createdAt === undefined ? undefined : utcDate(issue.createdAt)
  if (issueDate === undefined) {
    const label = issue.number === undefined ? 'An issue' : `Issue #${issue.number}`
    diagnostics.push(
      at(
        'github-missing-created-at',
        'error',
        `${label} has no valid \`created_at\`/\`createdAt\` timestamp; a note needs its issue date, so it is skipped.`,
        offset,
      ),
    )
    return undefined
  }
  const start = positionAt(offset)
  const source: NoteSource = { format: 'github', line: start.line, column: start.column }
  if (file !== undefined) source.file = file
  const issueUrl = issue.url?.trim() || undefined
  const issueBase = issueUrl === undefined ? undefined : issueTracker(issueUrl)
  // The body is a JSON string, so its own lines are not lines of the file: body diagnostics
  // point at the issue's line.
  const body = parseIssueBody(issue.body, {
    ...(file !== undefined ? { file } : {}),
    line: start.line,
  })
  const comments: Comment[] = issue.comments.map((comment) =>
    createComment(comment.body, {
      ...(comment.author !== undefined ? { author: comment.author } : {}),
      ...(comment.createdAt !== undefined ? { date: comment.createdAt } : {}),
      ...(issueBase !== undefined ? { issueBase } : {}),
      ...(context.positions ? {} : { positions: false }),
    }),
  )
  const number = issue.number ?? issueNumberOf(issueUrl)
  const built = buildNote({
    source,
    titleLine: issue.title.trim(),
    issueDate,
    tags: issue.labels,
    body,
    comments,
    links: issueUrl === undefined ? {} : { issue: issueUrl },
    ...(number !== undefined && Number.isInteger(number) && number >= 1 ? { issue: number } : {}),
  })
  diagnostics.push(...built.diagnostics)
  return built.note
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object that is not an issue'
  return `a ${typeof value}`
}
