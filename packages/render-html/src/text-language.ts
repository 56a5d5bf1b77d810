/**
 * A guess at whether a piece of text is English inside a Japanese page, so that screen readers
 * and fonts treat English titles and abstracts as English.
 */

const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u
/**
 * A character from U+2E80 on: every kana and kanji is one (a test checks every code point
 * below), so text without one has no Japanese, found by a simpler scan than {@link japanese}.
 */
const fromCjkRadicals = /[^\0-\u2e7f]/
const latinLetter = /\p{Script=Latin}/u

/** Whether `text` has a kana or kanji (see {@link japanese}). */
export function hasJapanese(text: string): boolean {
  return fromCjkRadicals.test(text) && japanese.test(text)
}

/**
 * `'en'` when the page language is Japanese and the text has Latin letters but no kana or kanji;
 * else `undefined` (the text inherits the page's language).
 *
 * @example
 * englishInJapanesePage('Sparse Rehearsal', 'ja') // => 'en'
 * englishInJapanesePage('忘却の研究', 'ja') // => undefined
 */
export function englishInJapanesePage(text: string, pageLang: string): 'en' | undefined {
  if (!/^ja(?:-|$)/i.test(pageLang)) return undefined
  return latinLetter.test(text) && !hasJapanese(text) ? 'en' : undefined
}
