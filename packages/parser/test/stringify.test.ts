import { type Comment, type Note, validateNotes } from '@paper-notes/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createComment } from '../src/comment.js'
import { noteId } from '../src/note-id.js'
import { parseNotes } from '../src/parse-notes.js'
import { stringifyNote } from '../src/stringify.js'
import { parseTitleLine } from '../src/title-line.js'

const issueUrl = 'https://github.com/example/notes/issues/100'

function sampleNote(overrides: Partial<Note> = {}): Note {
  return {
    id: '100',
    kind: 'paper',
    titleLine:
      "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
    title: 'Sparse Rehearsal for Continual Tuning',
    authors: ['Ada Lovelace', 'Charles Babbage'],
    etAl: true,
    venue: { name: 'ICLR', year: 2025 },
    published: { year: 2025, month: 2 },
    issueDate: '2025-03-01',
    tags: ['NLP', 'Catastrophic Forgetting', 'PEFT(Adaptor/LoRA)'],
    links: { paper: 'https://arxiv.org/abs/2502.00001', issue: issueUrl },
    abstract: 'We study forgetting.\n# Not a heading\nSecond paragraph.',
    translation: { text: '忘却を研究する。', model: 'gpt-4o-mini' },
    summary: { text: '忘却についての研究。' },
    sections: [{ heading: 'Reading notes', markdown: 'Section 4.\n\n- a list' }],
    comments: [
      createComment('openreview: https://openreview.net/forum?id=abc', {
        issueBase: 'https://github.com/example/notes/issues',
      }),
      createComment('関連:\n- #101', {
        author: 'A "quoted" <name>',
        date: '2025-03-02',
        issueBase: 'https://github.com/example/notes/issues',
      }),
    ],
    source: { format: 'markdown', file: 'notes/100.md', line: 1, column: 1 },
    ...overrides,
  }
}

function roundTrip(note: Note): Note {
  const { notes, diagnostics } = parseNotes([
    { path: 'round-trip.md', contents: stringifyNote(note) },
  ])
  expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
  expect(notes).toHaveLength(1)
  return notes[0]!
}

const withoutSource = ({ source: _source, ...rest }: Note) => rest

describe('stringifyNote', () => {
  it('writes the note-markdown layout of NOTE-FORMAT.md §3.1', () => {
    expect(stringifyNote(sampleNote())).toBe(
      [
        '---',
        `title: "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02"`,
        'date: 2025-03-01',
        'tags: [ NLP, Catastrophic Forgetting, PEFT(Adaptor/LoRA) ]',
        `issue: ${issueUrl}`,
        '---',
        '# URL',
        '- https://arxiv.org/abs/2502.00001',
        '# Authors',
        '- Ada Lovelace',
        '- Charles Babbage',
        '# Abstract',
        '- We study forgetting.',
        '  # Not a heading',
        '  Second paragraph.',
        '# Translation (by gpt-4o-mini)',
        '- 忘却を研究する。',
        '# Summary',
        '- 忘却についての研究。',
        '# Reading notes',
        'Section 4.',
        '',
        '- a list',
        '',
        '<!-- comment -->',
        'openreview: https://openreview.net/forum?id=abc',
        '',
        '<!-- comment author="A &quot;quoted&quot; &lt;name&gt;" date="2025-03-02" -->',
        '関連:',
        '- #101',
        '',
      ].join('\n'),
    )
  })

  it('round-trips the sample note', () => {
    const note = sampleNote()
    expect(withoutSource(roundTrip(note))).toEqual(withoutSource(note))
  })

  it('writes explicit fields where the derived value would differ', () => {
    const note = sampleNote({
      id: 'my-own-id',
      kind: 'article',
      authors: [],
      venue: { name: 'Workshop', qualifier: 'Oral' },
      published: null,
      links: { paper: 'not a url' },
      extra: { reviewer: 'Grace', score: 3 },
    })
    const text = stringifyNote(note)
    expect(text).toContain('id: my-own-id\n')
    expect(text).toContain('kind: article\n')
    expect(text).toContain('authors: []\n')
    expect(text).toContain('published: null\n')
    expect(text).toContain('url: not a url\n')
    expect(text).toContain('reviewer: Grace\n')
    expect(text).not.toContain('# URL')
    expect(withoutSource(roundTrip(note))).toEqual(withoutSource(note))
  })

  it('keeps a verbatim URL section and an empty abstract', () => {
    const note = sampleNote({
      links: { paper: 'https://arxiv.org/abs/2306.11485', issue: issueUrl },
      abstract: '',
      sections: [
        { heading: '', markdown: '読む予定。' },
        {
          heading: 'URL',
          markdown:
            '- preprint: https://arxiv.org/abs/2306.11485\n- journal: https://example.org/j',
        },
      ],
    })
    expect(withoutSource(roundTrip(note))).toEqual(withoutSource(note))
  })
})

// Property: every generated note survives stringify → parse unchanged (except `source`).
// `title` and `etAl` are always derived from the title line (the format has no field for
// them), so the generator takes them from `parseTitleLine`; every other field is arbitrary.
const word = fc.constantFrom(
  'Sparse',
  'Rehearsal',
  'LoRA',
  '忘却',
  '継続学習',
  'Agents',
  'v2',
  '(SFT)',
  'Blogs/Papers',
  '日本語',
  'a-b',
)
const phrase = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '))
const textLine = fc
  .array(
    fc.oneof(
      word,
      fc.constantFrom('#', '- ', ':', '# x', '<!-- comment -->', '  ', '関連:', '#12'),
    ),
    {
      maxLength: 6,
    },
  )
  .map((parts) => parts.join(' '))
const text = fc
  .array(fc.oneof(textLine, fc.constant('')), { minLength: 1, maxLength: 4 })
  .map((lines) => lines.join('\n').trim())
const verbatim = fc.array(phrase, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'))
const titleLine = fc.oneof(
  fc.constantFrom(
    '',
    "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
    "KTO: Model Alignment as Prospect Theoretic Optimization, Kawin Ethayarajh+, N_A, ICML'24",
    'Tinker is a training API for {developers, builders, researchers}, THINKING MACHINES, 2025.10',
    'SmolLM2, 2024.11',
    'LLaMA2を3行で訓練',
    'Notes on Rehearsal, Jane Doe, John Smith',
  ),
  fc
    .tuple(
      fc.boolean(),
      phrase,
      fc.option(phrase),
      fc.option(fc.constantFrom("ICLR'25", "NeurIPS'24 Oral", 'N_A')),
    )
    .map(([prefix, title, author, venue]) =>
      [`${prefix ? '[Paper Note] ' : ''}${title}`, author, venue]
        .filter((part) => part !== null)
        .join(', '),
    ),
)
const isoDate = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10))
const tag = fc.constantFrom(
  'NLP',
  'Catastrophic Forgetting',
  'PEFT(Adaptor/LoRA)',
  'Selected Papers/Blogs',
  'Supervised-FineTuning (SFT)',
  'One-Line Notes',
  'Article',
  '日本語',
  'null',
  '123',
  'a, b',
  '[x]',
  "it's",
)
const generated = fc.record(
  { text, model: fc.constantFrom('gpt-4o-mini', 'gpt-5-nano', 'claude (v2)') },
  { requiredKeys: ['text'] },
)
const headingName = fc.constantFrom('Reading notes', 'Affiliations', 'メモ', 'Links (extra)')

const noteArbitrary = fc
  .record({
    titleLine,
    issueDate: isoDate,
    tags: fc.uniqueArray(tag, { maxLength: 5 }),
    kind: fc.option(fc.constantFrom('paper' as const, 'article' as const)),
    authors: fc.option(
      fc.array(fc.oneof(phrase, fc.constantFrom('- dash', ' spaced ')), { maxLength: 3 }),
    ),
    venue: fc.option(
      fc.oneof(
        fc.constant(null),
        fc.record(
          { name: phrase, year: fc.integer({ min: 1950, max: 2040 }), qualifier: phrase },
          { requiredKeys: ['name'] },
        ),
      ),
    ),
    published: fc.option(
      fc.oneof(
        fc.constant(null),
        fc.record(
          { year: fc.integer({ min: 1950, max: 2040 }), month: fc.integer({ min: 1, max: 12 }) },
          { requiredKeys: ['year'] },
        ),
      ),
    ),
    paper: fc.option(
      fc.constantFrom(
        'https://arxiv.org/abs/2502.00001',
        'https://example.com/blog?x=1',
        'see the PDF',
      ),
    ),
    issue: fc.option(fc.integer({ min: 1, max: 99_999 })),
    customId: fc.option(fc.constantFrom('custom', '42', 'note-a')),
    abstract: fc.option(text),
    translation: fc.option(generated),
    summary: fc.option(generated),
    preamble: fc.option(verbatim),
    sections: fc.array(fc.record({ heading: headingName, markdown: verbatim }), { maxLength: 2 }),
    comments: fc.array(
      fc.record(
        {
          markdown: text.map((value) => value.replace(/^<!--/gm, '&lt;!--')),
          author: fc.constantFrom('reader', 'A & "B"'),
          date: isoDate,
        },
        { requiredKeys: ['markdown'] },
      ),
      { maxLength: 3 },
    ),
    extra: fc.option(
      fc.dictionary(
        fc.constantFrom('reviewer', 'score', 'flags'),
        fc.oneof(phrase, fc.integer(), fc.array(fc.boolean())),
        { minKeys: 1 },
      ),
    ),
  })
  .map((g): Note => {
    const parts = parseTitleLine(g.titleLine)
    const links: Note['links'] = {}
    if (g.paper !== null) links.paper = g.paper
    if (g.issue !== null) links.issue = `https://github.com/example/notes/issues/${g.issue}`
    const issueBase =
      g.issue !== null ? { issueBase: 'https://github.com/example/notes/issues' } : {}
    const comments: Comment[] = g.comments.map((c) =>
      createComment(c.markdown, {
        ...(c.author !== undefined ? { author: c.author } : {}),
        ...(c.date !== undefined ? { date: c.date } : {}),
        ...issueBase,
      }),
    )
    const sections = [
      ...(g.preamble !== null ? [{ heading: '', markdown: g.preamble }] : []),
      ...g.sections,
    ]
    const note: Note = {
      id:
        g.customId ??
        noteId({
          ...(links.issue !== undefined ? { issueUrl: links.issue } : {}),
          issueDate: g.issueDate,
          titleLine: g.titleLine,
          summary: g.summary?.text ?? null,
          comments: comments.map((c) => c.markdown),
        }),
      kind: g.kind ?? parts.kind,
      titleLine: g.titleLine,
      title: parts.title,
      authors: g.authors ?? parts.authors,
      etAl: parts.etAl,
      venue: g.venue === null ? parts.venue : g.venue,
      published: g.published === null ? parts.published : g.published,
      issueDate: g.issueDate,
      tags: g.tags,
      links,
      abstract: g.abstract,
      translation: g.translation,
      summary: g.summary,
      sections,
      comments,
      source: { format: 'markdown', line: 1, column: 1 },
    }
    if (g.extra !== null) note.extra = g.extra
    return note
  })

describe('stringifyNote → parseNotes (property)', () => {
  it('gives back every generated note except its source', () => {
    fc.assert(
      fc.property(noteArbitrary, (note) => {
        const { notes, diagnostics } = parseNotes([{ path: 'p.md', contents: stringifyNote(note) }])
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        expect(notes).toHaveLength(1)
        expect(withoutSource(notes[0]!)).toEqual(withoutSource(note))
        expect(validateNotes(notes).diagnostics).toEqual([])
      }),
      { numRuns: 300 },
    )
  })
})
