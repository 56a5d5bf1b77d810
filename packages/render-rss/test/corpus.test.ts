/**
 * Feeds of the real exports in `/work/shared/corpus` (read with `@paper-notes/parser`): every
 * feed is well-formed, parses, and lists the right notes with the right links, dates and tags.
 */
import { createCollection, notePagePath, siteUrl, tagPagePath } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { corpusFiles, hasCorpus } from '../../../test-support/corpus.ts'
import { renderFeeds } from '../src/index.js'
import { readFeed } from './read-feed.js'

const baseUrl = 'https://example.org/paper-notes/'

describe.skipIf(!hasCorpus)('corpus: RSS and Atom feeds of real notes', () => {
  let collection: ReturnType<typeof createCollection>
  let files: ReturnType<typeof renderFeeds>

  beforeAll(() => {
    const inputs = corpusFiles()
    collection = createCollection(parseNotes(inputs).notes)
    files = renderFeeds(collection, { baseUrl })
  }, 120_000)

  it('writes a feed pair for the site and for every tag', () => {
    expect(collection.notes.length).toBeGreaterThan(100)
    expect(collection.tags.length).toBeGreaterThan(50)
    expect(files).toHaveLength(2 + 2 * collection.tags.length)
  })

  it('lists the right notes, newest first, in every feed', { timeout: 120_000 }, () => {
    const byPath = new Map(files.map((file) => [file.path, String(file.contents)]))
    const feeds = [
      { slug: undefined, notes: collection.notes },
      ...collection.tags.map((tag) => ({ slug: tag.slug, notes: collection.withTag(tag.slug) })),
    ]
    for (const { slug, notes } of feeds) {
      const expected = notes.slice(0, 50)
      for (const format of ['rss', 'atom']) {
        const path = slug === undefined ? `${format}.xml` : `tags/${slug}.${format}.xml`
        const { feed } = readFeed(byPath.get(path)!)
        expect(feed.url).toBe(siteUrl(baseUrl, slug === undefined ? '' : tagPagePath(slug)))
        expect(feed.items.map((item) => item.url)).toEqual(
          expected.map((note) => siteUrl(baseUrl, notePagePath(note.id))),
        )
        expect(feed.items.map((item) => item.published?.toISOString().slice(0, 10))).toEqual(
          expected.map((note) => note.issueDate),
        )
        expect(feed.items.map((item) => item.categories.map((c) => c.term))).toEqual(
          expected.map((note) => note.tags),
        )
        for (const [i, item] of feed.items.entries()) {
          const title = expected[i]!.title.replace(/\s+/g, ' ').trim()
          if (title !== '') expect(item.title).toBe(title)
          else expect(item.title).not.toBe('')
        }
      }
    }
  })

  it('carries the notes’ comments as sanitized HTML', () => {
    const { tree } = readFeed(String(files[0]!.contents))
    const channel = (tree.rss as Record<string, Record<string, unknown>>).channel!
    const descriptions = (channel.item as Record<string, string>[]).map((item) => item.description!)
    expect(descriptions.some((html) => /<a href="https:\/\/(x|twitter)\.com\//.test(html))).toBe(
      true,
    )
    for (const html of descriptions) {
      expect(html).not.toMatch(/<script|<iframe|<style/i)
      expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i)
    }
  })
})
