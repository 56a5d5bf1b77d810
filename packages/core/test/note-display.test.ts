import { describe, expect, it } from 'vitest'
import { makeComment, makeNote } from '../../../test-support/note-factory.ts'
import {
  noteContentHtml,
  noteDateTime,
  noteDisplayTitle,
  noteRfc822Date,
  parseMarkdown,
  sharedSafeHast,
  toSafeHtml,
} from '../src/index.js'
import { contentHtmlCacheCount, contentHtmlCacheSize } from '../src/note-display.js'

describe('noteDisplayTitle', () => {
  it('uses the title, then the title line, then the summary, then the date', () => {
    expect(noteDisplayTitle(makeNote())).toBe('Sparse Rehearsal for Continual Tuning')
    expect(noteDisplayTitle(makeNote({ title: '  ', titleLine: 'LLaMA2を3行で訓練' }))).toBe(
      'LLaMA2を3行で訓練',
    )
    expect(
      noteDisplayTitle(makeNote({ title: '', titleLine: '', summary: { text: ' 短い\n要約。 ' } })),
    ).toBe('短い 要約。')
    expect(noteDisplayTitle(makeNote({ title: '', titleLine: '', summary: null }))).toBe(
      'Untitled note (2025-03-01)',
    )
  })

  it('cuts a long summary at 80 characters without splitting a surrogate pair', () => {
    const text = `${'論'.repeat(78)}😀😀😀`
    const title = noteDisplayTitle(makeNote({ title: '', titleLine: '', summary: { text } }))
    expect([...title]).toHaveLength(80)
    expect(title).toBe(`${'論'.repeat(78)}😀…`)
  })
})

describe('noteDateTime', () => {
  it('gives the issue date at midnight UTC, RFC 3339', () => {
    expect(noteDateTime(makeNote({ issueDate: '2024-02-29' }))).toBe('2024-02-29T00:00:00Z')
  })

  it('throws for a date that does not exist', () => {
    expect(() => noteDateTime(makeNote({ issueDate: '2023-02-29' }))).toThrow(RangeError)
    expect(() => noteDateTime(makeNote({ issueDate: '2025/03/01' }))).toThrow(/YYYY-MM-DD/)
  })
})

describe('noteRfc822Date', () => {
  it('gives the issue date at midnight GMT with the right weekday', () => {
    expect(noteRfc822Date(makeNote({ issueDate: '2026-01-12' }))).toBe(
      'Mon, 12 Jan 2026 00:00:00 GMT',
    )
    expect(noteRfc822Date(makeNote({ issueDate: '2024-02-29' }))).toBe(
      'Thu, 29 Feb 2024 00:00:00 GMT',
    )
  })

  it('throws for a date that does not exist', () => {
    expect(() => noteRfc822Date(makeNote({ issueDate: '2023-02-29' }))).toThrow(RangeError)
  })
})

describe('noteContentHtml', () => {
  it('puts the summary, the first comment and the paper link in order', () => {
    const html = noteContentHtml(
      makeNote({
        comments: [
          makeComment({ markdown: '関連:\n- #1234\n- [KTO](https://arxiv.org/abs/2402.01306)' }),
          makeComment({ markdown: 'second comment' }),
        ],
      }),
    )
    expect(html).toBe(
      [
        '<p>忘却についての研究。</p>',
        '<p>関連:</p>',
        '<ul>',
        '<li>#1234</li>',
        '<li><a href="https://arxiv.org/abs/2402.01306" rel="noopener noreferrer">KTO</a></li>',
        '</ul>',
        '<p>Paper: <a href="https://arxiv.org/abs/2502.00001" rel="noopener noreferrer">https://arxiv.org/abs/2502.00001</a></p>',
      ].join('\n'),
    )
  })

  it('falls back to the title for a note with nothing else to show', () => {
    const html = noteContentHtml(makeNote({ title: 'A & B <C>', summary: null, links: {} }))
    expect(html).toBe('<p>A &#x26; B &#x3C;C></p>')
  })

  it('treats the summary as text, not markdown or HTML', () => {
    const html = noteContentHtml(
      makeNote({ summary: { text: '**not bold** <b>not a tag</b>' }, links: {} }),
    )
    expect(html).toBe('<p>**not bold** &#x3C;b>not a tag&#x3C;/b></p>')
  })

  it('is the summary, the first comment and the paper link, sanitized', () => {
    const html = noteContentHtml(
      makeNote({
        comments: [
          makeComment({ markdown: 'pj page: https://example.org/pj <img src=x onerror=alert(1)>' }),
          makeComment({ markdown: 'not in the feed' }),
        ],
      }),
    )
    expect(html).toBe(
      [
        '<p>忘却についての研究。</p>',
        '<p>pj page: <a href="https://example.org/pj" rel="noopener noreferrer">https://example.org/pj</a> <img src="x" loading="lazy" decoding="async"></p>',
        '<p>Paper: <a href="https://arxiv.org/abs/2502.00001" rel="noopener noreferrer">https://arxiv.org/abs/2502.00001</a></p>',
      ].join('\n'),
    )
  })
})

describe('noteContentHtml: the first comment’s tree', () => {
  it('uses the tree: a comment whose tree says something else shows the tree', () => {
    const note = makeNote({
      summary: undefined,
      links: {},
      comments: [
        makeComment({
          markdown: 'markdown text',
          tree: {
            type: 'root',
            children: [{ type: 'paragraph', children: [{ type: 'text', value: 'tree text' }] }],
          },
        }),
      ],
    })
    expect(noteContentHtml(note)).toBe('<p>tree text</p>')
  })

  it('parses the markdown of a comment that has no tree (serialized notes)', () => {
    const { tree: _tree, ...comment } = makeComment({
      markdown: '論文の **要点** と <script>alert(1)</script> [link](javascript:alert(2))',
    })
    const note = makeNote({ summary: undefined, links: {}, comments: [comment] })
    expect(noteContentHtml(note)).toBe('<p>論文の <strong>要点</strong> と  <a>link</a></p>')
  })
})

describe('noteContentHtml reuse', () => {
  it('gives the same HTML again, and new HTML once the note changes', () => {
    const note = makeNote({
      summary: { text: '忘却を抑える研究。' },
      comments: [makeComment({ markdown: 'first <img src="a.png">' })],
      links: { paper: 'https://arxiv.org/abs/2502.02797' },
    })
    const first = noteContentHtml(note)
    expect(first).toContain('<p>忘却を抑える研究。</p>')
    expect(noteContentHtml(note)).toBe(first)

    note.summary = { text: 'Changed summary & more' }
    expect(noteContentHtml(note)).toContain('<p>Changed summary &#x26; more</p>')

    note.comments = [makeComment({ markdown: '**new** comment' })]
    expect(noteContentHtml(note)).toContain('<strong>new</strong> comment')

    // A comment whose markdown is blank is left out, even with a tree.
    note.comments[0]!.markdown = '  '
    expect(noteContentHtml(note)).not.toContain('comment')

    note.links = { paper: 'https://example.org/paper' }
    expect(noteContentHtml(note)).toContain('Paper: <a href="https://example.org/paper"')
  })

  it('follows a replaced comment tree', () => {
    const note = makeNote({ summary: null, links: {}, comments: [makeComment({ markdown: 'x' })] })
    note.comments[0]!.tree = parseMarkdown('from the tree')
    expect(noteContentHtml(note)).toBe('<p>from the tree</p>')
    note.comments[0]!.tree = parseMarkdown('another tree')
    expect(noteContentHtml(note)).toBe('<p>another tree</p>')
  })

  it('follows the title a note without content falls back to', () => {
    const note = makeNote({ summary: null, links: {}, comments: [], title: 'First title' })
    expect(noteContentHtml(note)).toBe('<p>First title</p>')
    note.title = 'Second title'
    expect(noteContentHtml(note)).toBe('<p>Second title</p>')
  })
})

describe('noteContentHtml keeps the HTML of the last notes only', () => {
  /** A note that counts how often its `links` are read: once when its HTML is kept, twice when built. */
  const countingNote = (id: string) => {
    const note = makeNote({ id, summary: { text: `summary ${id}` }, links: {} })
    const links = note.links
    let reads = 0
    Object.defineProperty(note, 'links', {
      get: () => {
        reads += 1
        return links
      },
    })
    return { note, reads: () => reads }
  }

  it('keeps at most contentHtmlCacheSize notes, dropping the one asked for longest ago', () => {
    const notes = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, index) =>
        makeNote({ id: `${prefix}${index}`, summary: { text: `${prefix} ${index}` }, links: {} }),
      )
    const watched = countingNote('1')
    expect(noteContentHtml(watched.note)).toBe('<p>summary 1</p>')
    expect(watched.reads()).toBe(2)
    for (const other of notes('a', contentHtmlCacheSize - 1)) noteContentHtml(other)
    expect(contentHtmlCacheCount()).toBe(contentHtmlCacheSize)
    expect(noteContentHtml(watched.note)).toBe('<p>summary 1</p>')
    expect(watched.reads()).toBe(3) // kept
    // Asked for after the others just now, so they go first.
    for (const other of notes('b', contentHtmlCacheSize - 1)) noteContentHtml(other)
    expect(contentHtmlCacheCount()).toBe(contentHtmlCacheSize)
    expect(noteContentHtml(watched.note)).toBe('<p>summary 1</p>')
    expect(watched.reads()).toBe(4) // still kept
    for (const other of notes('c', contentHtmlCacheSize)) noteContentHtml(other)
    expect(contentHtmlCacheCount()).toBe(contentHtmlCacheSize)
    expect(noteContentHtml(watched.note)).toBe('<p>summary 1</p>')
    expect(watched.reads()).toBe(6) // dropped: built again
  })
})

describe('noteContentHtml with a shared comment tree', () => {
  /** The content HTML as one document: what noteContentHtml made before it shared trees. */
  const wholeDocument = (summary: string, commentMarkdown: string, paper: string): string =>
    toSafeHtml({
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', value: summary }] },
        ...parseMarkdown(commentMarkdown).children,
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'Paper: ' },
            { type: 'link', url: paper, children: [{ type: 'text', value: paper }] },
          ],
        },
      ],
    })

  // Comments that sanitize alone as in the whole document, and ones that do not (footnotes,
  // raw HTML the whole-document parse repairs): every one must give the whole document's HTML.
  const comments = [
    'A plain comment.',
    '元ポスト:\n\nhttps://x.com/a/status/1\n\n- item *one*\n- item [two][ref]\n\n[ref]: https://example.org/two',
    'Screenshot: <img src="https://example.org/a.png" onerror="alert(1)"> and a<br>break',
    'An unclosed <div class="x">block\n\nthat swallows what follows',
    '<details><summary>more</summary>\n\nhidden <script>alert(1)</script>',
    'A footnote[^1] in the comment.\n\n[^1]: The note.',
    '| a | b |\n|---|---|\n| <u>x</u> | [y](javascript:alert(1)) |',
    '```js\nconst a = "<b>";\n```\n\n> quoted **text** with `code <x>`',
    '[only a definition]: https://example.org/',
    '<!-- a comment --> text after an HTML comment </p>',
  ]
  for (const [index, markdown] of comments.entries()) {
    it(`gives the HTML of the whole document (comment ${index + 1})`, () => {
      const summary = '忘却を抑える研究。 <b>&amp;</b>\n  second line  '
      const paper = 'https://arxiv.org/abs/2502.02797?a=1&b=2'
      const tree = parseMarkdown(markdown)
      const note = makeNote({
        summary: { text: summary },
        comments: [makeComment({ markdown, tree })],
        links: { paper },
      })
      const expected = wholeDocument(summary.trim(), markdown, paper)
      // Shared first (as after the HTML renderer sanitized the comment), and not.
      sharedSafeHast(tree)
      expect(noteContentHtml(note)).toBe(expected)
      const fresh = makeNote({
        summary: { text: summary },
        comments: [makeComment({ markdown, tree: parseMarkdown(markdown) })],
        links: { paper },
      })
      expect(noteContentHtml(fresh)).toBe(expected)
    })
  }

  it('joins the comment alone, without summary or paper link, as the whole document would', () => {
    const markdown = 'one\n\ntwo <img src="https://example.org/a.png">'
    const note = makeNote({ summary: null, links: {}, comments: [makeComment({ markdown })] })
    expect(noteContentHtml(note)).toBe(toSafeHtml(markdown))
  })
})
