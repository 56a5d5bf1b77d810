/**
 * The tag-page text export reader (NOTE-FORMAT.md §3.2). The export is the visible text of a
 * published tag page: the page's tag, then one entry per note (layout A: no title lines; layout
 * B: title lines), with tags, issue date, `GPT Summary-` and the comment text. It keeps no paper
 * or issue URL, so every note's id is the stable hash of §1.
 */
import type { Diagnostic, Note, NoteSource } from '@paper-notes/core'
import { createComment } from './comment.js'
import { createDiagnosticAt } from './export-diagnostic.js'
import { createPositionAt } from './export-position.js'
import { segmentTextExport } from './export-text-segments.js'
import { buildNote } from './note-id.js'
import type { Reader, ReaderResult } from './reader.js'

/**
 * Reads a tag-page text export. The page's tag (its first non-empty line) is added to every
 * note's tags unless `options.pageTag` is `false`; the comment text of an entry becomes one
 * comment (the export does not keep the boundaries between comments).
 *
 * Diagnostics: `text-no-entries` (error), `text-invalid-issue-date` (error, entry skipped),
 * `text-page-tag-missing`, `text-content-before-entries`, `text-comment-marker-missing`
 * (warnings), `text-empty-comment` (info), plus the title-line diagnostics of each entry.
 *
 * @example
 * const { notes } = readTextExport({
 *   text: "NLP\n\n#Dataset #Selected Papers/Blogs\nIssue Date: 2025-01-02 [Paper Note] Tiny Data, Ann Lee+, ACL'25, 2025.01 GPT Summary- 小さなデータ。 Comment\n\n元ポスト:\n\nLoading…\n",
 *   options: {},
 * })
 * notes[0].tags // => ['Dataset', 'Selected Papers/Blogs', 'NLP']
 * notes[0].comments[0].posts // => [{}]
 */
export const readTextExport: Reader = ({ text, file, options }): ReaderResult => {
  const positionAt = createPositionAt(text)
  const at = createDiagnosticAt(positionAt, file)
  const segments = segmentTextExport(text)
  const diagnostics: Diagnostic[] = segments.problems.map((problem) =>
    at(problem.code, problem.severity, problem.message, problem.offset),
  )
  const pageTags =
    segments.pageTag !== undefined && options.pageTag !== false ? [segments.pageTag] : []
  const notes: Note[] = []
  for (const entry of segments.entries) {
    if (!entry.validDate) continue
    const start = positionAt(entry.offset)
    const source: NoteSource = { format: 'text', line: start.line, column: start.column }
    if (file !== undefined) source.file = file
    const titleOffset =
      entry.titleLine === '' ? -1 : text.indexOf(entry.titleLine, entry.dateOffset)
    const built = buildNote({
      source,
      titleLine: entry.titleLine,
      ...(titleOffset === -1 ? {} : { titleLinePosition: positionAt(titleOffset) }),
      issueDate: entry.issueDate,
      tags: [...entry.tags, ...pageTags],
      comments:
        entry.comment === null
          ? []
          : [createComment(entry.comment, options.positions === false ? { positions: false } : {})],
      overrides: {
        summary: entry.summary === null ? null : { text: entry.summary },
        // Layout A has no title lines; its `Article` tag is then the only hint of the kind.
        ...(entry.titleLine === ''
          ? { kind: entry.tags.includes('Article') ? 'article' : 'paper' }
          : {}),
      },
    })
    notes.push(built.note)
    diagnostics.push(...built.diagnostics)
  }
  return { notes, diagnostics }
}
