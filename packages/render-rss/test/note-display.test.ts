import { describe, expect, it } from 'vitest'
import { noteContentHtml, noteDisplayTitle, noteRfc822Date } from '../src/note-display.js'
import { makeComment, makeNote } from './note-factory.js'

describe('noteDisplayTitle', () => {
  it('uses the title, then the title line, then the summary, then the date', () => {
    expect(noteDisplayTitle(makeNote())).toBe('Sparse Rehearsal for Continual Tuning')
    expect(noteDisplayTitle(makeNote({ title: '', titleLine: 'LLaMA2を3行で訓練' }))).toBe(
      'LLaMA2を3行で訓練',
    )
    expect(
      noteDisplayTitle(makeNote({ title: '', titleLine: '', summary: { text: '要約\nだけ' } })),
    ).toBe('要約 だけ')
    expect(noteDisplayTitle(makeNote({ title: '', titleLine: '', summary: null }))).toBe(
      'Untitled note (2025-03-01)',
    )
  })
})

describe('noteRfc822Date', () => {
  it('gives the issue date at midnight GMT with the right weekday', () => {
    expect(noteRfc822Date(makeNote({ issueDate: '2026-01-12' }))).toBe(
      'Mon, 12 Jan 2026 00:00:00 GMT',
    )
    expect(noteRfc822Date(makeNote({ issueDate: '2024-02-29' }))).toBe(
      'Thu, 29 Feb 2024 00:00:00 GMT',
    )
  })

  it('throws for a date that does not exist', () => {
    expect(() => noteRfc822Date(makeNote({ issueDate: '2023-02-29' }))).toThrow(RangeError)
  })
})

describe('noteContentHtml', () => {
  it('is the summary, the first comment and the paper link, sanitized', () => {
    const html = noteContentHtml(
      makeNote({
        comments: [
          makeComment({ markdown: 'pj page: https://example.org/pj <img src=x onerror=alert(1)>' }),
          makeComment({ markdown: 'not in the feed' }),
        ],
      }),
    )
    expect(html).toBe(
      [
        '<p>忘却についての研究。</p>',
        '<p>pj page: <a href="https://example.org/pj" rel="noopener noreferrer">https://example.org/pj</a> <img src="x" loading="lazy" decoding="async"></p>',
        '<p>Paper: <a href="https://arxiv.org/abs/2502.00001" rel="noopener noreferrer">https://arxiv.org/abs/2502.00001</a></p>',
      ].join('\n'),
    )
  })
})
