import { stripVTControlCharacters } from 'node:util'
import type { Diagnostic } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import {
  formatDiagnostic,
  formatDiagnostics,
  formatLocation,
  sortDiagnostics,
} from '../src/format-diagnostics.js'
import { createPalette } from '../src/io.js'

const source = [
  '---',
  'title: "[Paper Note] Sparse Rehearsal, Ada Lovelace+, ICLR\'25, 2025.02"',
  'date: 2025-13-01',
  'tags: [NLP, 日本語タグ, Selected Papers/Blogs]',
  '---',
].join('\n')

function diagnostic(overrides: Partial<Diagnostic> = {}): Diagnostic {
  return {
    code: 'front-matter-date',
    severity: 'error',
    message: 'Invalid issue date "2025-13-01".',
    file: 'notes/sparse.md',
    line: 3,
    column: 7,
    ...overrides,
  }
}

describe('formatDiagnostic', () => {
  it('prints location, severity, code and message, then the line and a caret under the column', () => {
    expect(formatDiagnostic(diagnostic(), { source })).toBe(
      [
        'notes/sparse.md:3:7  error  front-matter-date  Invalid issue date "2025-13-01".',
        '    3 | date: 2025-13-01',
        '      |       ^',
      ].join('\n'),
    )
  })

  it('gives wide (Japanese) characters two columns so the caret stays under its character', () => {
    // Column 20 is the "S" of "Selected": after "tags: [NLP, " (12 chars) and "日本語タグ, " (7 chars).
    const text = formatDiagnostic(
      diagnostic({
        line: 4,
        column: 20,
        code: 'tag-odd',
        severity: 'warning',
        message: 'Odd tag.',
      }),
      { source },
    )
    const [, line, caret] = text.split('\n')
    expect(line).toBe('    4 | tags: [NLP, 日本語タグ, Selected Papers/Blogs]')
    // 12 narrow + 5 wide (10 columns) + ", " (2) = 24 columns of padding.
    expect(caret).toBe(`      | ${' '.repeat(24)}^`)
  })

  it('keeps tabs so the caret lines up with tab-indented text', () => {
    const text = formatDiagnostic(diagnostic({ line: 1, column: 3 }), { source: '\t\tx' })
    expect(text.split('\n')[2]).toBe('      | \t\t^')
  })

  it('prints only the head line without a source, a line, or when the line is past the end', () => {
    const head = 'notes/sparse.md:3:7  error  front-matter-date  Invalid issue date "2025-13-01".'
    expect(formatDiagnostic(diagnostic())).toBe(head)
    expect(formatDiagnostic(diagnostic({ line: 99 }), { source })).toBe(head.replace(':3:', ':99:'))
    expect(formatDiagnostic(diagnostic({ line: undefined, column: undefined }), { source })).toBe(
      'notes/sparse.md  error  front-matter-date  Invalid issue date "2025-13-01".',
    )
  })

  it('shows a window of a long line around the column, with the caret still under it', () => {
    const long = `${'a'.repeat(300)}X${'b'.repeat(300)}`
    const [, line, caret] = formatDiagnostic(diagnostic({ line: 1, column: 301 }), {
      source: long,
    }).split('\n')
    // 60 characters before the column, 60 from it on, cut marks on both sides.
    expect(line).toBe(`    1 | …${'a'.repeat(60)}X${'b'.repeat(59)}…`)
    expect(caret).toBe(`      | ${' '.repeat(61)}^`)
    const start = formatDiagnostic(diagnostic({ line: 1, column: 2 }), { source: long })
    expect(start.split('\n')[1]).toBe(`    1 | ${'a'.repeat(120)}…`)
    const end = formatDiagnostic(diagnostic({ line: 1, column: 601 }), { source: long })
    // Column 601 is the last character: the window is the last 120 characters.
    expect(end.split('\n')[1]).toBe(`    1 | …${'b'.repeat(120)}`)
    expect(end.split('\n')[2]).toBe(`      | ${' '.repeat(120)}^`)
  })

  it('prints the line without a caret when there is no column', () => {
    expect(formatDiagnostic(diagnostic({ column: undefined }), { source }).split('\n')).toEqual([
      'notes/sparse.md:3  error  front-matter-date  Invalid issue date "2025-13-01".',
      '    3 | date: 2025-13-01',
    ])
  })

  it('adds ANSI colours only when given a colour palette', () => {
    expect(formatDiagnostic(diagnostic(), { source })).not.toContain('\x1b[')
    const coloured = formatDiagnostic(diagnostic(), { source, palette: createPalette(true) })
    expect(coloured).toContain('\x1b[31m')
    expect(stripVTControlCharacters(coloured)).toBe(formatDiagnostic(diagnostic(), { source }))
  })
})

describe('formatLocation', () => {
  it('uses <input> when the file is unknown', () => {
    expect(formatLocation(diagnostic({ file: undefined }))).toBe('<input>:3:7')
  })
})

describe('sortDiagnostics and formatDiagnostics', () => {
  it('orders by file, line, column and code, and separates entries by a blank line', () => {
    const list = [
      diagnostic({ file: 'b.md', line: 1, column: 1, code: 'b' }),
      diagnostic({ file: 'a.md', line: 2, column: 1, code: 'c' }),
      diagnostic({ file: 'a.md', line: 2, column: 1, code: 'a' }),
      diagnostic({ file: 'a.md', line: 1, column: 5, code: 'z' }),
    ]
    expect(sortDiagnostics(list).map((d) => `${d.file}:${d.line}:${d.column}:${d.code}`)).toEqual([
      'a.md:1:5:z',
      'a.md:2:1:a',
      'a.md:2:1:c',
      'b.md:1:1:b',
    ])
    const text = formatDiagnostics(list, new Map([['a.md', 'first line\nsecond line']]))
    expect(text.split('\n\n')).toHaveLength(4)
    expect(text).toContain('    2 | second line\n      | ^')
    expect(text.endsWith('b.md:1:1  error  b  Invalid issue date "2025-13-01".')).toBe(true)
  })
})
