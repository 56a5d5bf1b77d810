/**
 * Renders a build's files as a list of tasks (see {@link planTasks}) and writes each into the
 * staging folder as soon as it is made, so no thread holds every file at once. `--jobs 1`
 * renders every task in the main thread; with `--jobs N` the main thread and N - 1 workers each
 * render a share, taking tasks one at a time from a queue they share (see `task-queue.ts`). A
 * file whose cache fingerprint matches the previous build's manifest, and whose previous bytes
 * are still intact, is linked from the previous output instead of rendered; one that must be
 * rendered again and comes in pieces (`PlannedFile.pieces`) copies the pieces that did not
 * change from the previous file (see `piece-index.ts`).
 */
import { createHash, type Hash } from 'node:crypto'
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Collection, PlannedFile } from '@paper-notes/core'
import { fileFingerprint, type ManifestEntry, type PreviousCache } from './build-cache.js'
import { type StagedFiles, stageFilesHere, type WrittenFile } from './file-thread.js'
import { copyPieces, type PieceIndex, pieceLine, pieceMaker, piecesToCopy } from './piece-index.js'
import type { CarryFingerprint } from './plan-index.js'
import type { PlannedRenderer } from './renderers.js'
import { type MadeFolders, stagedPath } from './write-output.js'

/** One output file a share wrote. */
export interface ShareFile {
  /** Relative output path. */
  path: string
  /** The renderer that made it. */
  renderer: string
  /** Its manifest entry. */
  entry: ManifestEntry
  /** `true` when it was carried over from the previous build instead of rendered. */
  reused: boolean
  /**
   * Where its pieces stand, as its line of the piece index (see `piece-index.ts`), when it was
   * rendered from pieces with a cache to write.
   */
  pieces?: string
  /** The ids of the notes its `dependsOn` listed, when it has a fingerprint (see `plan-index.ts`). */
  notes?: readonly string[]
}

/** What {@link renderTasks} did in one thread: its share of the files. */
export interface ShareResult {
  /** Every file written, in renderer order, then plan order. */
  files: ShareFile[]
  /** Set when a renderer threw: its name and the message (the build fails). */
  failure?: { renderer: string; message: string }
}

/** Options of {@link renderTasks}. */
export interface RenderTasksOptions {
  /** The staging folder files are written to. */
  stagingDir: string
  /** The previous build's cache, when there is one and it may be used. */
  previous?: PreviousCache
  /** Called after each file is written. */
  onFile?: (file: ShareFile) => void
  /**
   * The index of the next task this thread renders, `undefined` when none is left (`claimTask`
   * on a shared queue, see `task-queue.ts`); by default every task, in order. For tasks given
   * as a list only.
   */
  next?: () => number | undefined
  /** Called when this thread stops on a failure (a renderer's or a write's), so other threads stop taking tasks. */
  onFailure?: () => void
  /**
   * Where the files go (the build's file thread, see `file-thread.ts`); by default they are
   * written in this thread and linked on the thread pool ({@link stageFilesHere}).
   */
  files?: StagedFiles
  /**
   * Let go of each task of a list as it is taken: its slot in `tasks` is emptied, so what a
   * renderer's plan keeps for its files (the cards, feed items and note JSON it reuses) can be
   * collected once the renderer's last file is done instead of at the end of the build. The
   * list cannot be rendered again after that. (Tasks given as an iterable are never held.)
   */
  release?: boolean
  /**
   * Called while a file given in chunks or pieces is written, after every
   * {@link paceEveryUnits} UTF-16 code units (or bytes) of it: a file can be hundreds of
   * megabytes (`notes.json` of 60,000 notes), and a caller that keeps the heap small
   * (`--low-memory`'s heap pacer) needs to act inside it, not only between files (`onFile`).
   */
  pace?: () => void
}

/** How much of a chunked file {@link RenderTasksOptions.pace} is called after: 4 Mi units. */
export const paceEveryUnits = 4 * 1024 * 1024

/** `chunks` as they are, calling `pace` after each {@link paceEveryUnits} of them. */
function* paced<T extends string | Uint8Array>(
  chunks: Iterable<T>,
  pace: () => void,
): Generator<T, void, undefined> {
  let since = 0
  for (const chunk of chunks) {
    yield chunk
    since += chunk.length
    if (since >= paceEveryUnits) {
      since = 0
      pace()
    }
  }
}

/**
 * The previous bytes of `path`, when its fingerprint matches and they are intact: same size and
 * modification time as recorded (a file nobody touched), else re-read and hashed.
 */
function reusable(
  previous: PreviousCache | undefined,
  path: string,
  fingerprint: string | undefined,
): { from: string; entry: ManifestEntry } | undefined {
  if (previous === undefined || fingerprint === undefined) return undefined
  const entry = previous.files.get(path)
  if (entry === undefined || entry.fingerprint !== fingerprint) return undefined
  const from = join(previous.outDir, path)
  try {
    const info = statSync(from)
    if (info.size === entry.size && info.mtimeMs === entry.mtimeMs) return { from, entry }
    if (fileContentHash(from) !== entry.hash) return undefined
    return { from, entry: { ...entry, size: info.size, mtimeMs: info.mtimeMs } }
  } catch {
    return undefined
  }
}

/**
 * build-cache's `contentHash` (SHA-1) of a file's bytes, read a megabyte at a time: a previous
 * `notes.json` may be hundreds of megabytes, which need not be held whole to be hashed.
 */
function fileContentHash(path: string): string {
  const hash = createHash('sha1')
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024)
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, read))
    }
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}

/**
 * One unit of a build's rendering: a planned file (`file`), or a renderer without a plan, which
 * renders whole (`file` undefined).
 */
export interface RenderTask {
  /** The renderer. */
  renderer: PlannedRenderer
  /** The planned file; `undefined` for a renderer without a plan. */
  file: PlannedFile | undefined
  /** The collection the task renders. */
  collection: Collection
  /**
   * The file's cache fingerprint (`undefined`: always rendered), worked out when first asked
   * for (a thread works out only those of the files it renders), or taken over from the
   * previous build (see `plan-index.ts`).
   */
  readonly fingerprint: string | undefined
  /** The ids of the notes the file's `dependsOn` lists, once its fingerprint is known. */
  readonly noteIds: readonly string[] | undefined
}

/** The tasks of a build, with how many of them the previous build cannot supply. */
export interface PlannedTasks {
  /** Every task: renderer by renderer, each renderer's files in plan order. */
  tasks: RenderTask[]
  /**
   * How many tasks render rather than link: those whose fingerprint is not in the previous
   * manifest, and every renderer without a plan. Only counted with a previous cache (each
   * fingerprint is then worked out here); else every task.
   */
  stale: number
}

/** Options of {@link planTasks} and {@link streamTasks}. */
export interface PlanTasksOptions {
  /** `false` in a build that writes no cache: no task gets a fingerprint. */
  fingerprints?: boolean
  /** Takes fingerprints over from the previous build where it can (see `plan-index.ts`). */
  carry?: CarryFingerprint | undefined
}

function task(
  renderer: PlannedRenderer,
  file: PlannedFile | undefined,
  collection: Collection,
  { fingerprints = true, carry }: PlanTasksOptions,
): RenderTask {
  let fingerprint: string | undefined | null = fingerprints ? null : undefined
  let noteIds: readonly string[] | undefined
  const work = () => {
    if (fingerprint !== null) return
    if (file === undefined) {
      fingerprint = undefined
      return
    }
    const carried = carry?.(renderer, file.path)
    if (carried !== undefined) {
      fingerprint = carried.fingerprint
      noteIds = carried.notes
      return
    }
    const dependsOn = file.dependsOn
    fingerprint = fileFingerprint(renderer, file.path, dependsOn)
    if (fingerprint !== undefined) noteIds = dependsOn?.notes.map((note) => note.id)
  }
  return {
    renderer,
    file,
    collection,
    get fingerprint() {
      work()
      return fingerprint ?? undefined
    },
    get noteIds() {
      work()
      return noteIds
    },
  }
}

/**
 * Plans the build's tasks: each planned file of a renderer with a `plan`, one whole render per
 * renderer without one. Every thread of a build plans the same list from the same notes, so a
 * task is named by its index.
 *
 * With `fingerprints: false` (a build that writes no cache) no task has a fingerprint, so none
 * is worked out: that is a SHA-1 of every file's notes, and the renderers' work to tell which
 * notes those are.
 *
 * @example
 * const { tasks, stale } = planTasks(collection, renderers, previous)
 */
export function planTasks(
  collection: Collection,
  renderers: readonly PlannedRenderer[],
  previous?: PreviousCache,
  options: PlanTasksOptions = {},
): PlannedTasks {
  const tasks: RenderTask[] = []
  let stale = 0
  for (const planned of streamTasks(collection, renderers, options)) {
    tasks.push(planned)
    if (previous === undefined) continue
    const { file, fingerprint } = planned
    if (
      file === undefined ||
      fingerprint === undefined ||
      previous.files.get(file.path)?.fingerprint !== fingerprint
    ) {
      stale += 1
    }
  }
  return { tasks, stale: previous === undefined ? tasks.length : stale }
}

/**
 * The tasks of {@link planTasks}, in the same order, each planned when it is taken: renderers'
 * plans are iterated as the files are rendered, so nothing holds the plan of every file (1.8 KB
 * a file, ~125 MB for the 71,000 files of 60,000 notes) and a renderer's plan, with the caches
 * its files share, is let go once its last file is done. For a build in one thread that needs
 * no count of stale files; {@link countTasks} counts them without holding them.
 *
 * @example
 * const { files } = await renderTasks(streamTasks(collection, renderers), { stagingDir })
 */
export function* streamTasks(
  collection: Collection,
  renderers: readonly PlannedRenderer[],
  options: PlanTasksOptions = {},
): Generator<RenderTask, void, undefined> {
  for (const renderer of renderers) {
    if (renderer.plan === undefined) {
      yield task(renderer, undefined, collection, options)
      continue
    }
    for (const file of renderer.plan(collection)) {
      yield task(renderer, file, collection, options)
    }
  }
}

/**
 * How many files {@link streamTasks} plans, and whether a renderer without a plan is among them
 * (its files are known only once it has rendered), planning them once without holding them.
 */
export function countTasks(
  collection: Collection,
  renderers: readonly PlannedRenderer[],
): { files: number; whole: boolean } {
  let files = 0
  let whole = false
  for (const renderer of renderers) {
    if (renderer.plan === undefined) whole = true
    else for (const _ of renderer.plan(collection)) files += 1
  }
  return { files, whole }
}

/**
 * A digest of each renderer's tasks (which paths, in which order), by renderer name in task
 * order. A worker compares its own plan's with the main thread's before it takes tasks by index.
 *
 * @example
 * const keys = taskListKeys(planTasks(collection, renderers).tasks) // [['html', '3f…'], …]
 */
export function taskListKeys(tasks: readonly RenderTask[]): [string, string][] {
  const keys: [string, string][] = []
  let current: { renderer: PlannedRenderer; hash: Hash; chunk: string } | undefined
  const finish = () => {
    if (current === undefined) return
    keys.push([current.renderer.name, current.hash.update(current.chunk).digest('hex')])
  }
  for (const { renderer, file } of tasks) {
    if (current?.renderer !== renderer) {
      finish()
      current = { renderer, hash: createHash('sha1'), chunk: '' }
    }
    current.chunk += `${file === undefined ? '' : file.path}\0`
    if (current.chunk.length > 65_536) {
      current.hash.update(current.chunk)
      current.chunk = ''
    }
  }
  finish()
  return keys
}

/**
 * The first renderer whose tasks differ between two {@link taskListKeys} lists, as a share
 * failure; `undefined` when they are the same.
 */
export function planMismatch(
  mine: readonly [string, string][],
  theirs: readonly [string, string][],
): ShareResult['failure'] {
  const length = Math.max(mine.length, theirs.length)
  for (let index = 0; index < length; index++) {
    const [name, key] = mine[index] ?? theirs[index]!
    if (theirs[index]?.[0] === name && theirs[index]?.[1] === key) continue
    return {
      renderer: name,
      message:
        'it planned other files in a worker thread than in the main thread (with --jobs, a plan must depend only on the notes and the options)',
    }
  }
  return undefined
}

/**
 * The next task of `tasks` to render each time it is called, `undefined` once none is left: of
 * a list, the one `options.next` names (by default each in order), its slot emptied when
 * `options.release` says so; of any other iterable, its next one.
 */
function taker(
  tasks: RenderTask[] | Iterable<RenderTask>,
  options: Pick<RenderTasksOptions, 'next' | 'release'>,
): () => RenderTask | undefined {
  if (!Array.isArray(tasks)) {
    const iterator = tasks[Symbol.iterator]()
    return () => {
      const step = iterator.next()
      return step.done ? undefined : step.value
    }
  }
  const list: (RenderTask | undefined)[] = tasks
  let sequential = 0
  const next = options.next ?? (() => (sequential < list.length ? sequential++ : undefined))
  return () => {
    const index = next()
    if (index === undefined) return undefined
    const task = list[index]!
    if (options.release) list[index] = undefined
    return task
  }
}

/**
 * Renders and writes `tasks`: of a list ({@link planTasks}), the ones `options.next` hands out
 * (by default all of them, in order); of any other iterable ({@link streamTasks}), each as it
 * comes. Write failures throw (an `OutputError`); a renderer that throws ends this thread's
 * share with `failure`.
 *
 * @example
 * const { tasks } = planTasks(collection, renderers)
 * const { files } = await renderTasks(tasks, { stagingDir })
 */
export async function renderTasks(
  tasks: RenderTask[] | Iterable<RenderTask>,
  options: RenderTasksOptions,
): Promise<ShareResult> {
  const { stagingDir, previous } = options
  const made: MadeFolders = new Set()
  // Unchanged files are linked in the background while the changed ones render here; on the
  // file thread, the rendered ones are encoded, hashed and written there too.
  const staged = options.files ?? stageFilesHere(stagingDir, made)
  const writing: Promise<void>[] = []
  const writeErrors: unknown[] = []
  const files: ShareFile[] = []
  const add = (file: ShareFile) => {
    files.push(file)
    options.onFile?.(file)
  }
  /** Records a file being written (`written`: `staged.write` or `staged.writeChunks`). */
  const write = (
    renderer: PlannedRenderer,
    path: string,
    written: Promise<WrittenFile>,
    fingerprint: string | undefined,
    notes: readonly string[] | undefined,
    pieces?: PieceIndex,
  ) => {
    const file: ShareFile = { path, renderer: renderer.name, entry: { hash: '' }, reused: false }
    if (notes !== undefined) file.notes = notes
    const recorded = written.then(
      ({ hash, size, mtimeMs }) => {
        const entry: ManifestEntry = { hash, size, mtimeMs }
        if (fingerprint !== undefined) entry.fingerprint = fingerprint
        file.entry = entry
        // Kept as its line, not as the index: a line is a few small strings, the index holds
        // an array per piece (one per note in notes.json).
        if (pieces !== undefined) file.pieces = pieceLine(path, pieces)
      },
      (error: unknown) => {
        writeErrors.push(error)
      },
    )
    writing.push(recorded)
    add(file)
  }
  /** Waits for every link and write; throws the first failure. */
  const settle = async () => {
    await Promise.all(writing)
    await staged.settle()
    if (writeErrors.length > 0) throw writeErrors[0]
  }
  const pace = <T extends string | Uint8Array>(chunks: Iterable<T>): Iterable<T> =>
    options.pace === undefined ? chunks : paced(chunks, options.pace)
  const renderOne = async (current: RenderTask) => {
    const { renderer, file: planned, fingerprint, collection } = current
    if (planned === undefined) {
      for (const file of await renderer.render(collection)) {
        write(renderer, file.path, staged.write(file.path, file.contents), undefined, undefined)
        await staged.backlog()
      }
      return
    }
    stagedPath(stagingDir, planned.path) // refuse an unsafe path before rendering it
    const old = reusable(previous, planned.path, fingerprint)
    if (old !== undefined) {
      staged.link(planned.path, old.from)
      const notes = current.noteIds
      add({
        path: planned.path,
        renderer: renderer.name,
        entry: old.entry,
        reused: true,
        ...(notes === undefined ? {} : { notes }),
      })
      return
    }
    // A file given in pieces is written as they come, never held whole (`notes.json` of 60,000
    // notes is 320 MB); the rest are rendered whole. A host calls one of them, once. With a
    // cache (a fingerprint), pieces that may be copied are taken from the previous file where
    // they did not change, and where each stands is recorded for the next build.
    if (planned.pieces !== undefined && fingerprint !== undefined) {
      const maker = pieceMaker(renderer)
      const old = previous === undefined ? undefined : piecesToCopy(previous, planned.path, maker)
      const index: PieceIndex = { maker, pieces: [] }
      const bytes = copyPieces(planned.pieces(), old, index)
      write(
        renderer,
        planned.path,
        staged.writeChunks(planned.path, pace(bytes)),
        fingerprint,
        current.noteIds,
        index,
      )
    } else {
      const written =
        planned.chunks === undefined
          ? staged.write(planned.path, planned.render())
          : staged.writeChunks(planned.path, pace(planned.chunks()))
      write(renderer, planned.path, written, fingerprint, current.noteIds)
    }
    await staged.backlog()
  }

  const take = taker(tasks, options)
  const renderAll = async (): Promise<ShareResult> => {
    for (let current = take(); current !== undefined; current = take()) {
      try {
        await renderOne(current)
      } catch (error) {
        if (error instanceof Error && error.name === 'OutputError') throw error
        if (isFileSystemError(error)) throw error
        options.onFailure?.()
        return {
          files,
          failure: {
            renderer: current.renderer.name,
            message: error instanceof Error ? error.message : String(error),
          },
        }
      }
    }
    return { files }
  }

  let result: ShareResult
  try {
    result = await renderAll()
  } catch (error) {
    options.onFailure?.()
    // Let every queued link and write finish before the caller removes the staging folder.
    await settle().catch(() => undefined)
    throw error
  }
  await settle()
  return result
}

function isFileSystemError(error: unknown): boolean {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  )
}
