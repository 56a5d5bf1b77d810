/**
 * Writes rendered files below an output folder, safely:
 *
 * - every path is checked before anything is written: core's `isSafeOutputPath`, then the
 *   resolved path must stay inside the folder; duplicates and file/folder clashes are refused;
 * - files go to a fresh temporary folder beside the output folder, which then replaces the old
 *   folder by renames, so a failed run leaves the previous output as it was;
 * - the folder must not be the file-system root, the home folder, the working directory or one
 *   of its parents, nor contain an input; an existing non-empty folder is only replaced when an
 *   earlier run wrote it (it holds the marker file `.paper-notes-output`) or with `force`.
 */
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import {
  copyFile,
  link,
  mkdir,
  mkdtemp,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path'
import { isSafeOutputPath, type RenderedFile } from '@paper-notes/core'
import { linkOrCopy } from './link-or-copy.js'
import { removeReplacedOutput } from './remove-tree.js'
import { addStagingFolder, forgetStagingFolder } from './staging-folders.js'

/**
 * The build cache folder inside the output folder (parsed notes and the output manifest, see
 * `build-cache.ts`). Renderers may not write into it.
 */
export const cacheFolder = '.paper-notes-cache'

/** The file every run writes into its output folder, marking it as safe to replace next time. */
export const outputMarkerFile = '.paper-notes-output'

const markerContents =
  'This folder was written by paper-notes. The next build replaces all of it.\n'

/** Why output could not be written. `code` is stable: see the README's table. */
export class OutputError extends Error {
  /** `unsafe-output-path`, `duplicate-output-path`, `output-path-clash`, `unsafe-output-dir`, `output-dir-not-ours` or `output-write-failed`. */
  readonly code: string
  /** The offending paths. */
  readonly paths: readonly string[]

  constructor(code: string, message: string, paths: readonly string[] = []) {
    super(message)
    this.name = 'OutputError'
    this.code = code
    this.paths = paths
  }
}

/** Options of {@link writeOutput}. */
export interface WriteOutputOptions {
  /** The working directory: the output folder may be neither it nor one of its parents. */
  cwd: string
  /** Absolute input paths the output folder must not contain or be. */
  inputs?: readonly string[]
  /** Replace an existing non-empty folder that has no `.paper-notes-output` marker. */
  force?: boolean
  /** Called after each file is written (for progress). */
  onFileWritten?: (path: string) => void
}

/** What {@link writeOutput} wrote. */
export interface WriteOutputResult {
  /** The absolute output folder. */
  outDir: string
  /** The files written (not counting the marker file). */
  written: number
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child)
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

function isSameOrInside(parent: string, child: string): boolean {
  return resolve(parent) === resolve(child) || isInside(parent, child)
}

/**
 * Checks every rendered path: relative and clean (core's `isSafeOutputPath`), resolving inside
 * `outDir`, not the marker file or the cache folder, no path twice, and no
 * path that is both a file and a folder. Throws an {@link OutputError} naming the bad paths.
 */
export function checkOutputPaths(outDir: string, paths: readonly string[]): void {
  const root = resolve(outDir)
  const unsafe = paths.filter((path) => {
    if (typeof path !== 'string' || !isSafeOutputPath(path)) return true
    const target = resolve(root, path)
    return !target.startsWith(root + sep) || isReservedOutputPath(path)
  })
  if (unsafe.length > 0) {
    throw new OutputError(
      'unsafe-output-path',
      `Refusing to write outside the output folder (or over its marker or cache): ${unsafe.map((path) => JSON.stringify(path)).join(', ')}`,
      unsafe,
    )
  }
  const seen = new Set<string>()
  const duplicates = new Set<string>()
  for (const path of paths) {
    if (seen.has(path)) duplicates.add(path)
    seen.add(path)
  }
  if (duplicates.size > 0) {
    const list = [...duplicates].sort()
    throw new OutputError(
      'duplicate-output-path',
      `Two outputs want the same path: ${list.join(', ')}`,
      list,
    )
  }
  // A path clashes when one of the folders above it (each prefix up to a `/`) is a path too.
  const clashes = [...seen]
    .filter((path) => {
      for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) {
        if (seen.has(path.slice(0, at))) return true
      }
      return false
    })
    .sort()
  if (clashes.length > 0) {
    throw new OutputError(
      'output-path-clash',
      `A path is used both as a file and as a folder: ${clashes.join(', ')}`,
      clashes,
    )
  }
}

/** Refuses output folders whose replacement would destroy something that is not ours. */
async function checkOutputDir(outDir: string, options: WriteOutputOptions): Promise<void> {
  const cwd = resolve(options.cwd)
  const forbidden: [string, string][] = [
    [parse(outDir).root, 'the file-system root'],
    [homedir(), 'your home folder'],
  ]
  for (const [path, what] of forbidden) {
    if (resolve(path) === outDir) {
      throw new OutputError('unsafe-output-dir', `Refusing to replace ${what} (${outDir}).`, [
        outDir,
      ])
    }
  }
  if (isSameOrInside(outDir, cwd)) {
    throw new OutputError(
      'unsafe-output-dir',
      `Refusing to replace ${outDir}: it is the working directory or one of its parents.`,
      [outDir],
    )
  }
  for (const input of options.inputs ?? []) {
    if (isSameOrInside(outDir, input)) {
      throw new OutputError(
        'unsafe-output-dir',
        `Refusing to replace ${outDir}: it contains the input ${input}.`,
        [outDir],
      )
    }
  }
  const info = await stat(outDir).catch(() => undefined)
  if (info === undefined) return
  if (!info.isDirectory()) {
    throw new OutputError('unsafe-output-dir', `${outDir} exists and is not a folder.`, [outDir])
  }
  const entries = await readdir(outDir)
  if (entries.length > 0 && !entries.includes(outputMarkerFile) && !options.force) {
    throw new OutputError(
      'output-dir-not-ours',
      `Refusing to replace ${outDir}: it is not empty and was not written by paper-notes (no ${outputMarkerFile} file). Choose another --out, empty it, or pass --force.`,
      [outDir],
    )
  }
}

/** A staging folder being filled, which replaces the output folder on {@link OutputStaging.commit}. */
export interface OutputStaging {
  /** The absolute output folder it will replace. */
  readonly outDir: string
  /** The absolute staging folder (beside `outDir`). */
  readonly dir: string
  /** Writes one file (its path checked as in {@link writeStagedFile}). */
  write(path: string, contents: string | Uint8Array): Promise<void>
  /**
   * Writes the marker file, then replaces `outDir` with the staging folder by renames and
   * removes the replaced folder (or hands it to `options.retire`).
   */
  commit(options?: CommitOptions): Promise<void>
  /** Removes the staging folder; `outDir` stays as it was. */
  abort(): Promise<void>
}

/** Options of {@link OutputStaging.commit}. */
export interface CommitOptions {
  /**
   * Takes the replaced output folder (renamed aside, beside `outDir`) to remove it later, with
   * {@link removeReplacedOutput}, instead of `commit` removing it before it resolves: `build`
   * has it removed on its file thread while it writes the build cache.
   */
  retire?: (replaced: string) => void
}

/** Whether a rendered path is reserved by the CLI (the marker file, the cache folder). */
export function isReservedOutputPath(path: string): boolean {
  return path === outputMarkerFile || path === cacheFolder || path.startsWith(`${cacheFolder}/`)
}

/** The folders already made below one staging folder, so each is made once. */
export type MadeFolders = Set<string>

/** The checked absolute path of `path` below the staging folder, its folder made once. */
function stagedTarget(
  stagingDir: string,
  path: string,
  made: MadeFolders,
  options: StagedFileOptions,
): string {
  const target = stagedPath(stagingDir, path, options)
  const dir = dirname(target)
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true })
    made.add(dir)
  }
  return target
}

/**
 * Writes one file below a staging folder, synchronously (many small writes in a row are faster
 * without a round trip through the thread pool, and a build has nothing else to do): the path must be safe (core's `isSafeOutputPath`),
 * not reserved ({@link isReservedOutputPath}) and resolve inside the folder; the file must not
 * exist yet (`wx`), so two writers of one path fail instead of overwriting each other. Used by
 * the main thread and by build workers alike. Returns the absolute path written.
 *
 * @example
 * writeStagedFile(staging.dir, 'notes/4175.html', html, new Set())
 */
export function writeStagedFile(
  stagingDir: string,
  path: string,
  contents: string | Uint8Array,
  made: MadeFolders,
  options: StagedFileOptions = {},
): string {
  const target = stagedTarget(stagingDir, path, made, options)
  writeFileSync(target, contents, { flag: 'wx' })
  return target
}

/**
 * The buffer text is encoded into before it is written, shared by every write of this thread
 * (one is synchronous, start to end). A buffer per file, each freed only when the heap is next
 * collected, left the memory allocator's heap 30 MB larger and fragmented in a 60,000-note build.
 * One grown past {@link keptEncodeBytes} for a large piece is let go after that write.
 */
let sharedEncoded: Buffer | undefined

/** The largest encode buffer kept between writes. */
const keptEncodeBytes = 4 * 1024 * 1024

/** What {@link writeStagedChunks} wrote. */
export interface StagedChunksResult {
  /** The absolute path written. */
  target: string
  /** The file's size in bytes. */
  size: number
  /** Its modification time, once written. */
  mtimeMs: number
}

/**
 * Writes one file below a staging folder piece by piece (a planned file's `chunks()`), checked
 * and created as {@link writeStagedFile} does (`wx`): each piece is written as it comes, text
 * as UTF-8, so the file is never held whole (nor its bytes: text is encoded into one buffer
 * reused for every piece). `onBytes` is given each piece's bytes once written, in order, to
 * hash them; it must not keep them (the buffer is reused). If a piece throws (a renderer's
 * error), the file is closed and the error thrown; what was written stays until the staging
 * folder is removed.
 *
 * @example
 * const hash = createHash('sha1')
 * const { size } = writeStagedChunks(staging.dir, 'notes.json', file.chunks(), made, (bytes) => hash.update(bytes))
 */
export function writeStagedChunks(
  stagingDir: string,
  path: string,
  chunks: Iterable<string | Uint8Array>,
  made: MadeFolders,
  onBytes: (bytes: Uint8Array) => void,
  options: StagedFileOptions = {},
): StagedChunksResult {
  const target = stagedTarget(stagingDir, path, made, options)
  const fd = openSync(target, 'wx')
  let encoded = sharedEncoded ?? Buffer.alloc(0)
  sharedEncoded = undefined // taken while this write runs: `onBytes` could write another file
  try {
    const encode = (text: string): Uint8Array => {
      // A UTF-16 code unit takes at most 3 bytes of UTF-8, so the whole piece always fits.
      if (encoded.length < text.length * 3) {
        encoded = Buffer.allocUnsafeSlow(Math.max(text.length * 3, encoded.length * 2, 64 * 1024))
      }
      return encoded.subarray(0, encoded.write(text, 'utf8'))
    }
    let size = 0
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? encode(chunk) : chunk
      for (let offset = 0; offset < bytes.byteLength; ) {
        offset += writeSync(fd, bytes, offset, bytes.byteLength - offset)
      }
      onBytes(bytes)
      size += bytes.byteLength
    }
    return { target, size, mtimeMs: fstatSync(fd).mtimeMs }
  } finally {
    closeSync(fd)
    if (encoded.length <= keptEncodeBytes) sharedEncoded = encoded
  }
}

/**
 * Puts an existing file (from the previous output) at `path` below a staging folder: a hard
 * link when the file system allows it, else a copy. Checks the path like {@link writeStagedFile}.
 */
export function linkStagedFile(
  stagingDir: string,
  path: string,
  from: string,
  made: MadeFolders,
  options: StagedFileOptions = {},
): void {
  linkOrCopy(from, stagedTarget(stagingDir, path, made, options))
}

/**
 * Links staged files in the background (the thread pool) while the caller goes on, e.g. rendering
 * the files that changed: {@link StagedLinks.add} checks the path at once (like
 * {@link linkStagedFile}) and queues the folder creation and the link (or copy);
 * {@link StagedLinks.settle} waits for all of them and throws the first failure (in the order
 * the links were added, whichever finished first). Always settle
 * before the staging folder is committed or removed.
 */
export interface StagedLinks {
  /** Checks `path` and queues putting the file `from` there. */
  add(path: string, from: string): void
  /**
   * Waits for every queued link; throws the error of the first failed link in the order they
   * were added (after all have finished).
   */
  settle(): Promise<void>
}

/**
 * Starts a {@link StagedLinks} below a staging folder. Folders are made once each (queued as
 * well), and a folder already made by `made` (the synchronous writers') is not made again.
 *
 * @example
 * const links = stageLinks(staging.dir, made)
 * links.add('notes/4175.html', '/abs/site/notes/4175.html')
 * await links.settle()
 */
export function stageLinks(
  stagingDir: string,
  made: MadeFolders,
  options: StagedFileOptions = {},
): StagedLinks {
  const folders = new Map<string, Promise<unknown>>()
  const pending: Promise<void>[] = []
  /** Each failure with the place of its link among those added, to report the first added. */
  const errors: { index: number; error: unknown }[] = []
  let added = 0
  return {
    add(path, from) {
      const target = stagedPath(stagingDir, path, options)
      const dir = dirname(target)
      let folder = folders.get(dir)
      if (folder === undefined) {
        folder = made.has(dir) ? Promise.resolve() : mkdir(dir, { recursive: true })
        folders.set(dir, folder)
      }
      const index = added++
      const linked = folder
        .then(() => link(from, target))
        .catch(async (error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST' || error.syscall !== 'link') throw error
          await copyFile(from, target, constants.COPYFILE_EXCL)
        })
        .catch((error: unknown) => {
          errors.push({ index, error })
        })
      pending.push(linked)
    },
    async settle() {
      await Promise.all(pending)
      pending.length = 0
      if (errors.length === 0) return
      // The first failure in the order the links were added, not the order they finished in
      // (the thread pool's): the same error for the same build.
      throw errors.reduce((a, b) => (b.index < a.index ? b : a)).error
    },
  }
}

/** Options of {@link writeStagedFile} and {@link linkStagedFile}. */
export interface StagedFileOptions {
  /** The file is the CLI's own cache file: its path must be inside the cache folder. */
  cache?: boolean
}

/**
 * The absolute path of `path` below a staging folder, after checking it as
 * {@link writeStagedFile} does; throws an `unsafe-output-path` {@link OutputError} otherwise.
 */
export function stagedPath(
  stagingDir: string,
  path: string,
  options: StagedFileOptions = {},
): string {
  const allowed = options.cache ? path.startsWith(`${cacheFolder}/`) : !isReservedOutputPath(path)
  const target = typeof path === 'string' ? resolve(stagingDir, path) : ''
  if (
    typeof path !== 'string' ||
    !isSafeOutputPath(path) ||
    !allowed ||
    !target.startsWith(stagingDir + sep)
  ) {
    throw new OutputError(
      'unsafe-output-path',
      `Refusing to write outside the output folder (or over its marker or cache): ${JSON.stringify(path)}`,
      [String(path)],
    )
  }
  return target
}

function writeFailure(target: string, error: unknown): OutputError {
  if (error instanceof OutputError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new OutputError('output-write-failed', `Writing the output failed: ${message}`, [target])
}

/**
 * Checks the output folder (see the module comment) and makes a fresh staging folder beside it,
 * registered for removal on Ctrl-C. Files are written into it one by one as they are made; then
 * `commit` swaps it in, or `abort` throws it away.
 *
 * @example
 * const staging = await openOutputStaging('site', { cwd: process.cwd() })
 * try {
 *   await staging.write('index.html', html)
 *   await staging.commit()
 * } catch (error) {
 *   await staging.abort()
 *   throw error
 * }
 */
export async function openOutputStaging(
  outDir: string,
  options: WriteOutputOptions,
): Promise<OutputStaging> {
  const target = resolve(options.cwd, outDir)
  await checkOutputDir(target, options)
  const parent = dirname(target)
  await mkdir(parent, { recursive: true })
  const staging = await mkdtemp(join(parent, `.${basename(target)}.tmp-`))
  addStagingFolder(staging)
  const made: MadeFolders = new Set()
  let open = true
  const abort = async () => {
    if (!open) return
    open = false
    forgetStagingFolder(staging)
    await rm(staging, { recursive: true, force: true, maxRetries: 3 })
  }
  return {
    outDir: target,
    dir: staging,
    async write(path, contents) {
      try {
        writeStagedFile(staging, path, contents, made)
      } catch (error) {
        throw writeFailure(target, error)
      }
    },
    abort,
    async commit(commitOptions) {
      try {
        await writeFile(join(staging, outputMarkerFile), markerContents, { flag: 'wx' })
      } catch (error) {
        await abort()
        throw writeFailure(target, error)
      }
      open = false
      forgetStagingFolder(staging)
      const previous = await stat(target).catch(() => undefined)
      if (previous === undefined) {
        await rename(staging, target)
        return
      }
      const retired = join(parent, `.${basename(target)}.old-${randomBytes(4).toString('hex')}`)
      await rename(target, retired)
      try {
        await rename(staging, target)
      } catch (error) {
        await rename(retired, target)
        await rm(staging, { recursive: true, force: true })
        const message = error instanceof Error ? error.message : String(error)
        throw new OutputError('output-write-failed', `Replacing ${target} failed: ${message}`, [
          target,
        ])
      }
      if (commitOptions?.retire === undefined) removeReplacedOutput(retired)
      else commitOptions.retire(retired)
    },
  }
}

/**
 * Writes `files` into `outDir`, replacing its previous contents atomically (see the module
 * comment). Nothing in `outDir` changes when this throws. `build` writes file by file through
 * {@link openOutputStaging} instead, so that it never holds every file at once.
 *
 * @example
 * const files = await htmlRenderer.render(collection, { siteTitle: 'Notes' })
 * const { written } = await writeOutput('site', files, { cwd: process.cwd() })
 */
export async function writeOutput(
  outDir: string,
  files: readonly RenderedFile[],
  options: WriteOutputOptions,
): Promise<WriteOutputResult> {
  const target = resolve(options.cwd, outDir)
  checkOutputPaths(
    target,
    files.map((file) => file.path),
  )
  const staging = await openOutputStaging(target, options)
  try {
    for (const file of files) {
      await staging.write(file.path, file.contents)
      options.onFileWritten?.(file.path)
    }
  } catch (error) {
    await staging.abort()
    throw writeFailure(target, error)
  }
  await staging.commit()
  return { outDir: target, written: files.length }
}
