/**
 * Turns the inputs named on the command line (files, directories, `-` for standard input) into
 * decoded `{ path, contents }` sources, in a stable order. Problems become diagnostics.
 */
import { isUtf8 } from 'node:buffer'
import { readdirSync, readFileSync, realpathSync, type Stats, statSync } from 'node:fs'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { Diagnostic } from '@paper-notes/core'

/** File extensions read from directories (files named explicitly are read whatever their name). */
export const noteFileExtensions: readonly string[] = ['.md', '.txt', '.xml', '.json']

/** The display name of standard input in diagnostics. */
export const stdinName = '<stdin>'

/** One decoded input. */
export interface InputSource {
  /** The path as shown to the user: relative to the working directory when inside it, `/`-separated; `<stdin>` for `-`. */
  path: string
  /** The absolute path on disk; absent for standard input. */
  absolutePath?: string
  /** The text, decoded as UTF-8 with any byte-order mark removed. */
  contents: string
}

/** What {@link collectInputs} found. */
export interface CollectedInputs {
  /** Every input, in command-line order; the files of a directory sorted by path. */
  sources: InputSource[]
  /** Missing or unreadable inputs (`error`), empty directories and bad encodings (`warning`). */
  diagnostics: Diagnostic[]
}

/** Where {@link collectInputs} resolves paths and reads standard input from. */
export interface CollectInputsOptions {
  /** The directory relative inputs are resolved against. */
  cwd: string
  /** Reads all of standard input; called at most once. */
  readStdin: () => Promise<Uint8Array | string>
  /** Absolute paths of directories never read while walking a directory (the output folder). */
  exclude?: readonly string[]
  /**
   * How many bytes of files of valid UTF-8 to keep in memory once read (default
   * {@link retainedInputBytes}): files are kept while they fit, the files of a folder only if
   * all of them do. The others are read again when used.
   */
  heldBytes?: number
  /**
   * Called with each file (its path as shown and its absolute path) and its `stat`, taken
   * before the file is read (see {@link sourceStats}): a file it says is unchanged since an
   * earlier run read it and found it valid UTF-8 is not read now (its bytes and text are read
   * when used). Without it, every file is read.
   */
  unchanged?: (file: { path: string; absolutePath: string }, stats: InputFileStats) => boolean
}

/** What identifies the state of an input file on disk (from `stat`). */
export interface InputFileStats {
  /** Its size in bytes. */
  size: number
  /** Its modification time. */
  mtimeMs: number
  /** Its status change time (any write changes it, and no tool can set it back). */
  ctimeMs: number
  /** Its inode number. */
  ino: number
}

/** A path for humans: relative to `cwd` when inside it, always `/`-separated. */
export function displayPath(absolutePath: string, cwd: string): string {
  const rel = relative(cwd, absolutePath)
  const shown = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolutePath
  return sep === '/' ? shown : shown.split(sep).join('/')
}

/** Decodes UTF-8, removing a byte-order mark; invalid bytes become U+FFFD and `ok` is false. */
export function decodeText(bytes: Uint8Array | string): { text: string; ok: boolean } {
  if (typeof bytes === 'string') return { text: bytes.replace(/^\uFEFF/, ''), ok: true }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), ok: true }
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), ok: false }
  }
}

function hasNoteExtension(name: string): boolean {
  const lower = name.toLowerCase()
  return noteFileExtensions.some((extension) => lower.endsWith(extension))
}

/**
 * Folders' own documentation, not notes: a folder of notes often has a `README.md`, which would
 * otherwise be read as a note without front matter. Named explicitly, such a file is still read.
 */
const folderDocumentation = new Set(['readme.md', 'changelog.md', 'contributing.md', 'license.md'])

/** A note file found in a folder: its path, and its real path when known without a look-up. */
interface FoundFile {
  path: string
  real?: string
}

/**
 * Files below `dir` with a note extension, sorted; skips dot-entries, `node_modules` and the
 * folder's documentation (`README.md`, `CHANGELOG.md`, `CONTRIBUTING.md`, `LICENSE.md`).
 * File-system calls are synchronous: a walk of thousands of entries has nothing to overlap with,
 * and each asynchronous call costs a round trip through the thread pool. An entry's type comes
 * from the directory listing; only symbolic links (and entries of unknown type) are `stat`ed.
 */
function listNoteFiles(
  dir: string,
  visited: Set<string>,
  exclude: ReadonlySet<string>,
): FoundFile[] {
  const real = realpathSync(dir)
  if (visited.has(real) || exclude.has(resolve(dir)) || exclude.has(real)) return []
  visited.add(real)
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter(
      ({ name }) =>
        !name.startsWith('.') &&
        name !== 'node_modules' &&
        !folderDocumentation.has(name.toLowerCase()),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const files: FoundFile[] = []
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isFile()) {
      // A plain file in a real folder: its real path is known.
      if (hasNoteExtension(entry.name)) files.push({ path, real: join(real, entry.name) })
      continue
    }
    const info = entry.isDirectory() ? entry : statOrUndefined(path)
    if (info?.isDirectory()) files.push(...listNoteFiles(path, visited, exclude))
    else if (info?.isFile() && hasNoteExtension(entry.name)) files.push({ path })
  }
  return files
}

/**
 * How many bytes of input files {@link collectInputs} keeps in memory after reading them (about
 * 13,000 notes of ~4.8 KB). The bytes of later files are read again from disk when used: a
 * collection of 60,000 notes would otherwise hold ~290 MB of input from start to end of a build.
 */
export const retainedInputBytes = 64 * 1024 * 1024

/** How the bytes of a source read from a file of valid UTF-8 are had. */
interface Utf8File {
  /** Its size in bytes, byte-order mark included. */
  readonly size: number
  /** Its `stat` before it was read, when `collectInputs` took it (see `unchanged`). */
  readonly stats: InputFileStats | undefined
  /** Its bytes (without byte-order mark) while held, `undefined` once let go. */
  held: Buffer | undefined
  /** Its text while held (decoded when first read). */
  text: string | undefined
}

const utf8Files = new WeakMap<InputSource, Utf8File>()

function withoutBom(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
}

/**
 * The UTF-8 bytes of `source.contents` when the source was read from a file of valid UTF-8 (its
 * byte-order mark left out), else `undefined`: the build cache hashes them instead of encoding
 * the text again. Bytes no longer held (see {@link releaseSource}) are read again from the file.
 */
export function sourceBytes(source: InputSource): Uint8Array | undefined {
  const file = utf8Files.get(source)
  if (file === undefined) return undefined
  return file.held ?? readAgain(source)
}

/**
 * The size in bytes of a source: of its file when it was read from a file of valid UTF-8, else
 * of its text as UTF-8.
 */
export function sourceSize(source: InputSource): number {
  return utf8Files.get(source)?.size ?? Buffer.byteLength(source.contents)
}

/**
 * The `stat` of the file of a source, taken before it was read, when {@link collectInputs} took
 * one (it does when given `unchanged`) and the file is valid UTF-8; else `undefined`.
 */
export function sourceStats(source: InputSource): InputFileStats | undefined {
  return utf8Files.get(source)?.stats
}

/**
 * Lets go of the bytes and text a source read from a file of valid UTF-8 holds: they are read
 * again from the file when next used (to show a diagnostic's line, say). A build that is done
 * parsing a large input calls it so that memory does not grow with the inputs. If the file
 * changes on disk in between, what is shown is its new text. Other sources are left as they are.
 */
export function releaseSource(source: InputSource): void {
  const file = utf8Files.get(source)
  if (file === undefined) return
  file.held = undefined
  file.text = undefined
}

/** The bytes of a source read from a file of valid UTF-8, read again from disk, without byte-order mark. */
function readAgain(source: InputSource): Buffer {
  return withoutBom(readFileSync(source.absolutePath!))
}

/** The `contents` getter of every source read from a file of valid UTF-8 (see {@link utf8Source}). */
function utf8Contents(this: InputSource): string {
  const file = utf8Files.get(this)!
  if (file.text !== undefined) return file.text
  if (file.held === undefined) return readAgain(this).toString('utf8')
  file.text = file.held.toString('utf8')
  return file.text
}

/** Its setter: the source becomes a plain one, with the text given. */
function setUtf8Contents(this: InputSource, value: string): void {
  Object.defineProperty(this, 'contents', { value, enumerable: true, writable: true })
  utf8Files.delete(this)
}

/**
 * A source read from a file of valid UTF-8, whose text is decoded when first read: a rebuild
 * that takes a file's notes from the cache only hashes its bytes. With `held` undefined (bytes
 * not kept, or not read at all) they are read again from disk when used. Every such source
 * shares one getter and setter of `contents` (no closures of its own: a build of 60,000 notes
 * holds 60,000 sources to its end).
 */
function utf8Source(
  path: string,
  absolutePath: string,
  size: number,
  held: Buffer | undefined,
  stats: InputFileStats | undefined,
): InputSource {
  const file: Utf8File = {
    size,
    stats,
    held: held === undefined ? undefined : withoutBom(held),
    text: undefined,
  }
  const source = { path, absolutePath } as InputSource
  Object.defineProperty(source, 'contents', {
    enumerable: true,
    configurable: true,
    get: utf8Contents,
    set: setUtf8Contents,
  })
  utf8Files.set(source, file)
  return source
}

function fileStats(info: Stats | undefined): InputFileStats | undefined {
  if (info === undefined) return undefined
  return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

function inputError(code: string, message: string, file: string): Diagnostic {
  return { code, severity: 'error', message, file }
}

/**
 * Reads every input: a file, a directory (recursively, files ending in `.md`, `.txt`, `.xml`
 * or `.json`, sorted by path; dot-entries, `node_modules` and `options.exclude` are skipped) or
 * `-` (standard input). A file named twice is read once. Every file is read here (to check its
 * encoding), except those `options.unchanged` says an earlier run read; files of valid UTF-8 are
 * kept in memory while they fit in `options.heldBytes` ({@link retainedInputBytes}), a folder's
 * files only if all of them fit, and the others read again when used.
 *
 * @example
 * const { sources, diagnostics } = await collectInputs(['notes/', '-'], {
 *   cwd: process.cwd(),
 *   readStdin: () => readAll(process.stdin),
 * })
 */
export async function collectInputs(
  inputs: readonly string[],
  options: CollectInputsOptions,
): Promise<CollectedInputs> {
  const sources: InputSource[] = []
  const diagnostics: Diagnostic[] = []
  const seenFiles = new Set<string>()
  let stdinRead = false
  const exclude = new Set((options.exclude ?? []).map((path) => resolve(path)))
  let held = 0

  const budget = options.heldBytes ?? retainedInputBytes
  /**
   * Reads one file. `listed` is its `stat` taken when its folder was listed (`undefined`: it
   * could not be taken) and whether its folder's files may be held.
   */
  const addFile = (
    absolutePath: string,
    knownReal?: string,
    listed?: { info: Stats | undefined; mayHold: boolean },
  ) => {
    const real = knownReal ?? realpathSync(absolutePath)
    if (seenFiles.has(real)) return
    seenFiles.add(real)
    const path = displayPath(absolutePath, options.cwd)
    // Taken before the file is read: if it changes in between, the stats recorded are those of
    // an older state, so a later run reads it again instead of trusting them.
    const stats =
      options.unchanged === undefined
        ? undefined
        : fileStats(listed === undefined ? statOrUndefined(absolutePath) : listed.info)
    if (stats !== undefined && options.unchanged!({ path, absolutePath }, stats)) {
      sources.push(utf8Source(path, absolutePath, stats.size, undefined, stats))
      return
    }
    const bytes = readFileSync(absolutePath)
    if (isUtf8(bytes)) {
      const hold = (listed?.mayHold ?? true) && held + bytes.length <= budget
      if (hold) held += bytes.length
      sources.push(utf8Source(path, absolutePath, bytes.length, hold ? bytes : undefined, stats))
      return
    }
    const { text, ok } = decodeText(bytes)
    if (!ok) {
      diagnostics.push({
        code: 'input-encoding',
        severity: 'warning',
        message: 'The file is not valid UTF-8; invalid bytes were replaced with U+FFFD.',
        file: path,
      })
    }
    sources.push({ path, absolutePath, contents: text })
  }

  for (const input of inputs) {
    if (input === '-') {
      if (stdinRead) continue
      stdinRead = true
      const { text, ok } = decodeText(await options.readStdin())
      if (!ok) {
        diagnostics.push({
          code: 'input-encoding',
          severity: 'warning',
          message: 'Standard input is not valid UTF-8; invalid bytes were replaced with U+FFFD.',
          file: stdinName,
        })
      }
      sources.push({ path: stdinName, contents: text })
      continue
    }
    const absolutePath = resolve(options.cwd, input)
    const shown = displayPath(absolutePath, options.cwd)
    let info: Stats | NodeJS.ErrnoException
    try {
      info = statSync(absolutePath)
    } catch (error) {
      info = error as NodeJS.ErrnoException
    }
    if (info instanceof Error) {
      const missing = info.code === 'ENOENT' || info.code === 'ENOTDIR'
      diagnostics.push(
        inputError(
          missing ? 'input-not-found' : 'input-unreadable',
          missing ? `No such file or directory: ${input}` : `Cannot read ${input}: ${info.message}`,
          shown,
        ),
      )
      continue
    }
    try {
      if (info.isDirectory()) {
        const files = listNoteFiles(absolutePath, new Set(), exclude)
        if (files.length === 0) {
          diagnostics.push({
            code: 'input-empty',
            severity: 'warning',
            message: `No note files (${noteFileExtensions.join(' ')}) in directory ${input}`,
            file: shown,
          })
        }
        // A folder's files are held only if all of them fit in what is left of the budget. A
        // larger collection is built with --low-memory, which lets go of each input once it is
        // parsed, and bytes held then let go leave the process's memory allocator fragmented:
        // ~60 MB more peak RSS at 20,000 notes for the same build.
        const infos = files.map((file) => statOrUndefined(file.path))
        const bytes = infos.reduce((sum, info) => sum + (info?.size ?? 0), 0)
        const mayHold = held + bytes <= budget
        files.forEach((file, index) => {
          addFile(file.path, file.real, { info: infos[index], mayHold })
        })
      } else {
        addFile(absolutePath)
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      diagnostics.push(inputError('input-unreadable', `Cannot read ${input}: ${message}`, shown))
    }
  }
  return { sources, diagnostics }
}
