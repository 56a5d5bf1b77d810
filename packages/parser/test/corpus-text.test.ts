/**
 * Conformance of the tag-page text export reader on the real exports in `/work/shared/corpus/text`
 * (read at run time, never copied). Expected values come from the corpus README and from the
 * source text itself, not from the reader.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { corpusDir as corpus, hasCorpus } from '../../../test-support/corpus.ts'
import { readTextExport } from '../src/text-export.js'

/** The text exports, their page tags and note counts, as the corpus README states them. */
const exports = [
  { file: '000_42670d995a5e6f19.txt', pageTag: 'Catastrophic Forgetting', count: 13, layout: 'A' },
  { file: '001_bbbab4e0bdfd399a.txt', pageTag: 'PostTraining', count: 92, layout: 'B' },
] as const

describe.skipIf(!hasCorpus)('corpus: tag-page text exports', () => {
  for (const { file, pageTag, count, layout } of exports) {
    describe(file, () => {
      const text = hasCorpus ? readFileSync(`${corpus}text/${file}`, 'utf8') : ''
      const result = hasCorpus
        ? readTextExport({ text, file, options: {} })
        : { notes: [], diagnostics: [] }
      const { notes } = result

      it(`gives exactly ${count} notes and no errors`, () => {
        expect(notes).toHaveLength(count)
        expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual(
          [],
        )
      })

      it('gives every note the issue date of its entry, in source order', () => {
        const dates = [...text.matchAll(/Issue Date: (\d{4}-\d{2}-\d{2})/g)].map(
          (match) => match[1],
        )
        expect(dates).toHaveLength(count)
        expect(notes.map((note) => note.issueDate)).toEqual(dates)
      })

      it('gives every note tags printed as #Tag in the source, plus the page tag', () => {
        for (const note of notes) {
          expect(note.tags.at(-1)).toBe(pageTag)
          expect(note.tags.length).toBeGreaterThan(1)
          for (const tag of note.tags.slice(0, -1)) {
            expect(text.includes(`#${tag} `) || text.includes(`#${tag}\n`)).toBe(true)
          }
        }
      })

      it('gives a summary to exactly the entries with `GPT Summary-`', () => {
        const summaries = text.split('GPT Summary-').length - 1
        expect(notes.filter((note) => note.summary !== null)).toHaveLength(summaries)
        for (const note of notes) {
          if (note.summary) expect(text).toContain(`GPT Summary- ${note.summary.text}`)
        }
      })

      it('gives one comment to exactly the entries marked `Comment`', () => {
        const marked = text.match(/ Comment$/gm)?.length ?? 0
        expect(notes.filter((note) => note.comments.length === 1)).toHaveLength(marked)
        expect(notes.every((note) => note.comments.length <= 1)).toBe(true)
        const placeholders = text.match(/^Loading…$/gm)?.length ?? 0
        const posts = notes.flatMap((note) => note.comments.flatMap((comment) => comment.posts))
        expect(posts).toHaveLength(placeholders)
      })

      it('keeps the final </div> remnant out of the comments', () => {
        for (const note of notes) {
          for (const comment of note.comments) expect(comment.markdown).not.toMatch(/<\/div>\s*$/)
        }
      })

      it('gives every note a distinct hash id', () => {
        expect(new Set(notes.map((note) => note.id)).size).toBe(count)
        for (const note of notes) expect(note.id).toMatch(/^[0-9a-f]{16}$/)
      })

      if (layout === 'A') {
        it('has no title lines (layout A)', () => {
          expect(notes.every((note) => note.titleLine === '' && note.title === '')).toBe(true)
        })
      } else {
        it('gives every note the title line that follows its issue date (layout B)', () => {
          for (const note of notes) {
            expect(note.titleLine).not.toBe('')
            expect(note.title).not.toBe('')
            expect(text).toContain(`Issue Date: ${note.issueDate} ${note.titleLine}`)
          }
        })
      }
    })
  }
})
