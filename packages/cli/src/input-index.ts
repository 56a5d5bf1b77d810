/**
 * The input index of the build cache (`inputs.json`): for every input file of valid UTF-8 a
 * build read, its `stat` (size, modification and status change times, inode) and its parse key.
 * The next build does not read a file whose `stat` is the same (see {@link InputIndex.unchanged}):
 * it takes the parse key from here, and the notes from the parse cache. A rebuild after one
 * edited note then reads that file only, instead of reading and hashing every input.
 *
 * A file is trusted only when it had not been modified for {@link settledMs} before the build
 * that recorded it began reading: a file written again within the same tick of the file
 * system's clock as the recorded times (a second on some) would otherwise look unchanged. Its
 * status change time changes with every write and cannot be set back by any tool (`touch`,
 * `rsync -t` and `cp -p` set the modification time only), so restoring a file's modification
 * time after editing it does not hide the edit.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cacheVersions } from './build-cache.js'
import { type InputFileStats, type InputSource, sourceStats } from './inputs.js'
import { cacheFolder } from './write-output.js'

/** The input index's path, relative to the output folder. */
export const inputIndexPath = `${cacheFolder}/inputs.json`

const indexTag = 'paper-notes-inputs'

/**
 * How long before a build began reading its inputs a file must have been last changed for the
 * next build to trust its recorded `stat`: two seconds, the coarsest clock of common file
 * systems (FAT).
 */
export const settledMs = 2000

/**
 * One file's entry: `size`, `mtimeMs`, `ctimeMs`, `ino`, parse key, and its path as shown (the
 * parse key covers it: diagnostics and `source.file` name it).
 */
type Entry = [number, number, number, number, string, string]

/** The file's contents. */
interface IndexFile {
  format: typeof indexTag
  versions: string
  /** The parse options the keys were made with (see {@link parseOptionsKey}). */
  options: string
  /** When the build that wrote it began reading its inputs (`Date.now()`). */
  readAt: number
  /** Each file's entry by absolute path. */
  files: Record<string, Entry>
}

/** The parse options that go into a parse key, as a string to compare. */
export function parseOptionsKey(options: { format?: string; pageTag?: boolean }): string {
  return JSON.stringify([options.format ?? null, options.pageTag ?? null])
}

/** The previous build's input index, as the next build uses it. */
export interface InputIndex {
  /**
   * Whether the file at `file.absolutePath` is as the previous build read it: the same `stat`,
   * not changed within {@link settledMs} before that build began reading, and shown by the same
   * path. Remembers the files it says so of, for {@link InputIndex.parseKey}.
   */
  unchanged(file: { path: string; absolutePath: string }, stats: InputFileStats): boolean
  /** The recorded parse key of a file {@link InputIndex.unchanged} said is unchanged. */
  parseKey(source: InputSource): string | undefined
}

function isEntry(value: unknown): value is Entry {
  return (
    Array.isArray(value) &&
    value.length === 6 &&
    value.slice(0, 4).every((number) => typeof number === 'number') &&
    typeof value[4] === 'string' &&
    typeof value[5] === 'string'
  )
}

/**
 * Reads the input index of the cache in `outDir` for a build that parses with `options`;
 * `undefined` when there is none, it is corrupt, or it was written by other versions or with
 * other parse options (every file is then read).
 *
 * @example
 * const index = readInputIndex('/abs/site', parseOptionsKey({ pageTag: true }))
 * await collectInputs(inputs, { cwd, readStdin, unchanged: index?.unchanged })
 */
export function readInputIndex(outDir: string, options: string): InputIndex | undefined {
  let index: Partial<IndexFile>
  try {
    index = JSON.parse(readFileSync(join(outDir, inputIndexPath), 'utf8')) as Partial<IndexFile>
  } catch {
    return undefined
  }
  const { files, readAt } = index
  if (
    index.format !== indexTag ||
    index.versions !== cacheVersions ||
    index.options !== options ||
    typeof readAt !== 'number' ||
    typeof files !== 'object' ||
    files === null
  ) {
    return undefined
  }
  const settled = readAt - settledMs
  const trusted = new Map<string, string>()
  return {
    unchanged({ path, absolutePath }, stats) {
      const entry: unknown = Object.hasOwn(files, absolutePath) ? files[absolutePath] : undefined
      if (!isEntry(entry)) return false
      const [size, mtimeMs, ctimeMs, ino, key, shown] = entry
      const same =
        shown === path &&
        stats.size === size &&
        stats.mtimeMs === mtimeMs &&
        stats.ctimeMs === ctimeMs &&
        stats.ino === ino &&
        mtimeMs < settled &&
        ctimeMs < settled
      if (same) trusted.set(absolutePath, key)
      return same
    },
    parseKey(source) {
      return source.absolutePath === undefined ? undefined : trusted.get(source.absolutePath)
    },
  }
}

/**
 * The text of `inputs.json` for the sources of a build (each with its parse key, in the same
 * order), made with parse `options` ({@link parseOptionsKey}), which began reading its inputs
 * at `readAt`. Sources without a `stat` (standard input, files not of valid UTF-8, or read
 * without `unchanged`) are left out: they are always read.
 */
export function inputIndexText(
  sources: readonly InputSource[],
  keys: readonly string[],
  options: string,
  readAt: number,
): string {
  const files: Record<string, Entry> = {}
  sources.forEach((source, index) => {
    const stats = sourceStats(source)
    if (stats === undefined || source.absolutePath === undefined) return
    const { size, mtimeMs, ctimeMs, ino } = stats
    files[source.absolutePath] = [size, mtimeMs, ctimeMs, ino, keys[index]!, source.path]
  })
  const file: IndexFile = { format: indexTag, versions: cacheVersions, options, readAt, files }
  return `${JSON.stringify(file)}\n`
}
