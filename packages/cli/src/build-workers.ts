/**
 * The worker threads of `paper-notes build --jobs N`: N - 1 threads besides the main one. Each
 * runs `build-worker.js` (a tsup entry of its own, so it exists only in the built `dist/`),
 * parses batches of input files and then renders the tasks it takes from the build's shared
 * queue (see `task-queue.ts`). Requests and replies are plain structured-cloneable objects;
 * every worker handles one request at a time.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Note } from '@paper-notes/core'
import type { ManifestEntry, ParsedFile } from './build-cache.js'
import { parseSource, type SourceParseOptions } from './parse-source.js'
import type { ShareResult } from './render-share.js'
import type { PlanRenderersOptions } from './renderers.js'
import type { QueueEnd } from './task-queue.js'

/** What the main thread asks a worker to do. */
export type WorkerRequest =
  | {
      kind: 'parse'
      files: { path: string; contents: string }[]
      options: SourceParseOptions
    }
  | {
      kind: 'render'
      notes: Note[]
      renderers: Omit<PlanRenderersOptions, 'warn'>
      stagingDir: string
      previous?: { outDir: string; files: [string, ManifestEntry][] }
      /** The build's task queue (see `task-queue.ts`) and the end this worker takes from. */
      queue: SharedArrayBuffer
      end: QueueEnd
      /** The main thread's `taskListKeys`: the worker's plan must be the same. */
      taskListKeys: [string, string][]
      /** Whether files get cache fingerprints (`planTasks`' option); `true` when left out. */
      fingerprints?: boolean
    }

/** What a worker answers. `progress` may come any number of times before the answer. */
export type WorkerReply =
  | { kind: 'parsed'; results: ParsedFile[] }
  | { kind: 'rendered'; result: ShareResult }
  | { kind: 'progress'; count: number }
  | { kind: 'failed'; error: { name: string; message: string; code?: string; paths?: string[] } }

/** A failure a worker reported, rebuilt in the main thread (keeps `OutputError` codes). */
export class WorkerFailure extends Error {
  /** The original error's `code` (an `OutputError` code, say), when it had one. */
  readonly code: string | undefined
  /** The original error's name. */
  readonly originalName: string
  /** Paths named by an `OutputError`. */
  readonly paths: readonly string[]

  constructor(error: { name: string; message: string; code?: string; paths?: string[] }) {
    super(error.message)
    this.name = 'WorkerFailure'
    this.originalName = error.name
    this.code = error.code
    this.paths = error.paths ?? []
  }
}

/**
 * The built worker script beside this module, or `undefined` when there is none: when the CLI
 * runs from its TypeScript source (tests) or from the CommonJS bundle, builds stay in one thread.
 */
export function workerScript(): URL | undefined {
  const base: unknown = import.meta.url
  if (typeof base !== 'string' || !base.endsWith('.js')) return undefined
  const url = new URL('./build-worker.js', base)
  return existsSync(fileURLToPath(url)) ? url : undefined
}

/** A set of started build workers. */
export interface BuildWorkers {
  /** How many threads. */
  readonly size: number
  /**
   * Parses `files` in batches on whichever thread is free, this one included; results come
   * back in input order. `onParsed` is told how many files and notes each finished batch held.
   */
  parse(
    files: readonly { path: string; contents: string }[],
    options: SourceParseOptions,
    onParsed: (files: number, notes: number) => void,
  ): Promise<ParsedFile[]>
  /** Asks worker `index` (from 0) to render the tasks it takes from the request's queue. */
  render(
    index: number,
    request: Omit<Extract<WorkerRequest, { kind: 'render' }>, 'kind'>,
    onProgress: (count: number) => void,
  ): Promise<ShareResult>
  /** Stops every worker. */
  close(): Promise<void>
}

interface Slot {
  worker: Worker
  failed?: Error
}

function call(
  slot: Slot,
  request: WorkerRequest,
  onProgress: (count: number) => void,
): Promise<WorkerReply> {
  if (slot.failed) return Promise.reject(slot.failed)
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      if (reply.kind === 'progress') {
        onProgress(reply.count)
        return
      }
      cleanup()
      if (reply.kind === 'failed') reject(new WorkerFailure(reply.error))
      else resolve(reply)
    }
    const onError = (error: Error) => {
      cleanup()
      slot.failed = error
      reject(error)
    }
    const onExit = (code: number) => {
      onError(new Error(`a build worker stopped unexpectedly (exit code ${code})`))
    }
    const cleanup = () => {
      slot.worker.off('message', onMessage)
      slot.worker.off('error', onError)
      slot.worker.off('exit', onExit)
    }
    slot.worker.on('message', onMessage)
    slot.worker.on('error', onError)
    slot.worker.on('exit', onExit)
    slot.worker.postMessage(request)
  })
}

/** Files per parse request: small enough to balance the threads, large enough to be cheap. */
const parseBatchSize = 48

/** Lets the event loop take worker messages between two batches this thread parses. */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Starts `count` worker threads running `script` (see {@link workerScript}): for
 * `--jobs N`, N - 1 of them, the main thread being the N-th.
 *
 * @example
 * const script = workerScript()
 * const workers = script && startBuildWorkers(1, script)
 */
export function startBuildWorkers(count: number, script: URL): BuildWorkers {
  const slots: Slot[] = Array.from({ length: count }, () => ({ worker: new Worker(script) }))
  return {
    size: count,
    async parse(files, options, onParsed) {
      const results: ParsedFile[] = new Array(files.length)
      let next = 0
      const take = () => {
        const start = next
        const batch = files.slice(start, start + parseBatchSize)
        next += batch.length
        return { start, batch }
      }
      const done = (start: number, batch: readonly unknown[], parsed: ParsedFile[]) => {
        let notes = 0
        parsed.forEach((result, offset) => {
          results[start + offset] = result
          notes += result.notes.length
        })
        onParsed(batch.length, notes)
      }
      const runSlot = async (slot: Slot) => {
        while (next < files.length) {
          const { start, batch } = take()
          const reply = await call(
            slot,
            {
              kind: 'parse',
              files: batch.map((file) => ({ path: file.path, contents: file.contents })),
              options,
            },
            () => {},
          )
          if (reply.kind !== 'parsed') throw new Error(`unexpected worker reply ${reply.kind}`)
          done(start, batch, reply.results)
        }
      }
      // This thread parses batches too (its results need no copying), yielding between them
      // so that the workers' replies are taken and their next batches sent.
      const runHere = async () => {
        while (next < files.length) {
          const { start, batch } = take()
          done(
            start,
            batch,
            batch.map((file) => parseSource(file, options)),
          )
          await yieldToEvents()
        }
      }
      await Promise.all([...slots.map(runSlot), runHere()])
      return results
    },
    async render(index, request, onProgress) {
      const reply = await call(slots[index]!, { kind: 'render', ...request }, onProgress)
      if (reply.kind !== 'rendered') throw new Error(`unexpected worker reply ${reply.kind}`)
      return reply.result
    },
    async close() {
      await Promise.all(slots.map((slot) => slot.worker.terminate()))
    },
  }
}
