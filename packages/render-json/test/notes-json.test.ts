import { describe, expect, it } from 'vitest'
import { sampleNotes } from '../../../test-support/note-factory.ts'
import { createNotesJsonWriter, stringifyJson, toNoteJson } from '../src/notes-json.js'

describe('createNotesJsonWriter', () => {
  const notes = sampleNotes()

  for (const pretty of [false, true]) {
    for (const includeTrees of [false, true]) {
      it(`writes what stringifyJson writes (pretty: ${pretty}, includeTrees: ${includeTrees})`, () => {
        const writeNotes = createNotesJsonWriter(includeTrees, pretty)
        const expected = (list: typeof notes) =>
          stringifyJson(
            list.map((note) => toNoteJson(note, includeTrees)),
            pretty,
          )
        expect(writeNotes(notes)).toBe(expected(notes))
        // The same notes again, in another order and as a subset: the reused JSON still fits.
        const subset = [notes[2]!, notes[0]!]
        expect(writeNotes(subset)).toBe(expected(subset))
        expect(writeNotes([notes[1]!])).toBe(expected([notes[1]!]))
      })
    }
  }

  it('writes an empty list as an empty array in both layouts', () => {
    expect(createNotesJsonWriter(false, false)([])).toBe('[]\n')
    expect(createNotesJsonWriter(false, true)([])).toBe('[]\n')
  })

  it('indents a note as an array element in the pretty layout', () => {
    const text = createNotesJsonWriter(false, true)([notes[0]!])
    expect(text.startsWith('[\n  {\n    "id": ')).toBe(true)
    expect(text.endsWith('\n  }\n]\n')).toBe(true)
  })
})
