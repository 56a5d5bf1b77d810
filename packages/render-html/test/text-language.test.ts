import { describe, expect, it } from 'vitest'
import { englishInJapanesePage, hasJapanese } from '../src/text-language.js'

describe('hasJapanese', () => {
  const kanaOrKanji = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u

  it('agrees with the Unicode scripts for every code point, below U+2E80 and above', () => {
    const wrong: number[] = []
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const character = String.fromCodePoint(code)
      const text = `abc ${character} def`
      if (hasJapanese(text) !== kanaOrKanji.test(text)) wrong.push(code)
    }
    expect(wrong).toEqual([])
  })

  it('finds kana and kanji in English text, and none in text without them', () => {
    expect(hasJapanese('Sparse rehearsal for continual tuning')).toBe(false)
    expect(hasJapanese('Café — naïve “quotes” ① ★ ←')).toBe(false)
    expect(hasJapanese('LLaMA2を3行で訓練')).toBe(true)
    expect(hasJapanese('Continual learning (忘却)')).toBe(true)
    expect(hasJapanese('ｶﾀｶﾅ')).toBe(true)
    expect(hasJapanese('𠮷')).toBe(true)
  })
})

describe('englishInJapanesePage', () => {
  it('marks text with Latin letters and no kana or kanji as English in a Japanese page', () => {
    expect(englishInJapanesePage('Sparse Rehearsal', 'ja')).toBe('en')
    expect(englishInJapanesePage('Sparse Rehearsal ①', 'ja-JP')).toBe('en')
    expect(englishInJapanesePage('忘却の研究', 'ja')).toBeUndefined()
    expect(englishInJapanesePage('LoRAの研究', 'ja')).toBeUndefined()
    expect(englishInJapanesePage('2025 — 42', 'ja')).toBeUndefined()
    expect(englishInJapanesePage('Sparse Rehearsal', 'en')).toBeUndefined()
  })
})
