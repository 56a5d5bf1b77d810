import { stripVTControlCharacters } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createPalette } from '../src/io.js'
import { formatElapsed, formatSummary, type RunSummary } from '../src/summary.js'

const base: RunSummary = {
  command: 'build',
  notes: 12,
  tags: 30,
  files: 57,
  filesVerb: 'written',
  diagnostics: { error: 0, warning: 1, info: 2 },
  elapsedMs: 420,
  ok: true,
}

describe('formatSummary', () => {
  it('lists notes, tags, files, diagnostics by severity and the elapsed time on one line', () => {
    expect(formatSummary(base)).toBe(
      'build: 12 notes, 30 tags, 57 files written, 0 errors, 1 warning, 2 info in 0.42s',
    )
  })

  it('uses singular words for one, and says when the command failed', () => {
    expect(
      formatSummary({
        ...base,
        command: 'check',
        notes: 1,
        tags: 1,
        files: 1,
        filesVerb: 'read',
        diagnostics: { error: 1, warning: 0, info: 0 },
        elapsedMs: 5,
        ok: false,
      }),
    ).toBe('check failed: 1 note, 1 tag, 1 file read, 1 error, 0 warnings, 0 info in 0.01s')
  })

  it('colours only with a colour palette, and the plain text stays the same', () => {
    const coloured = formatSummary(base, createPalette(true))
    expect(coloured).toContain('\x1b[')
    expect(stripVTControlCharacters(coloured)).toBe(formatSummary(base))
  })
})

describe('formatElapsed', () => {
  it('shows seconds with two decimals, and minutes from a minute on', () => {
    expect(formatElapsed(0)).toBe('0.00s')
    expect(formatElapsed(1234)).toBe('1.23s')
    expect(formatElapsed(63_500)).toBe('1m 03.5s')
  })
})
