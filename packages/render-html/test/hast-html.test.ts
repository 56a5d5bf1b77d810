import { toSafeHast } from '@paper-notes/core'
import type { Element, ElementContent, Nodes, Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h, s } from 'hastscript'
import { describe, expect, it } from 'vitest'
import { hastToHtml } from '../src/hast-html.js'

const raw = (value: string) => ({ type: 'raw', value }) as unknown as ElementContent

/** Markdown comments a note may hold, hostile ones included, in English and Japanese. */
const markdownSamples = [
  '忘却についての研究。**太字** と `code <x> & y` と [リンク](https://example.org/?a=1&b="2")',
  '[click](javascript:alert(1)) <script>alert(2)</script> <img src="https://e.org/a.png" onerror="x">',
  '<div style="color:red" onclick="x" id="top" class="a b">raw div</div><iframe src="https://e"></iframe>',
  '| a | b |\n|:--|--:|\n| <u>x</u> | [y](https://example.org/?q=a&b) |',
  '- [x] done\n- [ ] todo\n\n1. one\n2. two\n\n> quote & <b>bold</b>',
  '```js\nconst a = "<b>" && 1 < 2\n```\n\n---\n\nfootnote[^1]\n\n[^1]: note & <em>x</em>',
  '<details open><summary>Sum</summary>hidden `a`</details><input type="checkbox" checked disabled>',
  '<a href="https://x.org" title="a\'b`c\u0000d" target="_blank" rel="nofollow">x</a><br/>line<br>',
  '<img src="a.png" alt="画像 &quot;quoted&quot;" width="100" height="50"><kbd>Ctrl</kbd>',
  'https://x.com/user/status/1 and www.example.org/path?x=1&y=2 ~~strike~~',
]

/** Trees made by hand with every kind of property the library treats specially. */
function handMadeTrees(): Nodes[] {
  const template = h('template', { id: 't' }) as Element
  template.content = { type: 'root', children: [h('p', 'in template & <x>')] }
  return [
    h('input', { type: 'checkbox', checked: true, disabled: false, value: '' }),
    h('input', { checked: 'checked', required: '', readOnly: 'no', autoFocus: 0 }),
    h('a', { download: true, href: '' }, 'download (overloaded boolean)'),
    h('a', { download: 'file name.pdf' }, 'download with a name'),
    h('a', { download: '' }, 'download, empty'),
    h('td', { colSpan: 2, rowSpan: Number.NaN, tabIndex: 0 }, 'numbers'),
    h('div', { className: ['a', 'b', ' c '], dataFoo: 'bar', dataX: 1, ariaHidden: 'true' }),
    h('area', { coords: [1, 2, 3], shape: 'rect' }),
    h('input', { accept: ['image/png', 'image/jpeg'] }),
    h('p', { title: 'quotes " and \' and ` and & and \u0000 and <>' }, 'a & b < c > d " e'),
    h('script', 'if (a < b && c) {}'),
    h('style', 'a > b { content: "&" }'),
    h('br'),
    h('br', [h('span', 'odd child of a void element')]),
    h('IMG', { src: 'x.png' }),
    { type: 'element', tagName: 'p', properties: { 'weird"name': 'x' }, children: [] },
    { type: 'element', tagName: 'p', properties: { 'on click': 'x' }, children: [] },
    { type: 'element', tagName: 'p', properties: {}, children: [] },
    s('svg', { viewBox: '0 0 10 10', xmlns: 'http://www.w3.org/2000/svg' }, [
      s('circle', { cx: 5, cy: 5, r: 4, strokeWidth: 2 }),
      s('foreignObject', [h('p', 'html inside svg')]),
    ]),
    template,
    { type: 'comment', value: 'a --> b <!-- c' },
    { type: 'doctype' },
    {
      type: 'root',
      children: [
        { type: 'doctype' },
        h('html', { lang: 'ja' }, [
          h('head', [h('meta', { charSet: 'utf-8' }), h('title', '論文メモ & notes')]),
          h('body', [h('main', [h('h1', 'タイトル <x>'), h('p', { hidden: true }, 'hidden')])]),
        ]),
      ],
    },
  ]
}

describe('hastToHtml', () => {
  it('writes sanitized note content byte for byte as hast-util-to-html does', () => {
    for (const markdown of markdownSamples) {
      const tree = toSafeHast(markdown)
      expect(hastToHtml(tree), markdown).toBe(toHtml(tree))
    }
  })

  it('writes every kind of property, element and node as hast-util-to-html does', () => {
    for (const tree of handMadeTrees()) {
      expect(hastToHtml(tree), JSON.stringify(tree)).toBe(toHtml(tree))
    }
  })

  it('escapes text and attribute values with the library’s references', () => {
    const tree = h('a', { href: '?a=1&b="2"', title: "it's `x`" }, ['1 < 2 & 3 > 2'])
    expect(hastToHtml(tree)).toBe(
      '<a href="?a=1&#x26;b=&#x22;2&#x22;" title="it&#x27;s &#x60;x&#x60;">1 &#x3C; 2 &#x26; 3 > 2</a>',
    )
  })

  it('writes raw nodes as escaped text unless their value is trusted', () => {
    const trusted = '<article class="note-card">忘却</article>'
    const attack = '<img src=x onerror=alert(1)>'
    const tree: Root = {
      type: 'root',
      children: [h('div', [raw(trusted), raw(attack)]), h('script', [raw('a < b')])],
    }
    expect(hastToHtml(tree)).toBe(toHtml(tree))
    expect(hastToHtml(tree, { isTrustedRaw: (node) => node.value === trusted })).toBe(
      `<div>${trusted}&#x3C;img src=x onerror=alert(1)></div><script>a < b</script>`,
    )
  })

  it('keeps untrusted raw nodes escaped inside elements it leaves to the library', () => {
    const trusted = '<b>card</b>'
    const template = h('template') as Element
    template.content = { type: 'root', children: [raw('<script>x</script>'), raw(trusted)] }
    const svg = s('svg', [s('title', [raw('<i>t</i>'), raw(trusted)])])
    const html = hastToHtml(h('div', [template, svg]), {
      isTrustedRaw: (node) => node.value === trusted,
    })
    expect(html).toBe(
      '<div><template>&#x3C;script>x&#x3C;/script><b>card</b></template>' +
        '<svg><title>&#x3C;i>t&#x3C;/i><b>card</b></title></svg></div>',
    )
  })
})
