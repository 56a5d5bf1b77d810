/**
 * Renders one share of a build's files and writes each into the staging folder as soon as it is
 * made, so no thread holds every file at once. A build with `--jobs N` runs N shares (one per
 * worker thread); `--jobs 1` runs the single share in the main thread. A file whose cache
 * fingerprint matches the previous build's manifest, and whose previous bytes are still intact,
 * is linked from the previous output instead of rendered.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Collection, PlannedFile } from '@paper-notes/core'
import {
  contentHash,
  fileFingerprint,
  type ManifestEntry,
  type PreviousCache,
} from './build-cache.js'
import { type StagedFiles, stageFilesHere } from './file-thread.js'
import type { PlannedRenderer } from './renderers.js'
import { type MadeFolders, stagedPath } from './write-output.js'

/** Which share of the files to render: files of group `g` go to share `g % count`. */
export interface Share {
  /** This share, from 0. */
  index: number
  /** The number of shares. */
  count: number
}

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
}

/** What {@link renderShare} did. */
export interface ShareResult {
  /** Every file written, in renderer order, then plan order. */
  files: ShareFile[]
  /** Set when a renderer threw: its name and the message (the build fails). */
  failure?: { renderer: string; message: string }
}

/** Options of {@link renderShare}. */
export interface RenderShareOptions {
  /** The share to render. */
  share: Share
  /** The staging folder files are written to. */
  stagingDir: string
  /** The previous build's cache, when there is one and it may be used. */
  previous?: PreviousCache
  /** Called after each file is written. */
  onFile?: (file: ShareFile) => void
  /** The files already planned by {@link planFiles} (one share only): rendered in that order. */
  planned?: readonly FingerprintedFile[]
  /**
   * Where the files go (the build's file thread, see `file-thread.ts`); by default they are
   * written in this thread and linked on the thread pool ({@link stageFilesHere}).
   */
  files?: StagedFiles
}

/**
 * The group a planned file belongs to: its first two path segments without extensions, so that
 * a tag's pages and feeds (`tags/rl.html`, `tags/rl/2.html`, `tags/rl.rss.xml`) go to one share.
 */
export function fileGroup(path: string): string {
  return path
    .split('/')
    .slice(0, 2)
    .map((segment) => segment.replace(/\..*$/, ''))
    .join('/')
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
    const bytes = readFileSync(from)
    if (contentHash(bytes) !== entry.hash) return undefined
    return { from, entry: { ...entry, size: info.size, mtimeMs: info.mtimeMs } }
  } catch {
    return undefined
  }
}

/** A planned file with its cache fingerprint, as {@link planFiles} lists it. */
export interface FingerprintedFile {
  /** The renderer that planned it. */
  renderer: PlannedRenderer
  /** The planned file. */
  file: PlannedFile
  /** Its fingerprint (`undefined`: always rendered). */
  fingerprint: string | undefined
  /** `true` when the previous manifest has no matching fingerprint for it. */
  stale: boolean
}

/**
 * Plans every file of every renderer with its fingerprint, when every renderer has a `plan`
 * (else `undefined`). The build counts the stale files to choose between rendering in this
 * thread and starting workers, and renders in this thread from this list.
 */
export function planFiles(
  collection: Collection,
  renderers: readonly PlannedRenderer[],
  previous: PreviousCache | undefined,
): FingerprintedFile[] | undefined {
  if (renderers.some((renderer) => renderer.plan === undefined)) return undefined
  const files: FingerprintedFile[] = []
  for (const renderer of renderers) {
    for (const file of renderer.plan!(collection)) {
      const fingerprint = fileFingerprint(renderer, file.path, file.dependsOn)
      const stale =
        fingerprint === undefined || previous?.files.get(file.path)?.fingerprint !== fingerprint
      files.push({ renderer, file, fingerprint, stale })
    }
  }
  return files
}

/**
 * Renders and writes the files of `share` (see {@link Share}): for a renderer with a `plan`, the
 * planned files whose group ({@link fileGroup}) falls in the share, in plan order; the k-th
 * renderer without one (from 0) renders whole, in share `k % count`. Write failures throw (an
 * `OutputError`); a renderer that throws ends the share with `failure`. With `planned` (from
 * {@link planFiles}, one share only) the renderers are not planned again.
 *
 * @example
 * const { files } = await renderShare(collection, renderers, { share: { index: 0, count: 1 }, stagingDir })
 */
export async function renderShare(
  collection: Collection,
  renderers: readonly PlannedRenderer[],
  options: RenderShareOptions,
): Promise<ShareResult> {
  const { share, stagingDir, previous } = options
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
  const write = (
    renderer: PlannedRenderer,
    path: string,
    contents: string | Uint8Array,
    fingerprint: string | undefined,
  ) => {
    const file: ShareFile = { path, renderer: renderer.name, entry: { hash: '' }, reused: false }
    const written = staged.write(path, contents).then(
      ({ hash, size, mtimeMs }) => {
        const entry: ManifestEntry = { hash, size, mtimeMs }
        if (fingerprint !== undefined) entry.fingerprint = fingerprint
        file.entry = entry
      },
      (error: unknown) => {
        writeErrors.push(error)
      },
    )
    writing.push(written)
    add(file)
  }
  /** Waits for every link and write; throws the first failure. */
  const settle = async () => {
    await Promise.all(writing)
    await staged.settle()
    if (writeErrors.length > 0) throw writeErrors[0]
  }
  const renderPlanned = async (
    renderer: PlannedRenderer,
    planned: PlannedFile,
    fingerprint: string | undefined,
  ) => {
    stagedPath(stagingDir, planned.path) // refuse an unsafe path before rendering it
    const old = reusable(previous, planned.path, fingerprint)
    if (old !== undefined) {
      staged.link(planned.path, old.from)
      add({ path: planned.path, renderer: renderer.name, entry: old.entry, reused: true })
      return
    }
    write(renderer, planned.path, planned.render(), fingerprint)
    await staged.backlog()
  }
  const failed = (renderer: PlannedRenderer, error: unknown): ShareResult => {
    if (error instanceof Error && error.name === 'OutputError') throw error
    if (isFileSystemError(error)) throw error
    return {
      files,
      failure: {
        renderer: renderer.name,
        message: error instanceof Error ? error.message : String(error),
      },
    }
  }

  const renderAll = async (): Promise<ShareResult> => {
    if (options.planned !== undefined) {
      for (const { renderer, file, fingerprint } of options.planned) {
        try {
          await renderPlanned(renderer, file, fingerprint)
        } catch (error) {
          return failed(renderer, error)
        }
      }
      return { files }
    }

    // Renderers without a plan render whole, spread over the shares in turn.
    let unplanned = 0
    for (const renderer of renderers) {
      try {
        if (renderer.plan === undefined) {
          unplanned += 1
          if ((unplanned - 1) % share.count !== share.index) continue
          for (const file of await renderer.render(collection)) {
            write(renderer, file.path, file.contents, undefined)
            await staged.backlog()
          }
          continue
        }
        const groups = new Map<string, number>()
        for (const planned of renderer.plan(collection)) {
          const group = fileGroup(planned.path)
          let number = groups.get(group)
          if (number === undefined) {
            number = groups.size
            groups.set(group, number)
          }
          if (number % share.count !== share.index) continue
          await renderPlanned(
            renderer,
            planned,
            fileFingerprint(renderer, planned.path, planned.dependsOn),
          )
        }
      } catch (error) {
        return failed(renderer, error)
      }
    }
    return { files }
  }

  let result: ShareResult
  try {
    result = await renderAll()
  } catch (error) {
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
