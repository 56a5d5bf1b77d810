/**
 * Feeds in pieces (`PlannedFile.pieces`): the feed's own XML as text and each item a piece of
 * its note, which a host may copy from the feed it wrote before. The pieces make `render()`'s
 * bytes, and a note's item is the same XML in every feed and plan where its note is unchanged.
 */
import type { FilePiece, Note } from '@paper-notes/core'
import { createCollection } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { makeComment, makeNote } from '../../../test-support/note-factory.ts'
import { planFeeds } from '../src/index.js'

const notes: Note[] = Array.from({ length: 12 }, (_, i) =>
  makeNote({
    id: String(800 + i),
    title: `Replay ${i} <with> & markup`,
    issueDate: `2025-08-${String(20 - i).padStart(2, '0')}`,
    tags: i % 2 === 0 ? ['NLP', '継続学習'] : ['NLP'],
    comments: [makeComment({ markdown: `忘却 ${i} https://example.org/post/${i}` })],
  }),
)

const options = { baseUrl: 'https://example.org/notes/', limit: 5 }

const made = (piece: string | Uint8Array | FilePiece): string => {
  const value = typeof piece === 'string' || piece instanceof Uint8Array ? piece : piece.make()
  return typeof value === 'string' ? value : new TextDecoder().decode(value)
}
const isPiece = (piece: string | Uint8Array | FilePiece): piece is FilePiece =>
  typeof piece === 'object' && !(piece instanceof Uint8Array)

describe('feeds in pieces', () => {
  it('give the bytes of render(), one item piece per note listed, newest first', () => {
    const plan = [...planFeeds(createCollection(notes), options)]
    expect(plan.map((file) => file.path)).toContain('tags/nlp.atom.xml')
    for (const file of plan) {
      const pieces = [...file.pieces!()]
      expect(pieces.map(made).join(''), file.path).toBe(file.render())
      const items = pieces.filter(isPiece)
      expect(items.length, file.path).toBe(Math.min(5, file.dependsOn!.notes.length))
      expect(items.map((item) => item.dependsOn.notes[0])).toEqual(file.dependsOn!.notes)
      const element = file.path.endsWith('rss.xml') ? '<item>' : '<entry>'
      for (const item of items) expect(made(item).trim().startsWith(element)).toBe(true)
    }
  })

  it('write a feed of no notes as one piece of text', () => {
    const [feed] = planFeeds(createCollection([]), options)
    expect([...feed!.pieces!()]).toEqual([feed!.render()])
  })

  it("make a note's item the same in every feed and in a plan where another note changed", () => {
    const edited = notes.map((note) => (note.id === '801' ? { ...note, title: 'Revised' } : note))
    const items = new Map<string, string>()
    let compared = 0
    for (const list of [notes, edited]) {
      for (const file of planFeeds(createCollection(list), options)) {
        for (const piece of file.pieces!()) {
          if (!isPiece(piece)) continue
          const key = JSON.stringify([piece.dependsOn.key, piece.dependsOn.notes])
          const xml = made(piece)
          const known = items.get(key)
          if (known === undefined) items.set(key, xml)
          else {
            compared += 1
            expect(xml, file.path).toBe(known)
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10)
    // The edited note's items differ from its old ones: two keys each for RSS and Atom.
    expect([...items.keys()].filter((key) => key.includes('"801"'))).toHaveLength(4)
  })
})
