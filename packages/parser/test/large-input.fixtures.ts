/** Large inputs for the linear-time test and the benchmark: all made-up text. */

/** A note whose one comment is about `bytes` long (mixed English/Japanese, links, lists). */
export function noteWithLargeComment(bytes: number): string {
  const paragraph = [
    'Rehearsal keeps old skills alive; 忘却を抑えるにはリハーサルが効く。',
    'openreview: https://openreview.net/forum?id=abc123',
    '- item with #12 and `code https://example.com/x`',
    '',
  ].join('\n')
  const comment = paragraph.repeat(Math.ceil(bytes / new TextEncoder().encode(paragraph).length))
  return `---\ntitle: "Large Comment Note, Ada Lovelace+, 2025.01"\ndate: 2025-01-02\n---\n<!-- comment -->\n${comment}`
}

/** A title line of `length` characters: one long title, then a normal citation tail. */
export function longTitleLine(length: number): string {
  const tail = ", Ada Lovelace+, ICLR'25, 2025.02"
  const words = 'Sparse Rehearsal, for (Continual) Tuning {of} 大規模 Models '
  return words.repeat(Math.ceil(length / words.length)).slice(0, length - tail.length) + tail
}

/** A note with `count` distinct tags. */
export function noteWithTags(count: number): string {
  const tags = Array.from({ length: count }, (_, index) => `Tag ${index} (PEFT/LoRA)`)
  return `---\ntitle: "Many Tags, Ada Lovelace+, 2025.01"\ndate: 2025-01-02\ntags: ${JSON.stringify(tags)}\n---\n`
}
