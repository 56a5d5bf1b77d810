/**
 * `parseMarkdown(markdown, { positions: false })`: the same tree as with positions, only without
 * any `position`, on the plain-text fast path and through `fromMarkdown` alike.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../src/markdown.js'

/** JSON of a tree without its `position`s (key order kept). */
const jsonWithoutPositions = (tree: unknown) =>
  JSON.stringify(tree, (key, value) => (key === 'position' ? undefined : value))

const piece = fc.constantFrom(
  ' ',
  '\n',
  '\n\n',
  '元ポスト:',
  '日本語の文章です。',
  'model',
  'https://x.com/user/status/1800000000000000034',
  '**strong**',
  '<img width="600" alt="image" src="https://github.com/user-attachments/assets/1.png" />',
  '- ',
  '1. ',
  '> ',
  '# ',
  '`code`',
  '```\n',
  '*',
  '_',
  '~~',
  '[link](https://example.org)',
  '[^1]',
  '[^1]: note',
  '| a | b |\n| - | - |\n| c | d |',
  '- [ ] task',
  '<br>',
  '&amp;',
  'www.example.org',
  'me@example.org',
)
const markdownish = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''))

describe('parseMarkdown without positions', () => {
  it('gives the tree with positions, minus every position', () => {
    fc.assert(
      fc.property(markdownish, (markdown) => {
        const bare = parseMarkdown(markdown, { positions: false })
        const json = JSON.stringify(bare)
        expect(json).not.toContain('"position"')
        expect(json).toBe(jsonWithoutPositions(parseMarkdown(markdown)))
      }),
      { numRuns: 1500 },
    )
  })

  it('leaves out positions on plain text and on other markdown', () => {
    const plain = parseMarkdown('元ポスト:\n\nhttps://x.com/a/status/1', { positions: false })
    expect(plain).toEqual({
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', value: '元ポスト:' }] },
        {
          type: 'paragraph',
          children: [
            {
              type: 'link',
              title: null,
              url: 'https://x.com/a/status/1',
              children: [{ type: 'text', value: 'https://x.com/a/status/1' }],
            },
          ],
        },
      ],
    })
    expect('position' in plain).toBe(false)
    const list = parseMarkdown('関連:\n- #1234', { positions: false })
    expect(list.children[1]).toEqual({
      type: 'list',
      ordered: false,
      start: null,
      spread: false,
      children: [
        {
          type: 'listItem',
          spread: false,
          checked: null,
          children: [{ type: 'paragraph', children: [{ type: 'text', value: '#1234' }] }],
        },
      ],
    })
  })

  it('keeps positions by default', () => {
    expect(parseMarkdown('a').children[0]?.position?.start).toEqual({
      line: 1,
      column: 1,
      offset: 0,
    })
  })
})
