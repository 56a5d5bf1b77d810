#!/usr/bin/env node
/**
 * `npm run bench`: paper-notes at collection scale, measured against baselines run in the same
 * process (ratios, not absolute budgets, so the numbers mean the same on any machine).
 *
 *   node bench/run.mjs [--notes 6000] [--big 60000] [--runs 3] [--skip-big]
 *
 * Writes `bench/results.json` and prints a table. Uses the built packages (run `npm run build`
 * first; `npm run bench` does).
 *
 * Between CLI runs, old outputs and inputs are moved aside into the work folder, not deleted;
 * the whole work folder is deleted once at the end. On a file system like this machine's
 * (ext4 without a journal), creating files within seconds of deleting thousands is slow: the
 * kernel passes over every "recently deleted" inode for each new one (about 0.6 ms a file
 * here, 5 s for one build's 9,000 files). A user's build does not follow a mass delete by
 * a second, so the bench does not either.
 */
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createCollection } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { htmlRenderer } from '@paper-notes/render-html'
import { jsonRenderer } from '@paper-notes/render-json'
import { rssRenderer } from '@paper-notes/render-rss'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { generateNotes, totalBytes } from './generate-notes.mjs'
import { referenceSpeedup } from './parallel-reference.mjs'
import { createUnifiedProcessor } from './unified-baseline.mjs'

/** Thrown to leave the CLI measurements out when the CLI cannot run them. */
class SkipCli extends Error {}

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const cliBin = join(root, 'packages/cli/dist/bin.js')

const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: '6000' },
    big: { type: 'string', default: '60000' },
    runs: { type: 'string', default: '3' },
    'skip-big': { type: 'boolean', default: false },
  },
})
const noteCount = Number(values.notes)
const runs = Math.max(1, Number(values.runs))
const baseUrl = 'https://notes.example.org/'

/** Best of `runs` timings, in seconds (the least disturbed run). */
function best(fn) {
  let min = Number.POSITIVE_INFINITY
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    fn()
    min = Math.min(min, performance.now() - start)
  }
  return min / 1000
}

async function bestAsync(fn) {
  let min = Number.POSITIVE_INFINITY
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    min = Math.min(min, performance.now() - start)
  }
  return min / 1000
}

const results = { notes: noteCount }
// Other work on the machine slows the CLI runs most (they are wall times of child processes):
// the load averages at the start and the end say how quiet the machine was.
results.loadAverageAtStart = loadavg()[0]
results.cpus = availableParallelism()
const rows = []
const row = (name, seconds, baselineName, baselineSeconds, budget) => {
  const ratio = seconds / baselineSeconds
  rows.push({ name, seconds, baselineName, baselineSeconds, ratio, budget })
  return ratio
}

console.log(`generating ${noteCount} notes…`)
const files = generateNotes(noteCount)
const bytes = totalBytes(files)
console.log(
  `${(bytes / 1e6).toFixed(1)} MB of note markdown (${Math.round(bytes / noteCount)} B a note)`,
)

// Warm up the JIT on a slice of the input for every pipeline below.
const warm = files.slice(0, 200)
parseNotes(warm)
for (const file of warm)
  fromMarkdown(file.contents, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })

// 1. parseNotes vs fromMarkdown (+GFM) over the same whole texts.
{
  const naive = best(() => {
    for (const file of files) {
      fromMarkdown(file.contents, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
    }
  })
  let parsed
  const ours = best(() => {
    parsed = parseNotes(files)
  })
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error')
  if (parsed.notes.length !== noteCount || errors.length > 0) {
    throw new Error(
      `parseNotes read ${parsed.notes.length}/${noteCount} notes with ${errors.length} errors`,
    )
  }
  results.parseSeconds = ours
  results.fromMarkdownSeconds = naive
  results.parseVsFromMarkdown = row('parseNotes', ours, 'fromMarkdown+GFM', naive, 0.4)
}

// 2. Full build in process (parse, collection, HTML + JSON + RSS) vs unified HTML only.
{
  const processor = createUnifiedProcessor()
  for (const file of warm) processor.processSync(file.contents)
  const naive = best(() => {
    for (const file of files) String(processor.processSync(file.contents))
  })
  const ours = await bestAsync(async () => {
    const { notes } = parseNotes(files)
    const collection = createCollection(notes)
    await htmlRenderer.render(collection, { baseUrl })
    await jsonRenderer.render(collection, { baseUrl })
    await rssRenderer.render(collection, { baseUrl })
  })
  results.buildSeconds = ours
  results.unifiedSeconds = naive
  results.buildVsUnified = row('full build (in process)', ours, 'unified HTML only', naive, 0.5)
}

// What two threads give this machine at all: the unified baseline, which shares nothing, over
// the first notes in one worker thread and then split over two (see parallel-reference.mjs).
// The `--jobs 2` speed-up below is read against it.
{
  const texts = files.slice(0, Math.min(files.length, 1500)).map((file) => file.contents)
  const { oneThread, twoThreads } = await referenceSpeedup(texts, runs)
  results.referenceNotes = texts.length
  results.referenceOneThreadSeconds = oneThread
  results.referenceTwoThreadsSeconds = twoThreads
  results.referenceJobs2Speedup = oneThread / twoThreads
}

// 3–5. The CLI: --jobs, peak memory, rebuild. Measured in child processes.
const work = mkdtempSync(join(tmpdir(), 'paper-notes-bench-'))
let setAside = 0
/** Moves `dir` into the work folder's trash (see the header: deleting now would slow the next build). */
function moveAside(dir) {
  if (!existsSync(dir)) return
  mkdirSync(join(work, 'trash'), { recursive: true })
  renameSync(dir, join(work, 'trash', String(setAside++)))
}

function writeNotes(dir, list) {
  moveAside(dir)
  mkdirSync(join(dir, 'notes'), { recursive: true })
  for (const file of list) writeFileSync(join(dir, file.path), file.contents)
}

/** Runs the CLI once; returns wall seconds and the child's peak RSS in MB. */
function cli(args) {
  const reporter = join(here, 'report-max-rss.cjs')
  const start = performance.now()
  const out = execFileSync(process.execPath, ['--require', reporter, cliBin, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  })
  const seconds = (performance.now() - start) / 1000
  const match = /max-rss-kb=(\d+)/.exec(out)
  return { seconds, rssMB: match ? Number(match[1]) / 1024 : Number.NaN, out }
}

/** Whether the built CLI's `build --help` lists every flag these measurements need. */
function cliSupports(flags) {
  try {
    const help = execFileSync(process.execPath, [cliBin, 'build', '--help'], { encoding: 'utf8' })
    return flags.every((flag) => help.includes(flag))
  } catch {
    return false
  }
}

const cliFlags = ['--jobs', '--no-cache']
const notMeasured = []
if (!cliSupports(cliFlags)) {
  for (const key of ['jobs2Speedup', 'rebuildVsFull', 'peakRssMB6k', 'peakRssMB60k'])
    results[key] = null
  notMeasured.push(
    `the CLI's build command has no ${cliFlags.join(' / ')} yet: jobs, rebuild and memory not measured`,
  )
}
try {
  if (notMeasured.length > 0) throw new SkipCli()
  const input = join(work, 'input')
  const out = join(work, 'site')
  writeNotes(input, files)
  const build = (extra) => cli(['build', input, '--out', out, '--base-url', baseUrl, ...extra])

  const jobsTime = (jobs) => {
    let min = Number.POSITIVE_INFINITY
    for (let i = 0; i < runs; i++) {
      moveAside(out)
      min = Math.min(min, build(['--jobs', String(jobs), '--no-cache']).seconds)
    }
    return min
  }
  const jobs1 = jobsTime(1)
  const jobs2 = jobsTime(2)
  results.jobs1Seconds = jobs1
  results.jobs2Seconds = jobs2
  results.jobs2Speedup = jobs1 / jobs2
  rows.push({
    name: 'CLI build --jobs 2',
    seconds: jobs2,
    baselineName: '--jobs 1',
    baselineSeconds: jobs1,
    ratio: jobs2 / jobs1,
    budget: 1 / 1.6,
  })

  // Rebuild after one changed note vs a full build, both with the cache.
  moveAside(out)
  const full = build([]).seconds
  const changed = join(input, files[Math.floor(noteCount / 2)].path)
  let rebuild = Number.POSITIVE_INFINITY
  for (let i = 0; i < runs; i++) {
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}\nEdited in run ${i}.\n`)
    rebuild = Math.min(rebuild, build([]).seconds)
  }
  results.fullBuildSeconds = full
  results.rebuildSeconds = rebuild
  results.rebuildVsFull = row('rebuild after 1 changed note', rebuild, 'full build', full, 0.1)

  // Peak RSS.
  moveAside(out)
  results.peakRssMB6k = build(['--no-cache']).rssMB
  if (!values['skip-big']) {
    const bigCount = Number(values.big)
    writeNotes(input, generateNotes(bigCount))
    moveAside(out)
    results.bigNotes = bigCount
    try {
      const big = build(['--no-cache'])
      results.peakRssMB60k = big.rssMB
      results.bigBuildSeconds = big.seconds
    } catch (error) {
      // A build that dies (out of memory, say) is a result too: record why, keep the rest.
      const stderr = String(error?.stderr ?? '')
      const reason = /heap out of memory/i.test(stderr)
        ? 'the CLI ran out of memory (the V8 heap limit) before finishing'
        : `the CLI failed: ${stderr.trim().split('\n')[0] || String(error)}`
      results.peakRssMB60k = null
      results.bigBuildError = reason
      notMeasured.push(`peak RSS for ${bigCount} notes: ${reason}`)
    }
  }
} catch (error) {
  if (!(error instanceof SkipCli)) throw error
} finally {
  rmSync(work, { recursive: true, force: true })
}

results.loadAverageAtEnd = loadavg()[0]
writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)

const pad = (text, width) => String(text).padEnd(width)
console.log('')
console.log(
  `${pad('measure', 32)}${pad('seconds', 10)}${pad('baseline', 22)}${pad('seconds', 10)}${pad('ratio', 8)}budget`,
)
for (const r of rows) {
  const ok = r.ratio <= r.budget ? 'ok' : 'OVER'
  console.log(
    `${pad(r.name, 32)}${pad(r.seconds.toFixed(2), 10)}${pad(r.baselineName, 22)}${pad(r.baselineSeconds.toFixed(2), 10)}${pad(r.ratio.toFixed(3), 8)}≤ ${r.budget.toFixed(2)} ${ok}`,
  )
}
if (results.peakRssMB6k) {
  const big = results.peakRssMB60k
    ? `, ${results.peakRssMB60k.toFixed(0)} MB for ${results.bigNotes} notes (budget ≤ 400)`
    : ''
  console.log(`peak RSS: ${results.peakRssMB6k.toFixed(0)} MB for ${noteCount} notes${big}`)
}
if (results.jobs2Speedup)
  console.log(`jobs2Speedup: ${results.jobs2Speedup.toFixed(2)} (budget ≥ 1.6)`)
console.log(
  `reference: the unified baseline over ${results.referenceNotes} notes, 2 worker threads vs 1: ${results.referenceJobs2Speedup.toFixed(2)}× (${results.referenceTwoThreadsSeconds.toFixed(2)} s vs ${results.referenceOneThreadSeconds.toFixed(2)} s), what 2 threads give work that shares nothing here`,
)
for (const reason of notMeasured) console.log(`not measured: ${reason}`)
console.log(
  `machine: ${results.cpus} CPUs, 1-minute load average ${results.loadAverageAtStart.toFixed(1)} at the start, ${results.loadAverageAtEnd.toFixed(1)} at the end`,
)
console.log('written to bench/results.json')
