import type { Element, ElementContent, Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import { describe, expect, it } from 'vitest'
import { serializePage } from '../src/page-serialization.js'

const raw = (value: string) => ({ type: 'raw', value }) as unknown as ElementContent

const card = '<article class="note-card"><h2>忘却の研究</h2><p>Sparse rehearsal.</p></article>'
const trustCard = (node: { value: string }) => node.value === card

function page(...content: ElementContent[]): Root {
  return {
    type: 'root',
    children: [{ type: 'doctype' }, h('html', [h('body', [h('main', content)])])],
  }
}

describe('serializePage', () => {
  it('writes trusted raw HTML as it is, wherever and however often it appears', () => {
    const tree = page(h('div', { className: ['note-cards'] }, [raw(card), raw(card)]), raw(card))
    expect(serializePage(tree, trustCard)).toBe(
      `<!doctype html><html><body><main><div class="note-cards">${card}${card}</div>${card}</main></body></html>`,
    )
  })

  it('writes untrusted raw HTML as escaped text, exactly as hast-util-to-html does by default', () => {
    const attack = '<img src=x onerror=alert(1)><script>alert(2)</script>'
    const tree = page(h('p', [raw(attack)]), raw(card))
    const html = serializePage(tree, () => false)
    expect(html).toBe(toHtml(tree))
    expect(html).toContain('&#x3C;img src=x onerror=alert(1)>&#x3C;script>')
    expect(html).not.toContain('<script>')
  })

  it('escapes untrusted raw HTML in a template element’s content too', () => {
    const template = h('template') as Element
    template.content = { type: 'root', children: [raw('<script>alert(1)</script>'), raw(card)] }
    const html = serializePage(page(template), trustCard)
    expect(html).toBe(
      `<!doctype html><html><body><main><template>&#x3C;script>alert(1)&#x3C;/script>${card}</template></main></body></html>`,
    )
  })

  it('gives the same HTML as hast-util-to-html for everything but trusted raw nodes', () => {
    const tree = page(
      h('p', { title: '<!--fragment-0-->', dataIndex: 3 }, '<!--fragment-0--> & 日本語'),
      { type: 'comment', value: 'fragment-0 --> x' },
      h('svg', { viewBox: '0 0 1 1' }, [h('circle', { r: 1 })]),
      raw(card),
    )
    expect(serializePage(tree, trustCard)).toBe(toHtml(tree, { allowDangerousHtml: true }))
  })

  it('does not change the tree it is given', () => {
    const tree = page(raw(card), raw('<b>x</b>'))
    const before = structuredClone(tree)
    serializePage(tree, trustCard)
    expect(tree).toEqual(before)
  })
})
