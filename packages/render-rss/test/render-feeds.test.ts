import {
  type Collection,
  createCollection,
  isSafeOutputPath,
  type Note,
  notePagePath,
  siteUrl,
  tagPagePath,
} from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { makeNote, sampleNotes } from '../../../test-support/note-factory.ts'
import { type RssRenderOptions, renderFeeds, rssRenderer } from '../src/index.js'
import { readFeed } from './read-feed.js'

const baseUrl = 'https://example.org/paper-notes/'
const rfc822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} 00:00:00 GMT$/

function contentsOf(files: ReturnType<typeof renderFeeds>, path: string): string {
  const file = files.find((f) => f.path === path)
  if (!file) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`)
  return String(file.contents)
}

/** Checks a parsed feed's items against the notes it should list, in order. */
function expectItemsMatch(xml: string, notes: readonly Note[], format: 'rss' | 'atom'): void {
  const { feed } = readFeed(xml)
  expect(feed.meta.type).toBe(format)
  expect(feed.items).toHaveLength(notes.length)
  feed.items.forEach((item, i) => {
    const note = notes[i]!
    const url = siteUrl(baseUrl, notePagePath(note.id))
    expect(item.url).toBe(url)
    expect(item.id).toBe(url)
    expect(item.published?.toISOString()).toBe(`${note.issueDate}T00:00:00.000Z`)
    expect(item.categories.map((category) => category.term)).toEqual(note.tags)
    if (note.title !== '') expect(item.title).toBe(note.title)
  })
}

describe('renderFeeds', () => {
  const collection = createCollection(sampleNotes())
  const files = renderFeeds(collection, { baseUrl })

  it('takes cacheBytes (checked) without changing a byte', () => {
    expect(renderFeeds(collection, { baseUrl, cacheBytes: 0 })).toEqual(files)
    expect(renderFeeds(collection, { baseUrl, cacheBytes: 2_000 })).toEqual(files)
    expect(() => renderFeeds(collection, { baseUrl, cacheBytes: Number.NaN })).toThrow(
      /@paper-notes\/render-rss: `cacheBytes` must be a whole number of bytes, 0 or more \(got NaN\)/,
    )
  })

  it('writes site-wide RSS and Atom feeds and a pair per tag, at safe paths', () => {
    expect(files.map((file) => file.path)).toEqual([
      'rss.xml',
      'atom.xml',
      ...collection.tags.flatMap((tag) => [
        `tags/${tag.slug}.rss.xml`,
        `tags/${tag.slug}.atom.xml`,
      ]),
    ])
    expect(files.map((file) => file.path)).toContain('tags/peft-adaptor-lora.rss.xml')
    expect(files.map((file) => file.path)).toContain('tags/supervised-finetuning-sft.atom.xml')
    expect(files.every((file) => isSafeOutputPath(file.path))).toBe(true)
    expect(files[0]!.mediaType).toBe('application/rss+xml; charset=utf-8')
    expect(files[1]!.mediaType).toBe('application/atom+xml; charset=utf-8')
  })

  it('writes an RSS 2.0 feed that parsers read back as the collection', () => {
    const xml = contentsOf(files, 'rss.xml')
    expectItemsMatch(xml, collection.notes, 'rss')
    const { feed, tree } = readFeed(xml)
    expect(feed.meta.version).toBe('2.0')
    expect(feed.title).toBe('Paper notes')
    expect(feed.url).toBe(baseUrl)
    expect(feed.self).toBe(`${baseUrl}rss.xml`)
    expect(feed.description).toBe('Newest notes from Paper notes.')
    expect(feed.items.map((item) => item.title)).toEqual([
      'Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting',
      'Tinker is a training API for {developers, builders, researchers}',
      'KTO: Model Alignment as Prospect Theoretic Optimization',
      'タイトルのないノート。テキスト形式の書き出しから来た。',
    ])
    expect(feed.items[0]!.description).toBe(
      [
        '<p>事前学習済みモデルのファインチューニングにおける忘却を、易しいサンプルの重み付けで抑える。</p>',
        '<p>openreview: <a href="https://openreview.net/forum?id=13HPTmZKbM" rel="noopener noreferrer">https://openreview.net/forum?id=13HPTmZKbM</a></p>',
        '<p>Paper: <a href="https://arxiv.org/abs/2502.02797" rel="noopener noreferrer">https://arxiv.org/abs/2502.02797</a></p>',
      ].join('\n'),
    )
    const channel = (tree.rss as Record<string, unknown>).channel as Record<string, unknown>
    expect((tree.rss as Record<string, unknown>)['@_version']).toBe('2.0')
    expect(channel.lastBuildDate).toBe('Mon, 12 Jan 2026 00:00:00 GMT')
    const items = channel.item as Record<string, unknown>[]
    for (const item of items) {
      expect(item.pubDate).toMatch(rfc822)
      expect((item.guid as Record<string, unknown>)['@_isPermaLink']).toBe('true')
    }
    expect(items.map((item) => item.pubDate)).toEqual([
      'Mon, 12 Jan 2026 00:00:00 GMT',
      'Thu, 02 Oct 2025 00:00:00 GMT',
      'Thu, 02 Oct 2025 00:00:00 GMT',
      'Wed, 20 Nov 2024 00:00:00 GMT',
    ])
  })

  it('writes an Atom 1.0 feed that parsers read back as the collection', () => {
    const xml = contentsOf(files, 'atom.xml')
    expectItemsMatch(xml, collection.notes, 'atom')
    const { feed, tree } = readFeed(xml)
    expect(feed.title).toBe('Paper notes')
    expect(feed.url).toBe(baseUrl)
    expect(feed.self).toBe(`${baseUrl}atom.xml`)
    expect(feed.updated?.toISOString()).toBe('2026-01-12T00:00:00.000Z')
    expect(feed.authors.map((author) => author.name)).toEqual(['Paper notes'])
    const root = tree.feed as Record<string, unknown>
    expect(root['@_xmlns']).toBe('http://www.w3.org/2005/Atom')
    expect(root.id).toBe(`${baseUrl}atom.xml`)
    const entries = root.entry as Record<string, unknown>[]
    expect(entries.map((entry) => entry.published)).toEqual([
      '2026-01-12T00:00:00Z',
      '2025-10-02T00:00:00Z',
      '2025-10-02T00:00:00Z',
      '2024-11-20T00:00:00Z',
    ])
    const links = entries[0]!.link as Record<string, string>[]
    expect(links).toEqual([
      { '@_rel': 'alternate', '@_type': 'text/html', '@_href': `${baseUrl}notes/4175.html` },
      { '@_rel': 'related', '@_href': 'https://arxiv.org/abs/2502.02797' },
    ])
    expect((entries[2]!.link as unknown[]).length).toBe(1)
    expect(feed.items[1]!.content).toContain('<strong>LoRA</strong> で手軽に学習できる。')
  })

  it('writes per-tag feeds of exactly that tag’s notes, linking to the tag page', () => {
    for (const tag of collection.tags) {
      const notes = collection.withTag(tag.slug)
      for (const format of ['rss', 'atom'] as const) {
        const xml = contentsOf(files, `tags/${tag.slug}.${format}.xml`)
        expectItemsMatch(xml, notes, format)
        const { feed } = readFeed(xml)
        expect(feed.title).toBe(`Paper notes: ${tag.name}`)
        expect(feed.url).toBe(siteUrl(baseUrl, tagPagePath(tag.slug)))
        expect(feed.self).toBe(`${baseUrl}tags/${tag.slug}.${format}.xml`)
        expect(feed.items.every((item) => item.categories.some((c) => c.term === tag.name))).toBe(
          true,
        )
      }
    }
    const { feed } = readFeed(contentsOf(files, 'tags/selected-papers-blogs.rss.xml'))
    expect(feed.items.map((item) => item.url)).toEqual([
      `${baseUrl}notes/4100.html`,
      `${baseUrl}notes/3990.html`,
    ])
    expect(feed.description).toBe('Newest notes tagged “Selected Papers/Blogs” from Paper notes.')
  })

  it('uses siteTitle and description', () => {
    const custom = renderFeeds(collection, {
      baseUrl,
      siteTitle: '論文メモ',
      description: 'Papers I read & liked',
    })
    const rss = readFeed(contentsOf(custom, 'rss.xml')).feed
    expect(rss.title).toBe('論文メモ')
    expect(rss.description).toBe('Papers I read & liked')
    const atom = readFeed(contentsOf(custom, 'tags/alignment.atom.xml')).feed
    expect(atom.title).toBe('論文メモ: Alignment')
    expect(atom.authors[0]?.name).toBe('論文メモ')
  })

  it('lists only the newest notes: 50 by default, or limit', () => {
    const many = createCollection(
      Array.from({ length: 60 }, (_, i) =>
        makeNote({
          id: String(i + 1),
          titleLine: `Note ${i + 1}, Someone, 2025.01`,
          title: `Note ${i + 1}`,
          issueDate: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
        }),
      ),
    )
    const all = renderFeeds(many, { baseUrl })
    expectItemsMatch(contentsOf(all, 'rss.xml'), many.notes.slice(0, 50), 'rss')
    expectItemsMatch(contentsOf(all, 'atom.xml'), many.notes.slice(0, 50), 'atom')
    expectItemsMatch(contentsOf(all, 'tags/nlp.atom.xml'), many.withTag('NLP').slice(0, 50), 'atom')
    const three = renderFeeds(many, { baseUrl, limit: 3 })
    const { feed } = readFeed(contentsOf(three, 'tags/catastrophic-forgetting.rss.xml'))
    expect(feed.items.map((item) => item.title)).toEqual(['Note 56', 'Note 28', 'Note 55'])
  })

  it('writes valid empty feeds for an empty collection, dated without the clock', () => {
    const empty = renderFeeds(createCollection([]), { baseUrl })
    expect(empty.map((file) => file.path)).toEqual(['rss.xml', 'atom.xml'])
    const rss = readFeed(contentsOf(empty, 'rss.xml'))
    expect(rss.feed.items).toEqual([])
    expect(contentsOf(empty, 'rss.xml')).not.toContain('lastBuildDate')
    const atom = readFeed(contentsOf(empty, 'atom.xml'))
    expect(atom.feed.items).toEqual([])
    expect(atom.feed.updated?.toISOString()).toBe('1970-01-01T00:00:00.000Z')
  })

  it('is deterministic: byte-identical output for the same notes, in any input order', () => {
    expect(renderFeeds(createCollection(sampleNotes()), { baseUrl })).toEqual(files)
    const reversed = renderFeeds(createCollection(sampleNotes().reverse()), { baseUrl })
    expect(reversed.map((file) => [file.path, file.contents])).toEqual(
      files.map((file) => [file.path, file.contents]),
    )
  })

  it('requires an absolute http(s) baseUrl, with an error that says how to fix it', () => {
    const howTo = /renderFeeds\(collection, \{ baseUrl: "https:\/\/example\.org\/notes\/" \}\)/
    expect(() => renderFeeds(collection, {} as RssRenderOptions)).toThrow(/`baseUrl` is required/)
    expect(() => renderFeeds(collection, {} as RssRenderOptions)).toThrow(howTo)
    expect(() => renderFeeds(collection, { baseUrl: '' })).toThrow(/non-empty string/)
    expect(() => renderFeeds(collection, { baseUrl: 'example.org/notes' })).toThrow(
      /"example\.org\/notes" is not an absolute URL/,
    )
    expect(() => renderFeeds(collection, { baseUrl: 'file:///srv/site/' })).toThrow(
      /uses file: but must use http: or https:/,
    )
    expect(() => renderFeeds(collection, { baseUrl, limit: 0 })).toThrow(
      /`limit` must be a positive integer/,
    )
  })

  it('rejects a note whose issue date is not a date, naming the note', () => {
    const bad = createCollection([makeNote({ id: '7', issueDate: '2025-13-01' })])
    expect(() => renderFeeds(bad, { baseUrl })).toThrow(/note "7" has issueDate "2025-13-01"/)
  })
})

describe('rssRenderer', () => {
  const collection: Collection = createCollection(sampleNotes())

  it('is the core Renderer named rss and renders what renderFeeds renders', async () => {
    expect(rssRenderer.name).toBe('rss')
    expect(await rssRenderer.render(collection, { baseUrl, limit: 2 })).toEqual(
      renderFeeds(collection, { baseUrl, limit: 2 }),
    )
  })

  it('throws the baseUrl error when called without options', () => {
    expect(() => rssRenderer.render(collection)).toThrow(/`baseUrl` is required/)
  })
})
