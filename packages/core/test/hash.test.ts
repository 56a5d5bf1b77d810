import { describe, expect, it } from 'vitest'
import { stableHash } from '../src/index.js'

describe('stableHash', () => {
  it('is 16 hex digits and deterministic', () => {
    expect(stableHash('2025-01-12\n[Paper Note] A')).toMatch(/^[0-9a-f]{16}$/)
    expect(stableHash('同じ入力')).toBe(stableHash('同じ入力'))
  })

  it('separates near-identical inputs (no collisions over 50,000 of them)', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 50_000; i++) seen.add(stableHash(`2025-01-01\nnote ${i}`))
    expect(seen.size).toBe(50_000)
    expect(stableHash('ab')).not.toBe(stableHash('ba'))
    expect(stableHash('')).not.toBe(stableHash('\0'))
  })

  it('matches values computed by an independent implementation (ids must not change between versions)', () => {
    // Computed with a separate Python implementation of the same algorithm over UTF-16 code units.
    expect(stableHash('')).toBe('1aee8d83488bdcb8')
    expect(stableHash('paper-notes')).toBe('08a354cc41172086')
    expect(stableHash('2025-05-20\n日本語 😀')).toBe('491f856be0e85358')
  })
})
