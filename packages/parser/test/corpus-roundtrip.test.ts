/**
 * Every note read from the real exports in `/work/shared/corpus` survives note markdown:
 * `stringifyNote` and reading the markdown back gives the same note, apart from `source`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import type { Note } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { corpusDir as corpus, hasCorpus } from '../../../test-support/corpus.ts'
import { parseNotes } from '../src/parse-notes.js'
import { stringifyNote } from '../src/stringify.js'

function withoutSource(note: Note) {
  const { source: _source, ...rest } = note
  return rest
}

describe.skipIf(!hasCorpus)('corpus: note markdown round trip', () => {
  const folders = hasCorpus ? ['text', 'xml', 'github'] : []
  for (const folder of folders) {
    for (const file of readdirSync(`${corpus}${folder}`).sort()) {
      it(`${folder}/${file}: stringify then parse gives every note back`, () => {
        const { notes } = parseNotes([
          { path: file, contents: readFileSync(`${corpus}${folder}/${file}`) },
        ])
        expect(notes.length).toBeGreaterThan(0)
        for (const note of notes) {
          const markdown = stringifyNote(note)
          const back = parseNotes(markdown, { format: 'markdown', file: `${note.id}.md` })
          expect(back.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual(
            [],
          )
          expect(back.notes).toHaveLength(1)
          expect(withoutSource(back.notes[0]!)).toEqual(withoutSource(note))
        }
      })
    }
  }
})
