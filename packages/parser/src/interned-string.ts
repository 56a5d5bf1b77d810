/**
 * One string for each short value that many notes repeat (tags, author names, model names):
 * 6,000 notes carry some 40,000 tags but only a few hundred different ones. The table is shared
 * by every parse and bounded, so it never holds more than {@link maxEntries} strings of at most
 * {@link maxLength} characters (a few megabytes at most); past that, values are returned as
 * they are.
 */
import { ownString } from './own-string.js'

const maxEntries = 50_000
const maxLength = 100
const interned = new Map<string, string>()

/**
 * A string equal to `text`: the same string object for every equal short value, stored on its
 * own (not as a view into a larger text).
 *
 * @example
 * internString('Catastrophic Forgetting') // => 'Catastrophic Forgetting'
 */
export function internString(text: string): string {
  if (text.length > maxLength) return text
  const known = interned.get(text)
  if (known !== undefined) return known
  if (interned.size >= maxEntries) return text
  const own = ownString(text)
  interned.set(own, own)
  return own
}
