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
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path'
import { isSafeOutputPath, type RenderedFile } from '@paper-notes/core'
import { addStagingFolder, forgetStagingFolder } from './staging-folders.js'

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
 * Checks every rendered path before anything is written: relative and clean (core's
 * `isSafeOutputPath`), resolving inside `outDir`, not the marker file, no path twice, and no
 * path that is both a file and a folder. Throws an {@link OutputError} naming the bad paths.
 */
export function checkOutputPaths(outDir: string, files: readonly RenderedFile[]): void {
  const root = resolve(outDir)
  const unsafe = files
    .map((file) => file.path)
    .filter((path) => {
      if (typeof path !== 'string' || !isSafeOutputPath(path)) return true
      const target = resolve(root, path)
      return !target.startsWith(root + sep) || path === outputMarkerFile
    })
  if (unsafe.length > 0) {
    throw new OutputError(
      'unsafe-output-path',
      `Refusing to write outside the output folder (or over its marker): ${unsafe.map((path) => JSON.stringify(path)).join(', ')}`,
      unsafe,
    )
  }
  const seen = new Set<string>()
  const duplicates = new Set<string>()
  for (const { path } of files) {
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
  const clashes = [...seen]
    .filter((path) => {
      const parts = path.split('/')
      return parts.slice(1).some((_, index) => seen.has(parts.slice(0, index + 1).join('/')))
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

/**
 * Writes `files` into `outDir`, replacing its previous contents atomically (see the module
 * comment). Nothing in `outDir` changes when this throws.
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
  checkOutputPaths(target, files)
  await checkOutputDir(target, options)

  const parent = dirname(target)
  await mkdir(parent, { recursive: true })
  const staging = await mkdtemp(join(parent, `.${basename(target)}.tmp-`))
  addStagingFolder(staging)
  try {
    const madeDirs = new Set<string>()
    for (const file of files) {
      const path = resolve(staging, file.path)
      if (!path.startsWith(staging + sep)) {
        throw new OutputError('unsafe-output-path', `Refusing to write ${file.path}`, [file.path])
      }
      const dir = dirname(path)
      if (!madeDirs.has(dir)) {
        await mkdir(dir, { recursive: true })
        madeDirs.add(dir)
      }
      // `wx`: the staging folder is new, so an existing file here would mean a race; refuse it.
      await writeFile(path, file.contents, { flag: 'wx' })
      options.onFileWritten?.(file.path)
    }
    await writeFile(join(staging, outputMarkerFile), markerContents, { flag: 'wx' })
  } catch (error) {
    forgetStagingFolder(staging)
    await rm(staging, { recursive: true, force: true })
    if (error instanceof OutputError) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new OutputError('output-write-failed', `Writing the output failed: ${message}`, [target])
  }

  forgetStagingFolder(staging)
  const previous = await stat(target).catch(() => undefined)
  if (previous === undefined) {
    await rename(staging, target)
    return { outDir: target, written: files.length }
  }
  const retired = join(parent, `.${basename(target)}.old-${randomBytes(4).toString('hex')}`)
  await rename(target, retired)
  try {
    await rename(staging, target)
  } catch (error) {
    await rename(retired, target)
    await rm(staging, { recursive: true, force: true })
    const message = error instanceof Error ? error.message : String(error)
    throw new OutputError('output-write-failed', `Replacing ${target} failed: ${message}`, [target])
  }
  await rm(retired, { recursive: true, force: true })
  return { outDir: target, written: files.length }
}
