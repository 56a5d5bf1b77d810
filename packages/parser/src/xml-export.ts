/**
 * The paper-list XML export reader (NOTE-FORMAT.md §3.3). The export is not well-formed XML, so
 * its fixed element structure is read tolerantly (`scanPaperList`); the issue body goes through
 * the §3.1 body rules and the comment HTML through `hast-util-from-html` → `hast-util-to-mdast`
 * → `mdast-util-to-markdown` (`comment-html.ts`). Text is kept as given (no Unicode
 * normalisation; titles are not unescaped, since the export does not escape them).
 */
import type { Comment, Diagnostic, Note, NoteSource } from '@paper-notes/core'
import { isCalendarDate } from '@paper-notes/core'
import { parseIssueBody } from './body.js'
import { createComment } from './comment.js'
import { commentHtmlToMarkdown, splitCommentParagraphs } from './comment-html.js'
import { createDiagnosticAt, type DiagnosticAt } from './export-diagnostic.js'
import { issueTracker } from './export-issue-tracker.js'
import { createPositionAt, type PositionAt } from './export-position.js'
import { scanPaperList, type XmlElementText, type XmlPaperEntry } from './export-xml-elements.js'
import { buildNote, issueNumberOf } from './note-id.js'
import type { Reader, ReaderResult } from './reader.js'

/**
 * Reads a paper-list XML export: one note per complete `<paper-entry>`. A truncated or garbled
 * entry, or one without a valid `<repo-issue-date>`, is reported and skipped; the entries around
 * it are still read.
 *
 * Diagnostics: `xml-no-entries`, `xml-entry-truncated`, `xml-element-unclosed`,
 * `xml-missing-issue-date`, `xml-invalid-issue-date` (errors, entry skipped),
 * `xml-paper-list-missing`, `xml-missing-title`, `xml-comment-unclosed`,
 * `xml-comment-outside-paragraph` (warnings), `xml-missing-issue-link`, `xml-empty-comment`
 * (info), plus the title-line and issue-body diagnostics of each entry.
 *
 * @example
 * const { notes } = readXmlExport({
 *   text: '<paper-list><paper-entry><title>Tiny Data, Ann Lee+, ACL\'25</title><repo-issue-link>https://github.com/o/notes/issues/7</repo-issue-link><tags>NLP, Data & Sets</tags><repo-issue-date>2025-01-02</repo-issue-date><issue-body>https://example.org/tiny</issue-body><maintainer-comment-text><p>良い。</p></maintainer-comment-text></paper-entry></paper-list>',
 *   options: {},
 * })
 * notes[0].id // => '7'
 * notes[0].tags // => ['NLP', 'Data & Sets']
 * notes[0].comments[0].markdown // => '良い。'
 */
export const readXmlExport: Reader = ({ text, file, options }): ReaderResult => {
  const positionAt = createPositionAt(text)
  const at = createDiagnosticAt(positionAt, file)
  const list = scanPaperList(text)
  const diagnostics: Diagnostic[] = list.problems.map((problem) =>
    at(problem.code, problem.severity, problem.message, problem.offset),
  )
  if (list.entries.length === 0) {
    diagnostics.push(
      at('xml-no-entries', 'error', 'No `<paper-entry>` element found.', firstContent(text)),
    )
  }
  const notes: Note[] = []
  for (const entry of list.entries) {
    const note = readEntry(entry, {
      positionAt,
      at,
      file,
      diagnostics,
      positions: options.positions !== false,
    })
    if (note) notes.push(note)
  }
  return { notes, diagnostics }
}

interface EntryContext {
  positionAt: PositionAt
  at: DiagnosticAt
  file: string | undefined
  diagnostics: Diagnostic[]
  /** Keep positions in comment trees. */
  positions: boolean
}

function readEntry(entry: XmlPaperEntry, context: EntryContext): Note | undefined {
  const { at, positionAt, file, diagnostics } = context
  if (!entry.closed) {
    diagnostics.push(
      at(
        'xml-entry-truncated',
        'error',
        '`<paper-entry>` has no `</paper-entry>` before the next entry or the end of the input; it is skipped.',
        entry.offset,
      ),
    )
    return undefined
  }
  if (entry.unclosed.length > 0) {
    for (const element of entry.unclosed) {
      diagnostics.push(
        at(
          'xml-element-unclosed',
          'error',
          `\`<${element.name}>\` is not closed inside its entry; the entry is skipped.`,
          element.offset,
        ),
      )
    }
    return undefined
  }
  const { elements } = entry
  const dateElement = elements['repo-issue-date']
  if (!dateElement) {
    diagnostics.push(
      at(
        'xml-missing-issue-date',
        'error',
        'The entry has no `<repo-issue-date>`; a note needs its issue date, so the entry is skipped.',
        entry.offset,
      ),
    )
    return undefined
  }
  const issueDate = dateElement.text.trim()
  if (!isCalendarDate(issueDate)) {
    diagnostics.push(
      at(
        'xml-invalid-issue-date',
        'error',
        `\`<repo-issue-date>\` is "${issueDate.slice(0, 40)}", not a YYYY-MM-DD date; the entry is skipped.`,
        dateElement.offset,
      ),
    )
    return undefined
  }

  const titleElement = elements.title
  if (!titleElement) {
    diagnostics.push(
      at('xml-missing-title', 'warning', 'The entry has no `<title>`.', entry.offset),
    )
  }
  const titleLine = titleElement ? titleElement.text.trim() : ''
  const issueUrl = nonEmpty(elements['repo-issue-link'])
  if (issueUrl === undefined) {
    diagnostics.push(
      at(
        'xml-missing-issue-link',
        'info',
        'The entry has no `<repo-issue-link>`; its id is the hash of its content.',
        entry.offset,
      ),
    )
  }
  const paperUrl = nonEmpty(elements['original-paper-blog-link'])
  const tags = (elements.tags?.text ?? '').split(',')
  const bodyElement = elements['issue-body']
  const body = bodyElement
    ? parseIssueBody(bodyElement.text, {
        ...(file !== undefined ? { file } : {}),
        line: positionAt(bodyElement.offset).line,
      })
    : undefined
  const issueBase = issueUrl === undefined ? undefined : issueTracker(issueUrl)
  const comments = readComments(elements['maintainer-comment-text'], issueBase, context)

  const start = positionAt(entry.offset)
  const source: NoteSource = { format: 'xml', line: start.line, column: start.column }
  if (file !== undefined) source.file = file
  const issue = issueNumberOf(issueUrl)
  const built = buildNote({
    source,
    titleLine,
    ...(titleElement
      ? { titleLinePosition: positionAt(titleElement.offset + leadingSpace(titleElement.text)) }
      : {}),
    issueDate,
    tags,
    ...(body ? { body } : {}),
    comments,
    links: {
      ...(paperUrl !== undefined ? { paper: paperUrl } : {}),
      ...(issueUrl !== undefined ? { issue: issueUrl } : {}),
    },
    ...(issue !== undefined ? { issue } : {}),
  })
  diagnostics.push(...built.diagnostics)
  return built.note
}

/** One comment per top-level `<p>` of `<maintainer-comment-text>`; `None` means no comments. */
function readComments(
  element: XmlElementText | undefined,
  issueBase: string | undefined,
  { at, diagnostics, positions }: EntryContext,
): Comment[] {
  if (!element || element.text.trim() === 'None' || element.text.trim() === '') return []
  const comments: Comment[] = []
  for (const chunk of splitCommentParagraphs(element.text)) {
    const offset = element.offset + chunk.offset
    if (!chunk.closed) {
      diagnostics.push(
        at(
          'xml-comment-unclosed',
          'warning',
          'A comment `<p>` is not closed; it runs to the end.',
          offset,
        ),
      )
    }
    if (chunk.outsideParagraph) {
      diagnostics.push(
        at(
          'xml-comment-outside-paragraph',
          'warning',
          'Comment text outside any `<p>`; it is kept as a comment of its own.',
          offset,
        ),
      )
    }
    const markdown = commentHtmlToMarkdown(chunk.html)
    if (markdown === '') {
      diagnostics.push(
        at('xml-empty-comment', 'info', 'An empty comment `<p>` is skipped.', offset),
      )
      continue
    }
    comments.push(
      createComment(markdown, {
        ...(issueBase !== undefined ? { issueBase } : {}),
        ...(positions ? {} : { positions: false }),
      }),
    )
  }
  return comments
}

function nonEmpty(element: XmlElementText | undefined): string | undefined {
  const text = element?.text.trim()
  return text === undefined || text === '' ? undefined : text
}

function leadingSpace(text: string): number {
  return text.length - text.trimStart().length
}

function firstContent(text: string): number {
  const index = text.search(/\S/)
  return index === -1 ? 0 : index
}
