import { createCollection } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { makeComment, makeNote } from '../../../test-support/note-factory.ts'
import { renderFeeds } from '../src/index.js'
import { readFeed } from './read-feed.js'

// Items and category elements are serialized once and placed in every feed; these notes carry
// text that looks like the markup the pieces are joined at.
const markupLookalike = '\n      <description>\n    <content type="html">\n  </channel></feed>'
// Titles are shown with their white space collapsed (core's noteDisplayTitle).
const displayTitle = 'Title <description> <content type="html"> </channel></feed> end'
const notes = [
  makeNote({
    id: '701',
    title: `Title ${markupLookalike} end`,
    issueDate: '2025-07-02',
    tags: ['NLP', `Tag ${markupLookalike} end`, '日本語 (タグ)/スラッシュ'],
    comments: [makeComment({ markdown: '本文 `<description>` and `</channel>`' })],
  }),
  makeNote({
    id: '702',
    title: 'Second note',
    issueDate: '2025-07-01',
    tags: ['日本語 (タグ)/スラッシュ', 'NLP'],
    links: {},
  }),
]

function fileOf(path: string): string {
  const file = renderFeeds(createCollection(notes), { baseUrl: 'https://example.org/' }).find(
    (candidate) => candidate.path === path,
  )
  if (file === undefined) throw new Error(`no ${path}`)
  return String(file.contents)
}

describe('items shared by several feeds', () => {
  it('puts each item, with its categories in order, into RSS feeds that read back', () => {
    for (const path of ['rss.xml', 'tags/nlp.rss.xml']) {
      const { tree, feed } = readFeed(fileOf(path))
      expect(feed.items.map((item) => item.url)).toEqual([
        'https://example.org/notes/701.html',
        'https://example.org/notes/702.html',
      ])
      const items = (tree.rss as { channel: { item: Record<string, unknown>[] } }).channel.item
      expect(items.map((item) => item.title)).toEqual([displayTitle, 'Second note'])
      expect(items.map((item) => item.category)).toEqual([
        ['NLP', `Tag ${markupLookalike} end`, '日本語 (タグ)/スラッシュ'],
        ['日本語 (タグ)/スラッシュ', 'NLP'],
      ])
      expect(items[0]?.description).toContain('<code>&#x3C;description></code>')
    }
  })

  it('puts each entry, with its categories in order, into Atom feeds that read back', () => {
    for (const path of ['atom.xml', 'tags/nlp.atom.xml']) {
      const { tree } = readFeed(fileOf(path))
      const entries = (tree.feed as { entry: Record<string, unknown>[] }).entry
      expect(entries).toHaveLength(2)
      const terms = entries.map((entry) =>
        (entry.category as { '@_term': string }[]).map((category) => category['@_term']),
      )
      expect(terms).toEqual([
        ['NLP', `Tag ${markupLookalike} end`, '日本語 (タグ)/スラッシュ'],
        ['日本語 (タグ)/スラッシュ', 'NLP'],
      ])
      expect(entries.map((entry) => (entry.title as { '#text': string })['#text'])).toEqual([
        displayTitle,
        'Second note',
      ])
      const content = (entries[0] as { content: { '#text': string } }).content['#text']
      expect(content).toContain('<code>&#x3C;/channel></code>')
    }
  })

  it('writes the same item bytes in the site feed and in a tag feed', () => {
    const item = (xml: string) => xml.slice(xml.indexOf('<item>'), xml.indexOf('</item>'))
    expect(item(fileOf('tags/nlp.rss.xml'))).toBe(item(fileOf('rss.xml')))
  })
})
