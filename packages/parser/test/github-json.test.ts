import { describe, expect, it } from 'vitest'
import { utcDate } from '../src/export-date.js'
import { readGithubIssue } from '../src/export-github-issue.js'
import { findJsonSyntaxError, findTopLevelElements } from '../src/export-json-elements.js'
import { readGithubJson } from '../src/github-json.js'
import { parseNotes } from '../src/parse-notes.js'
import { garbage as randomText } from './garbage.js'

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

/** Made-up issues in the REST shape: two notes and a pull request between them. */
const restIssues = JSON.stringify(
  [
    {
      number: 12,
      title: "[Paper Note] Rehearsal & Replay, Ada Lovelace+, ICLR'25, 2025.02",
      labels: [
        { name: 'NLP' },
        { name: 'Supervised-FineTuning (SFT)' },
        { name: 'Selected Papers/Blogs' },
      ],
      created_at: '2025-03-01T23:30:00Z',
      body: '# URL\n- https://arxiv.org/abs/2502.00001\n# Authors\n  - Ada Lovelace\n  - Charles Babbage\n# Summary (by gpt-4o-mini)\n- リプレイで忘却を抑える。',
      html_url: 'https://github.com/example/notes/issues/12',
      state: 'open',
      comments: [
        {
          body: '元ポスト:\n\nhttps://x.com/ada/status/1234567890?s=46&t=abc',
          created_at: '2025-03-02T01:00:00Z',
          user: { login: 'ada' },
        },
        {
          body: "関連:\n- [[Paper Note] Seven Tricks, Bob Lee+, ACL'24](https://github.com/example/notes/issues/7)",
          created_at: '2025-03-03T01:00:00Z',
          user: { login: 'ada' },
        },
      ],
    },
    {
      number: 13,
      title: 'Fix typo',
      pull_request: { url: 'https://api.github.com/x' },
      created_at: '2025-03-02T00:00:00Z',
    },
    {
      number: 14,
      title: 'Tuning Adapters Gently, Example Lab, 2025.01',
      labels: ['Article', 'PEFT(Adaptor/LoRA)'],
      created_at: '2025-02-01T10:00:00+09:00',
      body: 'paper: https://example.org/blog/adapters',
      html_url: 'https://github.com/example/notes/issues/14',
      comments: 0,
    },
  ],
  null,
  2,
)

/** The same first note in the `gh issue list --json` shape. */
const ghIssues = JSON.stringify([
  {
    number: 12,
    title: "[Paper Note] Rehearsal & Replay, Ada Lovelace+, ICLR'25, 2025.02",
    labels: [
      { name: 'NLP' },
      { name: 'Supervised-FineTuning (SFT)' },
      { name: 'Selected Papers/Blogs' },
    ],
    createdAt: '2025-03-01T23:30:00Z',
    body: '# URL\n- https://arxiv.org/abs/2502.00001\n# Authors\n  - Ada Lovelace\n  - Charles Babbage\n# Summary (by gpt-4o-mini)\n- リプレイで忘却を抑える。',
    url: 'https://github.com/example/notes/issues/12',
    comments: [
      {
        author: { login: 'ada' },
        body: '元ポスト:\n\nhttps://x.com/ada/status/1234567890?s=46&t=abc',
        createdAt: '2025-03-02T01:00:00Z',
      },
      {
        author: { login: 'ada' },
        body: "関連:\n- [[Paper Note] Seven Tricks, Bob Lee+, ACL'24](https://github.com/example/notes/issues/7)",
        createdAt: '2025-03-03T01:00:00Z',
      },
    ],
  },
])

describe('readGithubJson', () => {
  const rest = readGithubJson({ text: restIssues, file: 'issues.json', options: {} })

  it('turns every issue into a note and skips the pull request with an info', () => {
    expect(rest.notes.map((note) => note.id)).toEqual(['12', '14'])
    expect(rest.diagnostics).toEqual([
      expect.objectContaining({
        code: 'github-pull-request-skipped',
        severity: 'info',
        file: 'issues.json',
        line: restIssues.split('\n').findIndex((line) => line.includes('"number": 13')),
        column: 3,
      }),
    ])
  })

  it('maps title, labels, creation date (UTC), issue URL and body', () => {
    const [first, second] = rest.notes
    expect(first?.titleLine).toBe(
      "[Paper Note] Rehearsal & Replay, Ada Lovelace+, ICLR'25, 2025.02",
    )
    expect(first?.tags).toEqual(['NLP', 'Supervised-FineTuning (SFT)', 'Selected Papers/Blogs'])
    expect(first?.issueDate).toBe('2025-03-01')
    expect(first?.links).toEqual({
      paper: 'https://arxiv.org/abs/2502.00001',
      issue: 'https://github.com/example/notes/issues/12',
    })
    expect(first?.authors).toEqual(['Ada Lovelace', 'Charles Babbage'])
    expect(first?.summary).toEqual({ text: 'リプレイで忘却を抑える。', model: 'gpt-4o-mini' })
    expect(first?.source).toEqual({ format: 'github', file: 'issues.json', line: 2, column: 3 })
    // 10:00 in UTC+9 is 01:00 UTC the same day.
    expect(second?.issueDate).toBe('2025-02-01')
    expect(second?.kind).toBe('article')
    expect(second?.links.paper).toBe('https://example.org/blog/adapters')
    expect(second?.comments).toEqual([])
  })

  it('keeps the comments with their author and date, posts and related notes', () => {
    const [post, related] = rest.notes[0]!.comments
    expect(post?.author).toBe('ada')
    expect(post?.date).toBe('2025-03-02T01:00:00Z')
    expect(post?.posts).toEqual([
      { url: 'https://x.com/ada/status/1234567890?s=46&t=abc', platform: 'x' },
    ])
    expect(related?.related).toEqual([
      expect.objectContaining({ issue: 7, url: 'https://github.com/example/notes/issues/7' }),
    ])
  })

  it('reads the gh CLI shape into the same note', () => {
    const gh = readGithubJson({ text: ghIssues, file: 'gh.json', options: {} })
    expect(gh.diagnostics).toEqual([])
    const { source: ghSource, ...ghNote } = gh.notes[0]!
    const { source: restSource, ...restNote } = rest.notes[0]!
    expect(ghNote).toEqual(restNote)
    expect(ghSource).toEqual({ format: 'github', file: 'gh.json', line: 1, column: 2 })
    expect(restSource.line).toBe(2)
  })
})

describe('readGithubJson on bad input', () => {
  it('reports invalid JSON at the line and column of the error', () => {
    const text =
      '[\n  {"number": 1, "title": "A", "createdAt": "2025-01-01T00:00:00Z"},\n  {"number": 2, "title": }\n]'
    const { notes, diagnostics } = readGithubJson({ text, file: 'bad.json', options: {} })
    expect(diagnostics[0]).toEqual(
      expect.objectContaining({
        code: 'github-invalid-json',
        severity: 'error',
        file: 'bad.json',
        line: 3,
        column: 26,
      }),
    )
    // The broken issue is reported at its own start; its neighbour is still read.
    expect(diagnostics[1]).toEqual(
      expect.objectContaining({ code: 'github-issue-unreadable', line: 3, column: 3 }),
    )
    expect(notes.map((note) => note.id)).toEqual(['1'])
  })

  it('reports a JSON value that is not a list of issues', () => {
    const { notes, diagnostics } = readGithubJson({ text: '\n {"total": 3}', options: {} })
    expect(notes).toEqual([])
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'github-not-issues', severity: 'error', line: 2, column: 2 }),
    ])
  })

  it('reports elements that are not issues, or have no date, at their own positions', () => {
    const text =
      '[\n  42,\n  {"title": "no date"},\n  {"number": 3, "title": "ok", "created_at": "2025-05-05T05:05:05Z"}\n]'
    const { notes, diagnostics } = readGithubJson({ text, options: {} })
    expect(notes.map((note) => note.id)).toEqual(['3'])
    expect(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.line, diagnostic.column]),
    ).toEqual([
      ['github-not-an-issue', 2, 3],
      ['github-missing-created-at', 3, 3],
    ])
  })

  it('reads 50 MB of garbage quickly without crashing', () => {
    const text = garbage(50 * 1024 * 1024)
    const started = performance.now()
    const { notes, diagnostics } = readGithubJson({ text, options: {} })
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(notes).toEqual([])
    expect(diagnostics[0]).toEqual(
      expect.objectContaining({ code: 'github-invalid-json', line: 1, column: 1 }),
    )
  })

  it('reads 50 MB of garbage inside an array quickly without crashing', () => {
    const text = `[${garbage(50 * 1024 * 1024)}]`
    const started = performance.now()
    const { notes, diagnostics } = readGithubJson({ text, options: {} })
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(notes).toEqual([])
    expect(diagnostics[0]?.code).toBe('github-invalid-json')
  })
})

/** Deterministic pseudo-random text (see `garbage.ts`) with this reader's characters. */
function garbage(size: number): string {
  return randomText(size, 'abcXYZ019 #<>&;:"\'{}[](),.-_/\\\n\t日本語テキスト…—', 11)
}

describe('parseNotes with GitHub issues JSON', () => {
  it('detects the format from the content and from the .json extension', () => {
    expect(parseNotes(restIssues).notes.map((note) => note.source.format)).toEqual([
      'github',
      'github',
    ])
    const { notes } = parseNotes([{ path: 'issues.json', contents: ghIssues }])
    expect(notes.map((note) => [note.id, note.source.file])).toEqual([['12', 'issues.json']])
  })
})

describe('the README example of the export formats', () => {
  it('gives what the README says', () => {
    const page = `Continual Learning

#NLP #Selected Papers/Blogs
Issue Date: 2025-03-04 [Paper Note] Gentle Replay, Ada Lovelace+, ICLR'25, 2025.02 GPT Summary- 忘却を抑える。 Comment

元ポスト:

Loading…
`
    const { notes, diagnostics } = parseNotes(page)
    expect(notes[0]?.tags).toEqual(['NLP', 'Selected Papers/Blogs', 'Continual Learning'])
    expect(notes[0]?.comments[0]?.posts).toEqual([{}])
    expect(diagnostics).toEqual([])

    const issues = JSON.stringify([
      {
        number: 7,
        title: "Tiny Data, Ann Lee+, ACL'25",
        labels: [{ name: 'NLP' }],
        createdAt: '2025-01-02T03:04:05Z',
        body: 'https://example.org/tiny',
        url: 'https://github.com/o/notes/issues/7',
        comments: [],
      },
      { number: 8, title: 'Fix typo', pull_request: {}, createdAt: '2025-01-02T04:00:00Z' },
    ])
    const github = parseNotes([{ path: 'issues.json', contents: issues }])
    expect(github.notes.map((note) => note.id)).toEqual(['7'])
    expect(github.diagnostics[0]?.code).toBe('github-pull-request-skipped')
  })
})
