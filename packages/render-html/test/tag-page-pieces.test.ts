/**
 * Tag pages in pieces (`PlannedFile.pieces`): the page's own HTML as text and each note card as
 * a piece a host may copy from the page it wrote before. The pieces make `render()`'s bytes, and
 * two card pieces with the same dependencies make the same bytes, also across plans of edited
 * collections: what a host relies on when it copies them.
 */
import type { FilePiece, Note, PlannedFile } from '@paper-notes/core'
import { createCollection } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { defaultTemplates, planHtml } from '../src/index.js'
import { makeComment, makeNote } from './note-factory.js'

const tagNames = ['NLP', 'Catastrophic Forgetting', 'PEFT(Adaptor/LoRA)', '推論']

/**
 * Twenty notes on four tags, each comment linking another note by `#id` and by issue URL (so
 * a card shows other notes' titles), one comment with an embedded post.
 */
function notes(): Note[] {
  return Array.from({ length: 20 }, (_, i) => {
    const id = String(7000 + i)
    return makeNote({
      id,
      titleLine: `[Paper Note] Replay ${i} Against Forgetting, Grace Hopper+, ACL'25, 2025.03`,
      title: `Replay ${i} Against Forgetting`,
      issueDate: `2025-03-${String(1 + i).padStart(2, '0')}`,
      tags: tagNames.filter((_, t) => (i + t) % 2 === 0 || t === i % tagNames.length),
      links: { issue: `https://github.com/example/notes/issues/${id}` },
      comments: [
        makeComment({
          markdown: `継続学習 ${i}: see #${7000 + ((i + 5) % 20)} and https://github.com/example/notes/issues/${7000 + ((i + 9) % 20)}`,
        }),
      ],
    })
  })
}

const made = (piece: string | Uint8Array | FilePiece): string => {
  const value = typeof piece === 'string' || piece instanceof Uint8Array ? piece : piece.make()
  return typeof value === 'string' ? value : new TextDecoder().decode(value)
}

/** The files of a plan by path. */
const byPath = (plan: Iterable<PlannedFile>) => new Map([...plan].map((file) => [file.path, file]))

/** What a host compares of a piece: its key and the content of each of its notes. */
const dependencyKey = (piece: FilePiece) =>
  JSON.stringify([piece.dependsOn.key, piece.dependsOn.notes])

describe('tag pages in pieces', () => {
  const options = { pageSize: 4, baseUrl: 'https://notes.example.org/' }

  it('give the bytes of render(), with one card piece per note shown, in order', () => {
    const collection = createCollection(notes())
    const plan = [...planHtml(collection, options)]
    const tagPages = plan.filter((file) => file.path.startsWith('tags/'))
    expect(tagPages.length).toBeGreaterThan(tagNames.length) // several pages per tag
    for (const file of tagPages) {
      const pieces = [...file.pieces!()]
      const cards = pieces.filter((piece): piece is FilePiece => typeof piece === 'object')
      expect(pieces.map(made).join(''), file.path).toBe(file.render())
      expect(cards.length).toBeGreaterThan(0)
      expect(cards.length).toBeLessThanOrEqual(4)
      // Text, then card and text in turn.
      pieces.forEach((piece, index) => {
        expect(typeof piece === 'string', `${file.path} piece ${index}`).toBe(index % 2 === 0)
      })
      for (const card of cards) {
        expect(made(card)).toMatch(/^<article class="note-card"/)
        expect(made(card)).toContain(card.dependsOn.notes[0]!.title)
      }
    }
    // The other files are made whole.
    for (const file of plan.filter((planned) => !planned.path.startsWith('tags/'))) {
      expect(file.pieces, file.path).toBeUndefined()
    }
  })

  it('come whole with templates of the caller, whose cards may read anything', () => {
    const collection = createCollection(notes())
    const templates = { noteCard: defaultTemplates.noteCard.bind(null) }
    const plan = [...planHtml(collection, { ...options, templates })]
    expect(plan.filter((file) => file.pieces !== undefined)).toEqual([])
  })

  it('make the same card for the same dependencies, in a plan of an edited collection', () => {
    const before = notes()
    const after = before.map((note) =>
      note.id === '7005'
        ? { ...note, title: 'Replay 5, Revised', titleLine: 'Replay 5, Revised' }
        : note,
    )
    const old = byPath(planHtml(createCollection(before), options))
    const now = byPath(planHtml(createCollection(after), options))
    let same = 0
    let changed = 0
    for (const [path, file] of now) {
      if (file.pieces === undefined) continue
      const previous = new Map<string, string>()
      for (const piece of old.get(path)!.pieces!()) {
        if (typeof piece === 'object' && !(piece instanceof Uint8Array)) {
          previous.set(dependencyKey(piece), made(piece))
        }
      }
      for (const piece of file.pieces()) {
        if (typeof piece !== 'object' || piece instanceof Uint8Array) continue
        const was = previous.get(dependencyKey(piece))
        if (was === undefined) {
          changed += 1
          continue
        }
        same += 1
        expect(made(piece), `${path}: ${piece.dependsOn.notes[0]!.id}`).toBe(was)
      }
    }
    // The cards of 7005 and of the notes whose comments link to it have other dependencies.
    expect(changed).toBeGreaterThan(0)
    expect(same).toBeGreaterThan(changed)
  })
})
