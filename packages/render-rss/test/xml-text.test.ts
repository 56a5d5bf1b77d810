import { describe, expect, it } from 'vitest'
import { toXmlText } from '../src/index.js'

describe('toXmlText', () => {
  it('removes every C0 control character except tab, line feed and carriage return', () => {
    const c0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')
    expect(toXmlText(`a${c0}b`)).toBe('a\t\n\rb')
  })

  it('removes lone surrogates, U+FFFE and U+FFFF but keeps astral characters', () => {
    expect(toXmlText('x\uD800y\uDFFFz')).toBe('xyz')
    expect(toXmlText('low\uDC00 high\uDBFF')).toBe('low high')
    expect(toXmlText('a\uFFFEb\uFFFFc')).toBe('abc')
    expect(toXmlText('😀 𠮷野家 \uD83D\uDE00')).toBe('😀 𠮷野家 😀')
  })

  it('keeps text XML allows, markup characters included (the builder escapes those)', () => {
    const text = 'A & B <b>"x"</b> ]]> \u007f\u0085 \uE000 \uFFFD 日本語'
    expect(toXmlText(text)).toBe(text)
  })
})

describe('toXmlText against the XML 1.0 Char production', () => {
  /** XML 1.0 `Char`, code point by code point. */
  const isXmlChar = (code: number) =>
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  const reference = (text: string) =>
    [...text].filter((character) => isXmlChar(character.codePointAt(0)!)).join('')

  it('keeps or removes every UTF-16 code unit as the production says, alone and in text', () => {
    const wrong: number[] = []
    for (let unit = 0; unit <= 0xffff; unit++) {
      const character = String.fromCharCode(unit)
      const text = `ab ${character} 日本語 ${character}`
      if (toXmlText(text) !== reference(text) || toXmlText(character) !== reference(character)) {
        wrong.push(unit)
      }
    }
    expect(wrong).toEqual([])
  })

  it('keeps surrogate pairs and removes lone halves among them', () => {
    for (const text of ['😀', 'a😀b\uD800', '\uDE00😀\uD83D', 'x\uD83D\uD83D\uDE00y']) {
      expect(toXmlText(text)).toBe(reference(text))
    }
  })
})
