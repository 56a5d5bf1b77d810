/**
 * Lists that go into parse results without room to grow. A list filled by `push` keeps spare
 * slots (V8 makes 17 for the first element); notes stay in memory for a whole build, and most of
 * their lists (tags, authors, a comment's links) hold a few items.
 */

/**
 * `list` itself when empty, else an exact-size copy (same items, same order).
 *
 * @example
 * const tags: string[] = []
 * tags.push('NLP')
 * compactList(tags) // => ['NLP'], in a one-slot list
 */
export function compactList<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice()
}
