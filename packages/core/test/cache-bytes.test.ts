import { describe, expect, it } from 'vitest'
import { resolveCacheBytes } from '../src/index.js'

describe('resolveCacheBytes', () => {
  const caller = '@paper-notes/render-json'
  it('gives the fallback when left out, else the whole number of bytes given', () => {
    expect(resolveCacheBytes(undefined, 1024, caller)).toBe(1024)
    expect(resolveCacheBytes(0, 1024, caller)).toBe(0)
    expect(resolveCacheBytes(12 * 1024 * 1024, 1024, caller)).toBe(12 * 1024 * 1024)
  })

  it('throws a RangeError that names the caller, the value and the default', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => resolveCacheBytes(bad, 1024, caller)).toThrow(RangeError)
    }
    expect(() => resolveCacheBytes(-1, 1024, caller)).toThrow(
      '@paper-notes/render-json: `cacheBytes` must be a whole number of bytes, 0 or more (got -1); leave it out for the default of 1024.',
    )
  })
})
