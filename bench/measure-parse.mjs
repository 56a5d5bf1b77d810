#!/usr/bin/env node
/**
 * parseNotes CPU time against fromMarkdown (+GFM) over the same whole texts, for speed work on
 * the parser (issue #8, budget ≤ 0.4; target ≤ 0.37).
 *
 *   node bench/measure-parse.mjs [--notes 2000] [--rounds 5]
 *
 * Generates `--notes` notes (`generate-notes.mjs`), warms up both pipelines, then interleaves
 * `--rounds` rounds of {fromMarkdown+GFM over every text (as `bench/run.mjs` does), parseNotes}
 * and prints the best CPU seconds (`process.cpuUsage()`, user + system) of each and their ratio.
 * CPU time, not wall time: other work on a shared machine disturbs wall times most.
 * Uses the BUILT packages: run `npx tsup` in packages/core and packages/parser after changes.
 *
 *   node --expose-gc bench/measure-parse.mjs --heap [--notes 6000]
 *
 * Instead of CPU time, the heap a parse result keeps per note: heap used after `gc()` with the
 * result kept and the input texts dropped, minus heap used before the input was made; once with
 * the default options and once with `positions: false`.
 */
import { parseArgs } from 'node:util'
import { parseNotes } from '@paper-notes/parser'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { generateNotes } from './generate-notes.mjs'

const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    heap: { type: 'boolean', default: false },
  },
})
const noteCount = Number(values.notes)
const rounds = Math.max(1, Number(values.rounds))

if (values.heap) {
  if (typeof globalThis.gc !== 'function') throw new Error('--heap needs node --expose-gc')
  const heapUsed = () => {
    globalThis.gc()
    globalThis.gc()
    return process.memoryUsage().heapUsed
  }
  /** Heap kept per note by the result of one parse, measured in a fresh heap state. */
  const keptPerNote = (options) => {
    const before = heapUsed()
    let input = generateNotes(noteCount)
    const kept = parseNotes(input, options)
    input = undefined
    const after = heapUsed()
    if (kept.notes.length !== noteCount) throw new Error('not every note was read')
    return (after - before) / noteCount
  }
  parseNotes(generateNotes(50)) // load and compile the code first
  for (const options of [{}, { positions: false }]) {
    const perNote = keptPerNote(options)
    console.log(
      `parseNotes(${JSON.stringify(options)}): ${noteCount} notes keep ${Math.round(perNote)} bytes of heap each`,
    )
  }
  process.exit(0)
}

const files = generateNotes(noteCount)

/** CPU seconds (user + system) that `fn` takes. */
function cpu(fn) {
  const start = process.cpuUsage()
  fn()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

const naive = () => {
  for (const file of files) {
    fromMarkdown(file.contents, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  }
}
let parsed
const ours = () => {
  parsed = parseNotes(files)
}

const warm = files.slice(0, 200)
parseNotes(warm)
for (const file of warm)
  fromMarkdown(file.contents, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })

let bestNaive = Number.POSITIVE_INFINITY
let bestOurs = Number.POSITIVE_INFINITY
for (let round = 0; round < rounds; round++) {
  const a = cpu(naive)
  const b = cpu(ours)
  bestNaive = Math.min(bestNaive, a)
  bestOurs = Math.min(bestOurs, b)
  console.log(
    `round ${round + 1}: fromMarkdown+GFM ${a.toFixed(3)} s, parseNotes ${b.toFixed(3)} s, ratio ${(b / a).toFixed(3)}`,
  )
}
const errors = parsed.diagnostics.filter((d) => d.severity === 'error')
if (parsed.notes.length !== noteCount || errors.length > 0) {
  throw new Error(
    `parseNotes read ${parsed.notes.length}/${noteCount} notes with ${errors.length} errors`,
  )
}
console.log(
  `best: fromMarkdown+GFM ${bestNaive.toFixed(3)} s, parseNotes ${bestOurs.toFixed(3)} s, ratio ${(bestOurs / bestNaive).toFixed(3)} (budget ≤ 0.40, target ≤ 0.37)`,
)
