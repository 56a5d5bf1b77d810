import fc from 'fast-check'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../src/markdown.js'

/** The plain way: full GFM on every text. */
const withFullGfm = (markdown: string) =>
  fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })

/** Pieces of markdown-like text: syntax, every GFM trigger and near misses, Japanese, URLs. */
const piece = fc.constantFrom(
  ' ',
  '\n',
  '\n\n',
  '- ',
  '1. ',
  '> ',
  '# ',
  '    ',
  '```\n',
  '`',
  '*',
  '_',
  '~~',
  '[',
  ']',
  '(',
  ')',
  '[^1]',
  '^',
  '~',
  '|',
  '- [x] done',
  '* [X]',
  '[\t]',
  '- [\n] item',
  '| - |',
  ':-:',
  '---',
  '[^1]: note',
  '| a | b |\n| - | - |\n| c | d |',
  '- [ ] task',
  '<img src="a.png">',
  '<br>',
  '&amp;',
  '\\',
  '!',
  ':',
  '.',
  'www',
  'ww.',
  'http',
  'https',
  'mailto',
  'xmpp',
  'example.org',
  'user',
  '@',
  'at',
  '関連:',
  '元ポスト:',
  '#1234',
  'https://x.com/a/status/1',
  'www.example.org',
  'me@example.org',
  'https\\://example.org/a',
  'www&#46;example.org',
  'me&#64;example.org',
  'https&#58;//x.org',
  'http\\:',
  '&#x40;',
  'mailto:me@example.org',
  'HTTP://EXAMPLE.ORG',
  'Www.Example.Org',
  '"',
  '"www.example.org"',
  '(http://example.org)',
  '日本語の文章',
)
const markdownish = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''))

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

  it('gives the same tree as full GFM on any text, whichever GFM extensions it needs', () => {
    fc.assert(
      fc.property(markdownish, (markdown) => {
        expect(parseMarkdown(markdown)).toEqual(withFullGfm(markdown))
      }),
      { numRuns: 3000 },
    )
  })

  it('still finds every kind of autolink literal', () => {
    const links = (markdown: string) =>
      JSON.stringify(parseMarkdown(markdown)).match(/"type":"link"/g)?.length ?? 0
    expect(links('see www.example.org')).toBe(1)
    expect(links('see HTTPS://EXAMPLE.ORG/a')).toBe(1)
    expect(links('write to me@example.org')).toBe(1)
    expect(links('write to mailto:me@example.org')).toBe(1)
    expect(links('日本語https://example.org/aの後')).toBe(1)
    expect(links('escaped: https\\://example.org/a')).toBe(1)
    expect(links('encoded: me&#64;example.org')).toBe(1)
    expect(links('hello@example.org, https://example.org/h and www.example.org/w')).toBe(3)
    expect(links('no link here: example.org, ww.example.org')).toBe(0)
  })

  it('keeps positions (1-based lines and columns)', () => {
    const tree = parseMarkdown('line one\n\n  **two**')
    expect(tree.children[1]?.position?.start).toMatchObject({ line: 3, column: 3 })
  })
})
