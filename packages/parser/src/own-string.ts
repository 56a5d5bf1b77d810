/**
 * Strings that parse results keep on their own. A piece cut from a larger text (`slice`, `split`,
 * a regular expression match) is a view that keeps that whole text in memory, and it is stored
 * with two bytes a character when the larger text held any non-Latin-1 character, even if the
 * piece is ASCII. An abstract cut from an issue body that also holds a Japanese translation is
 * both: copied, it takes one byte a character and frees the body text.
 */

const encoder = new TextEncoder()
// Only ASCII text is decoded (so there is no byte order mark to drop).
const decoder = new TextDecoder()
const nonAscii = /[\u0080-\uffff]/
// The bytes of the text being copied, reused: no new buffer for each copy.
let scratch = new Uint8Array(4096)
// V8 copies pieces shorter than this (13 characters) instead of making views.
const shortest = 13

/**
 * `text` as a string of its own, equal to it: ASCII text is copied through UTF-8, which
 * JavaScript engines store with one byte a character; other text is copied as it is. Short text
 * is returned as it is (engines copy short pieces anyway).
 *
 * @example
 * const body = '# Translation (by gpt-4o-mini)\n- 本研究では…\n# Abstract\n- We study reward models.'
 * ownString(body.slice(body.lastIndexOf('- ') + 2)) // => 'We study reward models.'
 */
export function ownString(text: string): string {
  if (text.length < shortest) return text
  if (nonAscii.test(text)) {
    // Not ASCII: two bytes a character either way. Cutting a character off a longer string
    // copies the text into one string of its own (V8 flattens the concatenation first), which
    // is much faster than decoding UTF-8 and keeps any lone surrogate.
    return `${text} `.slice(0, -1)
  }
  // ASCII: UTF-8 is the same bytes, and the decoder makes a one-byte string.
  if (scratch.length < text.length) scratch = new Uint8Array(text.length * 2)
  const { written } = encoder.encodeInto(text, scratch)
  return decoder.decode(scratch.subarray(0, written))
}
