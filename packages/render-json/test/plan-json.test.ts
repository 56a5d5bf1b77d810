import { fileURLToPath } from 'node:url'
import {
  createCollection,
  type Note,
  noteSchema,
  notesSchema,
  renderPlannedFiles,
} from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import {
  changedButReusable,
  changedPaths,
  describeRendererVersion,
  expectLazyDependsOn,
  notesWithReferences,
  replaced,
  withEditedContent,
  withEditedTags,
} from '../../../test-support/planned-files.ts'
import { jsonRenderer, jsonRendererVersion, planJson, renderJson } from '../src/index.js'
import { resolveJsonOptions } from '../src/json-options.js'
import { noteJsonCacheLimit } from '../src/notes-json.js'

describe('planJson', () => {
  const notes = notesWithReferences()
  const collection = createCollection(notes)
  const options = { baseUrl: 'https://example.org/notes/', feedLimit: 3 }

  it('takes cacheBytes (checked) without changing a byte', () => {
    const files = renderPlannedFiles(planJson(collection, options))
    const uncached = renderPlannedFiles(planJson(collection, { ...options, cacheBytes: 0 }))
    expect(uncached).toEqual(files)
    expect(resolveJsonOptions({ cacheBytes: 0 }).cacheBytes).toBe(0)
    expect(resolveJsonOptions({}).cacheBytes).toBe(noteJsonCacheLimit)
    expect(() => planJson(collection, { cacheBytes: -5 })).toThrow(
      /@paper-notes\/render-json: `cacheBytes` must be a whole number of bytes/,
    )
  })

  it('works dependsOn out when a host first reads it, and only once', () => {
    expectLazyDependsOn(planJson(collection, options))
  })

  it('plans the files renderJson renders, in order, whatever order they are rendered in', () => {
    const planned = [...planJson(collection, options)]
    expect(planned.map((file) => file.path)).toEqual([
      'notes.json',
      'tags.json',
      'schema.json',
      'notes.schema.json',
      'feed.json',
      ...collection.tags.map((tag) => `tags/${tag.slug}.json`),
    ])
    // Rendered back to front: the shared note JSON must not depend on which file asked first.
    const contents = new Map([...planned].reverse().map((file) => [file.path, file.render()]))
    const rendered = renderJson(collection, options)
    expect(rendered.map((file) => [file.path, file.mediaType])).toEqual(
      planned.map((file) => [file.path, file.mediaType]),
    )
    for (const file of rendered) expect(contents.get(file.path)).toBe(file.contents)
    expect(contents.get('schema.json')).toBe(`${JSON.stringify(noteSchema)}\n`)
    expect(contents.get('notes.schema.json')).toBe(`${JSON.stringify(notesSchema)}\n`)
    const withoutTree = (note: Note) => ({
      ...note,
      comments: note.comments.map(({ tree: _tree, ...comment }) => comment),
    })
    expect(contents.get('tags/catastrophic-forgetting.json')).toBe(
      `${JSON.stringify(collection.withTag('Catastrophic Forgetting').map(withoutTree))}\n`,
    )
  })

  it('is what jsonRenderer.plan plans, and jsonRenderer.render renders', async () => {
    const viaRenderer = [...(jsonRenderer.plan?.(collection, options) ?? [])]
    expect(renderPlannedFiles(viaRenderer)).toEqual(await jsonRenderer.render(collection, options))
    expect(viaRenderer.map((file) => file.path)).toContain('tags.json')
  })

  it('reads no note content until a file is rendered, and only what that file shows', () => {
    let abstractReads = 0
    const counted = notes.map((note) => {
      const copy = { ...note }
      Object.defineProperty(copy, 'abstract', {
        enumerable: true,
        get() {
          abstractReads++
          return note.abstract
        },
      })
      return copy
    })
    const plan = [...planJson(createCollection(counted), options)]
    expect(abstractReads).toBe(0)
    plan.find((file) => file.path === 'tags/peft-adaptor-lora.json')!.render()
    // Two notes carry the tag; each is serialized once.
    expect(abstractReads).toBe(2)
    plan.find((file) => file.path === 'notes.json')!.render()
    expect(abstractReads).toBe(notes.length)
  })

  it('checks options when called, before any file is taken', () => {
    expect(() => planJson(collection, { feedLimit: 0 })).toThrow(/feedLimit.*positive integer/)
    expect(() => jsonRenderer.plan?.(collection, { baseUrl: 'notes/' })).toThrow(TypeError)
  })

  it('says what each file depends on', () => {
    const byPath = new Map([...planJson(collection, options)].map((file) => [file.path, file]))
    const ids = (path: string) => byPath.get(path)!.dependsOn!.notes.map((note) => note.id)
    expect(ids('notes.json')).toEqual(collection.notes.map((note) => note.id))
    expect(ids('feed.json')).toEqual(['4200', '4175', '4100'])
    expect(ids('tags/peft-adaptor-lora.json')).toEqual(['4175', '4100'])
    expect(ids('tags.json')).toEqual([])
    expect(byPath.get('schema.json')!.dependsOn).toEqual({ notes: [], key: '' })
    expect(byPath.get('notes.schema.json')!.dependsOn).toEqual({ notes: [], key: '' })
    expect(byPath.get('tags.json')!.dependsOn!.key).toMatch(/^[0-9a-f]{16}$/)
  })

  describe('dependency completeness: every file that changes lists the note or changes its key', () => {
    const before = [...planJson(collection, options)]

    it.each(notes.map((note) => note.id))('after editing the content of note %s', (id) => {
      const after = [...planJson(replaced(notes, id, withEditedContent), options)]
      expect(changedPaths(before, after)).toContain('notes.json')
      expect(changedButReusable(before, after, id)).toEqual([])
      // Not everything: the schemas and the files of tags the note lacks stay reusable.
      const reusable = after.filter(
        (file) =>
          file.dependsOn !== undefined &&
          !file.dependsOn.notes.some((note) => note.id === id) &&
          file.dependsOn.key === before.find((old) => old.path === file.path)?.dependsOn?.key,
      )
      expect(reusable.map((file) => file.path)).toContain('schema.json')
      expect(reusable.length).toBeGreaterThan(2)
    })

    it.each(notes.map((note) => note.id))('after note %s loses a tag and gains one', (id) => {
      const after = [...planJson(replaced(notes, id, withEditedTags), options)]
      expect(changedPaths(before, after)).toContain('tags.json')
      expect(changedButReusable(before, after, id)).toEqual([])
    })
  })
})

describeRendererVersion({
  packageName: '@paper-notes/render-json',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  renderer: jsonRenderer,
  version: jsonRendererVersion,
  exportName: 'jsonRenderer',
})
