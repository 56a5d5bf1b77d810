/**
 * The plain-text fast path of `parseMarkdown`: `parsePlainMarkdown` must build exactly the tree
 * `fromMarkdown` with full GFM builds (same nodes, keys in the same order, same positions)
 * whenever it accepts a text, and must accept the common plain comments.
 */
import fc from 'fast-check'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { parseMarkdown, parsePlainMarkdown } from '../src/markdown.js'

/** The plain way: full GFM on every text. */
const withFullGfm = (markdown: string) =>
  fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })

/** Plain pieces: prose, spaces, line breaks, punctuation that means nothing here, and URLs. */
const plainPiece = fc.constantFrom(
  ' ',
  '\n',
  '\n\n',
  '\n\n\n',
  '元ポスト:',
  '関連:',
  '日本語の文章です。',
  'openreview: ',
  'pj page',
  'model',
  'Model',
  '2025.01',
  '#1234',
  ':',
  '：',
  ',',
  '.',
  '?',
  '(',
  ')',
  '"',
  "'",
  '%',
  '+',
  '=',
  '/',
  '^',
  '$',
  'ー',
  'https://x.com/user/status/1800000000000000034',
  'https://x.com/aramaki/status/1942902940337099254?s=46&t=Y6UuIHB0Lv0IpmFAjlc2-Q',
  'https://www.example.co.jp/news/press/20241108_01/',
  'http://example.org',
  'https://example.org/a_b',
  'https://huggingface.co/LiquidAI/LFM2.5-1.2B-Base',
  '**model**',
  '**out-of-distribution**',
  '**a**',
  '\n- ',
  '\n- #1234',
  '\n- item text',
  '関連:\n- #1000\n- GRADIENT: Transformer Dataset, THINKING MACHINES, 2022.10',
  '<img width="600" alt="image" src="https://github.com/user-attachments/assets/1-2.png" />',
  '<img src="a.png">',
)
/** Pieces at the edge of plain: near-miss URLs, other white space, astral characters. */
const edgePiece = fc.constantFrom(
  '  ',
  '2025',
  '1.',
  '1)',
  '#',
  '-',
  '😀',
  '\u00a0',
  '\u3000',
  'https://example.org/a.',
  'https://example.org/a)',
  'https://example.org/(a)',
  'https://example.org/a?',
  'https://example.org/a_',
  'https://example.org/a&amp;',
  'https://example.org/a;b',
  'https://a_b.example.org/x',
  'https://example.org?q=1',
  'https://',
  'http:',
  'https:',
  'HTTPS://EXAMPLE.ORG',
  'Https://example.org',
  'www.example.org',
  'WWW.',
  'http',
  'xhttps://example.org',
  '"https://example.org"',
  '(https://example.org)',
  '&',
  '&amp;',
  '**',
  '- ',
  '-  two spaces',
  '* star item',
  '+ plus item',
  '1. first',
  '#heading-like',
  '## heading',
  '**-a**',
  '**a-**',
  '***a***',
  '**a b**',
  '**日本**',
  '*a*',
  '__a__',
  '_a_',
  'snake_case',
  '<img src=a.png>',
  '<img alt="a&amp;b">',
  '<img src="a.png"/>',
  '<br>',
  '<div>',
  '</img>',
  '<',
)
/** Markdown syntax: a text holding any of it is not plain. */
const syntaxPiece = fc.constantFrom(
  'me@example.org',
  '*',
  '_',
  '`',
  '~',
  '<',
  '[',
  ']',
  '!',
  '\\',
  '|',
  '\t',
  '\r',
  '\u0000',
  '\u0007',
  '\u007f',
  '\ufeff',
  '- ',
  '> ',
  '# ',
  '---',
  '===',
  '    ',
)
const commentish = fc
  .array(
    fc.oneof(
      { arbitrary: plainPiece, weight: 30 },
      { arbitrary: edgePiece, weight: 3 },
      { arbitrary: syntaxPiece, weight: 1 },
    ),
    { maxLength: 24 },
  )
  .map((pieces) => pieces.join(''))

describe('parsePlainMarkdown', () => {
  it('builds the tree fromMarkdown with GFM builds, key order and positions included', () => {
    let accepted = 0
    let acceptedLists = 0
    let runs = 0
    fc.assert(
      fc.property(commentish, (markdown) => {
        runs++
        const plain = parsePlainMarkdown(markdown)
        if (plain === undefined) return
        accepted++
        if (plain.children.some((node) => node.type === 'list')) acceptedLists++
        const full = withFullGfm(markdown)
        expect(plain).toEqual(full)
        expect(JSON.stringify(plain)).toBe(JSON.stringify(full))
      }),
      { numRuns: 8000 },
    )
    // The pieces are chosen so that the fast path is taken often enough to be tested.
    expect(accepted).toBeGreaterThan(runs / 10)
    expect(acceptedLists).toBeGreaterThan(runs / 100)
  })

  it('reads a post comment: a label paragraph and a URL paragraph', () => {
    const markdown =
      '元ポスト:\n\nhttps://x.com/aramaki/status/1942902940337099254?s=46&t=Y6UuIHB0Lv0IpmFAjlc2-Q'
    const tree = parsePlainMarkdown(markdown)
    expect(tree).toEqual(withFullGfm(markdown))
    const url = 'https://x.com/aramaki/status/1942902940337099254?s=46&t=Y6UuIHB0Lv0IpmFAjlc2-Q'
    expect(tree?.children[1]).toMatchObject({
      type: 'paragraph',
      children: [{ type: 'link', url, children: [{ type: 'text', value: url }] }],
      position: {
        start: { line: 3, column: 1, offset: 7 },
        end: { line: 3, column: 79, offset: 85 },
      },
    })
  })

  it('leaves a URL whose domain starts with a hyphen to fromMarkdown, which keeps it text', () => {
    // Found by the property above (seed 932273255): the autolink literal construct refuses
    // punctuation right after `//`, so these are text, not links.
    for (const markdown of ['https://---', 'see https://-a.org/x', 'http://-1']) {
      const full = withFullGfm(markdown)
      expect(JSON.stringify(full)).not.toContain('"link"')
      const plain = parsePlainMarkdown(markdown)
      if (plain !== undefined) expect(plain).toEqual(full)
    }
    // A domain that starts with a letter or digit and holds hyphens is still a link.
    const markdown = 'https://a-b.org/x'
    expect(parsePlainMarkdown(markdown)).toEqual(withFullGfm(markdown))
    expect(JSON.stringify(withFullGfm(markdown))).toContain('"link"')
  })

  it('keeps line breaks inside a paragraph in its text, around links too', () => {
    const markdown = 'see https://example.org/a\nand then\nhttps://example.org/b done'
    const tree = parsePlainMarkdown(markdown)
    expect(JSON.stringify(tree)).toBe(JSON.stringify(withFullGfm(markdown)))
    const paragraph = tree?.children[0]
    expect(paragraph?.type === 'paragraph' && paragraph.children.map((node) => node.type)).toEqual([
      'text',
      'link',
      'text',
      'link',
      'text',
    ])
  })

  it('reads strong words and image lines', () => {
    const markdown =
      '手法を提案する。 **out-of-distribution** Method.\n\n<img width="600" alt="image" src="https://github.com/user-attachments/assets/1-2.png" />'
    const tree = parsePlainMarkdown(markdown)
    expect(JSON.stringify(tree)).toBe(JSON.stringify(withFullGfm(markdown)))
    expect(tree?.children.map((node) => node.type)).toEqual(['paragraph', 'html'])
    const paragraph = tree?.children[0]
    expect(paragraph?.type === 'paragraph' && paragraph.children[1]).toMatchObject({
      type: 'strong',
      children: [{ type: 'text', value: 'out-of-distribution' }],
      position: { start: { line: 1, column: 10, offset: 9 }, end: { column: 33, offset: 32 } },
    })
  })

  it('ends a paragraph after the spaces at its end, and its text before them', () => {
    const markdown = '元ポスト: \n\nhttps://x.com/hillbig/status/2029831390137831570?s=20  '
    const tree = parsePlainMarkdown(markdown)
    expect(JSON.stringify(tree)).toBe(JSON.stringify(withFullGfm(markdown)))
    expect(tree?.children[0]).toMatchObject({
      children: [{ value: '元ポスト:', position: { end: { column: 6, offset: 5 } } }],
      position: { end: { column: 7, offset: 6 } },
    })
  })

  it('reads a tight list of one-line items, also right after a paragraph', () => {
    const markdown =
      '関連:\n- #1000\n- GRADIENT: Transformer Dataset, THINKING MACHINES, 2022.10\n\nend'
    const tree = parsePlainMarkdown(markdown)
    expect(JSON.stringify(tree)).toBe(JSON.stringify(withFullGfm(markdown)))
    expect(tree?.children.map((node) => node.type)).toEqual(['paragraph', 'list', 'paragraph'])
    expect(tree?.children[1]).toMatchObject({
      type: 'list',
      ordered: false,
      spread: false,
      children: [
        { type: 'listItem', children: [{ type: 'paragraph', children: [{ value: '#1000' }] }] },
        { type: 'listItem', position: { start: { line: 3, column: 1 } } },
      ],
    })
    // Loose lists, lazy lines and other markers go to fromMarkdown.
    expect(parsePlainMarkdown('- a\n\n- b')).toBeUndefined()
    expect(parsePlainMarkdown('- a\nlazy')).toBeUndefined()
    expect(parsePlainMarkdown('* a')).toBeUndefined()
  })

  it('counts columns in UTF-16 code units, as micromark does', () => {
    const markdown = '😀 https://example.org/a'
    expect(JSON.stringify(parsePlainMarkdown(markdown))).toBe(JSON.stringify(withFullGfm(markdown)))
  })

  it('leaves everything that is not plain to fromMarkdown', () => {
    for (const markdown of [
      '',
      '**bold**',
      '- [ ] task',
      '- item\n\n- loose',
      '1. item',
      '> quote',
      '# heading',
      'a  \nb',
      ' indented',
      'trailing \nline',
      '   \n\nonly spaces before',
      '\nleading blank line',
      'trailing blank line\n',
      'see https://example.org/a.',
      'see HTTPS://EXAMPLE.ORG',
      'see www.example.org',
      'a *b* c',
      'a __b__ c',
      'text\n<img src="a.png">',
      '<img src="a.png">\ntext',
      'mail me@example.org',
      'AT&amp;T',
      '<div>html</div>',
      '[link](https://example.org)',
      'a | b',
      'tab\there',
      'a\r\nb',
    ]) {
      expect(parsePlainMarkdown(markdown)).toBeUndefined()
      // parseMarkdown still reads them, through fromMarkdown.
      expect(parseMarkdown(markdown)).toEqual(withFullGfm(markdown))
    }
  })

  it('is what parseMarkdown returns for plain text', () => {
    const markdown = '関連研究はこちら。\n\nhttps://example.org/paper'
    expect(parseMarkdown(markdown)).toEqual(parsePlainMarkdown(markdown))
  })
})
