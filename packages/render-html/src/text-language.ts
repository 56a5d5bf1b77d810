/**
 * A guess at whether a piece of text is English inside a Japanese page, so that screen readers
 * and fonts treat English titles and abstracts as English.
 */

const japanese = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u
const latinLetter = /\p{Script=Latin}/u

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
  return latinLetter.test(text) && !japanese.test(text) ? 'en' : undefined
}
