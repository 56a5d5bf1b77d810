import {
  createCollection,
  isSafeOutputPath,
  type Note,
  noteSchemaId,
  notesSchemaId,
  validateNotes,
} from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { makeNote, sampleNotes } from '../../../test-support/note-factory.ts'
import { jsonRenderer, renderJson } from '../src/index.js'

function filesByPath(files: ReturnType<typeof renderJson>): Map<string, string> {
  return new Map(files.map((file) => [file.path, String(file.contents)]))
}

function withoutTrees(note: Note): Note {
  return { ...note, comments: note.comments.map(({ tree: _tree, ...rest }) => rest) }
}

describe('renderJson', () => {
  const collection = createCollection(sampleNotes())
  const files = renderJson(collection)
  const byPath = filesByPath(files)

  it('writes notes, tags, schemas, the feed and one file per tag, at safe paths', () => {
    expect(files.map((file) => file.path)).toEqual([
      'notes.json',
      'tags.json',
      'schema.json',
      'notes.schema.json',
      'feed.json',
      ...collection.tags.map((tag) => `tags/${tag.slug}.json`),
    ])
    expect(byPath.has('tags/peft-adaptor-lora.json')).toBe(true)
    expect(byPath.has('tags/selected-papers-blogs.json')).toBe(true)
    expect(files.every((file) => isSafeOutputPath(file.path))).toBe(true)
    expect(byPath.get('feed.json')).toBeDefined()
    const types = Object.fromEntries(files.map((file) => [file.path, file.mediaType]))
    expect(types['notes.json']).toBe('application/json; charset=utf-8')
    expect(types['schema.json']).toBe('application/schema+json; charset=utf-8')
    expect(types['feed.json']).toBe('application/feed+json; charset=utf-8')
  })

  it('writes notes.json that validates with the core schema and round-trips without trees', () => {
    const parsed: unknown = JSON.parse(byPath.get('notes.json')!)
    const result = validateNotes(parsed)
    expect(result.diagnostics).toEqual([])
    expect(result.valid).toBe(true)
    expect(parsed).toEqual(collection.notes.map(withoutTrees))
    expect((parsed as Note[]).map((note) => note.id)).toEqual([
      '4175',
      '4100',
      '3990',
      '9f3a2c1b7d6e5f40',
    ])
    expect(byPath.get('notes.json')).not.toContain('"tree"')
    // The sample comments have trees, so leaving them out is a real change.
    expect(collection.notes[0]!.comments[0]!.tree).toBeDefined()
  })

  it('keeps comment trees with includeTrees, still valid and equal to the collection', () => {
    const withTrees = filesByPath(renderJson(collection, { includeTrees: true }))
    const parsed: unknown = JSON.parse(withTrees.get('notes.json')!)
    expect(validateNotes(parsed).valid).toBe(true)
    expect(parsed).toEqual(JSON.parse(JSON.stringify(collection.notes)))
    const firstTree = (parsed as Note[])[0]!.comments[0]!.tree
    expect(firstTree?.type).toBe('root')
    expect(firstTree?.children[0]?.type).toBe('paragraph')
  })

  it('writes tags.json with name, slug and count, matching the per-tag files', () => {
    const tags = JSON.parse(byPath.get('tags.json')!) as {
      name: string
      slug: string
      count: number
    }[]
    expect(tags).toEqual(collection.tags.map(({ name, slug, count }) => ({ name, slug, count })))
    expect(tags[0]).toEqual({
      name: 'Catastrophic Forgetting',
      slug: 'catastrophic-forgetting',
      count: 2,
    })
    const japanese = tags.find((tag) => tag.name === '日本語 タグ')
    expect(japanese?.slug).toMatch(/^tag-[0-9a-f]{8}$/)
    for (const tag of tags) {
      const notes = JSON.parse(byPath.get(`tags/${tag.slug}.json`)!) as Note[]
      expect(validateNotes(notes).valid).toBe(true)
      expect(notes).toHaveLength(tag.count)
      expect(notes.every((note) => note.tags.includes(tag.name))).toBe(true)
      expect(notes.map((note) => note.id)).toEqual(collection.withTag(tag.slug).map((n) => n.id))
    }
    const peft = JSON.parse(byPath.get('tags/peft-adaptor-lora.json')!) as Note[]
    expect(peft.map((note) => note.id)).toEqual(['4175', '4100'])
  })

  it('writes the note and notes JSON Schemas with their $id', () => {
    const schema = JSON.parse(byPath.get('schema.json')!) as Record<string, unknown>
    expect(schema.$id).toBe(noteSchemaId)
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.type).toBe('object')
    expect(schema.required).toContain('issueDate')
    const listSchema = JSON.parse(byPath.get('notes.schema.json')!) as Record<string, unknown>
    expect(listSchema.$id).toBe(notesSchemaId)
    expect(listSchema.type).toBe('array')
  })

  it('is compact by default and indented with pretty, ending each file in a newline', () => {
    const compact = byPath.get('tags.json')!
    expect(compact.endsWith('}]\n')).toBe(true)
    expect(compact.split('\n')).toHaveLength(2)
    const pretty = filesByPath(renderJson(collection, { pretty: true })).get('tags.json')!
    expect(pretty.startsWith('[\n  {\n    "name": "Catastrophic Forgetting",')).toBe(true)
    expect(JSON.parse(pretty)).toEqual(JSON.parse(compact))
  })

  it('is deterministic: byte-identical output for the same notes, in any input order', () => {
    const again = renderJson(createCollection(sampleNotes()))
    expect(again).toEqual(files)
    const reversed = renderJson(createCollection(sampleNotes().reverse()))
    expect(reversed.map((file) => [file.path, file.contents])).toEqual(
      files.map((file) => [file.path, file.contents]),
    )
    const options = { baseUrl: 'https://example.org/notes/', pretty: true, includeTrees: true }
    expect(renderJson(collection, options)).toEqual(
      renderJson(createCollection(sampleNotes()), options),
    )
  })

  it('renders an empty collection as empty lists and an empty feed', () => {
    const empty = filesByPath(renderJson(createCollection([])))
    expect(JSON.parse(empty.get('notes.json')!)).toEqual([])
    expect(JSON.parse(empty.get('tags.json')!)).toEqual([])
    expect(JSON.parse(empty.get('feed.json')!).items).toEqual([])
    expect([...empty.keys()].some((path) => path.startsWith('tags/'))).toBe(false)
  })

  it('rejects bad options with an error that says how to fix them', () => {
    expect(() => renderJson(collection, { baseUrl: '/notes/' })).toThrow(
      /baseUrl.*not an absolute URL.*https:\/\/example\.org\/notes\//,
    )
    expect(() => renderJson(collection, { baseUrl: 'ftp://example.org/' })).toThrow(
      /must use http: or https:/,
    )
    expect(() => renderJson(collection, { baseUrl: '' })).toThrow(/non-empty string/)
    expect(() => renderJson(collection, { feedLimit: 0 })).toThrow(/feedLimit.*positive integer/)
    expect(() => renderJson(collection, { feedLimit: 2.5 })).toThrow(RangeError)
  })

  it('rejects a note whose issue date is not a date, naming the note', () => {
    const bad = createCollection([makeNote({ id: '7', issueDate: '2025-02-30' })])
    expect(() => renderJson(bad)).toThrow(/note "7" has issueDate "2025-02-30"/)
  })
})

describe('jsonRenderer', () => {
  it('is the core Renderer named json and renders what renderJson renders', async () => {
    const collection = createCollection(sampleNotes())
    expect(jsonRenderer.name).toBe('json')
    const options = { baseUrl: 'https://example.org/', feedLimit: 2 }
    expect(await jsonRenderer.render(collection, options)).toEqual(renderJson(collection, options))
    expect(await jsonRenderer.render(collection)).toEqual(renderJson(collection))
  })
})
