import { describe, expect, it } from 'vitest'
import {
  commentHtmlToMarkdown,
  commentsHtmlToMarkdown,
  removeLiquidRaw,
  splitCommentParagraphs,
  tweetEmbedUrl,
} from '../src/comment-html.js'
import { scanPaperList } from '../src/export-xml-elements.js'

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
    expect(markdown).toBe('元ポスト:\n\n<https://twitter.com/someone/status/123?s=46&t=abc>')
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
      'openreview: <https://openreview.net/forum?id=x>\n\n' +
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
