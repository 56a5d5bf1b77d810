import { createCollection } from '@paper-notes/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeComment, makeNote } from '../../../test-support/note-factory.ts'
import { renderFeeds } from '../src/index.js'
import { readFeed } from './read-feed.js'

const baseUrl = 'https://example.org/'
const allC0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')
const forbidden = '\u0000\u0001\u0008\u001f\uDFFF\uD800\uFFFE\uFFFF'
// About 1 MB each. The comment is plain prose: markdown parsing (micromark) slows down
// quadratically on long paragraphs full of `]`, which is a parser matter, not a feed one. The
// summary is plain text (not markdown), so it carries the markup characters at full length.
const longComment = 'Long comment text, 長いコメント。 '.repeat(40_000)
const longSummary = 'summary with & and < and ]]> and \u0000 '.repeat(26_000)

const hostileNotes = [
  makeNote({
    id: '666',
    titleLine: `[Paper Note] Evil ]]> & <script>alert(1)</script>${forbidden} end, Mallory+, N_A`,
    title: `Evil ]]> & <script>alert(1)</script>${forbidden} end`,
    issueDate: '2025-06-06',
    tags: ['a]]>b & <i>', `ctrl${forbidden}tag`, 'lone\uD800', '\u0000'],
    summary: { text: `<img src=x onerror=alert(1)> ]]> &amp; ${forbidden}` },
    links: { paper: 'javascript:alert(1)' },
    comments: [
      makeComment({
        markdown: [
          '<script>alert("x")</script>',
          '',
          '[click](javascript:alert(2)) <a href="javascript:alert(3)" onclick="x()">y</a>',
          '',
          `<svg onload="alert(4)"></svg> ${allC0} ${forbidden}`,
        ].join('\n'),
      }),
    ],
  }),
  makeNote({
    id: '667',
    titleLine: '',
    title: '',
    issueDate: '2025-06-05',
    tags: ['a]]>b & <i>'],
    summary: { text: `${allC0}` },
    comments: [makeComment({ markdown: `${allC0}]]>` })],
  }),
  makeNote({
    id: '668',
    title: 'A very long note',
    issueDate: '2025-06-04',
    tags: ['Long Text'],
    summary: { text: longSummary },
    comments: [makeComment({ markdown: longComment })],
  }),
]

/** Counts code points XML 1.0 does not allow, walking the string (no regular expression). */
function countForbiddenXmlChars(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    const next = text.charCodeAt(i + 1)
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++ // a surrogate pair: an astral character, allowed
    } else if (
      (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) ||
      (unit >= 0xd800 && unit <= 0xdfff) ||
      unit === 0xfffe ||
      unit === 0xffff
    ) {
      count++
    }
  }
  return count
}

describe('hostile note content', () => {
  it('has inputs that really contain forbidden characters', () => {
    expect(countForbiddenXmlChars(hostileNotes[0]!.title)).toBe(8)
    expect(countForbiddenXmlChars(`${allC0}😀`)).toBe(29)
  })

  const collection = createCollection(hostileNotes)
  let files: ReturnType<typeof renderFeeds> = []
  beforeAll(() => {
    files = renderFeeds(collection, { baseUrl })
  }, 120_000)

  it('gives well-formed feeds that XML and feed parsers read', () => {
    expect(files.map((file) => file.path)).toEqual([
      'rss.xml',
      'atom.xml',
      ...collection.tags.flatMap((tag) => [
        `tags/${tag.slug}.rss.xml`,
        `tags/${tag.slug}.atom.xml`,
      ]),
    ])
    expect(collection.tags).toHaveLength(5)
    for (const file of files) {
      const { feed } = readFeed(String(file.contents))
      expect(feed.items.length).toBeGreaterThan(0)
      expect(countForbiddenXmlChars(String(file.contents))).toBe(0)
    }
  }, 60_000)

  for (const path of ['rss.xml', 'atom.xml']) {
    it(`keeps the text, minus forbidden characters, in ${path}`, { timeout: 60_000 }, () => {
      const xml = String(files.find((file) => file.path === path)!.contents)
      const { feed, tree } = readFeed(xml)
      expect(feed.items).toHaveLength(3)
      const [evil, blank, long] = feed.items
      expect(evil!.title).toBe('Evil ]]> & <script>alert(1)</script> end')
      expect(evil!.url).toBe('https://example.org/notes/666.html')
      expect(evil!.categories.map((category) => category.term)).toEqual([
        'a]]>b & <i>',
        'ctrltag',
        'lone',
      ])
      // A summary made only of control characters leaves nothing: the title falls back to the date.
      expect(blank!.title).toBe('Untitled note (2025-06-05)')
      // The HTML as XML gives it (fast-xml-parser decodes only XML's escapes; the feed parser
      // also decodes HTML character references, which would hide what the markup really is).
      const htmlOf = (index: number): string => {
        if (path === 'rss.xml') {
          const channel = (tree.rss as Record<string, Record<string, unknown>>).channel!
          return (channel.item as Record<string, string>[])[index]!.description!
        }
        const entries = (tree.feed as Record<string, unknown>).entry as Record<string, unknown>[]
        return (entries[index]!.content as Record<string, string>)['#text']!
      }
      expect(long!.title).toBe('A very long note')
      const longHtml = htmlOf(2)
      const summaryHtml = longSummary
        .trim()
        .replaceAll('&', '&#x26;')
        .replaceAll('<', '&#x3C;')
        .replaceAll('\u0000', '')
      expect(longHtml).toBe(
        [
          `<p>${summaryHtml}</p>`,
          `<p>${longComment.trimEnd()}</p>`,
          '<p>Paper: <a href="https://arxiv.org/abs/2502.00001" rel="noopener noreferrer">https://arxiv.org/abs/2502.00001</a></p>',
        ].join('\n'),
      )
      expect(longHtml.length).toBeGreaterThan(1_900_000)
      const html = htmlOf(0)
      expect(html).toContain('&#x3C;img src=x onerror=alert(1)> ]]> &#x26;amp;')
      expect(html).not.toMatch(/<script|<svg/i)
      expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i)
      expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i)
      expect(html).toContain('<a>click</a> <a>y</a>')
      expect(html).not.toContain('Paper:')
    })
  }

  it('leaves out the related link when the paper URL is not http(s)', () => {
    const xml = String(files.find((file) => file.path === 'atom.xml')!.contents)
    const { tree } = readFeed(xml)
    const entries = (tree.feed as Record<string, unknown>).entry as Record<string, unknown>[]
    expect(entries.map((entry) => entry.id)).toEqual([
      'https://example.org/notes/666.html',
      'https://example.org/notes/667.html',
      'https://example.org/notes/668.html',
    ])
    expect(
      entries.map((entry) => (entry.link as Record<string, string>[]).map((l) => l['@_rel'])),
    ).toEqual([['alternate'], ['alternate', 'related'], ['alternate', 'related']])
    expect(xml).not.toContain('javascript:alert(1)"')
  }, 60_000)

  it('is deterministic for hostile content too', () => {
    expect(renderFeeds(createCollection(hostileNotes), { baseUrl })).toEqual(files)
  }, 120_000)
})

describe('text that looks like character references', () => {
  // xmlbuilder2 writes an `&` that already looks like a reference (`&amp;`, `&lt;`) as it is,
  // which would turn the note's literal text "R&amp;D" into "R&D" in every feed reader.
  const title = 'Literal &amp; and &lt;b&gt; and &#38; in a title'
  const tag = 'R&amp;D'
  const collection = createCollection([
    makeNote({ id: '7', title, titleLine: title, tags: [tag], comments: [] }),
  ])
  const files = renderFeeds(collection, { baseUrl })

  it('come out of an XML parser exactly as written, in RSS and Atom titles and categories', () => {
    const rss = readFeed(files.find((file) => file.path === 'rss.xml')!.contents as string).tree
    const channel = (rss.rss as { channel: { item: { title: string; category: string[] }[] } })
      .channel
    expect(channel.item[0]?.title).toBe(title)
    expect(channel.item[0]?.category).toContain(tag)

    const atom = readFeed(files.find((file) => file.path === 'atom.xml')!.contents as string).tree
    type Text = string | { '#text': string }
    const entry = (atom.feed as { entry: { title: Text; category: { '@_term': string }[] }[] })
      .entry[0]
    const entryTitle = entry?.title
    expect(typeof entryTitle === 'string' ? entryTitle : entryTitle?.['#text']).toBe(title)
    expect(entry?.category.map((category) => category['@_term'])).toContain(tag)
  })
})
