import { toSafeHast } from '@paper-notes/core'
import { toHtml } from 'hast-util-to-html'
import { describe, expect, it } from 'vitest'
import { plainProseParagraphs } from '../src/plain-prose.js'

/** What the markdown pipeline gives for `text` (the page content `markdownContent` used to be). */
function parsedHtml(text: string): string {
  return toHtml(toSafeHast(text))
}

function fastHtml(text: string): string | undefined {
  const nodes = plainProseParagraphs(text)
  return nodes ? toHtml({ type: 'root', children: nodes }) : undefined
}

/** mulberry32: the same pseudo-random texts on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('plainProseParagraphs', () => {
  it('gives the paragraphs of plain English and Japanese prose, as markdown does', () => {
    const texts = [
      'We study forgetting in continual instruction tuning.',
      '継続的な指示チューニングにおける忘却を研究する。',
      'Sparse rehearsal (10% of the data) keeps 95.2% accuracy: see Table 3, e.g. on GSM8K.',
      'First line of the abstract,\nsecond line of it.',
      'One paragraph.\n\nAnother one.\n\n\n第三段落。',
      '\nLeading and trailing empty lines.\n',
      'Words  with   several spaces; "quotes", \'apostrophes\', #1234 and 1. in the middle.',
    ]
    for (const text of texts) {
      expect(fastHtml(text)).toBe(parsedHtml(text))
    }
    expect(fastHtml('One paragraph.\n\nAnother one.')).toBe(
      '<p>One paragraph.</p>\n<p>Another one.</p>',
    )
    expect(fastHtml('忘却を研究する。')).toBe('<p>忘却を研究する。</p>')
  })

  it('declines text that markdown reads as syntax', () => {
    const texts = [
      '**bold** words',
      'a *b* c',
      'snake_case',
      'see [the paper](https://example.org)',
      'see https://example.org/paper',
      'see www.example.org',
      'mail me: ada@example.org',
      'a <img src=x onerror=alert(1)> b',
      'AT&amp;T',
      '~~struck~~',
      'a | b',
      'code `x`',
      'escaped \\* star',
      '# Heading',
      '- item',
      '1. item',
      '> quote',
      '    indented code',
      ' leading space',
      'trailing space ',
      'hard  \nbreak',
      'tab\there',
      'Windows\r\nline ends',
      'Heading\n===',
      'Heading\n---',
      '',
      '\n\n',
    ]
    for (const text of texts) expect(plainProseParagraphs(text), text).toBeUndefined()
  })

  it('agrees with the markdown pipeline on thousands of random texts with markdown characters', () => {
    const next = random(20251121)
    const pieces = [
      'word',
      'Word',
      '忘却',
      'を',
      '。',
      ' ',
      ' ',
      '  ',
      '\n',
      '\n\n',
      '\t',
      '.',
      ',',
      ':',
      ';',
      '(',
      ')',
      '-',
      '+',
      '=',
      '#',
      '1',
      '2.',
      '!',
      '?',
      '"',
      "'",
      '%',
      '/',
      '*',
      '_',
      '`',
      '[',
      ']',
      '<',
      '>',
      '&',
      '~',
      '|',
      '@',
      '\\',
      'http://',
      'www.',
      'x.org',
      '\u3000',
      '\u00a0',
    ]
    let fast = 0
    for (let i = 0; i < 5000; i++) {
      // Starting with a word, as prose does, so that the fast path is taken often.
      let text = next() < 0.5 ? 'Word' : '忘却'
      const length = Math.floor(next() * 12)
      for (let j = 0; j < length; j++) {
        text += next() < 0.4 ? ' word' : pieces[Math.floor(next() * pieces.length)]
      }
      const html = fastHtml(text)
      if (html !== undefined) {
        fast++
        expect(html, JSON.stringify(text)).toBe(parsedHtml(text))
      }
    }
    // The comparison must have covered many texts the fast path took.
    expect(fast).toBeGreaterThan(1000)
  })
})
