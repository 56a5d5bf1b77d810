/**
 * Renders one share of a build's files and writes each into the staging folder as soon as it is
 * made, so no thread holds every file at once. A build with `--jobs N` runs N shares (one per
 * worker thread); `--jobs 1` runs the single share in the main thread. A file whose cache
 * fingerprint matches the previous build's manifest, and whose previous bytes are still intact,
 * is linked from the previous output instead of rendered.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Collection, PlannedFile } from '@paper-notes/core'
import {
  contentHash,
  fileFingerprint,
  type ManifestEntry,
  type PreviousCache,
} from './build-cache.js'
import type { PlannedRenderer } from './renderers.js'
import { linkStagedFile, type MadeFolders, stagedPath, writeStagedFile } from './write-output.js'

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

async function reusable(
  previous: PreviousCache | undefined,
  path: string,
  fingerprint: string | undefined,
): Promise<{ from: string; entry: ManifestEntry } | undefined> {
  if (previous === undefined || fingerprint === undefined) return undefined
  const entry = previous.files.get(path)
  if (entry === undefined || entry.fingerprint !== fingerprint) return undefined
  const from = join(previous.outDir, path)
  let bytes: Buffer
  try {
    bytes = await readFile(from)
  } catch {
    return undefined
  }
  return contentHash(bytes) === entry.hash ? { from, entry } : undefined
}

/**
 * Renders and writes the files of `share` (see {@link Share}): for a renderer with a `plan`, the
 * planned files whose group ({@link fileGroup}) falls in the share, in plan order; a renderer
 * without one renders whole, in share `rendererIndex % count`. Write failures throw (an
 * `OutputError`); a renderer that throws ends the share with `failure`.
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
  const files: ShareFile[] = []
  const add = (file: ShareFile) => {
    files.push(file)
    options.onFile?.(file)
  }
  // Renderers without a plan render whole, spread over the shares in turn.
  let unplanned = 0
  for (const renderer of renderers) {
    try {
      if (renderer.plan === undefined) {
        unplanned += 1
        if ((unplanned - 1) % share.count !== share.index) continue
        for (const file of await renderer.render(collection)) {
          await writeStagedFile(stagingDir, file.path, file.contents, made)
          add({
            path: file.path,
            renderer: renderer.name,
            entry: { hash: contentHash(file.contents) },
            reused: false,
          })
        }
        continue
      }
      const groups = new Map<string, number>()
      for (const planned of renderer.plan(collection) as Iterable<PlannedFile>) {
        const group = fileGroup(planned.path)
        let number = groups.get(group)
        if (number === undefined) {
          number = groups.size
          groups.set(group, number)
        }
        if (number % share.count !== share.index) continue
        stagedPath(stagingDir, planned.path) // refuse an unsafe path before rendering it
        const fingerprint = fileFingerprint(renderer, planned.path, planned.dependsOn)
        const old = await reusable(previous, planned.path, fingerprint)
        if (old !== undefined) {
          await linkStagedFile(stagingDir, planned.path, old.from, made)
          add({ path: planned.path, renderer: renderer.name, entry: old.entry, reused: true })
          continue
        }
        const contents = planned.render()
        await writeStagedFile(stagingDir, planned.path, contents, made)
        const entry: ManifestEntry = { hash: contentHash(contents) }
        if (fingerprint !== undefined) entry.fingerprint = fingerprint
        add({ path: planned.path, renderer: renderer.name, entry, reused: false })
      }
    } catch (error) {
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
  }
  return { files }
}

function isFileSystemError(error: unknown): boolean {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  )
}

/** What {@link countStaleFiles} found. */
export interface StaleCount {
  /** Files planned in all, when every renderer plans and there is a previous cache. */
  planned?: number
  /** Of those, files that must be rendered (no reusable fingerprint in the previous manifest). */
  files?: number
}

/**
 * Counts the files a build must render, when it can tell cheaply (every renderer has a `plan`
 * and there is a previous cache): the build renders few files in one thread rather than start
 * worker threads. Does not look at the previous files' bytes.
 */
export function countStaleFiles(
  collection: Collection,
  renderers: readonly PlannedRenderer[],
  previous: PreviousCache | undefined,
): StaleCount {
  if (previous === undefined || renderers.some((renderer) => renderer.plan === undefined)) {
    return {}
  }
  let planned = 0
  let files = 0
  for (const renderer of renderers) {
    for (const file of renderer.plan!(collection)) {
      planned += 1
      const fingerprint = fileFingerprint(renderer, file.path, file.dependsOn)
      if (fingerprint === undefined || previous.files.get(file.path)?.fingerprint !== fingerprint) {
        files += 1
      }
    }
  }
  return { planned, files }
}
