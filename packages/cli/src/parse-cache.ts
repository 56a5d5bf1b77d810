/**
 * The parse cache: `.paper-notes-cache/parsed.jsonl` in the output folder, one file holding the
 * parse of every input file of the build that wrote it, so an unchanged input is not parsed again.
 *
 * The file is JSON lines: a header line (`{"format":"paper-notes-parse-cache","versions":…}`),
 * then one line per input file, `{"key":…,"fingerprints":[…],"notes":[…],"diagnostics":[…],"trees":[…]}`:
 *
 * - `key` is the input's parse key (`parseKey`: its path, bytes, the parse options, the versions);
 * - `notes` and `diagnostics` are what the parser returned, the notes without comment trees;
 * - `trees[n][c]` is the mdast tree of comment `c` of note `n` (or `null`), without `position`s
 *   (no renderer output depends on them, and they are most of a tree's bytes): parsing this JSON
 *   is far cheaper than parsing the comment's markdown again for a note card;
 * - `fingerprints[n]` is note `n`'s `noteFingerprint` when the build that wrote it had worked it
 *   out (else `null`), so a rebuild does not serialize and hash every cached note again.
 *
 * One file is read and written instead of a file per input (thousands of small files cost more to
 * create, link and delete than their bytes). Lines are independent: a line that is not valid JSON,
 * not of its key, or cut short (a truncated file) is ignored and its input parsed again; a header
 * that is missing, foreign or of other versions makes the whole file ignored, with a reason.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { Comment, Diagnostic, Note } from '@paper-notes/core'
import {
  cacheVersions,
  knownNoteFingerprint,
  type ParsedFile,
  rememberNoteFingerprint,
  withoutTrees,
} from './build-cache.js'
import { cacheFolder } from './write-output.js'

/** The parse cache file's path, relative to the output folder. */
export const parseCachePath = `${cacheFolder}/parsed.jsonl`

const parseCacheTag = 'paper-notes-parse-cache'

/** The start of every entry line: the key follows, up to the next `"`. */
const entryStart = '{"key":"'

type CommentTree = NonNullable<Comment['tree']>

/** The parse cache of a previous build: its entry lines by key, not parsed until used. */
export interface ParseCache {
  /** Entry lines by parse key. */
  readonly lines: ReadonlyMap<string, string>
  /** Lines that were not entries (cut short, or without a key): ignored. */
  readonly unreadable: number
}

/** What {@link readParseCache} found. */
export interface ParseCacheResult {
  /** The cache, or `undefined` when there is none that can be used. */
  cache?: ParseCache
  /** Why some or all of it is ignored, for `--verbose`. */
  reason?: string
}

function headerText(): string {
  return JSON.stringify({ format: parseCacheTag, versions: cacheVersions })
}

/**
 * Reads the parse cache of the output folder `outDir`: the header is checked, the entry lines are
 * split and indexed by key (each is parsed only when {@link takeParsed} asks for it).
 *
 * @example
 * const { cache, reason } = readParseCache('/abs/site')
 * const parsed = cache && takeParsed(cache, parseKey(source, options))
 */
export function readParseCache(outDir: string): ParseCacheResult {
  let text: string
  try {
    text = readFileSync(join(outDir, parseCachePath), 'utf8')
  } catch {
    return { reason: `no parse cache (${parseCachePath}): every input is parsed` }
  }
  const headerEnd = text.indexOf('\n')
  if (headerEnd === -1 || text.slice(0, headerEnd) !== headerText()) {
    return {
      reason: `ignoring ${parseCachePath}: not a parse cache of this version of paper-notes`,
    }
  }
  const lines = new Map<string, string>()
  let unreadable = 0
  let start = headerEnd + 1
  while (start < text.length) {
    const end = text.indexOf('\n', start)
    if (end === -1) {
      unreadable += 1 // the last line was cut short
      break
    }
    const keyEnd = text.indexOf('"', start + entryStart.length)
    if (text.startsWith(entryStart, start) && keyEnd !== -1 && keyEnd < end) {
      lines.set(text.slice(start + entryStart.length, keyEnd), text.slice(start, end))
    } else {
      unreadable += 1
    }
    start = end + 1
  }
  const cache = { lines, unreadable }
  if (unreadable === 0) return { cache }
  return { cache, reason: `ignoring ${unreadable} unreadable line(s) of ${parseCachePath}` }
}

interface EntryJson {
  key: string
  fingerprints: (string | null)[]
  notes: Note[]
  diagnostics: Diagnostic[]
  trees: (CommentTree | null)[][]
}

function isEntry(value: unknown, key: string): value is EntryJson {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Partial<EntryJson>
  if (entry.key !== key || !Array.isArray(entry.notes) || !Array.isArray(entry.diagnostics)) {
    return false
  }
  const { notes, trees, fingerprints } = entry
  if (!Array.isArray(trees) || !Array.isArray(fingerprints)) return false
  if (trees.length !== notes.length || fingerprints.length !== notes.length) return false
  return notes.every((note: unknown, index) => {
    const comments = (note as Partial<Note> | null)?.comments
    const noteTrees = trees[index]
    const fingerprint = fingerprints[index]
    return (
      Array.isArray(comments) &&
      Array.isArray(noteTrees) &&
      noteTrees.length === comments.length &&
      (fingerprint === null || typeof fingerprint === 'string')
    )
  })
}

/**
 * The cached parse of the input with parse key `key`, or `undefined` when the cache has no
 * usable entry for it (missing, not valid JSON, of another key, or malformed). Comment trees are
 * put back, and recorded note fingerprints remembered for `noteFingerprint`.
 */
export function takeParsed(cache: ParseCache, key: string): ParsedFile | undefined {
  const line = cache.lines.get(key)
  if (line === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return undefined
  }
  if (!isEntry(value, key)) return undefined
  value.notes.forEach((note, index) => {
    const trees = value.trees[index]!
    note.comments.forEach((comment, commentIndex) => {
      const tree = trees[commentIndex]
      if (tree !== null && tree !== undefined) comment.tree = tree
    })
    const fingerprint = value.fingerprints[index]
    if (typeof fingerprint === 'string') rememberNoteFingerprint(note, fingerprint)
  })
  return { notes: value.notes, diagnostics: value.diagnostics }
}

/** Leaves out `position` objects (JSON.stringify replacer, used on comment trees only). */
function withoutPosition(name: string, value: unknown): unknown {
  return name === 'position' ? undefined : value
}

/** The entry line of one input file's parse (without its newline). */
export function parseCacheLine(key: string, parsed: ParsedFile): string {
  const entry = JSON.stringify({
    key,
    fingerprints: parsed.notes.map((note) => knownNoteFingerprint(note) ?? null),
    notes: parsed.notes.map(withoutTrees),
    diagnostics: parsed.diagnostics,
  })
  const trees = JSON.stringify(
    parsed.notes.map((note) => note.comments.map((comment) => comment.tree ?? null)),
    withoutPosition,
  )
  return `${entry.slice(0, -1)},"trees":${trees}}`
}

/** One input file's parse, to be written by {@link writeParseCache}. */
export interface ParseCacheEntry {
  /** Its parse key. */
  key: string
  /** The parse. */
  parsed: ParsedFile
  /** Its line in the previous cache, when it came from there (written again as it is). */
  line?: string
}

/** Writes all of `text` to `fd` (a write may take fewer bytes than it was given). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8')
  let offset = 0
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset)
}

/** Characters gathered before each write. */
const writeChunk = 1 << 20

/**
 * Writes the parse cache file at the absolute path `target` (which must not exist): the header,
 * then one line per distinct key, in the order given. Lines taken from the previous cache are
 * copied, not serialized again. `onEntry` is called for each entry given (for progress).
 *
 * @example
 * writeParseCache(join(stagingDir, parseCachePath), [{ key, parsed }])
 */
export function writeParseCache(
  target: string,
  entries: Iterable<ParseCacheEntry>,
  onEntry?: () => void,
): void {
  const fd = openSync(target, 'wx')
  try {
    let chunk = `${headerText()}\n`
    const written = new Set<string>()
    for (const { key, parsed, line } of entries) {
      onEntry?.()
      if (written.has(key)) continue
      written.add(key)
      chunk += `${line ?? parseCacheLine(key, parsed)}\n`
      if (chunk.length >= writeChunk) {
        writeAll(fd, chunk)
        chunk = ''
      }
    }
    if (chunk !== '') writeAll(fd, chunk)
  } finally {
    closeSync(fd)
  }
}
