/**
 * Conformance: every title line of the real exports in `/work/shared/corpus` parses, and the
 * fields of the lines below (expected values written by hand from reading each line) come out
 * right. The corpus is read at run time, never copied; without it the suite is skipped (and
 * fails under CI=true).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { corpusDir as corpus, hasCorpus } from '../../../test-support/corpus.ts'
import { parseTitleLine, type TitleLineParts } from '../src/title-line.js'

const available = hasCorpus

function xmlTitles(): string[] {
  const titles: string[] = []
  for (const name of readdirSync(join(corpus, 'xml'))
    .filter((n) => n.endsWith('.xml'))
    .sort()) {
    const text = readFileSync(join(corpus, 'xml', name), 'utf8')
    for (const match of text.matchAll(/<title>([\s\S]*?)<\/title>/g)) titles.push(match[1]!)
  }
  return titles
}

/** Layout-B title lines: after `Issue Date: YYYY-MM-DD `, up to ` GPT Summary-`, ` Comment`, ` #` or the line end. */
function textTitles(): string[] {
  const titles: string[] = []
  for (const name of readdirSync(join(corpus, 'text'))
    .filter((n) => n.startsWith('001_'))
    .sort()) {
    const text = readFileSync(join(corpus, 'text', name), 'utf8')
    for (const line of text.split('\n')) {
      for (const match of line.matchAll(
        /Issue Date: \d{4}-\d{2}-\d{2} (.*?)(?= GPT Summary-| Comment$| #|$)/g,
      )) {
        titles.push(match[1]!)
      }
    }
  }
  return titles
}

type Expected = Omit<TitleLineParts, 'diagnostics'>

const paper = (
  title: string,
  author: string,
  venue: Expected['venue'],
  published: Expected['published'] = null,
): Expected => ({ kind: 'paper', title, authors: [author], etAl: true, venue, published })

const article = (
  title: string,
  authors: string[],
  published: Expected['published'],
  extra: Partial<Expected> = {},
): Expected => ({ kind: 'article', title, authors, etAl: false, venue: null, published, ...extra })

/** Lines of the corpus and what they mean, read by hand. */
const expectations: [string, Expected][] = [
  [
    "[Paper Note] General-Reasoner: Advancing LLM Reasoning Across All Domains, Xueguang Ma+, arXiv'25, 2025.05",
    paper(
      'General-Reasoner: Advancing LLM Reasoning Across All Domains',
      'Xueguang Ma',
      { name: 'arXiv', year: 2025 },
      { year: 2025, month: 5 },
    ),
  ],
  [
    "[Paper Note] Angles Don't Lie: Unlocking Training-Efficient RL Through the Model's Own Signals, Qinsi Wang+, NeurIPS'25 Spotlight, 2025.06",
    paper(
      "Angles Don't Lie: Unlocking Training-Efficient RL Through the Model's Own Signals",
      'Qinsi Wang',
      { name: 'NeurIPS', year: 2025, qualifier: 'Spotlight' },
      { year: 2025, month: 6 },
    ),
  ],
  [
    "[Paper Note] BREAD: Branched Rollouts from Expert Anchors Bridge SFT & RL for Reasoning, Xuechen Zhang+, NeurIPS'25",
    paper(
      'BREAD: Branched Rollouts from Expert Anchors Bridge SFT & RL for Reasoning',
      'Xuechen Zhang',
      { name: 'NeurIPS', year: 2025 },
    ),
  ],
  [
    "KTO: Model Alignment as Prospect Theoretic Optimization, Kawin Ethayarajh+, N_A, ICML'24",
    paper('KTO: Model Alignment as Prospect Theoretic Optimization', 'Kawin Ethayarajh', {
      name: 'ICML',
      year: 2024,
    }),
  ],
  [
    "[Paper Note] An Empirical Study of Catastrophic Forgetting in Large Language Models During Continual Fine-tuning, Yun Luo+, IEEE Transactions on Audio, Speech and Language Processing'25, 2023.08",
    paper(
      'An Empirical Study of Catastrophic Forgetting in Large Language Models During Continual Fine-tuning',
      'Yun Luo',
      { name: 'IEEE Transactions on Audio, Speech and Language Processing', year: 2025 },
      { year: 2023, month: 8 },
    ),
  ],
  [
    'Tinker is a training API for {developers, builders, researchers}, THINKING MACHINES, 2025.10',
    article(
      'Tinker is a training API for {developers, builders, researchers}',
      ['THINKING MACHINES'],
      { year: 2025, month: 10 },
    ),
  ],
  [
    'Why GPT-5 used less training compute than GPT-4.5 (but GPT-6 probably won’t), EPOCH AI, 2025.09',
    article(
      'Why GPT-5 used less training compute than GPT-4.5 (but GPT-6 probably won’t)',
      ['EPOCH AI'],
      { year: 2025, month: 9 },
    ),
  ],
  [
    'Practical Tips for Finetuning LLMs Using LoRA (Low-Rank Adaptation), SEBASTIAN RASCHKA, PHD, 2023.11',
    article(
      'Practical Tips for Finetuning LLMs Using LoRA (Low-Rank Adaptation)',
      ['SEBASTIAN RASCHKA, PHD'],
      { year: 2023, month: 11 },
    ),
  ],
  [
    'Stanford Alpaca: An Instruction-following LLaMA Model, Taori +, 2023.03',
    article(
      'Stanford Alpaca: An Instruction-following LLaMA Model',
      ['Taori'],
      { year: 2023, month: 3 },
      { etAl: true },
    ),
  ],
  [
    'POLARIS: A Post-Training Recipe for Scaling Reinforcement Learning on Advanced Reasoning Models,',
    article(
      'POLARIS: A Post-Training Recipe for Scaling Reinforcement Learning on Advanced Reasoning Models',
      [],
      null,
    ),
  ],
  ['SmolLM2, 2024.11', article('SmolLM2', [], { year: 2024, month: 11 })],
  ['LLaMA2を3行で訓練', article('LLaMA2を3行で訓練', [], null)],
  [
    '[Paper Note] Alpamayo-R1: Bridging Reasoning and Action Prediction for Generalizable Autonomous Driving in the Long Tail, Pavone+, Nvidia, 2025.10',
    paper(
      'Alpamayo-R1: Bridging Reasoning and Action Prediction for Generalizable Autonomous Driving in the Long Tail',
      'Pavone',
      { name: 'Nvidia' },
      { year: 2025, month: 10 },
    ),
  ],
  [
    "Overcoming catastrophic forgetting in neural networks, James Kirkpatrick+, N_A, PNAS'17",
    paper('Overcoming catastrophic forgetting in neural networks', 'James Kirkpatrick', {
      name: 'PNAS',
      year: 2017,
    }),
  ],
  [
    "[Paper Note] Sequence-to-Sequence Learning as Beam-Search Optimization, Sam Wiseman+, EMNLP'16, 2016.06",
    paper(
      'Sequence-to-Sequence Learning as Beam-Search Optimization',
      'Sam Wiseman',
      { name: 'EMNLP', year: 2016 },
      { year: 2016, month: 6 },
    ),
  ],
  [
    "[Paper Note] Leveraging High-Resource English Corpora for Cross-lingual Domain Adaptation in Low-Resource Japanese Medicine via Continued Pretraining, Kobayashi+, EMNLP'25 Findings",
    paper(
      'Leveraging High-Resource English Corpora for Cross-lingual Domain Adaptation in Low-Resource Japanese Medicine via Continued Pretraining',
      'Kobayashi',
      { name: 'EMNLP', year: 2025, qualifier: 'Findings' },
    ),
  ],
  [
    "PLaMo Translate: 翻訳特化大規模言語モデルの開発,今城+, Jxiv'25, 2025.08",
    paper(
      'PLaMo Translate: 翻訳特化大規模言語モデルの開発',
      '今城',
      { name: 'Jxiv', year: 2025 },
      { year: 2025, month: 8 },
    ),
  ],
  [
    "日本語TrustfulQAの構築, 中村+, NLP'24",
    paper('日本語TrustfulQAの構築', '中村', { name: 'NLP', year: 2024 }),
  ],
  [
    "自己検証LLMによる日本司法試験短答式試験合格, Shin Andrew, NLP'26",
    {
      kind: 'paper',
      title: '自己検証LLMによる日本司法試験短答式試験合格',
      authors: ['Shin Andrew'],
      etAl: false,
      venue: { name: 'NLP', year: 2026 },
      published: null,
    },
  ],
  [
    "[Paper Note] ScholarCopilot: Training Large Language Models for Academic Writing with   Accurate Citations, Yubo Wang+, COLM'25",
    paper(
      'ScholarCopilot: Training Large Language Models for Academic Writing with   Accurate Citations',
      'Yubo Wang',
      { name: 'COLM', year: 2025 },
    ),
  ],
  [
    "[Paper Note] Iterative Reasoning Preference Optimization, Richard Yuanzhe Pang+, NeurIPS'24",
    paper('Iterative Reasoning Preference Optimization', 'Richard Yuanzhe Pang', {
      name: 'NeurIPS',
      year: 2024,
    }),
  ],
  [
    "LoRA: Low-Rank Adaptation of Large Language Models, Edward J. Hu+, ICLR'22",
    paper('LoRA: Low-Rank Adaptation of Large Language Models', 'Edward J. Hu', {
      name: 'ICLR',
      year: 2022,
    }),
  ],
  [
    "SFT Memorizes, RL Generalizes: A Comparative Study of Foundation Model Post-training, Tianzhe Chu+, ICML'25",
    paper(
      'SFT Memorizes, RL Generalizes: A Comparative Study of Foundation Model Post-training',
      'Tianzhe Chu',
      { name: 'ICML', year: 2025 },
    ),
  ],
  [
    "[Paper Note] GLM-4.1V-Thinking: Towards Versatile Multimodal Reasoning with Scalable Reinforcement Learning, GLM-V Team+, arXiv'25",
    paper(
      'GLM-4.1V-Thinking: Towards Versatile Multimodal Reasoning with Scalable Reinforcement Learning',
      'GLM-V Team',
      { name: 'arXiv', year: 2025 },
    ),
  ],
  [
    'ICLR 2026 Acceptance Prediction: Benchmarking Decision Process with A Multi-Agent System, Zhang+, 2026.01',
    article(
      'ICLR 2026 Acceptance Prediction: Benchmarking Decision Process with A Multi-Agent System',
      ['Zhang'],
      { year: 2026, month: 1 },
      { etAl: true },
    ),
  ],
  [
    'Introducing Prism, OpenAI, 2026.01',
    article('Introducing Prism', ['OpenAI'], { year: 2026, month: 1 }),
  ],
  ['slime, THUDM & Zhihu, 2025.09', article('slime', ['THUDM & Zhihu'], { year: 2025, month: 9 })],
  [
    'LoRAの進化:基礎から最新のLoRA-Proまで , 松尾研究所テックブログ, 2025.09',
    article('LoRAの進化:基礎から最新のLoRA-Proまで', ['松尾研究所テックブログ'], {
      year: 2025,
      month: 9,
    }),
  ],
  [
    '完全にオープンな約1,720億パラメータ（GPT-3級）の大規模言語モデル 「llm-jp-3-172b-instruct3」を一般公開 ～GPT-3.5を超える性能を達成～ , NII, 2024.12',
    article(
      '完全にオープンな約1,720億パラメータ（GPT-3級）の大規模言語モデル 「llm-jp-3-172b-instruct3」を一般公開 ～GPT-3.5を超える性能を達成～',
      ['NII'],
      { year: 2024, month: 12 },
    ),
  ],
  [
    '大規模言語モデルの次期バージョン PLaMo 3 シリーズにおける8B, 31Bの小規模モデルによる事前学習の検証, PFN, 2025.11',
    article(
      '大規模言語モデルの次期バージョン PLaMo 3 シリーズにおける8B, 31Bの小規模モデルによる事前学習の検証',
      ['PFN'],
      { year: 2025, month: 11 },
    ),
  ],
  [
    'Swallowにおける  日英推論型大規模言語モデルの構築, 水木栄, 第26回LLM勉強会, 2026.02',
    article(
      'Swallowにおける  日英推論型大規模言語モデルの構築',
      ['水木栄'],
      { year: 2026, month: 2 },
      { venue: { name: '第26回LLM勉強会' } },
    ),
  ],
  [
    'NIIにおける大規模言語モデル構築事業の現在地,  Yusuke Oda, 人工知能学会合同研究会 招待講演資料, 2025.12.01',
    article(
      'NIIにおける大規模言語モデル構築事業の現在地',
      ['Yusuke Oda'],
      { year: 2025, month: 12 },
      { venue: { name: '人工知能学会合同研究会 招待講演資料' } },
    ),
  ],
  [
    'LLM-jp-3 and beyond: Training Large Language Models, Yusuke Oda, NII LLMC, 2025.10',
    article(
      'LLM-jp-3 and beyond: Training Large Language Models',
      ['Yusuke Oda'],
      { year: 2025, month: 10 },
      { venue: { name: 'NII LLMC' } },
    ),
  ],
  [
    '国語記述問題自動採点システムの開発と評価, Yutaka Ishii+, 日本教育工学会, 2024.05',
    article(
      '国語記述問題自動採点システムの開発と評価',
      ['Yutaka Ishii'],
      { year: 2024, month: 5 },
      { etAl: true, venue: { name: '日本教育工学会' } },
    ),
  ],
  [
    'Swallow LLM Leaderboard, Swallow LLM Team',
    article('Swallow LLM Leaderboard', ['Swallow LLM Team'], null),
  ],
  ['Gemma-2-Baku, 2024.10', article('Gemma-2-Baku', [], { year: 2024, month: 10 })],
  ['TokyoTechLLM', article('TokyoTechLLM', [], null)],
  [
    '【黒橋研】BERT日本語Pretrainedモデル',
    article('【黒橋研】BERT日本語Pretrainedモデル', [], null),
  ],
  [
    'Datasets: hpprc_honyaku, hpprc, 2024.11',
    article('Datasets: hpprc_honyaku', ['hpprc'], { year: 2024, month: 11 }),
  ],
  [
    'Webスケールの日本語-画像のインターリーブデータセット「MOMIJI」の構築 _巨大テキストデータをAWSで高速に処理するパイプライン, Turing （studio_graph）, 2025.05',
    article(
      'Webスケールの日本語-画像のインターリーブデータセット「MOMIJI」の構築 _巨大テキストデータをAWSで高速に処理するパイプライン',
      ['Turing （studio_graph）'],
      { year: 2025, month: 5 },
    ),
  ],
]

describe.skipIf(!available)('title-line conformance with the corpus', () => {
  const all = available ? [...xmlTitles(), ...textTitles()] : []

  it('finds the title lines of every export', () => {
    expect(xmlTitles()).toHaveLength(118)
    // 92 entries in the layout-B file; a few lines hold two entries.
    expect(textTitles()).toHaveLength(92)
  })

  it('parses every title line without throwing, with a title and no errors', () => {
    for (const line of all) {
      const parts = parseTitleLine(line)
      expect(parts.title, line).not.toBe('')
      expect(
        parts.diagnostics.filter((d) => d.severity !== 'info'),
        line,
      ).toEqual([])
      expect(
        parts.authors.every((author) => author.trim() === author && author !== ''),
        line,
      ).toBe(true)
    }
  })

  it.each(expectations)('%s', (line, expected) => {
    expect(all, 'the line is in the corpus').toContain(line)
    const { diagnostics: _diagnostics, ...parts } = parseTitleLine(line)
    expect(parts).toEqual(expected)
  })

  it('checks at least 30 lines by hand', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(30)
  })
})
