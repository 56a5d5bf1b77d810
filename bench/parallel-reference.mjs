/**
 * What this machine gives to parallel work of the kind a build does: the unified HTML baseline
 * (`remark-parse`, `remark-gfm`, `remark-rehype`, `rehype-sanitize`, `rehype-stringify`) over the
 * same notes, in one worker thread and then split over two. The work needs nothing shared, so
 * the ratio is the most two threads can give to JavaScript that allocates as much as a build
 * does: V8 collects garbage on helper threads, and a single thread already keeps a second CPU
 * partly busy with them (see the Performance section of the README).
 *
 * Run as a module (`referenceSpeedup`) by `bench/run.mjs`; run as a worker by itself.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

if (!isMainThread) {
  const { createUnifiedProcessor } = await import('./unified-baseline.mjs')
  const processor = createUnifiedProcessor()
  const texts = workerData.texts
  // Warm up on a few texts, then wait for the signal so that every thread starts at once.
  for (const text of texts.slice(0, 50)) processor.processSync(text)
  parentPort.postMessage('ready')
  parentPort.once('message', () => {
    let length = 0
    for (const text of texts) length += String(processor.processSync(text)).length
    parentPort.postMessage(length)
  })
}

/** Runs each slice in a worker of its own, all at once; resolves with the wall seconds. */
async function runSlices(slices) {
  const workers = slices.map(
    (texts) => new Worker(new URL(import.meta.url), { workerData: { texts } }),
  )
  const once = (worker) =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
  try {
    await Promise.all(workers.map(once))
    const start = performance.now()
    const done = workers.map(once)
    for (const worker of workers) worker.postMessage('go')
    await Promise.all(done)
    return (performance.now() - start) / 1000
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}

/**
 * The unified baseline over `texts` in one worker thread and split over two, best of `runs`
 * each: `{ oneThread, twoThreads }` in seconds.
 */
export async function referenceSpeedup(texts, runs) {
  const half = Math.ceil(texts.length / 2)
  let oneThread = Number.POSITIVE_INFINITY
  let twoThreads = Number.POSITIVE_INFINITY
  for (let i = 0; i < runs; i++) {
    oneThread = Math.min(oneThread, await runSlices([texts]))
    twoThreads = Math.min(twoThreads, await runSlices([texts.slice(0, half), texts.slice(half)]))
  }
  return { oneThread, twoThreads }
}
