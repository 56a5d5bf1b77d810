import { stableHash } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { parseIssueBody } from '../src/body.js'
import { createComment } from '../src/comment.js'
import { buildNote, issueNumberOf, noteId, uniqueTags } from '../src/note-id.js'

describe('noteId', () => {
  const base = { issueDate: '2025-03-01', titleLine: 'A, B, 2025.01', summary: null, comments: [] }

  it('is the issue number when known', () => {
    expect(noteId({ ...base, issue: 42 })).toBe('42')
    expect(noteId({ ...base, issueUrl: 'https://github.com/o/notes/issues/4175' })).toBe('4175')
  })

  it('is a stable hash of date, title line, summary and comments otherwise', () => {
    const id = noteId({ ...base, summary: 's', comments: ['c1', 'c2'] })
    expect(id).toBe(stableHash(JSON.stringify(['2025-03-01', 'A, B, 2025.01', 's', 'c1', 'c2'])))
    expect(id).toMatch(/^[0-9a-f]{16}$/)
  })

  it('keeps title-less notes of one day apart by summary and comments', () => {
    const a = noteId({ issueDate: '2025-03-01', titleLine: '', summary: 'one', comments: [] })
    const b = noteId({ issueDate: '2025-03-01', titleLine: '', summary: 'two', comments: [] })
    const c = noteId({ issueDate: '2025-03-01', titleLine: '', summary: 'one', comments: ['x'] })
    expect(new Set([a, b, c]).size).toBe(3)
  })

  it('reads issue numbers from any issue URL', () => {
    expect(issueNumberOf('https://git.example.com/team/notes/issues/7?x=1')).toBe(7)
    expect(issueNumberOf('https://github.com/o/notes/pull/7')).toBeUndefined()
    expect(issueNumberOf(undefined)).toBeUndefined()
  })
})

describe('uniqueTags', () => {
  it('trims, drops empty tags and duplicates, keeps order', () => {
    expect(uniqueTags(['NLP', ' PEFT(Adaptor/LoRA) ', '', 'NLP', 'Selected Papers/Blogs'])).toEqual(
      ['NLP', 'PEFT(Adaptor/LoRA)', 'Selected Papers/Blogs'],
    )
  })
})

describe('buildNote', () => {
  const source = { format: 'markdown' as const, file: 'notes/a.md', line: 1, column: 1 }

  it('assembles title-line parts, body and comments', () => {
    const body = parseIssueBody(
      '# URL\n- https://arxiv.org/abs/2502.00001\n# Authors\n- Ada Lovelace\n- Grace Hopper\n# Summary (by gpt-4o-mini)\n- 要約',
      { line: 6 },
    )
    const comment = createComment('openreview: https://openreview.net/forum?id=abc')
    const { note, diagnostics } = buildNote({
      source,
      titleLine:
        "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
      issueDate: '2025-03-01',
      tags: ['NLP', 'Catastrophic Forgetting', 'NLP'],
      body,
      comments: [comment],
      links: { issue: 'https://github.com/example/notes/issues/100' },
    })
    expect(diagnostics).toEqual([])
    expect(note).toEqual({
      id: '100',
      kind: 'paper',
      titleLine:
        "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
      title: 'Sparse Rehearsal for Continual Tuning',
      authors: ['Ada Lovelace', 'Grace Hopper'],
      etAl: true,
      venue: { name: 'ICLR', year: 2025 },
      published: { year: 2025, month: 2 },
      issueDate: '2025-03-01',
      tags: ['NLP', 'Catastrophic Forgetting'],
      links: {
        paper: 'https://arxiv.org/abs/2502.00001',
        issue: 'https://github.com/example/notes/issues/100',
      },
      abstract: null,
      translation: null,
      summary: { text: '要約', model: 'gpt-4o-mini' },
      sections: [],
      comments: [comment],
      source,
    })
  })

  it('lets explicit links and overrides win, and calls an Article-tagged note an article', () => {
    const body = parseIssueBody('# URL\n- https://example.com/from-body', { line: 2 })
    const { note } = buildNote({
      source,
      titleLine: "Rehearsal Tricks, Ada Lovelace+, COLM'25",
      issueDate: '2025-03-01',
      tags: ['Article'],
      body,
      links: { paper: 'https://example.com/explicit' },
      overrides: { id: 'custom', authors: ['Someone Else'], venue: null },
    })
    expect(note.links.paper).toBe('https://example.com/explicit')
    expect(note.id).toBe('custom')
    expect(note.authors).toEqual(['Someone Else'])
    expect(note.venue).toBeNull()
    expect(note.kind).toBe('article')
  })

  it('positions title-line diagnostics and tags them with the note id', () => {
    const { diagnostics } = buildNote({
      source,
      titleLine: 'Notes on Rehearsal, Jane Doe, John Smith',
      titleLinePosition: { line: 2, column: 8 },
      issueDate: '2025-03-01',
      issue: 9,
    })
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'title-line-ambiguous',
        file: 'notes/a.md',
        line: 2,
        column: 8 + 'Notes on Rehearsal, Jane Doe,'.length,
        noteId: '9',
      }),
    ])
  })
})
