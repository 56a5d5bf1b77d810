import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../src/index.js'

describe('parseMarkdown', () => {
  it('parses GFM: autolink literals, tables, strikethrough, footnotes', () => {
    const tree = parseMarkdown(
      'see https://x.com/a/status/1 ~~old~~[^1]\n\n| a |\n| - |\n| b |\n\n[^1]: note',
    )
    const types = tree.children.map((node) => node.type)
    expect(types).toEqual(['paragraph', 'table', 'footnoteDefinition'])
    const paragraph = tree.children[0]
    expect(paragraph?.type === 'paragraph' && paragraph.children.map((n) => n.type)).toEqual([
      'text',
      'link',
      'text',
      'delete',
      'footnoteReference',
    ])
  })

  it('gives each call its own state (definitions do not leak between documents)', () => {
    const first = parseMarkdown('[a]\n\n[a]: https://example.org/a')
    const second = parseMarkdown('[a]')
    expect(JSON.stringify(first)).toContain('linkReference')
    expect(second.children[0]).toMatchObject({
      type: 'paragraph',
      children: [{ type: 'text', value: '[a]' }],
    })
  })

  it('keeps positions (1-based lines and columns)', () => {
    const tree = parseMarkdown('line one\n\n  **two**')
    expect(tree.children[1]?.position?.start).toMatchObject({ line: 3, column: 3 })
  })
})
