import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createCollection, type Note } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { describe, expect, it } from 'vitest'
import { NoteStore } from '../src/note-store.js'
import { forgettingEval, japaneseBlog, sparseRehearsal } from './fixtures.js'
import { makeTempDir } from './temp-dir.js'

function sampleNotes(): Note[] {
  const { notes } = parseNotes(
    [
      { path: 'notes/100.md', contents: sparseRehearsal },
      { path: 'notes/101.md', contents: japaneseBlog },
      { path: 'notes/102.md', contents: forgettingEval },
    ],
    { positions: false },
  )
  expect(notes).toHaveLength(3)
  return notes
}

describe('NoteStore', () => {
  it('gives light notes that read and serialize as the notes they were made from', async () => {
    const parent = await makeTempDir()
    const store = new NoteStore(parent)
    try {
      const notes = sampleNotes()
      const light = notes.map((note) => store.hold(note))
      expect(store.size).toBe(3)
      for (const [i, note] of notes.entries()) {
        // Same fields, same order, same values: what a renderer writes from them is the same.
        expect(Object.keys(light[i]!)).toEqual(Object.keys(note))
        expect(JSON.stringify(light[i])).toBe(JSON.stringify(note))
        expect({ ...light[i] }).toEqual(note)
        expect(light[i]!.comments).toEqual(note.comments)
        expect(light[i]!.abstract).toBe(note.abstract)
      }
      // The light note holds its title, tags and links; the prose is in the file.
      expect(light[0]!.title).toBe(notes[0]!.title)
      expect(Object.getOwnPropertyDescriptor(light[0], 'title')?.value).toBe(notes[0]!.title)
      expect(Object.getOwnPropertyDescriptor(light[0], 'comments')?.get).toBeTypeOf('function')
      // A collection of light notes resolves related notes and back-links as one of the notes.
      const full = createCollection(notes)
      const held = createCollection(light)
      expect(held.notes.map((note) => note.id)).toEqual(full.notes.map((note) => note.id))
      for (const note of full.notes) {
        expect(held.related(note.id).map((n) => n.id)).toEqual(
          full.related(note.id).map((n) => n.id),
        )
      }
    } finally {
      store.close()
    }
  })

  it('reads notes back before and after they were written out, in any order', async () => {
    const parent = await makeTempDir()
    const store = new NoteStore(parent)
    try {
      const [note] = sampleNotes()
      // ~2,000 notes of ~1 KB: past the 1 MB batch, so some are written and some still pending.
      const made: Note[] = []
      for (let i = 0; i < 2000; i++) {
        made.push({ ...note!, id: String(i), abstract: `${i}: ${'忘却'.repeat(150)}` })
      }
      const light = made.map((copy) => store.hold(copy))
      for (const i of [1999, 0, 1000, 5, 1999, 1500, 7]) {
        expect(light[i]!.abstract).toBe(made[i]!.abstract)
        expect(light[i]!.comments).toEqual(made[i]!.comments)
      }
    } finally {
      store.close()
    }
  })

  it('calls afterRead after each note it reads back from its file, not when it has it decoded', async () => {
    let reads = 0
    const store = new NoteStore(await makeTempDir(), { afterRead: () => (reads += 1) })
    try {
      const [note] = sampleNotes()
      const light: Note[] = []
      for (let i = 0; i < 20; i++) light.push(store.hold({ ...note!, id: String(i) }))
      expect(reads).toBe(0)
      // One read gives all of a note's heavy fields; a note read lately is still decoded.
      expect(light[0]!.comments).toEqual(note!.comments)
      expect(light[0]!.abstract).toBe(note!.abstract)
      expect(reads).toBe(1)
      // Reading every note's comments (what createCollection does) reads each once.
      createCollection(light)
      expect(reads).toBe(20)
    } finally {
      store.close()
    }
  })

  it('deletes its file when closed, after which the prose cannot be read', async () => {
    const parent = await makeTempDir()
    const store = new NoteStore(parent)
    const light = store.hold(sampleNotes()[0]!)
    expect(readdirSync(parent)).toHaveLength(1)
    const folder = join(parent, readdirSync(parent)[0]!)
    expect(existsSync(join(folder, 'notes.bin'))).toBe(true)
    store.close()
    store.close()
    expect(existsSync(folder)).toBe(false)
    expect(light.title).not.toBe('')
    expect(() => light.summary).toThrow(/closed/)
  })

  it('keeps a note without unknown fields without them', async () => {
    const store = new NoteStore(await makeTempDir())
    try {
      const [note] = sampleNotes()
      const { extra: _extra, ...plain } = note!
      const light = store.hold(plain as Note)
      expect('extra' in light).toBe(false)
      const withExtra = store.hold({ ...plain, extra: { rating: 5, seen: ['x'] } } as Note)
      expect(withExtra.extra).toEqual({ rating: 5, seen: ['x'] })
    } finally {
      store.close()
    }
  })
})
