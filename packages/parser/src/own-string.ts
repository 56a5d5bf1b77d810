/**
 * Strings that parse results keep on their own. A piece cut from a larger text (`slice`, `split`,
 * a regular expression match) is a view that keeps that whole text in memory, and it is stored
 * with two bytes a character when the larger text held any non-Latin-1 character, even if the
 * piece is ASCII. An abstract cut from an issue body that also holds a Japanese translation is
 * both: copied, it takes one byte a character and frees the body text.
 */

const encoder = new TextEncoder()
// `ignoreBOM`: a U+FEFF at the start is kept, as any other character.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
const nonAscii = /[\u0080-\uffff]/
// A lone surrogate does not survive UTF-8: such text is left as it is.
const loneSurrogate = /\p{Cs}/u
// The bytes of the text being copied, reused: no new buffer for each copy.
let scratch = new Uint8Array(4096)
// V8 copies pieces shorter than this (13 characters) instead of making views.
const shortest = 13

/**
 * `text` as a string of its own, equal to it: a copy made through UTF-8, which JavaScript
 * engines store with one byte a character when it is all ASCII. Short text, and text with a lone
 * surrogate, is returned as it is.
 *
 * @example
 * const body = '# Translation (by gpt-4o-mini)\n- 本研究では…\n# Abstract\n- We study reward models.'
 * ownString(body.slice(body.lastIndexOf('- ') + 2)) // => 'We study reward models.'
 */
export function ownString(text: string): string {
  if (text.length < shortest) return text
  if (nonAscii.test(text) && loneSurrogate.test(text)) return text
  // UTF-8 takes at most three bytes for each UTF-16 code unit.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 6)
  const { written } = encoder.encodeInto(text, scratch)
  return decoder.decode(scratch.subarray(0, written))
}
