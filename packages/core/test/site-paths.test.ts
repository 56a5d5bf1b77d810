import { describe, expect, it } from 'vitest'
import {
  isSafeOutputPath,
  noteFileId,
  notePagePath,
  relativeUrl,
  siteUrl,
  tagPagePath,
} from '../src/index.js'

describe('site paths', () => {
  it('keeps issue numbers and generated ids as they are', () => {
    expect(notePagePath('4175')).toBe('notes/4175.html')
    expect(notePagePath('9f0c1a2b3c4d5e6f')).toBe('notes/9f0c1a2b3c4d5e6f.html')
  })

  it('makes hostile or non-ASCII ids file-safe and keeps them distinct', () => {
    const ids = ['../../etc/passwd', 'a/b', 'a b', 'a_b?', '日本語', '', '.hidden']
    const files = ids.map(noteFileId)
    for (const file of files) {
      expect(file).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*$/)
      expect(isSafeOutputPath(`notes/${file}.html`)).toBe(true)
    }
    expect(new Set(files).size).toBe(ids.length)
    expect(noteFileId('../../etc/passwd')).toMatch(/^etc-passwd-[0-9a-f]{8}$/)
  })

  it('pages tags', () => {
    expect(tagPagePath('nlp')).toBe('tags/nlp.html')
    expect(tagPagePath('nlp', 3)).toBe('tags/nlp/page-3.html')
    expect(() => tagPagePath('nlp', 0)).toThrow(RangeError)
  })

  it('joins base URLs with or without a trailing slash', () => {
    expect(siteUrl('https://example.org/notes', 'tags/a.html')).toBe(
      'https://example.org/notes/tags/a.html',
    )
    expect(siteUrl('https://example.org/notes/', 'notes/1.html')).toBe(
      'https://example.org/notes/notes/1.html',
    )
  })

  it.each([
    ['index.html', 'notes/1.html', 'notes/1.html'],
    ['tags/a.html', 'notes/1.html', '../notes/1.html'],
    ['tags/a/page-2.html', 'tags/a.html', '../a.html'],
    ['tags/a/page-2.html', 'index.html', '../../index.html'],
    ['notes/1.html', 'notes/2.html', '2.html'],
    ['tags/a.html', 'tags/a/page-2.html', 'a/page-2.html'],
  ])('relativeUrl(%s, %s) = %s', (from, to, expected) => {
    expect(relativeUrl(from, to)).toBe(expected)
  })
})
