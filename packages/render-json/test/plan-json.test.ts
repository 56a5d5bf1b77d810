import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  type Collection,
  createCollection,
  type Note,
  noteSchema,
  notesSchema,
  type PlannedFile,
  parseMarkdown,
  renderPlannedFiles,
} from '@paper-notes/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { runWithBuiltPackages } from '../../../test-support/built-package.ts'
import { makeComment, makeNote, sampleNotes } from '../../../test-support/note-factory.ts'
import { jsonRenderer, jsonRendererVersion, planJson, renderJson } from '../src/index.js'

/** The shared sample notes and one more that refers to two of them (`#4175`, an issue URL). */
function notesWithReferences(): Note[] {
  const markdown =
    '#4175 と同じ著者。KTO も参照: https://github.com/example/notes/issues/3990\n\n- [Paper Note] Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting'
  return [
    ...sampleNotes(),
    makeNote({
      id: '4200',
      titleLine: "[Paper Note] Rehearsal-Free Continual Tuning, Grace Hopper+, NeurIPS'25, 2025.09",
      title: 'Rehearsal-Free Continual Tuning',
      authors: ['Grace Hopper'],
      venue: { name: 'NeurIPS', year: 2025 },
      issueDate: '2026-01-20',
      tags: ['Catastrophic Forgetting', 'Continual Learning (CL)'],
      links: { issue: 'https://github.com/example/notes/issues/4200' },
      comments: [
        makeComment({
          markdown,
          tree: parseMarkdown(markdown),
          related: [
            { text: '#4175', issue: 4175 },
            {
              text: '[Paper Note] Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting',
            },
          ],
        }),
      ],
    }),
  ]
}

/** The note with its title, abstract and first comment (added when it has none) edited. */
function withEditedContent(note: Note): Note {
  const [first, ...rest] = note.comments.length > 0 ? note.comments : [makeComment()]
  const markdown = `${first!.markdown}\n\n追記: 読み直した。`
  return {
    ...note,
    title: `${note.title} (revised)`,
    titleLine: note.titleLine === '' ? '' : `${note.titleLine} (revised)`,
    abstract: `${note.abstract ?? ''} Revised abstract.`.trim(),
    comments: [{ ...first!, markdown, tree: parseMarkdown(markdown) }, ...rest],
  }
}

/** The note without its first tag and with a new one. */
function withEditedTags(note: Note): Note {
  return { ...note, tags: [...note.tags.slice(1), 'Fresh Tag (新規)'] }
}

function replaced(notes: readonly Note[], id: string, edit: (note: Note) => Note): Collection {
  return createCollection(notes.map((note) => (note.id === id ? edit(note) : note)))
}

/**
 * The paths of the files of `after` whose contents differ from the file at the same path in
 * `before` although a host would reuse it: `dependsOn` is set, does not list note `id`, and has
 * the same key as before.
 */
function changedButReusable(before: PlannedFile[], after: PlannedFile[], id: string): string[] {
  const earlier = new Map(before.map((file) => [file.path, file]))
  const missed: string[] = []
  for (const file of after) {
    const previous = earlier.get(file.path)
    if (previous === undefined || previous.render() === file.render()) continue
    const depends = file.dependsOn
    if (depends === undefined || depends.notes.some((note) => note.id === id)) continue
    if (depends.key !== previous.dependsOn?.key) continue
    missed.push(file.path)
  }
  return missed
}

function changedPaths(before: PlannedFile[], after: PlannedFile[]): string[] {
  const earlier = new Map(before.map((file) => [file.path, file.render()]))
  return after.filter((file) => earlier.get(file.path) !== file.render()).map((file) => file.path)
}

describe('planJson', () => {
  const notes = notesWithReferences()
  const collection = createCollection(notes)
  const options = { baseUrl: 'https://example.org/notes/', feedLimit: 3 }

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

describe('jsonRenderer.version', () => {
  it("is this package's version", async () => {
    const { default: manifest } = await import('../package.json', { with: { type: 'json' } })
    expect(jsonRenderer.version).toBe(jsonRendererVersion)
    expect(jsonRendererVersion).toMatch(/^\d+\.\d+\.\d+/)
    expect(jsonRendererVersion).toBe(manifest.version)
  })
})

describe('jsonRenderer.version in the built bundles', () => {
  const packageDir = fileURLToPath(new URL('..', import.meta.url))

  beforeAll(() => {
    if (!existsSync(`${packageDir}dist/index.js`) || !existsSync(`${packageDir}dist/index.cjs`)) {
      throw new Error(
        'packages/render-json/dist is missing: run `npx tsup` (npm test builds for you)',
      )
    }
  })

  it.each(['esm', 'cjs'] as const)(
    'is the package version, with plan, loaded as %s',
    async (system) => {
      const { default: manifest } = await import('../package.json', { with: { type: 'json' } })
      const out = runWithBuiltPackages(
        system,
        { pkg: '@paper-notes/render-json' },
        'JSON.stringify([pkg.jsonRenderer.version, typeof pkg.jsonRenderer.plan])',
        packageDir,
      )
      expect(JSON.parse(out)).toEqual([manifest.version, 'function'])
    },
  )
})
