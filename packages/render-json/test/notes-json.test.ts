import type { FilePiece, Note } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { sampleNotes } from '../../../test-support/note-factory.ts'
import { createNotesJsonWriter, stringifyJson, toNoteJson } from '../src/notes-json.js'
import { manyNotes } from './many-notes.js'

/** The whole text a writer gives for `notes`: its pieces made and joined. */
const textOf = (writer: ReturnType<typeof createNotesJsonWriter>, notes: readonly Note[]) =>
  [...writer.pieces(notes)]
    .map((piece) => (typeof piece === 'string' ? piece : piece.make()))
    .join('')

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

      it(`gives one piece per note, keyed by the note and where it stands (pretty: ${pretty}, includeTrees: ${includeTrees})`, () => {
        const pieces = [...createNotesJsonWriter(includeTrees, pretty).pieces(notes)]
        expect(pieces).toHaveLength(notes.length + 2)
        expect(pieces[0]).toBe(pretty ? '[\n  ' : '[')
        expect(pieces.at(-1)).toBe(pretty ? '\n]\n' : ']\n')
        const notePieces = pieces.slice(1, -1) as FilePiece[]
        expect(notePieces.map((piece) => piece.dependsOn.notes)).toEqual(
          notes.map((note) => [note]),
        )
        expect(notePieces.map((piece) => piece.dependsOn.key)).toEqual(
          notes.map((_, index) => (index === 0 ? 'first' : 'next')),
        )
        // A piece of a key makes the same bytes wherever it stands: the second note's piece
        // in the list of every note and in a list where it comes third.
        const elsewhere = [
          ...createNotesJsonWriter(includeTrees, pretty).pieces([notes[0]!, notes[2]!, notes[1]!]),
        ][3] as FilePiece
        expect(elsewhere.dependsOn).toEqual(notePieces[1]!.dependsOn)
        expect(elsewhere.make()).toBe(notePieces[1]!.make())
        const separator = pretty ? ',\n  ' : ','
        expect(notePieces[1]!.make()).toBe(
          separator + expected([notes[1]!]).slice(pretty ? 4 : 1, pretty ? -3 : -2),
        )
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
    expect([...createNotesJsonWriter(false, false).pieces([])]).toEqual(['[]\n'])
    expect([...createNotesJsonWriter(false, true).pieces([])]).toEqual(['[]\n'])
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
