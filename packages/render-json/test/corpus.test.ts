/**
 * JSON of the real exports in `/work/shared/corpus` (read with `@paper-notes/parser`): the notes
 * validate and round-trip, tag files match their counts, and the JSON Feed follows the spec.
 */
import {
  createCollection,
  type Note,
  notePagePath,
  siteUrl,
  validateNotes,
} from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { corpusFiles, hasCorpus } from '../../../test-support/corpus.ts'
import { renderJson } from '../src/index.js'
import { jsonFeedErrors } from './json-feed-rules.js'

describe.skipIf(!hasCorpus)('corpus: JSON of real notes', () => {
  let collection: ReturnType<typeof createCollection>
  let byPath: Map<string, string>

  beforeAll(() => {
    const inputs = corpusFiles()
    collection = createCollection(parseNotes(inputs).notes)
    const files = renderJson(collection, { baseUrl: 'https://example.org/paper-notes/' })
    byPath = new Map(files.map((file) => [file.path, String(file.contents)]))
  }, 120_000)

  it('writes notes.json that validates and round-trips', () => {
    const notes = JSON.parse(byPath.get('notes.json')!) as Note[]
    expect(validateNotes(notes).diagnostics).toEqual([])
    expect(notes.length).toBe(collection.notes.length)
    expect(notes.length).toBeGreaterThan(100)
    expect(notes).toEqual(
      JSON.parse(
        JSON.stringify(
          collection.notes.map((note) => ({
            ...note,
            comments: note.comments.map(({ tree: _tree, ...rest }) => rest),
          })),
        ),
      ),
    )
  })

  it('writes tag files that match tags.json', () => {
    const tags = JSON.parse(byPath.get('tags.json')!) as {
      name: string
      slug: string
      count: number
    }[]
    expect(tags.length).toBe(collection.tags.length)
    for (const tag of tags) {
      const notes = JSON.parse(byPath.get(`tags/${tag.slug}.json`)!) as Note[]
      expect(notes.length).toBe(tag.count)
      expect(notes.every((note) => note.tags.includes(tag.name))).toBe(true)
    }
    expect(tags.reduce((sum, tag) => sum + tag.count, 0)).toBe(
      collection.notes.reduce((sum, note) => sum + note.tags.length, 0),
    )
  })

  it('writes a JSON Feed that follows the spec, with the 50 newest notes', () => {
    const feed = JSON.parse(byPath.get('feed.json')!) as { items: { id: string }[] }
    expect(jsonFeedErrors(feed)).toEqual([])
    expect(feed.items.map((item) => item.id)).toEqual(
      collection.notes
        .slice(0, 50)
        .map((note) => siteUrl('https://example.org/paper-notes/', notePagePath(note.id))),
    )
  })
})
