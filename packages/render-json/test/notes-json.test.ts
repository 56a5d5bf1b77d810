import type { Note } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { sampleNotes } from '../../../test-support/note-factory.ts'
import {
  createNotesJsonWriter,
  notesJsonChunkLength,
  stringifyJson,
  toNoteJson,
} from '../src/notes-json.js'
import { manyNotes } from './many-notes.js'

/** The whole text a writer gives for `notes`: its pieces joined. */
const textOf = (writer: ReturnType<typeof createNotesJsonWriter>, notes: readonly Note[]) =>
  [...writer.chunks(notes)].join('')

/**
 * A note whose `comments` getter counts its reads: with `includeTrees`, `JSON.stringify` reads
 * it once per serialization of the note.
 */
function countingNote(note: Note): { note: Note; reads: () => number } {
  let reads = 0
  const { comments, ...rest } = note
  const counted = { ...rest } as Note
  Object.defineProperty(counted, 'comments', {
    enumerable: true,
    get() {
      reads += 1
      return comments
    },
  })
  return { note: counted, reads: () => reads }
}

describe('createNotesJsonWriter', () => {
  const notes = sampleNotes()

  for (const pretty of [false, true]) {
    for (const includeTrees of [false, true]) {
      const expected = (list: readonly Note[]) =>
        stringifyJson(
          list.map((note) => toNoteJson(note, includeTrees)),
          pretty,
        )

      it(`writes what stringifyJson writes (pretty: ${pretty}, includeTrees: ${includeTrees})`, () => {
        const writer = createNotesJsonWriter(includeTrees, pretty)
        expect(textOf(writer, notes)).toBe(expected(notes))
        // The same notes again, in another order and as a subset: the reused JSON still fits.
        const subset = [notes[2]!, notes[0]!]
        expect(textOf(writer, subset)).toBe(expected(subset))
        expect(textOf(writer, [notes[1]!])).toBe(expected([notes[1]!]))
      })

      it(`gives pieces of ${notesJsonChunkLength} characters or more, joined what stringifyJson writes (pretty: ${pretty}, includeTrees: ${includeTrees})`, () => {
        const many = manyNotes(200)
        const pieces = [...createNotesJsonWriter(includeTrees, pretty).chunks(many)]
        expect(pieces.length).toBeGreaterThan(2)
        for (const piece of pieces.slice(0, -1)) {
          expect(piece.length).toBeGreaterThanOrEqual(notesJsonChunkLength)
        }
        // Not one piece per note: each piece ends at the first note that reaches the length.
        expect(pieces.length).toBeLessThan(many.length / 10)
        expect(pieces.join('')).toBe(expected(many))
      })

      it(`writes the same with a cache too small for any or for some notes (pretty: ${pretty}, includeTrees: ${includeTrees})`, () => {
        const many = manyNotes(120)
        const tagged = many.filter((_, index) => index % 3 === 0)
        for (const limit of [0, 1, 40_000]) {
          const writer = createNotesJsonWriter(includeTrees, pretty, limit)
          expect(textOf(writer, many), `limit ${limit}`).toBe(expected(many))
          expect(textOf(writer, tagged), `limit ${limit}`).toBe(expected(tagged))
          expect(textOf(writer, many), `limit ${limit}`).toBe(expected(many))
        }
      })
    }
  }

  it('writes an empty list as an empty array in both layouts, in one piece', () => {
    expect([...createNotesJsonWriter(false, false).chunks([])]).toEqual(['[]\n'])
    expect([...createNotesJsonWriter(false, true).chunks([])]).toEqual(['[]\n'])
  })

  it('indents a note as an array element in the pretty layout', () => {
    const text = textOf(createNotesJsonWriter(false, true), [notes[0]!])
    expect(text.startsWith('[\n  {\n    "id": ')).toBe(true)
    expect(text.endsWith('\n  }\n]\n')).toBe(true)
  })

  it('serializes each note once while the kept JSON is under the limit', () => {
    const counted = manyNotes(30).map(countingNote)
    const list = counted.map(({ note }) => note)
    const writer = createNotesJsonWriter(true, false)
    textOf(writer, list)
    textOf(writer, list.slice(5, 12))
    textOf(writer, list)
    expect(counted.map(({ reads }) => reads())).toEqual(counted.map(() => 1))
  })

  it('keeps notes in the order they are first written until the limit, then serializes the rest on each use', () => {
    const counted = manyNotes(30).map(countingNote)
    const list = counted.map(({ note }) => note)
    // Exactly the first two notes' JSON (counted as two bytes a character): the cache holds
    // that much after them, which is not under the limit, so it keeps no further note.
    const size = (note: Note) => JSON.stringify(note).length * 2
    const [first, second] = manyNotes(2) // the same notes, uncounted
    const writer = createNotesJsonWriter(true, false, size(first!) + size(second!))
    textOf(writer, list)
    textOf(writer, list)
    textOf(writer, list.slice(0, 10))
    const reads = counted.map(({ reads }) => reads())
    expect(reads.slice(0, 2)).toEqual([1, 1])
    expect(reads.slice(2, 10)).toEqual(reads.slice(2, 10).map(() => 3))
    expect(reads.slice(10)).toEqual(reads.slice(10).map(() => 2))
  })
})
