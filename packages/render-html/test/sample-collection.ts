import { type Collection, createCollection, type Note, parseMarkdown } from '@paper-notes/core'
import { makeComment, makeNote } from './note-factory.js'

/** Small, real-looking notes: English and Japanese text, tags with spaces, slashes, parentheses. */
export function sampleNotes(): Note[] {
  const reasonerComment =
    '元ポスト:\n\nhttps://x.com/example_ai/status/1976000000000000001\n\npj page: https://example.org/general-reasoner/'
  return [
    makeNote({
      id: '4175',
      titleLine:
        "[Paper Note] Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting, Sunny Sanyal+, ICLR'25, 2025.02",
      title: 'Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting',
      authors: ['Sunny Sanyal', 'Hayden Prairie'],
      etAl: false,
      issueDate: '2026-01-12',
      tags: [
        'NLP',
        'Catastrophic Forgetting',
        'Supervised-FineTuning (SFT)',
        'Selected Papers/Blogs',
      ],
      links: {
        paper: 'https://arxiv.org/abs/2502.02797',
        issue: 'https://github.com/example/paper_notes/issues/4175',
      },
      sections: [{ heading: 'Notes', markdown: '- 追加のメモ\n- second item' }],
      comments: [
        makeComment({
          markdown: 'openreview: https://openreview.net/forum?id=13HPTmZKbM',
          links: [{ url: 'https://openreview.net/forum?id=13HPTmZKbM', label: 'openreview' }],
        }),
        makeComment({
          markdown:
            "（事前学習データにはしばしばアクセスできないため）易しいサンプルの重みを上げる。\n\n関連:\n- #4100\n- [Paper Note] A Paper Nobody Wrote Down, Nobody+, arXiv'24",
          tree: parseMarkdown(
            "（事前学習データにはしばしばアクセスできないため）易しいサンプルの重みを上げる。\n\n関連:\n- #4100\n- [Paper Note] A Paper Nobody Wrote Down, Nobody+, arXiv'24",
          ),
          author: 'someone',
          date: '2026-01-13',
          related: [
            { text: '#4100', issue: 4100 },
            { text: "[Paper Note] A Paper Nobody Wrote Down, Nobody+, arXiv'24" },
          ],
        }),
      ],
    }),
    makeNote({
      id: '4100',
      titleLine:
        "[Paper Note] General-Reasoner: Advancing LLM Reasoning Across All Domains, Xueguang Ma+, arXiv'25, 2025.05",
      title: 'General-Reasoner: Advancing LLM Reasoning Across All Domains',
      authors: ['Xueguang Ma'],
      venue: { name: 'arXiv', year: 2025 },
      published: { year: 2025, month: 5 },
      issueDate: '2025-10-12',
      tags: ['NLP', 'PostTraining', 'PEFT(Adaptor/LoRA)'],
      links: { paper: 'https://arxiv.org/abs/2505.14652' },
      comments: [
        makeComment({
          markdown: reasonerComment,
          tree: parseMarkdown(reasonerComment),
          posts: [{ url: 'https://x.com/example_ai/status/1976000000000000001', platform: 'x' }],
          links: [{ url: 'https://example.org/general-reasoner/', label: 'pj page' }],
        }),
      ],
    }),
    makeNote({
      id: '3001',
      kind: 'article',
      titleLine: 'LLaMA2を3行で訓練',
      title: 'LLaMA2を3行で訓練',
      authors: [],
      etAl: false,
      venue: null,
      published: null,
      issueDate: '2023-08-01',
      tags: ['Article', 'One-Line Notes', 'NLP'],
      links: { paper: 'https://example.com/llama2-in-3-lines' },
      abstract: null,
      translation: null,
      summary: null,
      comments: [
        makeComment({ markdown: '元ポスト:\n\nLoading…', posts: [{}] }),
        makeComment({ markdown: 'image', images: [{ alt: 'image' }] }),
      ],
      source: { format: 'text', file: 'PostTraining.txt', line: 12, column: 1 },
    }),
  ]
}

/** The sample notes as a collection. */
export function sampleCollection(): Collection {
  return createCollection(sampleNotes())
}
