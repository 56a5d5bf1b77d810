import type { Element, ElementContent, Root } from 'hast'
import { raw } from 'hast-util-raw'
import { defaultSchema, sanitize } from 'hast-util-sanitize'
import { toHtml } from 'hast-util-to-html'
import { toHast } from 'mdast-util-to-hast'
import { visit } from 'unist-util-visit'
import { describe, expect, it } from 'vitest'
import { parseMarkdown, sharedSafeHast, toSafeHast, toSafeHtml } from '../src/index.js'
import { inlineLoneRawTags } from '../src/lone-raw-tags.js'

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

/**
 * The sanitizing pipeline written out with the whole-tree HTML parser, as a reference
 * (`parseRaw: false` for markdown without HTML, which `toSafeHast` does not pass through the
 * parser: the parser writes boolean attributes such as `data-footnote-ref` as `=""`).
 */
function referenceSafeHtml(markdown: string, parseRaw = true): string {
  const hast = toHast(parseMarkdown(markdown), { allowDangerousHtml: true }) as Root
  const parsed = parseRaw ? (raw(hast) as Root) : hast
  const clean = sanitize(parsed, { ...defaultSchema, clobberPrefix: 'user-content-' }) as Root
  visit(clean, 'element', (node: Element) => {
    if (node.tagName === 'a' && typeof node.properties.href === 'string') {
      if (/^(?:https?:)?\/\//i.test(node.properties.href)) {
        node.properties.rel = ['noopener', 'noreferrer']
      }
    } else if (node.tagName === 'img') {
      node.properties.loading = 'lazy'
      node.properties.decoding = 'async'
    }
  })
  return toHtml(clean)
}

/** Markdown with lone `<img>`/`<br>` tags in every place markdown puts inline HTML. */
const loneTagMarkdown = [
  '<img src="https://github.com/user-attachments/assets/a1.png" width="600" alt="図1">',
  '忘却の比較 <img src="https://example.org/fig 2.png" alt=\'x "y"\'> は #1234 を参照<br>次の行',
  'a  \nb <br/> c <BR> d',
  '- item <img src=a.png>\n- [x] done <br>\n  - nested <img src="b.png" title="t&amp;u">',
  '1. one\n\n3. <img src=c.png>',
  '> quote <img src="q.png" onerror="alert(1)">\n>\n> **bold** <br>',
  '| a | b |\n|:--|--:|\n| <img src="t.png"> | x<br>y |',
  '# Heading <img src="h.png">',
  '[![alt](i.png)](https://example.org/) [link <img src="l.png">](https://example.org/l)',
  '<img src="one.png">\n<img src="two.png">',
  '<img src="javascript:alert(1)" alt="x"> <img src="data:image/png;base64,AAAA">',
  '```html\n<img src=not-raw.png>\n```\n\n<img class="wide shot" src="k.png">',
  '<img src="x.png"></img> then </br> and <br></br>',
]

/** Markdown whose raw HTML is more than lone tags, or whose tree the HTML parser changes. */
const wholeTreeMarkdown = [
  '<details><summary>詳細</summary>\n\n本文 <img src="d.png">\n\n</details>',
  'text[^1] <img src="f.png">\n\n[^1]: a footnote',
  '<b>bold <img src="b.png">',
  '<img src="a.png"><script>alert(1)</script>',
  '<p>para <img src="p.png"></p>',
  '<img src="a.png">\n<div>block</div>',
  '<!-- comment --> <img src="c.png">',
]

describe('toSafeHtml: link and footnote definitions', () => {
  /** Definitions in every place markdown allows them, repeated, in other cases, and unused. */
  const definitionMarkdown = [
    '[論文][Paper] と [blog] と ![図][fig]\n\n[paper]: https://arxiv.org/abs/1 "first"\n[PAPER]: https://evil.example/ "second"\n[blog]: /blog\n[fig]: fig.png',
    '> [quoted][q]\n>\n> [q]: https://example.org/q\n\n- item [in list][l]\n\n  [l]: https://example.org/l',
    'text[^a] and again[^A] and[^b] and missing[^c]\n\n[^a]: first 注記 [ref][r]\n[^a]: duplicate\n\n[^b]: > nested\n    > [^a]\n\n[r]: https://example.org/r',
    '[unused]: https://example.org/u\n\n[^unused]: never referenced\n\nplain [x][none]',
    '| a | b |\n|---|---|\n| [t][T] | x[^t] |\n\n[t]: https://example.org/t\n[^t]: table note',
  ]

  it('resolves references and numbers footnotes as mdast-util-to-hast does', () => {
    for (const markdown of definitionMarkdown) {
      expect(toSafeHtml(markdown), markdown).toBe(referenceSafeHtml(markdown, false))
    }
  })

  it('keeps the first of two definitions with the same label', () => {
    const html = toSafeHtml(definitionMarkdown[0]!)
    expect(html).toContain(
      '<a href="https://arxiv.org/abs/1" title="first" rel="noopener noreferrer">論文</a>',
    )
    expect(html).not.toContain('evil.example')
  })
})

describe('toSafeHtml: raw HTML that is only lone <img> and <br> tags', () => {
  it('gives the HTML of the whole-tree parse for lone tags in every markdown context', () => {
    for (const markdown of loneTagMarkdown) {
      expect(toSafeHtml(markdown), markdown).toBe(referenceSafeHtml(markdown))
      expect(toSafeHtml(parseMarkdown(markdown)), markdown).toBe(referenceSafeHtml(markdown))
    }
  })

  it('gives the HTML of the whole-tree parse when it falls back to it', () => {
    for (const markdown of wholeTreeMarkdown) {
      expect(toSafeHtml(markdown), markdown).toBe(referenceSafeHtml(markdown))
    }
  })

  it('keeps sanitizing lone tags: no handler, no script URL', () => {
    const html = toSafeHtml('x <img src="javascript:alert(1)" onerror="alert(1)"> <br onclick=x>')
    expect(html).toBe('<p>x <img loading="lazy" decoding="async"> <br></p>')
  })

  it('joins the text around a lone tag as the HTML parser does', () => {
    const tree = toSafeHast('a  \n#1 <br> b')
    const paragraph = tree.children[0] as Element
    expect(paragraph.children.map((child) => child.type)).toEqual([
      'text',
      'element',
      'text',
      'element',
      'text',
    ])
    expect(paragraph.children[2]).toMatchObject({ type: 'text', value: '\n#1 ' })
  })
})

describe('inlineLoneRawTags', () => {
  const hastOf = (markdown: string) =>
    toHast(parseMarkdown(markdown), { allowDangerousHtml: true }) as Root

  it('replaces lone tags in place and leaves other elements as they are', () => {
    const tree = inlineLoneRawTags(hastOf('see <img src="a.png" width="300" alt="図"> and [x](y)'))
    const paragraph = tree?.children[0] as Element
    expect(paragraph.children[1]).toEqual({
      type: 'element',
      tagName: 'img',
      properties: { src: 'a.png', width: 300, alt: '図' },
      children: [],
    })
    expect(paragraph.children[3]).toMatchObject({ tagName: 'a', properties: { href: 'y' } })
  })

  it('declines, leaving the tree alone, when the parser could change more than the tags', () => {
    for (const markdown of wholeTreeMarkdown) {
      const tree = hastOf(markdown)
      const before = JSON.stringify(tree)
      expect(inlineLoneRawTags(tree), markdown).toBeUndefined()
      expect(JSON.stringify(tree)).toBe(before)
    }
  })

  it('declines for trees markdown does not make: a block in a paragraph, a link in a link', () => {
    const paragraph = (children: ElementContent[]): Root => ({
      type: 'root',
      children: [{ type: 'element', tagName: 'p', properties: {}, children }],
    })
    const link = (children: ElementContent[]): Element => ({
      type: 'element',
      tagName: 'a',
      properties: { href: 'https://example.org/' },
      children,
    })
    const lone = { type: 'raw', value: '<br>' } as unknown as ElementContent
    const list: Element = { type: 'element', tagName: 'ul', properties: {}, children: [] }
    expect(inlineLoneRawTags(paragraph([lone]))).toBeDefined()
    expect(inlineLoneRawTags(paragraph([lone, list]))).toBeUndefined()
    expect(inlineLoneRawTags(paragraph([lone, link([link([])])]))).toBeUndefined()
    expect(inlineLoneRawTags(paragraph([lone, { type: 'text', value: 'nul\0' }]))).toBeUndefined()
  })
})

describe('sharedSafeHast', () => {
  const markdown =
    'A [link](https://example.org/a "t") and <img src="https://example.org/a.png" onerror="x">\n\n[^1]: note\n\n<a name="top">anchor</a> <script>alert(1)</script>'

  it('gives the tree toSafeHast gives, without positions', () => {
    const tree = parseMarkdown(markdown)
    const shared = sharedSafeHast(tree)
    expect(toHtml(shared)).toBe(toSafeHtml(tree))
    const positioned: string[] = []
    visit(shared, (node) => {
      if (node.position !== undefined) positioned.push(node.type)
    })
    expect(positioned).toEqual([])
    expect(toHtml(sharedSafeHast(tree, { clobberPrefix: 'c-' }))).toBe(
      toSafeHtml(tree, { clobberPrefix: 'c-' }),
    )
  })

  it('makes the tree once per mdast root and options, and freezes it', () => {
    const tree = parseMarkdown(markdown)
    const shared = sharedSafeHast(tree)
    expect(sharedSafeHast(tree)).toBe(shared)
    expect(sharedSafeHast(tree, { clobberPrefix: 'user-content-' })).toBe(shared)
    const prefixed = sharedSafeHast(tree, { clobberPrefix: 'c-' })
    expect(prefixed).not.toBe(shared)
    expect(toHtml(prefixed)).toContain('name="c-top"')
    expect(toHtml(shared)).toContain('name="user-content-top"')
    // Another root with the same markdown is another tree.
    expect(sharedSafeHast(parseMarkdown(markdown))).not.toBe(shared)
    const paragraph = shared.children[0] as Element
    expect(Object.isFrozen(shared.children)).toBe(true)
    expect(Object.isFrozen(paragraph.properties)).toBe(true)
    expect(() => {
      paragraph.children.push({ type: 'text', value: 'x' })
    }).toThrow(TypeError)
  })
})
