import { fromMarkdown } from 'mdast-util-from-markdown'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import { frontmatter } from 'micromark-extension-frontmatter'
import { describe, expect, it } from 'vitest'
import { commentMarkerOf } from '../src/markdown-reader.js'
import { parseNotes } from '../src/parse-notes.js'

const forgetting = `---
title: "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02"
date: 2025-03-01
tags: [NLP, Catastrophic Forgetting, PEFT(Adaptor/LoRA), Selected Papers/Blogs]
issue: https://github.com/example/notes/issues/100
reviewer: Grace
---
# URL
- https://arxiv.org/abs/2502.00001
# Authors
- Ada Lovelace
- Charles Babbage
# Abstract
- Fine-tuning on a new task makes a model forget old ones; a small rehearsal buffer helps.
# Translation (by gpt-4o-mini)
- 新しいタスクで微調整すると古いタスクを忘れるが、小さなリハーサルバッファが役立つ。
# Summary (by gpt-4o-mini)
- 少量のリハーサルで忘却を抑える研究。
# Reading notes
Section 4 is the interesting one.

<!-- comment -->
openreview: https://openreview.net/forum?id=abc123

<!-- comment author="reader" date="2025-03-02" -->
元ポスト:

https://x.com/someone/status/1900000000000000000

関連:
- #101
`

const kto = `---
title: "KTO: Model Alignment as Prospect Theoretic Optimization, Kawin Ethayarajh+, N_A, ICML'24"
date: 2024-10-27
tags: [Alignment]
---
paper: https://arxiv.org/abs/2402.01306
`

/** Parses one bad file next to a good one, so that we can check the good one survives. */
function withNeighbour(path: string, contents: string | Uint8Array) {
  return parseNotes([
    { path, contents },
    { path: 'notes/kto.md', contents: kto },
  ])
}

describe('readNoteMarkdown: a well-formed note', () => {
  it('reads front matter, body sections and comments', () => {
    const { notes, diagnostics } = parseNotes([{ path: 'notes/100.md', contents: forgetting }])
    expect(diagnostics).toEqual([])
    const note = notes[0]!
    expect(note).toMatchObject({
      id: '100',
      kind: 'paper',
      title: 'Sparse Rehearsal for Continual Tuning',
      authors: ['Ada Lovelace', 'Charles Babbage'],
      etAl: true,
      venue: { name: 'ICLR', year: 2025 },
      published: { year: 2025, month: 2 },
      issueDate: '2025-03-01',
      tags: ['NLP', 'Catastrophic Forgetting', 'PEFT(Adaptor/LoRA)', 'Selected Papers/Blogs'],
      links: {
        paper: 'https://arxiv.org/abs/2502.00001',
        issue: 'https://github.com/example/notes/issues/100',
      },
      abstract:
        'Fine-tuning on a new task makes a model forget old ones; a small rehearsal buffer helps.',
      translation: {
        text: '新しいタスクで微調整すると古いタスクを忘れるが、小さなリハーサルバッファが役立つ。',
        model: 'gpt-4o-mini',
      },
      summary: { text: '少量のリハーサルで忘却を抑える研究。', model: 'gpt-4o-mini' },
      sections: [{ heading: 'Reading notes', markdown: 'Section 4 is the interesting one.' }],
      source: { format: 'markdown', file: 'notes/100.md', line: 1, column: 1 },
      extra: { reviewer: 'Grace' },
    })
    expect(note.comments).toHaveLength(2)
    expect(note.comments[0]).toMatchObject({
      markdown: 'openreview: https://openreview.net/forum?id=abc123',
      links: [{ url: 'https://openreview.net/forum?id=abc123', label: 'openreview' }],
    })
    expect(note.comments[0]).not.toHaveProperty('author')
    expect(note.comments[1]).toMatchObject({
      author: 'reader',
      date: '2025-03-02',
      posts: [{ url: 'https://x.com/someone/status/1900000000000000000', platform: 'x' }],
      related: [{ text: '#101', issue: 101 }],
    })
  })

  it('reads a body that is only "paper: URL"', () => {
    const { notes } = parseNotes([{ path: 'kto.md', contents: kto }])
    expect(notes[0]?.links).toEqual({ paper: 'https://arxiv.org/abs/2402.01306' })
    expect(notes[0]?.sections).toEqual([])
    expect(notes[0]?.id).toMatch(/^[0-9a-f]{16}$/)
  })

  it('lets front-matter fields override what is derived', () => {
    const text = `---
title: "Rehearsal Tricks, Ada Lovelace+, COLM'25, 2025.04"
date: 2025-05-01
issue: 77
url: https://example.com/override
id: custom-id
kind: article
authors: [Someone Else]
venue: { name: Workshop on Forgetting, year: 2025, qualifier: Oral }
published: "2025.06"
---
# URL
- https://example.com/from-body
`
    const { notes, diagnostics } = parseNotes(text, { file: 'x.md' })
    expect(diagnostics).toEqual([])
    expect(notes[0]).toMatchObject({
      id: 'custom-id',
      kind: 'article',
      authors: ['Someone Else'],
      venue: { name: 'Workshop on Forgetting', year: 2025, qualifier: 'Oral' },
      published: { year: 2025, month: 6 },
      links: { paper: 'https://example.com/override' },
    })
  })

  it('uses a numeric issue as the id', () => {
    const { notes } = parseNotes(
      '---\ntitle: "A, B, 2025.01"\ndate: 2025-01-02\nissue: 4175\n---\n',
      {
        file: 'a.md',
      },
    )
    expect(notes[0]?.id).toBe('4175')
  })

  it('accepts CRLF and CR line endings with the right positions', () => {
    const crlf = '---\r\ntitle: "A, B, 2025.01"\r\ndate: 2025-02-30\r\n---\r\n'
    const cr = crlf.replace(/\r\n/g, '\r')
    for (const contents of [crlf, cr]) {
      const { diagnostics } = parseNotes([{ path: 'a.md', contents }])
      expect(diagnostics).toEqual([
        expect.objectContaining({ code: 'front-matter-date-invalid', line: 3, column: 1 }),
      ])
    }
  })

  it('keeps a comment marker inside fenced code as code', () => {
    const text =
      '---\ntitle: "A, B, 2025.01"\ndate: 2025-01-02\n---\n<!-- comment -->\n```md\n<!-- comment -->\n```\n'
    const { notes } = parseNotes(text, { file: 'a.md' })
    expect(notes[0]?.comments).toHaveLength(1)
    expect(notes[0]?.comments[0]?.markdown).toBe('```md\n<!-- comment -->\n```')
  })
})

describe('readNoteMarkdown: bad input gives positioned diagnostics and spares the neighbours', () => {
  const expectNeighbour = (notes: { title: string }[]) =>
    expect(notes.map((note) => note.title)).toEqual([
      'KTO: Model Alignment as Prospect Theoretic Optimization',
    ])

  it('missing front matter', () => {
    const { notes, diagnostics } = withNeighbour('notes/bad.md', '# URL\n- https://example.com\n')
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'front-matter-missing',
        severity: 'error',
        file: 'notes/bad.md',
        line: 1,
        column: 1,
      }),
    ])
    expectNeighbour(notes)
  })

  it.each([
    ['---', '---'],
    ['--- ', '---\t'],
    ['---\t \t', '---  '],
    ['---\u00a0', '---'],
    ['---', '---\u3000'],
    ['---\u2003', '---\u00a0'],
  ])('decides fences %j … %j as the micromark frontmatter construct does', (open, close) => {
    const text = `${open}\ntitle: "A, B, 2025.01"\ndate: 2025-01-02\n${close}\n# URL\n- https://example.org/a\n`
    const micromarkFindsYaml =
      fromMarkdown(text, {
        extensions: [frontmatter(['yaml'])],
        mdastExtensions: [frontmatterFromMarkdown(['yaml'])],
      }).children[0]?.type === 'yaml'
    const { notes, diagnostics } = parseNotes([{ path: 'notes/a.md', contents: text }])
    const codes = diagnostics.map((diagnostic) => diagnostic.code)
    if (micromarkFindsYaml) {
      expect(codes).not.toContain('front-matter-unclosed')
      expect(notes[0]?.issueDate).toBe('2025-01-02')
    } else {
      expect(codes).toContain('front-matter-unclosed')
      expect(notes).toEqual([])
    }
  })

  it('unclosed front matter', () => {
    const { notes, diagnostics } = withNeighbour(
      'notes/bad.md',
      '---\ntitle: "A, B, 2025.01"\ndate: 2025-01-02\n# URL\n',
    )
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'front-matter-unclosed',
        file: 'notes/bad.md',
        line: 1,
        column: 1,
      }),
    ])
    expectNeighbour(notes)
  })

  it('YAML syntax error, positioned inside the file', () => {
    const { notes, diagnostics } = withNeighbour(
      'notes/bad.md',
      '---\ndate: 2025-01-02\ntitle: [Paper Note] Unquoted, Ada+, 2025.01\n---\n',
    )
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({
      code: 'front-matter-yaml',
      severity: 'error',
      file: 'notes/bad.md',
      line: 3,
      column: 21,
    })
    expectNeighbour(notes)
  })

  it('missing date', () => {
    const { notes, diagnostics } = withNeighbour(
      'notes/bad.md',
      '---\ntitle: "A, B, 2025.01"\n---\n',
    )
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'front-matter-date-missing',
        severity: 'error',
        file: 'notes/bad.md',
        line: 1,
        column: 1,
      }),
    ])
    expectNeighbour(notes)
  })

  it('a date that does not exist', () => {
    const { notes, diagnostics } = withNeighbour(
      'notes/bad.md',
      '---\ntitle: "A, B, 2025.01"\ntags: [NLP]\ndate: 2025-02-30\n---\n',
    )
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'front-matter-date-invalid',
        severity: 'error',
        file: 'notes/bad.md',
        line: 4,
        column: 1,
      }),
    ])
    expectNeighbour(notes)
  })

  it('tags that are not a list of strings', () => {
    const { notes, diagnostics } = withNeighbour(
      'notes/bad.md',
      '---\ntitle: "Rehearsal Tricks, Ada Lovelace+, 2025.01"\ndate: 2025-01-02\n  \ntags: [NLP, [nested]]\n---\n',
    )
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'front-matter-tags-invalid',
        severity: 'error',
        file: 'notes/bad.md',
        line: 5,
        column: 1,
      }),
    ])
    // The note itself is kept, without the bad field.
    expect(notes.map((note) => [note.title, note.tags])).toEqual([
      ['Rehearsal Tricks', []],
      ['KTO: Model Alignment as Prospect Theoretic Optimization', ['Alignment']],
    ])
  })

  it('an empty file', () => {
    const { notes, diagnostics } = withNeighbour('notes/empty.md', '  \n\n')
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'input-empty',
        severity: 'error',
        file: 'notes/empty.md',
        line: 1,
        column: 1,
      }),
    ])
    expectNeighbour(notes)
  })

  it('a binary file', () => {
    const bytes = new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])
    const { notes, diagnostics } = withNeighbour('notes/figure.md', bytes)
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'input-binary',
        severity: 'error',
        file: 'notes/figure.md',
        line: 2,
        column: 5,
      }),
    ])
    expectNeighbour(notes)
  })

  it('a title line that cannot be split (info)', () => {
    const { notes, diagnostics } = withNeighbour(
      'notes/odd.md',
      '---\ndate: 2025-01-02\ntitle: "Notes on Rehearsal, Jane Doe, John Smith"\n---\n',
    )
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'title-line-ambiguous',
        severity: 'info',
        file: 'notes/odd.md',
        line: 3,
        column: 9 + 'Notes on Rehearsal, Jane Doe,'.length,
      }),
    ])
    expect(notes.map((note) => note.title)).toEqual([
      'Notes on Rehearsal, Jane Doe, John Smith',
      'KTO: Model Alignment as Prospect Theoretic Optimization',
    ])
  })

  it('an empty title is a warning, and the note is kept', () => {
    const { notes, diagnostics } = parseNotes(
      '---\ntitle: ""\ndate: 2025-01-02\n---\nbody text\n',
      {
        file: 'a.md',
      },
    )
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'front-matter-title-empty',
        severity: 'warning',
        line: 2,
        column: 1,
      }),
    ])
    expect(notes[0]).toMatchObject({
      titleLine: '',
      title: '',
      sections: [{ heading: '', markdown: 'body text' }],
    })
  })

  it('a missing title, and a title that is not a string', () => {
    const missing = parseNotes('---\ndate: 2025-01-02\n---\n', { file: 'a.md' })
    expect(missing.notes).toEqual([])
    expect(missing.diagnostics.map((d) => d.code)).toEqual(['front-matter-title-missing'])
    const number = parseNotes('---\ntitle: 2024\ndate: 2025-01-02\n---\n', { file: 'a.md' })
    expect(number.notes).toEqual([])
    expect(number.diagnostics).toEqual([
      expect.objectContaining({ code: 'front-matter-title-invalid', line: 2, column: 1 }),
    ])
  })

  it('bad optional fields are reported at their key and ignored', () => {
    const { notes, diagnostics } = parseNotes(
      '---\ntitle: "A, B, 2025.01"\ndate: 2025-01-02\nkind: blog\npublished: 2025.10\nvenue: [x]\nissue: nope\n---\n',
      { file: 'a.md' },
    )
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['front-matter-issue-invalid', 7],
      ['front-matter-kind-invalid', 4],
      ['front-matter-venue-invalid', 6],
      ['front-matter-published-invalid', 5],
    ])
    expect(notes[0]).toMatchObject({
      kind: 'article',
      venue: null,
      published: { year: 2025, month: 1 },
    })
  })

  it('a YAML alias bomb is refused, not expanded', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i)
      const previous = String.fromCharCode(96 + i)
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`)
    }
    const text = `---\ntitle: "A, B, 2025.01"\ndate: 2025-01-02\n${levels.join('\n')}\n---\n`
    const { notes, diagnostics } = parseNotes(text, { file: 'bomb.md' })
    expect(notes).toEqual([])
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'front-matter-yaml', severity: 'error', line: 2, column: 1 }),
    ])
  })

  it('a front matter that is not a mapping', () => {
    const { diagnostics } = parseNotes('---\n- a\n- b\n---\n', { file: 'a.md' })
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'front-matter-not-a-map', line: 2, column: 1 }),
    ])
  })

  it('odd comment markers and comment dates are warnings', () => {
    const { notes, diagnostics } = parseNotes(
      '---\ntitle: "A, B, 2025.01"\ndate: 2025-01-02\n---\n<!-- comment author=bob date="yesterday" -->\nhi\n',
      { file: 'a.md' },
    )
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['comment-marker-attribute-ignored', 5],
      ['comment-date-invalid', 5],
    ])
    expect(notes[0]?.comments[0]).toMatchObject({ markdown: 'hi', date: 'yesterday' })
  })
})

describe('commentMarkerOf', () => {
  it('reads markers and decodes attribute entities', () => {
    expect(commentMarkerOf('<!-- comment -->')).toEqual({ ignored: '' })
    expect(
      commentMarkerOf('<!-- comment author="A &quot;B&quot; &amp; C" date="2025-01-02" -->'),
    ).toEqual({
      author: 'A "B" & C',
      date: '2025-01-02',
      ignored: '',
    })
    expect(commentMarkerOf('  <!-- comment -->')).toBeUndefined()
    expect(commentMarkerOf('<!-- commentary -->')).toBeUndefined()
    expect(commentMarkerOf('<!-- note -->')).toBeUndefined()
  })
})
