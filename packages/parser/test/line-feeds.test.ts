import { describe, expect, it } from 'vitest'
import { toLineFeeds } from '../src/line-feeds.js'

describe('toLineFeeds', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(toLineFeeds('関連:\r\n- #12\r- #13\n\r\n')).toBe('関連:\n- #12\n- #13\n\n')
  })

  it('returns text without a CR unchanged', () => {
    const text = '---\ntitle: "A, B, 2025.01"\n---\n読んだ。\n'
    expect(toLineFeeds(text)).toBe(text)
  })
})
