/**
 * A deterministic generator of realistic paper notes in note markdown (NOTE-FORMAT.md §3.1),
 * shaped like the public collection: ~4.8 KB a note, mostly abstract and translation prose,
 * comments about a quarter of the bytes, 3–12 tags from a pool of ~600, Japanese and English
 * text, posts, images, labelled links and related references.
 *
 * The same (count, seed) always gives the same notes, on every machine.
 */

/** mulberry32: a small seeded PRNG with integer arithmetic only. */
function createRandom(seed) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  }
}

const englishWords =
  `model models language large training fine-tuning reasoning reinforcement learning
  policy reward data dataset benchmark evaluation performance accuracy tokens context attention
  transformer layer parameters scaling efficient method approach propose show results improve
  baseline tasks downstream pretraining alignment preference human feedback instruction following
  retrieval augmented generation knowledge forgetting catastrophic continual adaptation low-rank
  adapter sparse mixture experts inference latency memory compute budget distillation teacher
  student synthetic samples curriculum difficulty easy hard verifier chain thought step solution
  mathematical code generation agents tools planning multilingual Japanese translation summary
  robust generalization out-of-distribution analysis empirical theoretical framework objective
  loss gradient optimization stable variance entropy exploration rollouts trajectories`
    .split(/\s+/)
    .filter(Boolean)

const japanesePhrases = [
  '大規模言語モデル',
  'の性能を',
  '向上させる',
  '手法を提案する',
  '本研究では',
  '事前学習済みモデル',
  'ファインチューニング',
  'における',
  '忘却を',
  '軽減する',
  'ことを示した',
  '強化学習',
  'を用いて',
  '推論能力',
  'が大幅に',
  '改善された',
  'データセット',
  'を構築し',
  '評価を行った',
  '実験の結果',
  'ベースライン',
  'と比較して',
  '高い精度',
  'を達成した',
  '一方で',
  '計算コスト',
  'が課題である',
  '報酬モデル',
  'の設計',
  'について',
  '議論する',
  '多言語',
  'での',
  '汎化性能',
  'も確認された',
]

const venues = [
  "ICLR'25",
  "NeurIPS'25",
  "NeurIPS'25 Spotlight",
  "ICML'24",
  "ACL'25",
  'N_A',
  "EMNLP'24",
  "arXiv'25",
  "COLM'25",
  "TACL'24",
]
const labels = ['openreview', 'pj page', 'HF', 'Dataset', 'code', '元ポスト', '解説', 'blog']

function makeTagPool(random) {
  const base = [
    'NLP',
    'LanguageModel',
    'ReinforcementLearning',
    'Catastrophic Forgetting',
    'PostTraining',
    'PEFT(Adaptor/LoRA)',
    'Supervised-FineTuning (SFT)',
    'Selected Papers/Blogs',
    'One-Line Notes',
    'Reasoning',
    'Evaluation',
    'Dataset',
    'Alignment',
    'RLHF',
    'Japanese',
    'Article',
    'ICLR',
    'NeurIPS',
    'ACL',
    'Bias',
    'BeamSearch',
    'AcademicWriting',
    'AutonomousDriving',
    'Citations',
  ]
  const pool = [...base]
  for (let i = pool.length; i < 600; i++) {
    const a = random.pick(englishWords)
    const b = random.pick(englishWords)
    pool.push(
      i % 9 === 0
        ? `${a[0].toUpperCase()}${a.slice(1)} (${b})`
        : `${a[0].toUpperCase()}${a.slice(1)}${b[0].toUpperCase()}${b.slice(1)}-${i}`,
    )
  }
  return pool
}

function sentence(random, words) {
  const out = []
  for (let i = 0; i < words; i++) out.push(random.pick(englishWords))
  const text = out.join(' ')
  return `${text[0].toUpperCase()}${text.slice(1)}.`
}

function englishProse(random, bytes) {
  const parts = []
  let length = 0
  while (length < bytes) {
    const s = sentence(random, random.int(8, 22))
    parts.push(s)
    length += s.length + 1
  }
  return parts.join(' ')
}

function japaneseProse(random, bytes) {
  let text = ''
  // UTF-8: 3 bytes a character.
  while (text.length * 3 < bytes) {
    text += random.pick(japanesePhrases)
    if (random.chance(0.15)) text += '。'
  }
  return `${text}。`
}

function title(random) {
  const words = random.int(4, 10)
  const out = []
  for (let i = 0; i < words; i++) {
    const w = random.pick(englishWords)
    out.push(`${w[0].toUpperCase()}${w.slice(1)}`)
  }
  const name = out.shift().toUpperCase()
  return `${name}: ${out.join(' ')}`
}

function yamlString(text) {
  return JSON.stringify(text)
}

/**
 * Generates `count` notes as `{ path, contents }` files of note markdown.
 *
 * @param {number} count
 * @param {{ seed?: number }} [options]
 * @returns {{ path: string, contents: string }[]}
 */
export function generateNotes(count, options = {}) {
  const random = createRandom(options.seed ?? 20251121)
  const tagPool = makeTagPool(random)
  const titleLines = []
  const files = []
  const firstIssue = 1000
  for (let i = 0; i < count; i++) {
    const issue = firstIssue + i
    const isArticle = random.chance(0.2)
    const workTitle = title(random)
    const year = random.int(2019, 2025)
    const month = String(random.int(1, 12)).padStart(2, '0')
    const author = `${random.pick(['Sunny', 'Ada', 'Kenji', 'Yui', 'Maria', 'Wei', 'Omar'])} ${random.pick(['Sanyal', 'Lovelace', 'Tanaka', 'Sato', 'Garcia', 'Zhang', 'Haddad'])}`
    const titleLine = isArticle
      ? `${workTitle}, ${random.pick(['THINKING MACHINES', 'EPOCH AI', 'SEBASTIAN RASCHKA, PHD'])}, ${year}.${month}`
      : `[Paper Note] ${workTitle}, ${author}+, ${random.pick(venues)}, ${year}.${month}`
    titleLines.push(titleLine)
    const day = new Date(
      Date.UTC(2023, 0, 1) + Math.floor((i * 1000 * 86400000) / Math.max(count, 1)),
    )
    const date = day.toISOString().slice(0, 10)
    const tags = new Set()
    const tagCount = random.int(3, 12)
    while (tags.size < tagCount) {
      // Skewed: a few tags are very common, most are rare.
      const index = Math.floor(random.next() ** 3 * tagPool.length)
      tags.add(tagPool[index])
    }
    if (isArticle) tags.add('Article')

    const lines = [
      '---',
      `title: ${yamlString(titleLine)}`,
      `date: ${date}`,
      `tags: [${[...tags].map(yamlString).join(', ')}]`,
      `issue: https://github.com/example/paper_notes/issues/${issue}`,
      '---',
      '# URL',
      `- https://arxiv.org/abs/${year - 2000}${month}.${String(10000 + ((i * 7919) % 89999)).slice(0, 5)}`,
    ]
    if (!isArticle) {
      lines.push('# Authors', `- ${author}`)
      for (let a = random.int(1, 6); a > 0; a--)
        lines.push(
          `- ${random.pick(['Hayden', 'Lin', 'Emi', 'Jon'])} ${random.pick(['Prairie', 'Chen', 'Suzuki', 'Smith'])}`,
        )
      lines.push('# Abstract', `- ${englishProse(random, random.int(1250, 1950))}`)
      lines.push(
        '# Translation (by gpt-4o-mini)',
        `- ${japaneseProse(random, random.int(1250, 1950))}`,
      )
      lines.push('# Summary (by gpt-4o-mini)', `- ${japaneseProse(random, random.int(250, 450))}`)
    }
    lines.push('')
    // Comments: about a quarter of the bytes.
    for (let c = random.int(1, 4); c > 0; c--) {
      lines.push(
        random.chance(0.3)
          ? `<!-- comment author="someone" date="${date}" -->`
          : '<!-- comment -->',
      )
      if (random.chance(0.5))
        lines.push(
          `元ポスト:`,
          '',
          `https://x.com/user${i % 97}/status/${1800000000000000000n + BigInt(i * 31 + c)}`,
          '',
        )
      if (random.chance(0.4))
        lines.push(
          `${random.pick(labels)}: https://example.org/${random.pick(englishWords)}/${i}-${c}`,
          '',
        )
      if (random.chance(0.25))
        lines.push(
          `<img width="600" alt="image" src="https://github.com/user-attachments/assets/${i}-${c}.png" />`,
          '',
        )
      if (random.chance(0.6))
        lines.push(
          `${japaneseProse(random, random.int(250, 800))} **${random.pick(englishWords)}** ${sentence(random, random.int(6, 14))}`,
          '',
        )
      if (i > 0 && random.chance(0.3)) {
        lines.push('関連:', `- #${firstIssue + random.int(0, i - 1)}`)
        if (random.chance(0.5)) lines.push(`- ${titleLines[random.int(0, i - 1)]}`)
        lines.push('')
      }
    }
    files.push({ path: `notes/${issue}.md`, contents: `${lines.join('\n')}\n` })
  }
  return files
}

/** Total size in bytes (UTF-8) of generated files. */
export function totalBytes(files) {
  let bytes = 0
  for (const file of files) bytes += Buffer.byteLength(file.contents)
  return bytes
}
