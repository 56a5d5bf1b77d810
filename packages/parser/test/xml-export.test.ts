import { describe, expect, it } from 'vitest'
import { createComment } from '../src/comment.js'
import {
  commentHtmlToMarkdown,
  commentsHtmlToMarkdown,
  removeLiquidRaw,
  splitCommentParagraphs,
  tweetEmbedUrl,
} from '../src/comment-html.js'
import { scanPaperList } from '../src/export-xml-elements.js'
import { parseNotes } from '../src/parse-notes.js'
import { readXmlExport } from '../src/xml-export.js'
import { garbage as randomText } from './garbage.js'

const tweet = (url: string) => `{% raw %}

<div class="tweet-embed" style="min-height:400px;"
     data-embed='<blockquote class="twitter-tweet"><p lang="ja">引用 & <b>bold</b></p><a href="${url}"></a></blockquote>'>
  <div class="tweet-placeholder">Loading…</div>
</div>
{% endraw %}`

describe('scanPaperList', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<paper-list last-updated="2025-06-01">
<paper-entry>
<title>[Paper Note] Rehearsal & Replay <at> Scale, Ada Lovelace+, ICLR'25, 2025.02</title>
<original-paper-blog-link>https://arxiv.org/abs/2502.00001</original-paper-blog-link>
<repo-issue-link>https://github.com/example/notes/issues/12</repo-issue-link>
<tags>NLP, Supervised-FineTuning (SFT), Selected Papers/Blogs</tags>
<repo-issue-date>2025-03-01</repo-issue-date>
<issue-body># URL
- https://arxiv.org/abs/2502.00001</issue-body>
<maintainer-comment-text>None</maintainer-comment-text>
</paper-entry>
<paper-entry>
<title>Broken entry, Nobody+, 2024.01</title>
<tags>NLP
<paper-entry>
<title>Third, Grace Hopper+, N_A, ACL'24</title>
<repo-issue-date>2025-01-02</repo-issue-date>
</paper-entry>
</paper-list>`

  it('reads the fixed elements of each entry, raw & and < included', () => {
    const list = scanPaperList(xml)
    expect(list.lastUpdated).toBe('2025-06-01')
    expect(list.entries).toHaveLength(3)
    const first = list.entries[0]!
    expect(first.closed).toBe(true)
    expect(first.elements.title?.text).toBe(
      "[Paper Note] Rehearsal & Replay <at> Scale, Ada Lovelace+, ICLR'25, 2025.02",
    )
    expect(first.elements.tags?.text).toBe(
      'NLP, Supervised-FineTuning (SFT), Selected Papers/Blogs',
    )
    expect(first.elements['issue-body']?.text).toBe('# URL\n- https://arxiv.org/abs/2502.00001')
    expect(first.elements['maintainer-comment-text']?.text).toBe('None')
    expect(xml.slice(first.elements['repo-issue-date']!.offset).startsWith('2025-03-01<')).toBe(
      true,
    )
  })

  it('marks a truncated entry and still reads the next one', () => {
    const [, second, third] = scanPaperList(xml).entries
    expect(second?.closed).toBe(false)
    expect(second?.unclosed.map((element) => element.name)).toEqual(['tags'])
    expect(third?.closed).toBe(true)
    expect(third?.elements.title?.text).toBe("Third, Grace Hopper+, N_A, ACL'24")
    expect(third?.elements['repo-issue-date']?.text).toBe('2025-01-02')
    expect(third?.elements['repo-issue-link']).toBeUndefined()
  })

  it('finds nothing in text without entries', () => {
    const list = scanPaperList('just text & more')
    expect(list.entries).toEqual([])
    expect(list.problems.map((problem) => problem.code)).toEqual(['xml-paper-list-missing'])
  })
})

describe('comment HTML', () => {
  it('splits top-level paragraphs without being fooled by <p> inside data-embed', () => {
    const html = `<p>元ポスト:\n\n${tweet('https://twitter.com/someone/status/123')}\n\n</p><p>second</p>`
    const chunks = splitCommentParagraphs(html)
    expect(chunks.map((chunk) => chunk.html.includes('tweet-embed'))).toEqual([true, false])
    expect(chunks[1]?.html).toBe('second')
    expect(html.slice(chunks[1]!.offset).startsWith('second</p>')).toBe(true)
  })

  it('reports an unclosed last paragraph and content outside paragraphs', () => {
    const chunks = splitCommentParagraphs('stray <b>text</b><p>open')
    expect(chunks).toEqual([
      { html: 'stray <b>text</b>', offset: 0, closed: true, outsideParagraph: true },
      { html: 'open', offset: 20, closed: false, outsideParagraph: false },
    ])
  })

  it('removes Liquid raw wrappers', () => {
    expect(removeLiquidRaw('a\n\n{% raw %}\n<a href="u">u</a>\n{% endraw %}\n\nb')).toBe(
      'a\n\n<a href="u">u</a>\n\nb',
    )
  })

  it('takes the status URL from a tweet embed', () => {
    expect(
      tweetEmbedUrl(
        '<blockquote class="twitter-tweet"><a href="https://twitter.com/a/status/1?s=46&t=x"></a></blockquote>',
      ),
    ).toBe('https://twitter.com/a/status/1?s=46&t=x')
    expect(tweetEmbedUrl('<blockquote>no link</blockquote>')).toBeUndefined()
  })

  it('turns a tweet embed into its own paragraph with the status URL', () => {
    const markdown = commentHtmlToMarkdown(
      `元ポスト:\n\n${tweet('https://twitter.com/someone/status/123?s=46&t=abc')}\n\n`,
    )
    expect(markdown).toBe('元ポスト:\n\nhttps://twitter.com/someone/status/123?s=46&t=abc')
  })

  it('keeps a placeholder post when the embed has no URL', () => {
    const markdown = commentHtmlToMarkdown(
      `見て:<div class="tweet-embed" data-embed='<blockquote></blockquote>'>Loading…</div>`,
    )
    expect(markdown).toBe('見て:\n\nLoading…')
  })

  it('keeps single <br> as a hard break and starts a paragraph at <br><br>', () => {
    expect(commentHtmlToMarkdown('一行目<br>二行目<br><br>次の段落<br><br><br><br>最後')).toBe(
      '一行目\\\n二行目\n\n次の段落\n\n最後',
    )
  })

  it('keeps links (labelled and bare) and images', () => {
    const markdown = commentHtmlToMarkdown(
      'openreview:\n{% raw %}\n<a href="https://openreview.net/forum?id=x" target="_blank">https://openreview.net/forum?id=x</a>\n{% endraw %}<br><br>' +
        '関連:<br>- <a href="https://github.com/example/notes/issues/7">[Paper Note] Seven, Ann+, ACL\'24</a><br><br>' +
        '<img src="https://example.org/figure.png" alt="image" loading="lazy" width="550"/" alt="image"/>',
    )
    expect(markdown).toBe(
      'openreview: https://openreview.net/forum?id=x\n\n' +
        "関連:\\\n\\- [\\[Paper Note\\] Seven, Ann+, ACL'24](https://github.com/example/notes/issues/7)\n\n" +
        '![image](https://example.org/figure.png)',
    )
  })

  it('decodes entities exactly once', () => {
    expect(commentHtmlToMarkdown('A &amp; B, literally &amp;amp; and &lt;tag&gt;')).toBe(
      'A & B, literally \\&amp; and \\<tag>',
    )
  })

  it('gives one markdown string per paragraph, and none for `None`', () => {
    expect(commentsHtmlToMarkdown('<p>first</p>\n<p>二つ目</p>')).toEqual(['first', '二つ目'])
    expect(commentsHtmlToMarkdown('  None \n')).toEqual([])
  })
})

const paperList = `<?xml version="1.0" encoding="UTF-8"?>
<paper-list last-updated="2025-06-01">
<paper-entry>
<title>[Paper Note] Rehearsal & Replay for <Tiny> Models, Ada Lovelace+, ICLR'25, 2025.02</title>
<original-paper-blog-link>https://arxiv.org/abs/2502.00001</original-paper-blog-link>
<repo-issue-link>https://github.com/example/notes/issues/12</repo-issue-link>
<tags>NLP, Supervised-FineTuning (SFT), Selected Papers/Blogs, NLP</tags>
<repo-issue-date>2025-03-01</repo-issue-date>
<issue-body># URL
- https://arxiv.org/abs/2502.00001
# Authors
  - Ada Lovelace
  - Charles Babbage
# Abstract
  - We replay a little & forget less.
# Translation (by gpt-5-nano)
- 少しリプレイして忘却を減らす。
# Summary (by gpt-4o-mini)
- リプレイで忘却を抑える。</issue-body>
<maintainer-comment-text><p>元ポスト:

${tweet('https://twitter.com/ada/status/1234567890?s=46&t=abc')}

</p><p>openreview:

{% raw %}
<a href="https://openreview.net/forum?id=rr12" target="_blank" rel="noopener noreferrer">https://openreview.net/forum?id=rr12</a>
{% endraw %}

</p><p>Q &amp;amp; A は大事。<br><img src="https://example.org/fig1.png" alt="image" loading="lazy"/" alt="image"/><br><br>関連:<br>- <a href="https://github.com/example/notes/issues/7" target="_blank">[Paper Note] Seven Tricks, Bob Lee+, ACL'24</a></p></maintainer-comment-text>
</paper-entry>

<paper-entry>
<title>Tuning Adapters Gently, Example Lab, 2025.01</title>
<original-paper-blog-link>https://example.org/blog/adapters</original-paper-blog-link>
<repo-issue-link>https://github.com/example/notes/issues/13</repo-issue-link>
<tags>Article, PEFT(Adaptor/LoRA), Blog</tags>
<repo-issue-date>2025-02-01</repo-issue-date>
<issue-body>paper: https://example.org/blog/adapters</issue-body>
<maintainer-comment-text>None</maintainer-comment-text>
</paper-entry>

<paper-entry>
<title>Truncated, Nobody+, 2024.01</title>
<repo-issue-link>https://github.com/example/notes/issues/14</repo-issue-link>
<tags>NLP</tags>

<paper-entry>
<title>No Date Here, Grace Hopper+, N_A, ACL'24</title>
<repo-issue-link>https://github.com/example/notes/issues/15</repo-issue-link>
<tags>NLP</tags>
<issue-body>https://example.org/no-date</issue-body>
<maintainer-comment-text>None</maintainer-comment-text>
</paper-entry>

<paper-entry>
<title>学習率の話, 研究室ブログ, 2025.01</title>
<original-paper-blog-link>https://example.org/lr</original-paper-blog-link>
<repo-issue-link>https://github.com/example/notes/issues/16</repo-issue-link>
<tags>Article, Tutorial, 日本語</tags>
<repo-issue-date>2025-01-10</repo-issue-date>
<issue-body># URL
- preprint: https://example.org/lr</issue-body>
<maintainer-comment-text><p>良い解説。</p></maintainer-comment-text>
</paper-entry>
</paper-list>
`

describe('readXmlExport', () => {
  const result = readXmlExport({ text: paperList, file: 'list.xml', options: {} })

  it('reads every complete entry, in order', () => {
    expect(result.notes.map((note) => note.id)).toEqual(['12', '13', '16'])
  })

  it('reads the title line, tags, date, links and body of an entry', () => {
    const note = result.notes[0]!
    expect(note.titleLine).toBe(
      "[Paper Note] Rehearsal & Replay for <Tiny> Models, Ada Lovelace+, ICLR'25, 2025.02",
    )
    expect(note.title).toBe('Rehearsal & Replay for <Tiny> Models')
    expect(note.kind).toBe('paper')
    expect(note.tags).toEqual(['NLP', 'Supervised-FineTuning (SFT)', 'Selected Papers/Blogs'])
    expect(note.issueDate).toBe('2025-03-01')
    expect(note.links).toEqual({
      paper: 'https://arxiv.org/abs/2502.00001',
      issue: 'https://github.com/example/notes/issues/12',
    })
    expect(note.authors).toEqual(['Ada Lovelace', 'Charles Babbage'])
    expect(note.etAl).toBe(true)
    expect(note.abstract).toBe('We replay a little & forget less.')
    expect(note.translation).toEqual({
      text: '少しリプレイして忘却を減らす。',
      model: 'gpt-5-nano',
    })
    expect(note.summary).toEqual({ text: 'リプレイで忘却を抑える。', model: 'gpt-4o-mini' })
    expect(note.source).toEqual({ format: 'xml', file: 'list.xml', line: 3, column: 1 })
  })

  it('makes one comment per <p>: posts, labelled links, images, related notes', () => {
    const [post, link, text] = result.notes[0]!.comments
    expect(result.notes[0]!.comments).toHaveLength(3)
    expect(post?.posts).toEqual([
      { url: 'https://twitter.com/ada/status/1234567890?s=46&t=abc', platform: 'x' },
    ])
    expect(link?.links).toEqual([
      { url: 'https://openreview.net/forum?id=rr12', label: 'openreview' },
    ])
    expect(text?.images).toEqual([{ url: 'https://example.org/fig1.png', alt: 'image' }])
    expect(text?.related).toEqual([
      expect.objectContaining({ issue: 7, url: 'https://github.com/example/notes/issues/7' }),
    ])
    expect(text?.markdown.startsWith('Q \\&amp; A は大事。')).toBe(true)
    const paragraph = text?.tree?.children[0]
    expect(paragraph?.type === 'paragraph' && paragraph.children[0]).toMatchObject({
      type: 'text',
      value: 'Q &amp; A は大事。',
    })
  })

  it('reads an article whose body is `paper: URL`, with no comments', () => {
    const note = result.notes[1]!
    expect(note.kind).toBe('article')
    expect(note.links.paper).toBe('https://example.org/blog/adapters')
    expect(note.comments).toEqual([])
    expect(result.notes[2]!.tags).toEqual(['Article', 'Tutorial', '日本語'])
    expect(result.notes[2]!.links.paper).toBe('https://example.org/lr')
  })

  it('reports the truncated entry and the entry without a date, with positions', () => {
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
    expect(errors).toEqual([
      // Lines 49 and 54: the tweet embed of the first entry spans seven lines.
      expect.objectContaining({
        code: 'xml-entry-truncated',
        file: 'list.xml',
        line: 49,
        column: 1,
      }),
      expect.objectContaining({
        code: 'xml-missing-issue-date',
        file: 'list.xml',
        line: 54,
        column: 1,
      }),
    ])
  })
})

describe('readXmlExport on bad input', () => {
  it('reports input without entries', () => {
    const { notes, diagnostics } = readXmlExport({
      text: '\n  <html>not a list</html>',
      options: {},
    })
    expect(notes).toEqual([])
    expect(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.line, diagnostic.column]),
    ).toEqual([
      ['xml-paper-list-missing', 1, 1],
      ['xml-no-entries', 2, 3],
    ])
  })

  it('reports an invalid date and an element left open, and reads the neighbour', () => {
    const text = `<paper-list>
<paper-entry><title>A, Ann+, 2025.01</title><repo-issue-date>2025-13-01</repo-issue-date></paper-entry>
<paper-entry><title>B, Bob+, 2025.01</title><tags>NLP<repo-issue-date>2025-01-01</repo-issue-date></paper-entry>
<paper-entry><title>C, Cy+, 2025.01</title><repo-issue-date>2025-01-03</repo-issue-date></paper-entry>
</paper-list>`
    const { notes, diagnostics } = readXmlExport({ text, options: {} })
    expect(notes.map((note) => note.titleLine)).toEqual(['C, Cy+, 2025.01'])
    expect(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.line, diagnostic.column]),
    ).toEqual([
      ['xml-invalid-issue-date', 2, 62],
      ['xml-element-unclosed', 3, 45],
      ['xml-missing-issue-link', 4, 1],
    ])
  })

  it('reads 50 MB of garbage quickly without crashing', () => {
    const text = `<paper-list><paper-entry><title>${garbage(50 * 1024 * 1024)}`
    const started = performance.now()
    const { notes, diagnostics } = readXmlExport({ text, options: {} })
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(notes).toEqual([])
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['xml-entry-truncated'])
  })

  const tinyEntries = (count: number) =>
    '<paper-entry><title>t</title><repo-issue-date>2025-01-01</repo-issue-date><maintainer-comment-text><p>x<br>y</p></maintainer-comment-text></paper-entry><paper-entry <tags>'.repeat(
      count,
    )

  it('scans 100,000 tiny and broken entries (17 MB) in linear time', () => {
    const text = tinyEntries(100_000)
    const started = performance.now()
    const list = scanPaperList(text)
    const paragraphs = list.entries.flatMap((entry) =>
      splitCommentParagraphs(entry.elements['maintainer-comment-text']?.text ?? ''),
    )
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(list.entries).toHaveLength(200_000)
    expect(paragraphs).toHaveLength(100_000)
  })

  it('reads every good entry among broken ones', () => {
    const { notes, diagnostics } = readXmlExport({ text: tinyEntries(500), options: {} })
    expect(notes).toHaveLength(500)
    expect(
      diagnostics.filter((diagnostic) => diagnostic.code === 'xml-entry-truncated'),
    ).toHaveLength(500)
  })
})

/** Deterministic pseudo-random text (see `garbage.ts`) with this reader's characters. */
function garbage(size: number): string {
  return randomText(size, 'abcXYZ019 #<>&;:"\'{}[](),.-_/\\=\n\t<p></p><br>日本語テキスト…—', 7)
}

describe('parseNotes with a paper-list XML export', () => {
  it('detects the format from the content and from the .xml extension', () => {
    expect(parseNotes(paperList).notes.map((note) => note.source.format)).toEqual([
      'xml',
      'xml',
      'xml',
    ])
    const { notes } = parseNotes([{ path: 'exports/list.xml', contents: paperList }])
    expect(notes.map((note) => note.id)).toEqual(['12', '13', '16'])
  })
})

describe('comment HTML: links whose text is their URL', () => {
  it('writes them as bare URLs, as GitHub comments have them, when that reads back the same', () => {
    const markdown = commentHtmlToMarkdown(
      'HF: <a href="https://huggingface.co/x">https://huggingface.co/x</a> and (<a href="https://example.org/a">https://example.org/a</a> )',
    )
    expect(markdown).toBe('HF: https://huggingface.co/x and (https://example.org/a )')
    expect(createComment(markdown).links.map((link) => link.url)).toEqual([
      'https://huggingface.co/x',
      'https://example.org/a',
    ])
  })

  it('keeps the <url> form where a bare URL would change', () => {
    const cases = [
      // GFM trims trailing punctuation from a bare URL.
      '<a href="https://example.org/a.">https://example.org/a.</a>',
      // A bare URL right after a Japanese character is not recognised.
      '解説<a href="https://example.org/b">https://example.org/b</a>',
      // Text right after it would join the URL.
      '<a href="https://example.org/c">https://example.org/c</a>です',
      // A character reference inside would be decoded.
      '<a href="https://example.org/d?x=1&amp;amp;y=2">https://example.org/d?x=1&amp;amp;y=2</a>',
    ]
    for (const html of cases) {
      const markdown = commentHtmlToMarkdown(html)
      expect(markdown, html).toMatch(/<https:\/\/example\.org\/[a-d]/)
      const [link] = createComment(markdown).links
      expect(link?.url, html).toMatch(/^https:\/\/example\.org\/[a-d]/)
    }
  })
})
