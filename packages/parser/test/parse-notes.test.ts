import { describe, expect, it } from 'vitest'
import { detectFormat, NoteParseError, parseNotes } from '../src/parse-notes.js'

const note = (title: string, date = '2025-01-02') =>
  `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\ntags: [One-Line Notes]\n---\n# Abstract\n- 抄録。\n`

describe('parseNotes', () => {
  it('accepts a string, bytes, an ArrayBuffer and a list of files', () => {
    const text = note('SmolLM2, 2024.11')
    const bytes = new TextEncoder().encode(text)
    for (const input of [text, bytes, bytes.slice().buffer]) {
      const { notes, diagnostics } = parseNotes(input, { file: 'smol.md' })
      expect(diagnostics).toEqual([])
      expect(notes.map((n) => [n.title, n.source.file])).toEqual([['SmolLM2', 'smol.md']])
    }
    const { notes } = parseNotes([
      { path: 'a.md', contents: note('Rehearsal Tricks, Ada Lovelace+, 2025.01') },
      { path: 'b.md', contents: bytes },
    ])
    expect(notes.map((n) => [n.title, n.source.file])).toEqual([
      ['Rehearsal Tricks', 'a.md'],
      ['SmolLM2', 'b.md'],
    ])
  })

  it('strips a UTF-8 byte-order mark', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode(note('LLaMA2を3行で訓練')),
    ])
    const { notes, diagnostics } = parseNotes(bytes, { file: 'bom.md' })
    expect(diagnostics).toEqual([])
    expect(notes[0]?.title).toBe('LLaMA2を3行で訓練')
    const fromString = parseNotes(`\ufeff${note('LLaMA2を3行で訓練')}`, { file: 'bom.md' })
    expect(fromString.notes[0]?.titleLine).toBe('LLaMA2を3行で訓練')
  })

  it('detects markdown without a file name from the front matter', () => {
    const { notes } = parseNotes(note('SmolLM2, 2024.11'))
    expect(notes[0]?.source).toEqual({ format: 'markdown', line: 1, column: 1 })
  })

  it('reports invalid UTF-8 with its position', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('---\nti'), 0xc3, 0x28, 0x0a])
    const { notes, diagnostics } = parseNotes([{ path: 'latin1.md', contents: bytes }])
    expect(notes).toEqual([])
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'input-encoding', file: 'latin1.md', line: 2, column: 3 }),
    ])
  })

  it('reports NUL characters in a string as binary', () => {
    const { diagnostics } = parseNotes('abc\u0000', { file: 'x.md' })
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'input-binary', line: 1, column: 4 }),
    ])
  })

  it('reports an unknown format instead of crashing', () => {
    const { notes, diagnostics } = parseNotes([
      { path: 'notes/readme.rst', contents: 'Just some prose.' },
      { path: 'ok.md', contents: note('SmolLM2, 2024.11') },
    ])
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'format-unknown',
        severity: 'error',
        file: 'notes/readme.rst',
        line: 1,
        column: 1,
      }),
    ])
    expect(notes).toHaveLength(1)
  })

  it('takes options.format over the extension', () => {
    const { notes } = parseNotes([{ path: 'note.txt', contents: note('SmolLM2, 2024.11') }], {
      format: 'markdown',
    })
    expect(notes[0]?.title).toBe('SmolLM2')
  })

  it('throws one NoteParseError in strict mode, carrying every diagnostic', () => {
    const input = [
      { path: 'bad.md', contents: '---\ntitle: "A, B, 2025.01"\ndate: 2025-02-30\n---\n' },
      { path: 'odd.md', contents: note('Notes on Rehearsal, Jane Doe, John Smith') },
    ]
    let thrown: unknown
    try {
      parseNotes(input, { strict: true })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(NoteParseError)
    const error = thrown as NoteParseError
    expect(error.diagnostics.map((d) => d.code)).toEqual([
      'front-matter-date-invalid',
      'title-line-ambiguous',
    ])
    expect(error.message).toContain('bad.md:3:1')
  })

  it('does not throw in strict mode when there are only warnings and infos', () => {
    const { notes } = parseNotes(note('Notes on Rehearsal, Jane Doe, John Smith'), { strict: true })
    expect(notes).toHaveLength(1)
  })

  it('is deterministic', () => {
    const input = note('Rehearsal Tricks, Ada Lovelace+, 2025.01')
    expect(JSON.stringify(parseNotes(input))).toBe(JSON.stringify(parseNotes(input)))
  })
})

describe('detectFormat', () => {
  it('uses the extension first, then the content', () => {
    expect(detectFormat('a/b.MD', '')).toBe('markdown')
    expect(detectFormat('x.txt', '')).toBe('text')
    expect(detectFormat('x.xml', '')).toBe('xml')
    expect(detectFormat('x.json', '')).toBe('github')
    expect(detectFormat(undefined, '<?xml version="1.0"?><paper-list>')).toBe('xml')
    expect(detectFormat(undefined, '  [{"number": 1}]')).toBe('github')
    expect(detectFormat(undefined, 'PostTraining\n\n#NLP\nIssue Date: 2025-10-12 X')).toBe('text')
    expect(detectFormat(undefined, 'plain prose')).toBeUndefined()
  })
})

describe('the README "Use" example', () => {
  it('gives what the README says', async () => {
    const { stringifyNote } = await import('../src/stringify.js')
    const note = `---
title: "[Paper Note] Sparse Rehearsal for Continual Instruction Tuning, Mira Okafor+, ICLR'25, 2025.02"
date: 2025-03-04
tags: [NLP, Catastrophic Forgetting, PEFT(Adaptor/LoRA)]
issue: https://github.com/example/paper-notes/issues/101
---
# URL
- https://arxiv.org/abs/2502.10101
# Summary (by gpt-4o-mini)
- 過去の指示データの1%をリプレイするだけで忘却の大部分を防げる。

<!-- comment author="akira" date="2025-03-05" -->
openreview: https://openreview.net/forum?id=SpRh101xyz

LoRAでの検証は #102 を参照。
`
    const { notes, diagnostics } = parseNotes([{ path: 'notes/101.md', contents: note }])
    expect(diagnostics).toEqual([])
    const first = notes[0]!
    expect([first.id, first.kind, first.title]).toEqual([
      '101',
      'paper',
      'Sparse Rehearsal for Continual Instruction Tuning',
    ])
    expect([first.authors, first.etAl, first.venue, first.published]).toEqual([
      ['Mira Okafor'],
      true,
      { name: 'ICLR', year: 2025 },
      { year: 2025, month: 2 },
    ])
    expect(first.comments[0]?.links).toEqual([
      { url: 'https://openreview.net/forum?id=SpRh101xyz', label: 'openreview' },
    ])
    expect(first.comments[0]?.related).toEqual([{ text: '#102', issue: 102 }])
    const again = parseNotes(stringifyNote(first), { file: 'notes/101.md' }).notes[0]!
    expect(JSON.stringify(again.comments)).toBe(JSON.stringify(first.comments))
  })
})
