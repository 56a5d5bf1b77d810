/**
 * `parseNotes(input, { positions: false })`: the same notes and diagnostics as by default, only
 * without `position` in comment trees, for every source format.
 */
import { describe, expect, it } from 'vitest'
import { corpusFiles, hasCorpus } from '../../../test-support/corpus.ts'
import { parseNotes } from '../src/index.js'

/** JSON of a parse result with every `position` left out (key order kept). */
const withoutPositions = (value: unknown) =>
  JSON.stringify(value, (key, inner) => (key === 'position' ? undefined : inner))

const note = `---
title: "[Paper Note] Sparse Rehearsal for Continual Instruction Tuning, Mira Okafor+, ICLR'25, 2025.02"
date: 2025-03-04
tags: [NLP, Catastrophic Forgetting]
issue: https://github.com/example/paper-notes/issues/101
---
# URL
- https://arxiv.org/abs/2502.10101

<!-- comment author="akira" date="2025-03-05" -->
openreview: https://openreview.net/forum?id=SpRh101xyz

LoRAでの検証は #102 を参照。 **rehearsal** matters.

<!-- comment -->
関連:
- [Other Paper, Ada Lovelace+, NeurIPS'24](https://github.com/example/paper-notes/issues/102)
`

describe('parseNotes with positions: false', () => {
  it('gives the default result without positions (note markdown)', () => {
    const files = [{ path: 'notes/101.md', contents: note }]
    const full = parseNotes(files)
    const bare = parseNotes(files, { positions: false })
    const json = JSON.stringify(bare)
    expect(json).not.toContain('"position"')
    expect(json).toBe(withoutPositions(full))
    expect(bare.notes[0]?.comments[0]?.tree?.children).toHaveLength(2)
    expect(bare.notes[0]?.comments[1]?.related).toEqual(full.notes[0]?.comments[1]?.related)
  })

  it.skipIf(!hasCorpus)('gives the default result without positions (every corpus export)', () => {
    const files = corpusFiles()
    const full = parseNotes(files)
    const bare = parseNotes(files, { positions: false })
    // Every format is there and has comments with trees.
    const formats = new Set(bare.notes.map((parsed) => parsed.source.format))
    expect([...formats].sort()).toEqual(['github', 'text', 'xml'])
    expect(bare.notes.filter((parsed) => parsed.comments.length > 0).length).toBeGreaterThan(100)
    const json = JSON.stringify(bare)
    expect(json).not.toContain('"position"')
    expect(json).toBe(withoutPositions(full))
  })
})
