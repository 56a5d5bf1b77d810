/** `paper-notes build`: notes → collection → renderers → files in `--out`. */
import { existsSync, rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Note } from '@paper-notes/core'
import {
  knownNoteFingerprint,
  type ManifestEntry,
  manifestPath,
  manifestText,
  type ParsedFile,
  type PreviousCache,
  parseKey,
  readPreviousCache,
  rememberNoteFingerprint,
} from '../build-cache.js'
import {
  type BuildWorkers,
  startBuildWorkers,
  WorkerFailure,
  workerScript,
} from '../build-workers.js'
import { type FileThread, fileThreadScript, startFileThread } from '../file-thread.js'
import { createHeapPacer, type HeapPacer } from '../heap-pacer.js'
import { inputIndexPath, inputIndexText, parseOptionsKey, readInputIndex } from '../input-index.js'
import { type InputSource, releaseSource, retainedInputBytes, sourceSize } from '../inputs.js'
import type { CliIo } from '../io.js'
import { NoteStore } from '../note-store.js'
import {
  DamagedParseCacheError,
  type ParseCache,
  type ParseCacheEntry,
  type ParseCacheSegments,
  readParseCache,
  segmentsToKeep,
  takeParsed,
  writeParseCache,
} from '../parse-cache.js'
import { parseSource } from '../parse-source.js'
import { piecesFileBytes, piecesPath, previousPieceLines } from '../piece-index.js'
import {
  fingerprintCarrier,
  noteOutlineHash,
  outlineDigest,
  type PlanIndexEntry,
  planIndexPath,
  planIndexText,
  rememberNoteOutlineHash,
} from '../plan-index.js'
import { removeReplacedOutput } from '../remove-tree.js'
import {
  countTasks,
  planTasks,
  type RenderTask,
  renderTasks,
  type ShareResult,
  streamTasks,
  taskListKeys,
} from '../render-share.js'
import { type PlannedRenderer, planRenderers } from '../renderers.js'
import { createRunContext } from '../run-context.js'
import { claimTask, closeTaskQueue, createTaskQueue } from '../task-queue.js'
import { UsageError } from '../usage-error.js'
import {
  checkOutputPaths,
  OutputError,
  type OutputStaging,
  openOutputStaging,
  outputMarkerFile,
  writeStagedFile,
} from '../write-output.js'
import { type OutputRunOptions, startOutputRun } from './output-run.js'

/** Options of `paper-notes build`. */
export interface BuildOptions extends OutputRunOptions {
  /** `--renderers`: comma-separated names or module paths; all built-ins when left out. */
  renderers?: string
  /** `--base-url`. */
  baseUrl?: string
  /** `--title`. */
  title?: string
  /** `--jobs`: threads to parse and render in (a positive integer; see {@link defaultJobs}). */
  jobs?: string | number
  /** `--no-cache` sets this to `false`: the build cache is neither read nor written. */
  cache?: boolean
  /**
   * `--low-memory`: keep the notes' prose and comments in a temporary file while building,
   * reading them back when a file is rendered, and let go of each input's text once parsed.
   * Memory then grows by ~2.2 KB per note (with the collection's indexes) instead of ~13 KB, for
   * a slower build. When left out, it is on when the inputs are larger than
   * {@link lowMemoryInputBytes}.
   */
  lowMemory?: boolean
}

/**
 * Inputs larger than this (about 13,000 notes) are built with `--low-memory` unless it is
 * turned off: that is where a build's memory passes 1 GB.
 */
export const lowMemoryInputBytes = retainedInputBytes

/**
 * What a `--low-memory` build lets each built-in renderer's cache keep (their `cacheBytes`
 * option; 48 MB of cards, 64 MB of note JSON and 64 MB of feed items by default). At 60,000
 * notes the default caches held ~50 MB more live heap while html and json rendered: a card or
 * note JSON kept for one tag page after another is worth less than that when most notes do not
 * fit anyway (measured: peak RSS 652 → 505 MB with the heap pacer's 64 MB).
 */
export const lowMemoryCacheBytes = 12 * 1024 * 1024

/**
 * `--jobs` when not given: 1. Every worker holds the whole collection (memory grows with N) and
 * on a shared machine the threads did not pay for their copies (see the README's numbers), so
 * threads are opt-in; {@link suggestedJobs} is what `--help` suggests.
 */
export function defaultJobs(): number {
  return 1
}

/**
 * The CPUs a build plans for: `PAPER_NOTES_CPUS` in `env` when it is a positive whole number
 * (a container may be allowed fewer CPUs than the machine has), else Node's
 * `availableParallelism()`.
 */
export function buildCpus(env: Readonly<Record<string, string | undefined>>): number {
  const given = env['PAPER_NOTES_CPUS']
  const cpus = given !== undefined && /^\d+$/.test(given) ? Number(given) : 0
  return Number.isSafeInteger(cpus) && cpus > 0 ? cpus : availableParallelism()
}

/**
 * Whether a build in `jobs` threads parses in all of them on `cpus` CPUs: only with a CPU to
 * spare beyond the threads. The notes a worker parses are copied back to the main thread, and
 * with no CPU left for V8's background collection and compilation that copy cost more than the
 * parsing it saved (6,000 notes, `--jobs 2` on 2 CPUs: 3.0 s against 2.4 s for the main
 * thread alone). Rendering is shared between the threads either way.
 */
export function parsesInThreads(jobs: number, cpus: number): boolean {
  return jobs > 1 && cpus > jobs
}

/**
 * A sensible `--jobs` for this machine: the CPUs a build plans for (see {@link buildCpus}:
 * `PAPER_NOTES_CPUS` in `env` when set, else the available parallelism), at most 4.
 */
export function suggestedJobs(
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  return Math.max(1, Math.min(buildCpus(env), 4))
}

/** Reads `--jobs`: a positive integer, else a {@link UsageError}. */
export function parseJobs(value: string | number | undefined): number {
  if (value === undefined) return defaultJobs()
  const text = String(value).trim()
  const jobs = /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(jobs) || jobs < 1) {
    throw new UsageError(
      `--jobs must be a whole number of at least 1, got ${JSON.stringify(String(value))}`,
    )
  }
  return jobs
}

/** Fewer input files to parse than this are parsed in the main thread (threads cost a start). */
const minFilesForWorkers = 64
/** Fewer output files to render than this are rendered in the main thread. */
const minStaleFilesForWorkers = 256

/**
 * Runs `paper-notes build` and returns its exit status: 0 when the output was written, 1 when
 * the build failed (unreadable input, `--strict` with errors, a renderer failure, an unsafe
 * output path). Usage errors throw a `UsageError` (exit status 2).
 *
 * @example
 * const status = await runBuild(['notes/'], { out: 'site', baseUrl: 'https://example.org/', jobs: 2 }, processIo())
 */
export async function runBuild(
  inputs: readonly string[],
  options: BuildOptions,
  io: CliIo,
): Promise<number> {
  const context = createRunContext(io)
  const { err } = context
  const jobs = parseJobs(options.jobs)
  const rendererOptions = {
    ...(options.renderers === undefined ? {} : { list: options.renderers }),
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.title === undefined ? {} : { siteTitle: options.title }),
    cwd: io.cwd,
  }
  const renderers = await planRenderers({
    ...rendererOptions,
    warn: (message) => context.warn(`${err.yellow('warning')} ${message}`),
  })
  const info = (message: string) => {
    if (options.verbose) context.warn(`${err.blue('info')} ${message}`)
  }

  const outDir = resolve(io.cwd, options.out)
  const useCache = options.cache !== false
  let previous: PreviousCache | undefined
  if (useCache && existsSync(join(outDir, outputMarkerFile))) {
    const found = await readPreviousCache(outDir)
    previous = found.cache
    if (found.reason !== undefined) info(found.reason)
  }
  const script = jobs > 1 ? workerScript() : undefined
  if (jobs > 1 && script === undefined) {
    info('the worker script is not built next to the CLI: building in one thread')
  }
  let workers: BuildWorkers | undefined
  const startWorkers = () => {
    workers ??= startBuildWorkers(jobs - 1, script!)
    return workers
  }
  // Without a previous cache every file is parsed and rendered: the workers start now, loading
  // their modules while this thread reads the inputs.
  if (script !== undefined && previous === undefined) startWorkers()
  let store: NoteStore | undefined
  let pacer: HeapPacer | undefined

  try {
    // Trees without positions: what the parse cache holds anyway, and less memory per note.
    const parseOptions = {
      ...(options.format === undefined ? {} : { format: options.format }),
      ...(options.pageTag === undefined ? {} : { pageTag: options.pageTag }),
      positions: false,
    }
    // With a cache, every input file's stat is taken (and recorded in the new cache), and the
    // files the previous build read in the same state are not read again: their parse keys
    // come from its input index.
    const inputOptions = parseOptionsKey(parseOptions)
    const readAt = Date.now()
    const inputIndex =
      previous === undefined ? undefined : readInputIndex(previous.outDir, inputOptions)
    const unchanged = useCache ? (inputIndex?.unchanged ?? (() => false)) : undefined
    let inputKeys: string[] = []
    /** The ids of the notes of the inputs parsed anew (not taken from the parse cache). */
    const changedIds = new Set<string>()
    const parsedFiles: ParseCacheEntry[] = []
    let parseCache: ParseCacheSegments | undefined
    const parse = async (
      sources: readonly InputSource[],
      parsed: (files: number, notes: number) => void,
    ) => {
      const inputBytes = sources.reduce((sum, source) => sum + sourceSize(source), 0)
      if (options.lowMemory ?? inputBytes > lowMemoryInputBytes) {
        const paced = createHeapPacer()
        pacer = paced
        store = new NoteStore(undefined, { afterRead: paced.check })
        info('low memory: note texts kept in a temporary file while building')
      }
      /** The result as this build keeps it: its notes light when they are kept on disk. */
      const keep = (result: ParsedFile): ParsedFile => {
        if (store === undefined) return result
        const notes = result.notes.map((note) => {
          // Worked out while the comments are in memory (see plan-index.ts).
          const outline = useCache ? noteOutlineHash(note) : undefined
          const light = store!.hold(note)
          const fingerprint = knownNoteFingerprint(note)
          if (fingerprint !== undefined) rememberNoteFingerprint(light, fingerprint)
          if (outline !== undefined) rememberNoteOutlineHash(light, outline)
          return light
        })
        return { notes, diagnostics: result.diagnostics }
      }
      const results: ParsedFile[] = new Array(sources.length)
      // The parse keys are for the cache: without one, no input is hashed (a large input that
      // is not held would be read twice) and no parse is kept for it.
      const keys = useCache
        ? sources.map((source) => inputIndex?.parseKey(source) ?? parseKey(source, parseOptions))
        : undefined
      inputKeys = keys ?? []
      const misses: number[] = []
      let hitNotes = 0
      let cached: ParseCache | undefined
      if (previous !== undefined) {
        const found = readParseCache(previous.outDir)
        cached = found.cache
        if (cached !== undefined) parseCache = { outDir: cached.outDir, segments: cached.segments }
        if (found.reason !== undefined) info(found.reason)
      }
      /** Keys whose line the cache has but could not give back: parsed again, not linked. */
      const unusable = new Set<string>()
      for (const index of sources.keys()) {
        const key = keys?.[index]
        const hit = cached === undefined || key === undefined ? undefined : takeParsed(cached, key)
        let kept: ParsedFile | undefined
        try {
          kept = hit === undefined ? undefined : keep(hit)
        } catch (error) {
          // Keeping a note on disk reads its prose: damaged prose makes the input a miss.
          if (!(error instanceof DamagedParseCacheError)) throw error
          info(`parsing ${sources[index]!.path} again: ${error.message}`)
        }
        if (kept === undefined) {
          misses.push(index)
          if (key !== undefined && cached?.lines.has(key)) unusable.add(key)
        } else {
          results[index] = kept
          hitNotes += kept.notes.length
        }
      }
      if (cached !== undefined && unusable.size > 0) {
        // A segment holding a line that could not be used is written again, not linked, so
        // the new cache holds the input's fresh parse.
        const segments = cached.segments.map((segment) =>
          segment.keys.some((key) => unusable.has(key)) ? { ...segment, whole: false } : segment,
        )
        cached = { ...cached, segments }
        parseCache = { outDir: cached.outDir, segments }
      }
      if (misses.length < sources.length) parsed(sources.length - misses.length, hitNotes)
      if (previous !== undefined) {
        info(`${sources.length - misses.length} of ${sources.length} files taken from the cache`)
      }
      if (
        script !== undefined &&
        misses.length >= minFilesForWorkers &&
        parsesInThreads(jobs, buildCpus(io.env))
      ) {
        info(`parsing in ${jobs} threads`)
        const fresh = await startWorkers().parse(
          misses.map((index) => {
            const { path, contents } = sources[index]!
            return { path, contents }
          }),
          parseOptions,
          parsed,
        )
        fresh.forEach((result, offset) => {
          results[misses[offset]!] = keep(result)
        })
      } else {
        for (const index of misses) {
          const result = keep(parseSource(sources[index]!, parseOptions))
          if (store !== undefined) releaseSource(sources[index]!)
          results[index] = result
          parsed(1, result.notes.length)
          pacer?.check()
        }
      }
      // What changed since the previous build (to plan from its plan index); none without one.
      if (previous !== undefined) {
        for (const index of misses) {
          for (const note of results[index]!.notes) changedIds.add(note.id)
        }
      }
      if (keys === undefined) return results
      // Keep the previous lines of the entries the new cache will copy, not link: the others
      // (every one, in a usual rebuild) are let go with the text of the old segments, tens of
      // megabytes the render would otherwise hold.
      const missed = new Set(misses)
      const linked = new Set(
        segmentsToKeep(cached, new Set(keys)).flatMap((segment) => segment.keys),
      )
      for (const [index, key] of keys.entries()) {
        const line = missed.has(index) || linked.has(key) ? undefined : cached?.lines.get(key)
        parsedFiles.push({ key, parsed: results[index]!, ...(line === undefined ? {} : { line }) })
      }
      return results
    }

    // Each phase's wall time and the process's CPU time (every thread) over it: on a busy
    // machine the CPU time is the steadier measure.
    const now = () => {
      const { user, system } = process.cpuUsage()
      return { wall: performance.now(), cpu: (user + system) / 1000 }
    }
    const seconds = (since: { wall: number; cpu: number }) => {
      const { wall, cpu } = now()
      return `${((wall - since.wall) / 1000).toFixed(2)} s (${((cpu - since.cpu) / 1000).toFixed(2)} s CPU)`
    }
    let phase = now()
    const run = await startOutputRun('build', inputs, options, context, {
      parse,
      ...(unchanged === undefined ? {} : { unchanged }),
    })
    info(`read and parsed ${run.read.sources.length} files in ${seconds(phase)}`)
    phase = now()
    const stop = run.precondition()
    if (stop !== undefined) return stop

    let staging: OutputStaging
    // The file thread of a rebuild (see below), kept until the replaced output is deleted.
    let files: FileThread | undefined
    try {
      staging = await openOutputStaging(outDir, {
        cwd: io.cwd,
        force: options.force,
        inputs: run.read.sources.flatMap((source) =>
          source.absolutePath === undefined ? [] : [source.absolutePath],
        ),
      })
    } catch (error) {
      if (error instanceof OutputError) return run.fail(`${error.message} [${error.code}]`)
      throw error
    }

    try {
      const collection = run.read.collection
      // A rebuild takes the fingerprints of files whose notes did not change over from the
      // previous build, for renderers that plan from the outline, when it is the same.
      const outline = useCache ? outlineDigest(run.read.notes) : undefined
      const carry =
        previous === undefined || outline === undefined
          ? undefined
          : fingerprintCarrier(previous, outline, changedIds)
      if (previous !== undefined) {
        info(
          carry === undefined
            ? 'planning every file: no plan index of the same outline'
            : `planning from the previous plan index: ${changedIds.size} note(s) changed`,
        )
      }
      const planOptions = { fingerprints: useCache, carry }
      // With a previous cache, every file's fingerprint is worked out here first, to count the
      // stale ones: a few render faster in this thread than in threads that must start. A
      // build without one renders in threads when it may. A --low-memory build in one thread
      // plans each file as it renders it instead (counted first, for the progress line): the
      // plan of every file is ~1.8 KB a file, and a renderer's plan holds its caches.
      // A --low-memory build keeps the built-in renderers' caches small (the same files).
      const planning =
        pacer === undefined
          ? renderers
          : renderers.map((renderer) => renderer.withCacheBytes?.(lowMemoryCacheBytes) ?? renderer)
      let tasks: RenderTask[] | Iterable<RenderTask>
      let total: number
      let threads: RenderTask[] | undefined
      if (script === undefined && pacer !== undefined) {
        const counted = countTasks(collection, planning)
        tasks = streamTasks(collection, planning, planOptions)
        total = counted.whole ? 0 : counted.files
      } else {
        const planned = planTasks(collection, planning, previous, planOptions)
        tasks = planned.tasks
        total = planned.tasks.some((task) => task.file === undefined) ? 0 : planned.tasks.length
        const { stale } = planned
        if (script !== undefined && (previous === undefined || stale >= minStaleFilesForWorkers)) {
          threads = planned.tasks
        }
      }
      context.progress.start('rendering', total, 'files')
      let shares: ShareResult[]
      if (threads !== undefined) {
        info(`rendering in ${jobs} threads`)
        shares = await renderInThreads(startWorkers(), threads, run.read.notes, {
          renderers: rendererOptions,
          stagingDir: staging.dir,
          previous,
          fingerprints: useCache,
          ...(pacer === undefined ? {} : { pace: pacer.check }),
          onFiles: (count) => {
            context.progress.tick(count)
            pacer?.check()
          },
        })
      } else {
        // With a previous build to take files from, links and writes go to a thread of their
        // own while this one renders. Not in a full build: its thousands of written files kept
        // ~80 MB more in flight at the peak (604 vs 524 MB, 6,000 notes, --no-cache), for a
        // build whose memory has a budget of its own.
        const fileScript = previous === undefined ? undefined : fileThreadScript()
        files = fileScript === undefined ? undefined : startFileThread(fileScript, staging.dir)
        shares = [
          await renderTasks(tasks, {
            stagingDir: staging.dir,
            release: true,
            ...(pacer === undefined ? {} : { pace: pacer.check }),
            ...(previous === undefined ? {} : { previous }),
            ...(files === undefined ? {} : { files }),
            onFile: () => {
              context.progress.tick()
              pacer?.check()
            },
          }),
        ]
      }
      context.progress.done()
      info(`rendered in ${seconds(phase)}`)
      phase = now()
      const problem = checkShares(outDir, renderers, shares)
      if (problem !== undefined) {
        await staging.abort()
        return run.fail(problem)
      }

      const manifest = new Map<string, ManifestEntry>()
      // A line carried over stays the previous file's bytes (see `previousPieceLines`).
      const pieces = new Map<string, string | Uint8Array>()
      const planned: PlanIndexEntry[] = []
      const rendererByName = new Map(renderers.map((renderer) => [renderer.name, renderer]))
      const previousPieces = previous === undefined ? undefined : previousPieceLines(previous)
      let reused = 0
      for (const share of shares) {
        for (const file of share.files) {
          manifest.set(file.path, file.entry)
          if (file.reused) reused += 1
          const renderer = rendererByName.get(file.renderer)
          if (file.notes !== undefined && renderer !== undefined) {
            planned.push({ path: file.path, renderer, notes: file.notes })
          }
          // A file carried over stands where it stood: its pieces too.
          const line = file.reused ? previousPieces?.get(file.path) : file.pieces
          if (line !== undefined) pieces.set(file.path, line)
        }
      }
      // The parse cache goes into the new folder before it replaces the old one (its segments
      // are linked from the old one); the rest of the cache goes into the new folder once it
      // is in place, while the file thread deletes the old one. Until the manifest, written
      // last, is there, the new folder's cache is not used: a build stopped in between leaves
      // a whole output, which the next build replaces.
      if (useCache) {
        context.progress.start('writing', 5, 'cache files')
        writeParseCache(staging.dir, parsedFiles, parseCache)
        context.progress.tick()
      }
      let replaced: string | undefined
      await staging.commit({
        retire: (dir) => {
          replaced = dir
        },
      })
      // Whether the file thread deleted the replaced folder (else this thread does).
      const removed =
        replaced === undefined || files === undefined
          ? undefined
          : files.remove(replaced).then(
              () => true,
              () => false,
            )
      if (useCache) {
        try {
          const cacheIndexes = {
            manifest,
            pieces,
            inputIndex: inputIndexText(run.read.sources, inputKeys, inputOptions, readAt),
            planIndex: planIndexText(outline!, planned),
          }
          writeCacheIndexes(outDir, cacheIndexes, () => context.progress.tick())
        } catch (error) {
          forgetCache(outDir)
          const message = error instanceof Error ? error.message : String(error)
          context.warn(
            `${err.yellow('warning')} the output was written, but not its build cache (${message}): the next build renders every file`,
          )
        }
        context.progress.done()
      }
      if (replaced !== undefined && !(await removed)) removeReplacedOutput(replaced)
      const deleted = replaced === undefined ? '' : ' and the old output deleted'
      info(
        `${manifest.size - reused} files rendered, ${reused} carried over from the cache; cache written${deleted} in ${seconds(phase)}`,
      )
      if (pacer !== undefined) info(`low memory: the heap was collected ${pacer.collections} times`)
      const status = run.succeed(manifest.size)
      if (manifest.has('index.html')) {
        context.print(`Open ${pathToFileURL(resolve(outDir, 'index.html')).href} in a browser.`)
      }
      return status
    } catch (error) {
      await staging.abort()
      context.progress.done()
      if (error instanceof OutputError) return run.fail(`${error.message} [${error.code}]`)
      if (error instanceof WorkerFailure && error.originalName === 'OutputError') {
        return run.fail(`${error.message} [${error.code}]`)
      }
      const message = error instanceof Error ? error.message : String(error)
      return run.fail(`Writing the output failed: ${message} [output-write-failed]`)
    } finally {
      await files?.close()
    }
  } finally {
    await workers?.close()
    store?.close()
  }
}

/**
 * Renders `tasks` in this thread and every worker at once: each takes the next task from a
 * shared queue, this thread from the front, the workers from the back and the front in turn.
 * Resolves with this thread's share, then each worker's.
 */
async function renderInThreads(
  workers: BuildWorkers,
  tasks: RenderTask[],
  notes: readonly Note[],
  options: {
    renderers: Parameters<BuildWorkers['render']>[1]['renderers']
    stagingDir: string
    previous: PreviousCache | undefined
    /** Whether files get cache fingerprints (`false` without a cache to write them to). */
    fingerprints: boolean
    /** Told how many more files are written (a worker reports them in batches). */
    onFiles: (count: number) => void
    /** Called inside long files this thread writes (see `RenderTasksOptions.pace`). */
    pace?: () => void
  },
): Promise<ShareResult[]> {
  const { previous } = options
  const queue = createTaskQueue(tasks.length)
  const request = {
    notes: [...notes],
    renderers: options.renderers,
    stagingDir: options.stagingDir,
    ...(previous === undefined
      ? {}
      : { previous: { outDir: previous.outDir, files: [...previous.files] } }),
    queue,
    taskListKeys: taskListKeys(tasks),
    fingerprints: options.fingerprints,
  }
  const inWorkers = Array.from({ length: workers.size }, (_, index) =>
    workers.render(index, { ...request, end: index % 2 === 0 ? 'back' : 'front' }, options.onFiles),
  )
  const here = renderTasks(tasks, {
    stagingDir: options.stagingDir,
    release: true,
    ...(previous === undefined ? {} : { previous }),
    ...(options.pace === undefined ? {} : { pace: options.pace }),
    next: () => claimTask(queue, 'front'),
    onFailure: () => closeTaskQueue(queue),
    onFile: () => options.onFiles(1),
  })
  // Wait for every thread to stop writing before a failure is reported (and the staging
  // folder removed), so no thread writes into a folder being deleted.
  const settled = await Promise.allSettled([here, ...inWorkers])
  const rejected = settled.find((result) => result.status === 'rejected')
  if (rejected !== undefined) {
    closeTaskQueue(queue)
    throw rejected.reason
  }
  return settled.map((result) => (result as PromiseFulfilledResult<ShareResult>).value)
}

/**
 * The first problem of a finished render, as a message: a renderer that failed (in renderer
 * order), two renderers writing one path, or unsafe or clashing paths; `undefined` when none.
 */
function checkShares(
  outDir: string,
  renderers: readonly PlannedRenderer[],
  shares: readonly ShareResult[],
): string | undefined {
  const failures = shares.flatMap((share) => (share.failure ? [share.failure] : []))
  const order = renderers.map((renderer) => renderer.name)
  failures.sort((a, b) => order.indexOf(a.renderer) - order.indexOf(b.renderer))
  const failure = failures[0]
  if (failure !== undefined) return `The ${failure.renderer} renderer failed: ${failure.message}`
  const owners = new Map<string, string>()
  for (const share of shares) {
    for (const file of share.files) {
      const owner = owners.get(file.path)
      if (owner !== undefined && owner !== file.renderer) {
        return `The ${owner} and ${file.renderer} renderers both write ${JSON.stringify(file.path)}.`
      }
      owners.set(file.path, file.renderer)
    }
  }
  try {
    checkOutputPaths(
      outDir,
      shares.flatMap((share) => share.files.map((file) => file.path)),
    )
  } catch (error) {
    if (error instanceof OutputError) return `${error.message} [${error.code}]`
    throw error
  }
  return undefined
}

/**
 * Writes the piece index (`pieces`: each line by path, see `piece-index.ts`), the input index
 * and the plan index (their texts, see `input-index.ts` and `plan-index.ts`), then the manifest,
 * into the cache folder of `dir`, where the parse cache is already (see `writeParseCache`).
 */
function writeCacheIndexes(
  dir: string,
  files: {
    manifest: ReadonlyMap<string, ManifestEntry>
    pieces: ReadonlyMap<string, string | Uint8Array>
    inputIndex: string
    planIndex: string
  },
  tick: () => void,
): void {
  const made = new Set<string>()
  const write = (path: string, text: string | Uint8Array) => {
    writeStagedFile(dir, path, text, made, { cache: true })
    tick()
  }
  const { manifest, pieces } = files
  write(piecesPath, piecesFileBytes([...pieces.keys()].sort().map((path) => pieces.get(path)!)))
  write(inputIndexPath, files.inputIndex)
  write(planIndexPath, files.planIndex)
  write(manifestPath, manifestText(manifest))
}

/** Deletes the manifest of the cache in `dir`, so that no build uses that cache. */
function forgetCache(dir: string): void {
  try {
    rmSync(join(dir, manifestPath), { force: true })
  } catch {
    // A manifest cut short by the failure is not valid JSON, which no build uses either.
  }
}
