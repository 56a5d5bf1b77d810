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
