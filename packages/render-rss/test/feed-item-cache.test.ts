import { describe, expect, it } from 'vitest'
import { makeComment, makeNote } from '../../../test-support/note-factory.ts'
import { createFeedItemCache } from '../src/feed-entry.js'

const baseUrl = 'https://example.org/'
const noteNumbered = (index: number) =>
  makeNote({
    id: String(800 + index),
    title: `Note ${index}`,
    comments: [makeComment({ markdown: `元ポスト: comment ${index}` })],
  })
/** What the cache counts an item as: 2 bytes per UTF-16 code unit of its three texts. */
const countedBytes = (item: ReturnType<ReturnType<typeof createFeedItemCache>>) =>
  2 * (item.rssItem.length + item.atomEntry.length + item.entry.html.length)

describe('createFeedItemCache', () => {
  it('builds each note’s item once while the cache has room', () => {
    const itemOf = createFeedItemCache(baseUrl)
    const notes = Array.from({ length: 30 }, (_, index) => noteNumbered(index))
    const first = notes.map(itemOf)
    expect(notes.map(itemOf)).toEqual(first)
    for (const [index, note] of notes.entries()) expect(itemOf(note)).toBe(first[index])
    expect(first[3]?.rssItem).toContain('<link>https://example.org/notes/803.html</link>')
  })

  it('lets go of the item asked for longest ago when full, and builds it again the same', () => {
    const notes = Array.from({ length: 4 }, (_, index) => noteNumbered(index))
    const sizes = notes.map((note) => countedBytes(createFeedItemCache(baseUrl)(note)))
    // Room for the two largest items, not for three.
    const room = [...sizes]
      .sort((a, b) => b - a)
      .slice(0, 2)
      .reduce((sum, size) => sum + size, 0)
    expect(Math.min(...sizes) * 3).toBeGreaterThan(room)
    const itemOf = createFeedItemCache(baseUrl, room)
    const [a, b, c] = notes as [(typeof notes)[0], (typeof notes)[0], (typeof notes)[0]]
    const itemA = itemOf(a)
    const itemB = itemOf(b)
    expect(itemOf(a)).toBe(itemA) // a is now the one asked for last
    const itemC = itemOf(c) // b goes
    expect(itemOf(a)).toBe(itemA)
    expect(itemOf(c)).toBe(itemC)
    const againB = itemOf(b) // built again; a goes (c was asked for after it)
    expect(againB).not.toBe(itemB)
    expect(againB).toEqual(itemB)
    expect(itemOf(c)).toBe(itemC)
    const againA = itemOf(a)
    expect(againA).not.toBe(itemA)
    expect(againA).toEqual(itemA)
  })

  it('does not keep an item larger than the whole cache', () => {
    const note = noteNumbered(1)
    const size = countedBytes(createFeedItemCache(baseUrl)(note))
    const itemOf = createFeedItemCache(baseUrl, size - 1)
    const first = itemOf(note)
    const second = itemOf(note)
    expect(second).not.toBe(first)
    expect(second).toEqual(first)
  })
})
