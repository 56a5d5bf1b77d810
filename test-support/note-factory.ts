/**
 * Notes for unit tests, shared by every package's tests: a valid note about a made-up paper, a
 * comment, and a small varied collection. Made-up content in the note format, not corpus copies.
 */
import type { Comment, Note } from '@paper-notes/core'
import { parseMarkdown } from '@paper-notes/core'

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
    abstract: 'We study forgetting.',
    translation: { text: '忘却を研究する。', model: 'gpt-4o-mini' },
    summary: { text: '忘却についての研究。', model: 'gpt-4o-mini' },
    sections: [],
    comments: [],
    source: { format: 'markdown', file: 'notes/100.md', line: 1, column: 1 },
    ...overrides,
  }
}

/** A comment with no extracted content, its `tree` parsed from its markdown; override any field. */
export function makeComment(overrides: Partial<Comment> = {}): Comment {
  const markdown = overrides.markdown ?? 'A comment.'
  return {
    markdown,
    tree: parseMarkdown(markdown),
    posts: [],
    images: [],
    links: [],
    related: [],
    ...overrides,
  }
}

/**
 * A small collection's worth of notes: English and Japanese text, tags with spaces, slashes and
 * parentheses, an article, a title-less note (as the text export gives), comments with links.
 */
export function sampleNotes(): Note[] {
  return [
    makeNote({
      id: '4175',
      titleLine:
        "[Paper Note] Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting, Sunny Sanyal+, ICLR'25, 2025.02",
      title: 'Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting',
      authors: ['Sunny Sanyal', 'Hayden Prairie'],
      issueDate: '2026-01-12',
      tags: ['Catastrophic Forgetting', 'PEFT(Adaptor/LoRA)', 'One-Line Notes'],
      links: {
        paper: 'https://arxiv.org/abs/2502.02797',
        issue: 'https://github.com/example/notes/issues/4175',
      },
      summary: {
        text: '事前学習済みモデルのファインチューニングにおける忘却を、易しいサンプルの重み付けで抑える。',
        model: 'gpt-4o-mini',
      },
      comments: [
        makeComment({
          markdown: 'openreview: https://openreview.net/forum?id=13HPTmZKbM',
          links: [{ url: 'https://openreview.net/forum?id=13HPTmZKbM', label: 'openreview' }],
        }),
        makeComment({
          markdown: '（事前学習データにはしばしばアクセスできないため）実用的。',
          author: 'someone',
          date: '2026-01-13',
        }),
      ],
    }),
    makeNote({
      id: '4100',
      kind: 'article',
      titleLine:
        'Tinker is a training API for {developers, builders, researchers}, THINKING MACHINES, 2025.10',
      title: 'Tinker is a training API for {developers, builders, researchers}',
      authors: ['THINKING MACHINES'],
      etAl: false,
      venue: null,
      published: { year: 2025, month: 10 },
      issueDate: '2025-10-02',
      tags: ['Article', 'Selected Papers/Blogs', 'PEFT(Adaptor/LoRA)'],
      links: { paper: 'https://thinkingmachines.ai/tinker/' },
      abstract: null,
      translation: null,
      summary: null,
      comments: [
        makeComment({
          markdown: '元ポスト:\n\nhttps://x.com/example/status/1\n\n**LoRA** で手軽に学習できる。',
        }),
      ],
    }),
    makeNote({
      id: '3990',
      titleLine:
        "[Paper Note] KTO: Model Alignment as Prospect Theoretic Optimization, Kawin Ethayarajh+, N_A, ICML'24",
      title: 'KTO: Model Alignment as Prospect Theoretic Optimization',
      authors: ['Kawin Ethayarajh'],
      venue: { name: 'ICML', year: 2024 },
      published: null,
      issueDate: '2025-10-02',
      tags: ['Supervised-FineTuning (SFT)', 'Alignment', 'Selected Papers/Blogs'],
      links: {},
      comments: [],
    }),
    makeNote({
      id: '9f3a2c1b7d6e5f40',
      titleLine: '',
      title: '',
      authors: [],
      etAl: false,
      venue: null,
      published: null,
      issueDate: '2024-11-20',
      tags: ['Catastrophic Forgetting', '日本語 タグ'],
      links: {},
      abstract: null,
      translation: null,
      summary: {
        text: 'タイトルのないノート。テキスト形式の書き出しから来た。',
        model: 'gpt-4o-mini',
      },
      comments: [
        makeComment({ markdown: 'image\n\nLoading…', posts: [{}], images: [{ alt: 'image' }] }),
      ],
      source: { format: 'text', file: 'export/000_page.txt', line: 12, column: 1 },
    }),
  ]
}
