import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  type Collection,
  createCollection,
  type Note,
  notePagePath,
  type PlannedFile,
  parseMarkdown,
  renderPlannedFiles,
  siteUrl,
} from '@paper-notes/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { runWithBuiltPackages } from '../../../test-support/built-package.ts'
import { makeComment, makeNote, sampleNotes } from '../../../test-support/note-factory.ts'
import { planFeeds, renderFeeds, rssRenderer, rssRendererVersion } from '../src/index.js'
import { readFeed } from './read-feed.js'

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

/** Counts the reads of `comments` on the notes (the collection has read them already). */
function countCommentReads(notes: readonly Note[]): () => number {
  let reads = 0
  for (const note of notes) {
    const comments = note.comments
    Object.defineProperty(note, 'comments', {
      enumerable: true,
      get() {
        reads++
        return comments
      },
    })
  }
  return () => reads
}

describe('planFeeds', () => {
  const notes = notesWithReferences()
  const collection = createCollection(notes)
  const options = { baseUrl: 'https://example.org/notes/', limit: 3 }

  it('plans the files renderFeeds renders, in order, whatever order they are rendered in', () => {
    const planned = [...planFeeds(collection, options)]
    expect(planned.map((file) => file.path)).toEqual([
      'rss.xml',
      'atom.xml',
      ...collection.tags.flatMap((tag) => [
        `tags/${tag.slug}.rss.xml`,
        `tags/${tag.slug}.atom.xml`,
      ]),
    ])
    // Rendered back to front: shared items must not depend on which feed asked first.
    const contents = new Map([...planned].reverse().map((file) => [file.path, file.render()]))
    const rendered = renderFeeds(collection, options)
    expect(rendered.map((file) => [file.path, file.mediaType])).toEqual(
      planned.map((file) => [file.path, file.mediaType]),
    )
    for (const file of rendered) expect(contents.get(file.path)).toBe(file.contents)
    const { feed } = readFeed(String(contents.get('tags/catastrophic-forgetting.atom.xml')))
    expect(feed.items.map((item) => item.url)).toEqual(
      ['4200', '4175', '9f3a2c1b7d6e5f40'].map((id) => siteUrl(options.baseUrl, notePagePath(id))),
    )
  })

  it('is what rssRenderer.plan plans, and rssRenderer.render renders', async () => {
    const viaRenderer = [...(rssRenderer.plan?.(collection, options) ?? [])]
    expect(renderPlannedFiles(viaRenderer)).toEqual(await rssRenderer.render(collection, options))
    expect(viaRenderer.map((file) => file.path)).toContain('atom.xml')
  })

  it('builds no item until a feed is rendered, and only the items that feed lists', () => {
    const counted = createCollection(notesWithReferences())
    const reads = countCommentReads(counted.notes)
    const plan = [...planFeeds(counted, options)]
    expect(reads()).toBe(0)
    plan.find((file) => file.path === 'tags/peft-adaptor-lora.rss.xml')!.render()
    // Two notes carry the tag; the Atom feed of the tag reuses their items.
    const afterTagFeed = reads()
    expect(afterTagFeed).toBeGreaterThan(0)
    plan.find((file) => file.path === 'tags/peft-adaptor-lora.atom.xml')!.render()
    expect(reads()).toBe(afterTagFeed)
    plan.find((file) => file.path === 'rss.xml')!.render()
    expect(reads()).toBeGreaterThan(afterTagFeed)
  })

  it('checks options when called, before any file is taken', () => {
    expect(() => planFeeds(collection, { ...options, limit: 0 })).toThrow(/limit.*positive/)
    expect(() => rssRenderer.plan?.(collection)).toThrow(/baseUrl/)
  })

  it('says which notes each feed lists', () => {
    const byPath = new Map([...planFeeds(collection, options)].map((file) => [file.path, file]))
    const ids = (path: string) => byPath.get(path)!.dependsOn!.notes.map((note) => note.id)
    expect(ids('rss.xml')).toEqual(['4200', '4175', '4100'])
    expect(ids('atom.xml')).toEqual(['4200', '4175', '4100'])
    expect(ids('tags/peft-adaptor-lora.rss.xml')).toEqual(['4175', '4100'])
    expect(byPath.get('tags/peft-adaptor-lora.rss.xml')!.dependsOn!.key).not.toBe(
      byPath.get('rss.xml')!.dependsOn!.key,
    )
  })

  describe('dependency completeness: every file that changes lists the note or changes its key', () => {
    const before = [...planFeeds(collection, options)]

    it.each(notes.map((note) => note.id))('after editing the content of note %s', (id) => {
      const after = [...planFeeds(replaced(notes, id, withEditedContent), options)]
      expect(changedPaths(before, after).length).toBeGreaterThan(0)
      expect(changedButReusable(before, after, id)).toEqual([])
      // Not everything: the feeds of tags the note lacks stay reusable.
      const reusable = after.filter(
        (file) =>
          file.dependsOn !== undefined &&
          !file.dependsOn.notes.some((note) => note.id === id) &&
          file.dependsOn.key === before.find((old) => old.path === file.path)?.dependsOn?.key,
      )
      expect(reusable.length).toBeGreaterThan(2)
    })

    it.each(notes.map((note) => note.id))('after note %s loses a tag and gains one', (id) => {
      const after = [...planFeeds(replaced(notes, id, withEditedTags), options)]
      expect(changedPaths(before, after).length).toBeGreaterThan(0)
      expect(changedButReusable(before, after, id)).toEqual([])
    })
  })
})

describe('rssRenderer.version', () => {
  it("is this package's version", async () => {
    const { default: manifest } = await import('../package.json', { with: { type: 'json' } })
    expect(rssRenderer.version).toBe(rssRendererVersion)
    expect(rssRendererVersion).toMatch(/^\d+\.\d+\.\d+/)
    expect(rssRendererVersion).toBe(manifest.version)
  })
})

describe('rssRenderer.version in the built bundles', () => {
  const packageDir = fileURLToPath(new URL('..', import.meta.url))

  beforeAll(() => {
    if (!existsSync(`${packageDir}dist/index.js`) || !existsSync(`${packageDir}dist/index.cjs`)) {
      throw new Error(
        'packages/render-rss/dist is missing: run `npx tsup` (npm test builds for you)',
      )
    }
  })

  it.each(['esm', 'cjs'] as const)(
    'is the package version, with plan, loaded as %s',
    async (system) => {
      const { default: manifest } = await import('../package.json', { with: { type: 'json' } })
      const out = runWithBuiltPackages(
        system,
        { pkg: '@paper-notes/render-rss' },
        'JSON.stringify([pkg.rssRenderer.version, typeof pkg.rssRenderer.plan])',
        packageDir,
      )
      expect(JSON.parse(out)).toEqual([manifest.version, 'function'])
    },
  )
})
