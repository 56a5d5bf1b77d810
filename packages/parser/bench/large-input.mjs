// Prints how long the parser takes on large made-up inputs: a 1 MB comment, a 100,000-character
// title line and 10,000 tags. Run `npx tsup` first, then `node bench/large-input.mjs`.
import { parseNotes, parseTitleLine } from '../dist/index.js'

const encoder = new TextEncoder()

function noteWithLargeComment(bytes) {
  const paragraph = [
    'Rehearsal keeps old skills alive; 忘却を抑えるにはリハーサルが効く。',
    'openreview: https://openreview.net/forum?id=abc123',
    '- item with #12 and `code https://example.com/x`',
    '',
  ].join('\n')
  const comment = paragraph.repeat(Math.ceil(bytes / encoder.encode(paragraph).length))
  return `---\ntitle: "Large Comment Note, Ada Lovelace+, 2025.01"\ndate: 2025-01-02\n---\n<!-- comment -->\n${comment}`
}

function longTitleLine(length) {
  const tail = ", Ada Lovelace+, ICLR'25, 2025.02"
  const words = 'Sparse Rehearsal, for (Continual) Tuning {of} 大規模 Models '
  return words.repeat(Math.ceil(length / words.length)).slice(0, length - tail.length) + tail
}

function noteWithTags(count) {
  const tags = Array.from({ length: count }, (_, index) => `Tag ${index} (PEFT/LoRA)`)
  return `---\ntitle: "Many Tags, Ada Lovelace+, 2025.01"\ndate: 2025-01-02\ntags: ${JSON.stringify(tags)}\n---\n`
}

function time(label, run) {
  const start = performance.now()
  const result = run()
  console.log(`${label.padEnd(40)} ${(performance.now() - start).toFixed(0).padStart(6)} ms`)
  return result
}

for (const size of [250_000, 500_000, 1_000_000]) {
  const text = noteWithLargeComment(size)
  time(`comment of ${size.toLocaleString('en')} bytes`, () =>
    parseNotes(text, { file: 'large.md' }),
  )
}
for (const length of [10_000, 100_000]) {
  const line = longTitleLine(length)
  time(`title line of ${length.toLocaleString('en')} chars`, () => parseTitleLine(line))
}
for (const count of [1_000, 10_000]) {
  const text = noteWithTags(count)
  time(`${count.toLocaleString('en')} tags`, () => parseNotes(text, { file: 'tags.md' }))
}
