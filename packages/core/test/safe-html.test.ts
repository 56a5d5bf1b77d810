import { describe, expect, it } from 'vitest'
import { parseMarkdown, toSafeHtml } from '../src/index.js'

describe('toSafeHtml', () => {
  it('renders GFM markdown', () => {
    expect(toSafeHtml('**bold** and ~~gone~~\n\n- [x] done')).toBe(
      '<p><strong>bold</strong> and <del>gone</del></p>\n<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n</ul>',
    )
  })

  it('accepts an mdast tree as well as markdown', () => {
    const markdown = 'see [the paper](https://arxiv.org/abs/2502.02797)'
    expect(toSafeHtml(parseMarkdown(markdown))).toBe(toSafeHtml(markdown))
  })

  it('removes script elements and event handlers from raw HTML', () => {
    const html = toSafeHtml(
      '<script>alert(1)</script>\n\n<img src="https://example.com/a.png" onerror="alert(1)" alt="image">',
    )
    expect(html).not.toMatch(/script|onerror|alert/)
    expect(html).toContain(
      '<img src="https://example.com/a.png" alt="image" loading="lazy" decoding="async">',
    )
  })

  it('drops javascript:, vbscript: and data: URLs but keeps the link text', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
    ]) {
      const html = toSafeHtml(`[click](${url})`)
      expect(html).toBe('<p><a>click</a></p>')
    }
    expect(toSafeHtml('<a href="jav&#x09;ascript:alert(1)">x</a>')).not.toContain('href')
  })

  it('marks external links noopener noreferrer and leaves relative links alone', () => {
    expect(toSafeHtml('[a](https://x.com/user/status/1) [b](../tags/nlp.html)')).toBe(
      '<p><a href="https://x.com/user/status/1" rel="noopener noreferrer">a</a> <a href="../tags/nlp.html">b</a></p>',
    )
  })

  it('prefixes ids from content so they cannot clobber the page', () => {
    expect(toSafeHtml('<a id="main" name="x">t</a>')).toContain('id="user-content-main"')
  })

  it('escapes text', () => {
    expect(toSafeHtml('a < b & "c"')).toBe('<p>a &#x3C; b &#x26; "c"</p>')
  })
})
