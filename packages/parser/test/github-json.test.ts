import { describe, expect, it } from 'vitest'
import { isCalendarDate, utcDate } from '../src/export-date.js'
import { readGithubIssue } from '../src/export-github-issue.js'
import { findJsonSyntaxError, findTopLevelElements } from '../src/export-json-elements.js'

describe('readGithubIssue', () => {
  it('reads the REST shape with embedded comments', () => {
    const reading = readGithubIssue({
      number: 12,
      title: "[Paper Note] Rehearsal, Ada Lovelace+, ICLR'25, 2025.02",
      labels: [{ name: 'NLP' }, { name: 'Selected Papers/Blogs' }],
      created_at: '2025-03-01T23:30:00Z',
      body: '# URL\n- https://arxiv.org/abs/2502.00001',
      html_url: 'https://github.com/example/notes/issues/12',
      comments: [
        { body: '良い論文。', created_at: '2025-03-02T01:00:00Z', user: { login: 'ada' } },
      ],
    })
    expect(reading).toEqual({
      kind: 'issue',
      problems: [],
      issue: {
        number: 12,
        title: "[Paper Note] Rehearsal, Ada Lovelace+, ICLR'25, 2025.02",
        labels: ['NLP', 'Selected Papers/Blogs'],
        createdAt: '2025-03-01T23:30:00Z',
        body: '# URL\n- https://arxiv.org/abs/2502.00001',
        url: 'https://github.com/example/notes/issues/12',
        comments: [{ body: '良い論文。', author: 'ada', createdAt: '2025-03-02T01:00:00Z' }],
      },
    })
  })

  it('reads the gh CLI shape, string labels, and a comment count instead of comments', () => {
    const gh = readGithubIssue({
      number: 3,
      title: 'T',
      labels: ['PEFT(Adaptor/LoRA)', { name: 'Article' }],
      createdAt: '2025-01-02T03:04:05Z',
      body: 'https://example.org',
      url: 'https://github.com/example/notes/issues/3',
      comments: [{ author: { login: 'grace' }, body: 'ok', createdAt: '2025-01-03T00:00:00Z' }],
    })
    expect(gh.kind === 'issue' && gh.issue.labels).toEqual(['PEFT(Adaptor/LoRA)', 'Article'])
    expect(gh.kind === 'issue' && gh.issue.comments).toEqual([
      { body: 'ok', author: 'grace', createdAt: '2025-01-03T00:00:00Z' },
    ])
    const rest = readGithubIssue({ number: 4, title: 'U', comments: 5 })
    expect(rest.kind === 'issue' && rest.issue.comments).toEqual([])
  })

  it('recognises pull requests and non-issues', () => {
    expect(readGithubIssue({ number: 9, title: 'PR', pull_request: { url: 'x' } })).toEqual({
      kind: 'pull-request',
      number: 9,
    })
    expect(readGithubIssue('text').kind).toBe('not-an-issue')
    expect(readGithubIssue({ number: 1 }).kind).toBe('not-an-issue')
  })

  it('reports labels it cannot read', () => {
    const reading = readGithubIssue({ title: 'T', labels: [{ name: 'A' }, 42] })
    expect(reading.kind === 'issue' && reading.issue.labels).toEqual(['A'])
    expect(reading.kind === 'issue' && reading.problems).toHaveLength(1)
  })
})

describe('dates', () => {
  it('takes the UTC date of a timestamp', () => {
    expect(utcDate('2025-10-12T23:30:00-02:00')).toBe('2025-10-13')
    expect(utcDate('2025-10-12T00:30:00+09:00')).toBe('2025-10-11')
    expect(utcDate('2025-10-12T03:00:00Z')).toBe('2025-10-12')
    expect(utcDate('2025-10-12')).toBe('2025-10-12')
    expect(utcDate('yesterday')).toBeUndefined()
    expect(utcDate('2025-02-30T00:00:00Z')).toBeUndefined()
  })

  it('checks calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2025-02-29')).toBe(false)
    expect(isCalendarDate('2025-1-2')).toBe(false)
  })
})

describe('JSON positions', () => {
  it('finds where each top-level element starts', () => {
    const text = '[\n  {"number": 1, "labels": [{"name": "a"}]},\n  {"number": 2},\n  7\n]'
    const offsets = findTopLevelElements(text)
    expect(offsets.map((offset) => text.slice(offset, offset + 11))).toEqual([
      '{"number": ',
      '{"number": ',
      '7\n]',
    ])
  })

  it('finds nothing when the value is not an array', () => {
    expect(findTopLevelElements('{"number": 1}')).toEqual([])
  })

  it('locates the first syntax error', () => {
    expect(findJsonSyntaxError('[{"number": 1}]')).toBeUndefined()
    expect(findJsonSyntaxError('[{"number": }]')).toEqual({ offset: 12, reason: 'ValueExpected' })
    expect(findJsonSyntaxError('[1, 2,]')?.offset).toBe(6)
    expect(findJsonSyntaxError('')?.reason).toBe('ValueExpected')
  })
})
