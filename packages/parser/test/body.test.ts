import { describe, expect, it } from 'vitest'
import { parseIssueBody, sectionText } from '../src/body.js'

const sample = [
  '# URL',
  '- https://arxiv.org/abs/2502.00001',
  '# Authors',
  '  - Ada Lovelace',
  '  - Grace Hopper',
  '# Abstract',
  '  - Fine-tuning a pre-trained model on a new task makes it forget old ones.',
  '# Translation (by gpt-4o-mini)',
  '- 新しいタスクで微調整すると古いタスクを忘れる。',
  '# Summary (by gpt-4o-mini)',
  '- 忘却についての研究。',
  '# Notes',
  'A section we do not know.',
  '',
  '- with a list',
].join('\n')

describe('parseIssueBody', () => {
  it('reads the recognised sections and keeps the rest verbatim', () => {
    const body = parseIssueBody(sample, { file: 'a.md', line: 6 })
    expect(body).toEqual({
      paperUrl: 'https://arxiv.org/abs/2502.00001',
      authors: ['Ada Lovelace', 'Grace Hopper'],
      hasAuthors: true,
      abstract: 'Fine-tuning a pre-trained model on a new task makes it forget old ones.',
      translation: { text: '新しいタスクで微調整すると古いタスクを忘れる。', model: 'gpt-4o-mini' },
      summary: { text: '忘却についての研究。', model: 'gpt-4o-mini' },
      sections: [{ heading: 'Notes', markdown: 'A section we do not know.\n\n- with a list' }],
      diagnostics: [],
    })
  })

  it('recognises headings in any case and a Translation without a model', () => {
    const body = parseIssueBody(
      '# abstract\n- text\n# TRANSLATION\n- 訳\n# summary (By claude)\n- 要約',
      {
        line: 1,
      },
    )
    expect(body.abstract).toBe('text')
    expect(body.translation).toEqual({ text: '訳' })
    expect(body.summary).toEqual({ text: '要約', model: 'claude' })
  })

  it('reads a URL section written "- preprint: URL" and keeps its text as a section', () => {
    const body = parseIssueBody(
      '# URL\n- preprint: https://arxiv.org/abs/2306.11485\n- acl anthology: https://aclanthology.org/2023.acl-long.788/\n# Abstract\n- x',
      { line: 1 },
    )
    expect(body.paperUrl).toBe('https://arxiv.org/abs/2306.11485')
    expect(body.sections).toEqual([
      {
        heading: 'URL',
        markdown:
          '- preprint: https://arxiv.org/abs/2306.11485\n- acl anthology: https://aclanthology.org/2023.acl-long.788/',
      },
    ])
  })

  it('reads a bare URL line in the URL section', () => {
    const body = parseIssueBody(
      '# URL\nhttps://research.example.com/pub/1\n\n# Authors\nAda Lovelace',
      {
        line: 1,
      },
    )
    expect(body.paperUrl).toBe('https://research.example.com/pub/1')
    expect(body.sections).toEqual([])
    expect(body.authors).toEqual(['Ada Lovelace'])
  })

  it('reads a body that is only a URL or "paper: URL"', () => {
    expect(parseIssueBody('https://example.com/blog/post\n', { line: 5 }).paperUrl).toBe(
      'https://example.com/blog/post',
    )
    const body = parseIssueBody('paper: https://arxiv.org/abs/1612.00796', { line: 5 })
    expect(body.paperUrl).toBe('https://arxiv.org/abs/1612.00796')
    expect(body.sections).toEqual([])
  })

  it('keeps text before the first heading as a section without heading', () => {
    const body = parseIssueBody('読みたい。\n\n# Abstract\n- x', { line: 1 })
    expect(body.sections).toEqual([{ heading: '', markdown: '読みたい。' }])
    expect(body.abstract).toBe('x')
  })

  it('does not start a section at a # line inside fenced code', () => {
    const body = parseIssueBody('# Notes\n```sh\n# not a heading\n```\n# Abstract\n- x', {
      line: 1,
    })
    expect(body.sections).toEqual([{ heading: 'Notes', markdown: '```sh\n# not a heading\n```' }])
    expect(body.abstract).toBe('x')
  })

  it('positions diagnostics from context.line', () => {
    const body = parseIssueBody('# Abstract\n- a\n\n# URL\n- no link here\n# Abstract\n- b', {
      file: 'notes/x.md',
      line: 7,
    })
    expect(body.diagnostics).toEqual([
      expect.objectContaining({
        code: 'body-url-missing',
        severity: 'warning',
        file: 'notes/x.md',
        line: 10,
        column: 1,
      }),
      expect.objectContaining({
        code: 'body-duplicate-section',
        severity: 'info',
        file: 'notes/x.md',
        line: 12,
        column: 1,
      }),
    ])
    expect(body.abstract).toBe('a')
    expect(body.sections).toEqual([
      { heading: 'URL', markdown: '- no link here' },
      { heading: 'Abstract', markdown: '- b' },
    ])
  })

  it('accepts CRLF line endings', () => {
    const body = parseIssueBody('# Abstract\r\n- one\r\n  two\r\n# Summary\r\n- s', { line: 1 })
    expect(body.abstract).toBe('one\ntwo')
    expect(body.summary).toEqual({ text: 's' })
  })
})

describe('sectionText', () => {
  it('removes one leading list marker only', () => {
    expect(sectionText('- a\n- b')).toBe('a\n- b')
    expect(sectionText('plain')).toBe('plain')
    expect(sectionText('  - indented')).toBe('indented')
  })

  it('dedents continuation lines indented past the marker', () => {
    expect(sectionText('- first\n  # second\n\n  third')).toBe('first\n# second\n\nthird')
    expect(sectionText('- first\nsecond')).toBe('first\nsecond')
  })
})
