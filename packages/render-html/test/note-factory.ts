import type { Comment, Note } from '@paper-notes/core'

/** A valid note about a made-up paper; override any field. */
export function makeNote(overrides: Partial<Note> = {}): Note {
  return {
    id: '100',
    kind: 'paper',
    titleLine:
      "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
    title: 'Sparse Rehearsal for Continual Tuning',
    authors: ['Ada Lovelace'],
    etAl: true,
    venue: { name: 'ICLR', year: 2025 },
    published: { year: 2025, month: 2 },
    issueDate: '2025-03-01',
    tags: ['NLP', 'Catastrophic Forgetting'],
    links: {
      paper: 'https://arxiv.org/abs/2502.00001',
      issue: 'https://github.com/example/notes/issues/100',
    },
    abstract: 'We study forgetting in continual instruction tuning.',
    translation: { text: '継続的な指示チューニングにおける忘却を研究する。', model: 'gpt-4o-mini' },
    summary: {
      text: '忘却についての研究。リハーサルを疎にすることで計算量を削減する。',
      model: 'gpt-4o-mini',
    },
    sections: [],
    comments: [],
    source: { format: 'markdown', file: 'notes/100.md', line: 1, column: 1 },
    ...overrides,
  }
}

/** A comment with no extracted content; override any field. */
export function makeComment(overrides: Partial<Comment> = {}): Comment {
  return { markdown: 'A comment.', posts: [], images: [], links: [], related: [], ...overrides }
}
