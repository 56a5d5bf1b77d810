import { createCollection, notePagePath } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { makeComment, makeNote, sampleNotes } from '../../../test-support/note-factory.ts'
import { type JsonFeed, renderJson } from '../src/index.js'
import { isRfc3339, jsonFeedErrors } from './json-feed-rules.js'

function feedOf(files: ReturnType<typeof renderJson>): JsonFeed {
  const file = files.find((f) => f.path === 'feed.json')
  if (!file) throw new Error('no feed.json')
  return JSON.parse(String(file.contents)) as JsonFeed
}

describe('the JSON Feed rules checker (test helper)', () => {
  it('accepts a minimal valid feed', () => {
    expect(
      jsonFeedErrors({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'T',
        items: [{ id: '1', content_text: 'x', date_published: '2025-03-01T00:00:00+09:00' }],
      }),
    ).toEqual([])
  })

  it('reports each broken rule', () => {
    const errors = jsonFeedErrors({
      version: 'https://jsonfeed.org/version/1',
      home_page_url: '/relative',
      authors: [{}],
      colour: 'red',
      items: [
        { id: 1, content_html: '<p>x</p>' },
        { id: 'a', title: 'no content', date_published: '2025-02-30T00:00:00Z' },
        { id: 'a', content_text: 'dup', tags: ['ok', 3], url: 'notes/a.html' },
      ],
    })
    expect(errors).toEqual([
      'feed.colour is not a JSON Feed field',
      'feed.version must be "https://jsonfeed.org/version/1.1", got "https://jsonfeed.org/version/1"',
      'feed.title is required',
      'feed.home_page_url must be an absolute URL, got "/relative"',
      'feed.authors[0] must have at least one of name, url, avatar',
      'feed.items[0].id must be a non-empty string',
      'feed.items[1] must have content_html or content_text',
      'feed.items[1].date_published must be an RFC 3339 date-time, got "2025-02-30T00:00:00Z"',
      'feed.items[2].id "a" is not unique',
      'feed.items[2].url must be an absolute URL, got "notes/a.html"',
      'feed.items[2].tags must be an array of strings',
    ])
  })

  it('knows RFC 3339 date-times', () => {
    expect(isRfc3339('2025-03-01T00:00:00Z')).toBe(true)
    expect(isRfc3339('2025-03-01T12:30:00.5-05:00')).toBe(true)
    expect(isRfc3339('2025-03-01')).toBe(false)
    expect(isRfc3339('Sat, 01 Mar 2025 00:00:00 GMT')).toBe(false)
    expect(isRfc3339('2025-13-01T00:00:00Z')).toBe(false)
  })
})

describe('feed.json', () => {
  const collection = createCollection(sampleNotes())
  const baseUrl = 'https://example.org/paper-notes'

  it('is a valid JSON Feed 1.1 of the newest notes, linking to the note pages', () => {
    const feed = feedOf(renderJson(collection, { baseUrl, siteTitle: 'Reading log' }))
    expect(jsonFeedErrors(feed)).toEqual([])
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(feed.title).toBe('Reading log')
    expect(feed.home_page_url).toBe('https://example.org/paper-notes/')
    expect(feed.feed_url).toBe('https://example.org/paper-notes/feed.json')
    expect(feed.items.map((item) => item.id)).toEqual([
      'https://example.org/paper-notes/notes/4175.html',
      'https://example.org/paper-notes/notes/4100.html',
      'https://example.org/paper-notes/notes/3990.html',
      'https://example.org/paper-notes/notes/9f3a2c1b7d6e5f40.html',
    ])
    expect(feed.items.map((item) => item.url)).toEqual(
      collection.notes.map((note) => `${baseUrl}/${notePagePath(note.id)}`),
    )
    const [first, second, third, untitled] = feed.items
    expect(first).toMatchObject({
      title: 'Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting',
      external_url: 'https://arxiv.org/abs/2502.02797',
      date_published: '2026-01-12T00:00:00Z',
      tags: ['Catastrophic Forgetting', 'PEFT(Adaptor/LoRA)', 'One-Line Notes'],
      summary:
        '事前学習済みモデルのファインチューニングにおける忘却を、易しいサンプルの重み付けで抑える。',
    })
    expect(first!.content_html).toContain(
      '<p>事前学習済みモデルのファインチューニングにおける忘却を、易しいサンプルの重み付けで抑える。</p>',
    )
    expect(first!.content_html).toContain(
      '<a href="https://openreview.net/forum?id=13HPTmZKbM" rel="noopener noreferrer">',
    )
    // Only the first comment goes into the feed.
    expect(first!.content_html).not.toContain('実用的')
    expect(second!.content_html).toContain('<strong>LoRA</strong>')
    expect(second!.summary).toBeUndefined()
    expect(third!.external_url).toBeUndefined()
    expect(third!.content_html).toBe('<p>忘却についての研究。</p>')
    expect(untitled!.title).toBe('タイトルのないノート。テキスト形式の書き出しから来た。')
    expect(untitled!.date_published).toBe('2024-11-20T00:00:00Z')
  })

  it('is valid without a base URL: items are identified by note id and have no url', () => {
    const feed = feedOf(renderJson(collection))
    expect(jsonFeedErrors(feed)).toEqual([])
    expect(feed.title).toBe('Paper notes')
    expect(feed.home_page_url).toBeUndefined()
    expect(feed.feed_url).toBeUndefined()
    expect(feed.items.map((item) => item.id)).toEqual(['4175', '4100', '3990', '9f3a2c1b7d6e5f40'])
    expect(feed.items.every((item) => item.url === undefined)).toBe(true)
  })

  it('lists only the newest feedLimit notes (50 by default)', () => {
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
    const feed = feedOf(renderJson(many))
    expect(jsonFeedErrors(feed)).toEqual([])
    expect(feed.items).toHaveLength(50)
    expect(feed.items.map((item) => item.id)).toEqual(many.notes.slice(0, 50).map((n) => n.id))
    expect(feed.items[0]!.date_published).toBe('2025-01-28T00:00:00Z')
    const dates = feed.items.map((item) => item.date_published)
    expect([...dates].sort().reverse()).toEqual(dates)
    expect(feedOf(renderJson(many, { feedLimit: 3 })).items.map((item) => item.id)).toEqual([
      '56',
      '28',
      '55',
    ])
  })

  it('keeps hostile note content out of its HTML and stays valid JSON', () => {
    const hostile = createCollection([
      makeNote({
        id: '666',
        title: 'Evil </script><script>alert(1)</script> & "quotes" \u0000\u001f \uD800 \uFFFE',
        tags: ['<b>tag</b>', 'a]]>b'],
        summary: { text: '<img src=x onerror=alert(1)> & summary' },
        links: { paper: 'javascript:alert(1)' },
        comments: [
          makeComment({
            markdown:
              '<script>alert(1)</script>\n\n[click](javascript:alert(2)) <a href="javascript:alert(3)" onclick="alert(4)">x</a>\n\n<iframe src="https://evil.example"></iframe>',
          }),
        ],
      }),
    ])
    const files = renderJson(hostile, { baseUrl })
    for (const file of files) expect(() => JSON.parse(String(file.contents))).not.toThrow()
    const feed = feedOf(files)
    expect(jsonFeedErrors(feed)).toEqual([])
    const item = feed.items[0]!
    expect(item.title).toBe(
      'Evil </script><script>alert(1)</script> & "quotes" \u0000\u001f \uD800 \uFFFE',
    )
    expect(item.external_url).toBeUndefined()
    expect(item.content_html).not.toMatch(/<script|<iframe/i)
    expect(item.content_html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i)
    // No event-handler attribute inside a tag (escaped text may still say "onerror").
    expect(item.content_html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i)
    expect(item.content_html).toContain('&#x3C;img src=x onerror=alert(1)> &#x26; summary')
    expect(item.content_html).toContain('<p><a>click</a> <a>x</a></p>')
    expect(item.tags).toEqual(['<b>tag</b>', 'a]]>b'])
  })
})
