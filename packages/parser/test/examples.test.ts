/**
 * The sample notes in `examples/notes/` are the CLI's demo input and the HTML browser test's
 * fixtures: they must all parse cleanly, and their references to each other must resolve.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createCollection, validateNotes } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { parseNotes } from '../src/parse-notes.js'

const folder = join(import.meta.dirname, '../../../examples/notes')
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => ({ path: `examples/notes/${name}`, contents: readFileSync(join(folder, name)) }))

describe('examples/notes', () => {
  const { notes, diagnostics } = parseNotes(files)

  it('parses every sample note without any diagnostic', () => {
    expect(files.length).toBeGreaterThanOrEqual(12)
    expect(diagnostics).toEqual([])
    expect(notes).toHaveLength(files.length)
    expect(validateNotes(notes).diagnostics).toEqual([])
  })

  it('covers papers and articles, posts, images, labelled links and unknown sections', () => {
    const kinds = new Set(notes.map((note) => note.kind))
    expect(kinds).toEqual(new Set(['paper', 'article']))
    const comments = notes.flatMap((note) => note.comments)
    expect(comments.some((c) => c.posts.some((p) => p.platform === 'x'))).toBe(true)
    expect(comments.some((c) => c.posts.some((p) => p.platform === 'bluesky'))).toBe(true)
    expect(comments.some((c) => c.posts.some((p) => p.url === undefined))).toBe(true)
    expect(comments.some((c) => c.images.some((i) => i.url !== undefined))).toBe(true)
    expect(comments.some((c) => c.links.some((l) => l.label === 'openreview'))).toBe(true)
    expect(comments.some((c) => c.author !== undefined && c.date !== undefined)).toBe(true)
    expect(notes.some((note) => note.sections.some((s) => s.heading === 'Affiliations'))).toBe(true)
    const tags = new Set(notes.flatMap((note) => note.tags))
    for (const tag of ['Catastrophic Forgetting', 'PEFT(Adaptor/LoRA)', 'Selected Papers/Blogs']) {
      expect(tags.has(tag), tag).toBe(true)
    }
  })

  it('refers between notes by issue number, issue URL and title line, and those resolve', () => {
    const collection = createCollection(notes)
    const refs = notes.flatMap((note) =>
      note.comments.flatMap((comment) => comment.related.map((ref) => ({ from: note.id, ref }))),
    )
    expect(refs.some(({ ref }) => ref.issue !== undefined && ref.url === undefined)).toBe(true)
    expect(refs.some(({ ref }) => ref.url !== undefined)).toBe(true)
    expect(refs.some(({ ref }) => ref.titleLine !== undefined && ref.issue === undefined)).toBe(
      true,
    )
    const unresolved = refs.filter(({ ref }) => collection.resolve(ref) === undefined)
    expect(unresolved.map(({ ref }) => ref.text)).toEqual(['継続学習のサーベイ（未読）'])
    expect(
      collection
        .backlinks('101')
        .map((note) => note.id)
        .sort(),
    ).toEqual(['102', '103', '110', '114'])
  })
})
