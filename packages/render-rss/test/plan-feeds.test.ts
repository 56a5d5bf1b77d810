import { fileURLToPath } from 'node:url'
import {
  createCollection,
  type Note,
  notePagePath,
  renderPlannedFiles,
  siteUrl,
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
import { planFeeds, renderFeeds, rssRenderer, rssRendererVersion } from '../src/index.js'
import { readFeed } from './read-feed.js'

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

  it('works dependsOn out when a host first reads it, and only once', () => {
    expectLazyDependsOn(planFeeds(collection, options))
  })

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

describeRendererVersion({
  packageName: '@paper-notes/render-rss',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  renderer: rssRenderer,
  version: rssRendererVersion,
  exportName: 'rssRenderer',
})
