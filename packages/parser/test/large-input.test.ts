import { describe, expect, it } from 'vitest'
import { parseNotes } from '../src/parse-notes.js'
import { parseTitleLine } from '../src/title-line.js'
import { longTitleLine, noteWithLargeComment, noteWithTags } from './large-input.fixtures.js'

// Large inputs must parse and complete (no timing assertion: the code has no backtracking
// regular expressions or quadratic scans; `bench/large-input.mjs` prints the times).
describe('large inputs', () => {
  it('a 1 MB comment', () => {
    const text = noteWithLargeComment(1_000_000)
    expect(new TextEncoder().encode(text).length).toBeGreaterThanOrEqual(1_000_000)
    const { notes, diagnostics } = parseNotes(text, { file: 'large.md' })
    expect(diagnostics).toEqual([])
    const comment = notes[0]!.comments[0]!
    expect(comment.links.length).toBeGreaterThan(5_000)
    expect(comment.links[0]).toEqual({
      url: 'https://openreview.net/forum?id=abc123',
      label: 'openreview',
    })
    expect(comment.related).toEqual([{ text: '#12', issue: 12 }])
  }, 120_000) // generous: micromark takes seconds per MB, more on a loaded machine

  it('a 100,000-character title line', () => {
    const line = longTitleLine(100_000)
    expect(line).toHaveLength(100_000)
    const parts = parseTitleLine(line)
    expect(parts.authors).toEqual(['Ada Lovelace'])
    expect(parts.venue).toEqual({ name: 'ICLR', year: 2025 })
    expect(parts.title.length).toBeGreaterThan(99_000)
    const { notes } = parseNotes(`---\ntitle: ${JSON.stringify(line)}\ndate: 2025-01-02\n---\n`, {
      file: 'long.md',
    })
    expect(notes[0]?.title).toBe(parts.title)
  })

  it('a pathological title line (only commas, quotes and plus signs)', () => {
    const line = ",'+ ".repeat(25_000)
    const parts = parseTitleLine(line)
    expect(parts.title.length).toBeGreaterThan(0)
  })

  it('10,000 tags', () => {
    const { notes, diagnostics } = parseNotes(noteWithTags(10_000), { file: 'tags.md' })
    expect(diagnostics).toEqual([])
    expect(notes[0]?.tags).toHaveLength(10_000)
    expect(notes[0]?.tags[9_999]).toBe('Tag 9999 (PEFT/LoRA)')
  })
})

describe('hostile inputs stay linear', () => {
  it('raw HTML with endless attribute names and unclosed tags', () => {
    const comment = `<div>\n<img ${'a'.repeat(200_000)} src="https://example.com/x.png">\n${'<'.repeat(100_000)}>\n<a href="https://example.org/ok">ok</a>\n</div>`
    const { notes } = parseNotes(
      `---\ntitle: "Hostile, Ada Lovelace+, 2025.01"\ndate: 2025-01-02\n---\n<!-- comment -->\n${comment}`,
      { file: 'hostile.md' },
    )
    expect(notes[0]?.comments[0]?.images).toEqual([{ url: 'https://example.com/x.png', alt: '' }])
    expect(notes[0]?.comments[0]?.links).toEqual([{ url: 'https://example.org/ok' }])
  })

  it('a URL with a long run of trailing punctuation, and a long comment marker', () => {
    const text = `---\ntitle: "Hostile, Ada Lovelace+, 2025.01"\ndate: 2025-01-02\n---\n# URL\n- https://example.com/${'.,'.repeat(100_000)}x${'.'.repeat(100_000)}\n<!-- comment ${'b'.repeat(200_000)} author="x" -->\nhi\n`
    const { notes, diagnostics } = parseNotes(text, { file: 'hostile.md' })
    expect(notes[0]?.links.paper).toBe(`https://example.com/${'.,'.repeat(100_000)}x`)
    expect(notes[0]?.comments[0]?.author).toBe('x')
    expect(diagnostics.map((d) => d.code)).toEqual(['comment-marker-attribute-ignored'])
  })
})
