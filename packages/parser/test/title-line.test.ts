import { describe, expect, it } from 'vitest'
import { isCitationLine, parseTitleLine, parseVenue } from '../src/title-line.js'

const fields = (line: string) => {
  const { diagnostics, ...parts } = parseTitleLine(line)
  return { ...parts, codes: diagnostics.map((diagnostic) => diagnostic.code) }
}

describe('parseTitleLine: the examples of NOTE-FORMAT.md §2', () => {
  it('reads a [Paper Note] line with author+, venue and date', () => {
    expect(
      fields(
        "[Paper Note] General-Reasoner: Advancing LLM Reasoning Across All Domains, Xueguang Ma+, arXiv'25, 2025.05",
      ),
    ).toEqual({
      kind: 'paper',
      title: 'General-Reasoner: Advancing LLM Reasoning Across All Domains',
      authors: ['Xueguang Ma'],
      etAl: true,
      venue: { name: 'arXiv', year: 2025 },
      published: { year: 2025, month: 5 },
      codes: [],
    })
  })

  it('keeps a venue qualifier and a comma inside the title', () => {
    const parts = fields(
      "[Paper Note] Angles Don't Lie: Unlocking Training-Efficient RL Through the Model's Own Signals, Qinsi Wang+, NeurIPS'25 Spotlight, 2025.06",
    )
    expect(parts.title).toBe(
      "Angles Don't Lie: Unlocking Training-Efficient RL Through the Model's Own Signals",
    )
    expect(parts.venue).toEqual({ name: 'NeurIPS', year: 2025, qualifier: 'Spotlight' })
    expect(parts.published).toEqual({ year: 2025, month: 6 })
  })

  it('reads a line without a date', () => {
    const parts = fields(
      "[Paper Note] BREAD: Branched Rollouts from Expert Anchors Bridge SFT & RL for Reasoning, Xuechen Zhang+, NeurIPS'25",
    )
    expect(parts).toMatchObject({
      title: 'BREAD: Branched Rollouts from Expert Anchors Bridge SFT & RL for Reasoning',
      authors: ['Xuechen Zhang'],
      venue: { name: 'NeurIPS', year: 2025 },
      published: null,
    })
  })

  it('skips an N_A venue slot when another slot names the venue (KTO)', () => {
    expect(
      fields(
        "KTO: Model Alignment as Prospect Theoretic Optimization, Kawin Ethayarajh+, N_A, ICML'24",
      ),
    ).toEqual({
      kind: 'paper',
      title: 'KTO: Model Alignment as Prospect Theoretic Optimization',
      authors: ['Kawin Ethayarajh'],
      etAl: true,
      venue: { name: 'ICML', year: 2024 },
      published: null,
      codes: [],
    })
  })

  it('gives venue null for N_A alone, and still calls the note a paper', () => {
    const parts = fields('Sparse Rehearsal Revisited, Ada Lovelace+, N_A')
    expect(parts.venue).toBeNull()
    expect(parts.kind).toBe('paper')
    expect(parts.authors).toEqual(['Ada Lovelace'])
  })

  it('keeps the commas of a venue name', () => {
    const parts = fields(
      "An Empirical Study of Catastrophic Forgetting, Yun Luo+, IEEE Transactions on Audio, Speech and Language Processing'25, 2023.08",
    )
    expect(parts.title).toBe('An Empirical Study of Catastrophic Forgetting')
    expect(parts.venue).toEqual({
      name: 'IEEE Transactions on Audio, Speech and Language Processing',
      year: 2025,
    })
    expect(parts.published).toEqual({ year: 2023, month: 8 })
  })

  it('does not cut inside braces: an organisation as author', () => {
    expect(
      fields(
        'Tinker is a training API for {developers, builders, researchers}, THINKING MACHINES, 2025.10',
      ),
    ).toEqual({
      kind: 'article',
      title: 'Tinker is a training API for {developers, builders, researchers}',
      authors: ['THINKING MACHINES'],
      etAl: false,
      venue: null,
      published: { year: 2025, month: 10 },
      codes: [],
    })
  })

  it('keeps parentheses and curly quotes in the title', () => {
    const parts = fields(
      'Why GPT-5 used less training compute than GPT-4.5 (but GPT-6 probably won’t), EPOCH AI, 2025.09',
    )
    expect(parts.title).toBe(
      'Why GPT-5 used less training compute than GPT-4.5 (but GPT-6 probably won’t)',
    )
    expect(parts.authors).toEqual(['EPOCH AI'])
  })

  it('keeps a credential suffix with its name', () => {
    const parts = fields(
      'Practical Tips for Finetuning LLMs Using LoRA (Low-Rank Adaptation), SEBASTIAN RASCHKA, PHD, 2023.11',
    )
    expect(parts.title).toBe('Practical Tips for Finetuning LLMs Using LoRA (Low-Rank Adaptation)')
    expect(parts.authors).toEqual(['SEBASTIAN RASCHKA, PHD'])
    expect(parts.kind).toBe('article')
  })

  it('reads "Taori +" (a space before the plus) as an et-al author', () => {
    const parts = fields('Stanford Alpaca: An Instruction-following LLaMA Model, Taori +, 2023.03')
    expect(parts.authors).toEqual(['Taori'])
    expect(parts.etAl).toBe(true)
    expect(parts.title).toBe('Stanford Alpaca: An Instruction-following LLaMA Model')
  })

  it('drops a trailing comma with an info diagnostic (POLARIS)', () => {
    const line =
      'POLARIS: A Post-Training Recipe for Scaling Reinforcement Learning on Advanced Reasoning Models,'
    const parts = parseTitleLine(line, { file: 'polaris.md', line: 2, column: 8 })
    expect(parts.title).toBe(
      'POLARIS: A Post-Training Recipe for Scaling Reinforcement Learning on Advanced Reasoning Models',
    )
    expect(parts.authors).toEqual([])
    expect(parts.diagnostics).toEqual([
      expect.objectContaining({
        code: 'title-line-empty-part',
        severity: 'info',
        file: 'polaris.md',
        line: 2,
        column: 8 + line.length,
      }),
    ])
  })

  it('reads a title with only a date', () => {
    expect(fields('SmolLM2, 2024.11')).toEqual({
      kind: 'article',
      title: 'SmolLM2',
      authors: [],
      etAl: false,
      venue: null,
      published: { year: 2024, month: 11 },
      codes: [],
    })
  })

  it('reads a bare title', () => {
    expect(fields('LLaMA2を3行で訓練')).toMatchObject({
      title: 'LLaMA2を3行で訓練',
      authors: [],
      venue: null,
      published: null,
      codes: [],
    })
  })
})

describe('parseTitleLine: irregular lines', () => {
  it('does not cut at a comma between digits', () => {
    const parts = fields('約1,720億パラメータのモデルを公開, NII, 2024.12')
    expect(parts.title).toBe('約1,720億パラメータのモデルを公開')
    expect(parts.authors).toEqual(['NII'])
  })

  it('reads a comma without a following space', () => {
    const parts = fields("翻訳モデルの開発,今城+, Jxiv'25, 2025.08")
    expect(parts).toMatchObject({
      title: '翻訳モデルの開発',
      authors: ['今城'],
      etAl: true,
      venue: { name: 'Jxiv', year: 2025 },
    })
  })

  it('reads a person then a year-less venue (a talk)', () => {
    const parts = fields(
      '大規模モデル構築の現在地, Yusuke Oda, 人工知能学会 招待講演資料, 2025.12.01',
    )
    expect(parts).toMatchObject({
      kind: 'article',
      title: '大規模モデル構築の現在地',
      authors: ['Yusuke Oda'],
      venue: { name: '人工知能学会 招待講演資料' },
      published: { year: 2025, month: 12 },
      codes: [],
    })
  })

  it('reads a piece after an et-al author as a year-less venue', () => {
    const parts = fields('[Paper Note] Driving in the Long Tail, Pavone+, Nvidia, 2025.10')
    expect(parts.venue).toEqual({ name: 'Nvidia' })
    expect(parts.authors).toEqual(['Pavone'])
  })

  it('keeps a comma-separated title whose middle piece is not a name', () => {
    const parts = fields('モデルにおける8B, 31Bの小規模モデルの検証, PFN, 2025.11')
    expect(parts.title).toBe('モデルにおける8B, 31Bの小規模モデルの検証')
    expect(parts.authors).toEqual(['PFN'])
  })

  it('keeps the whole remainder as the title when two names compete (info)', () => {
    const parts = parseTitleLine('Notes on Rehearsal, Jane Doe, John Smith', { line: 3, column: 8 })
    expect(parts.title).toBe('Notes on Rehearsal, Jane Doe, John Smith')
    expect(parts.authors).toEqual([])
    expect(parts.diagnostics).toHaveLength(1)
    expect(parts.diagnostics[0]).toMatchObject({
      code: 'title-line-ambiguous',
      severity: 'info',
      line: 3,
      column: 8 + 'Notes on Rehearsal, Jane Doe,'.length,
    })
  })

  it('keeps the whole remainder as the title when the author part is a sentence (info)', () => {
    const line = 'Attention, please read this very long trailing clause right now'
    const parts = parseTitleLine(line)
    expect(parts.title).toBe(line)
    expect(parts.authors).toEqual([])
    expect(parts.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['title-line-ambiguous'])
    expect(parts.diagnostics[0]?.line).toBeUndefined()
  })

  it('is a paper only by prefix or venue', () => {
    expect(parseTitleLine('Rehearsal Tricks, Ada Lovelace+, 2025.01').kind).toBe('article')
    expect(parseTitleLine("Rehearsal Tricks, Ada Lovelace+, COLM'25").kind).toBe('paper')
    expect(parseTitleLine('[paper note] Rehearsal Tricks').kind).toBe('paper')
  })

  it('reads an empty line as an empty title', () => {
    expect(fields('')).toMatchObject({ title: '', authors: [], venue: null, codes: [] })
  })
})

describe('parseVenue', () => {
  it('reads name, two-digit year and qualifier', () => {
    expect(parseVenue("EMNLP'25 Findings")).toEqual({
      name: 'EMNLP',
      year: 2025,
      qualifier: 'Findings',
    })
    expect(parseVenue("PNAS'17")).toEqual({ name: 'PNAS', year: 2017 })
    expect(parseVenue('ICLR’23')).toEqual({ name: 'ICLR', year: 2023 })
  })

  it('maps years 70–99 to the 1900s', () => {
    expect(parseVenue("ACL'98")).toEqual({ name: 'ACL', year: 1998 })
  })

  it('rejects text that is not a venue', () => {
    expect(parseVenue("Rock'n'Roll")).toBeNull()
    expect(parseVenue('Nvidia')).toBeNull()
    expect(parseVenue("'25")).toBeNull()
  })
})

describe('isCitationLine', () => {
  it('accepts full title lines and rejects prose', () => {
    expect(
      isCitationLine(
        "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
      ),
    ).toBe(true)
    expect(isCitationLine("Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25")).toBe(
      true,
    )
    expect(isCitationLine('PFN LLMセミナー, PFN, 2025.10')).toBe(true)
    expect(isCitationLine('This is interesting, and worth reading.')).toBe(false)
    expect(isCitationLine('Rehearsal Tricks, Ada Lovelace+')).toBe(false)
    expect(isCitationLine('I tried it twice, 2025.10')).toBe(false)
  })
})
