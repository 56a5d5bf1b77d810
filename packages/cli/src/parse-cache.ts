/**
 * The parse cache: `.paper-notes-cache/parsed-<n>.jsonl` in the output folder, a few files
 * ("segments") holding the parse of every input file of the build that wrote them, so an
 * unchanged input is not parsed again.
 *
 * Each segment is JSON lines: a header line (`{"format":"paper-notes-parse-cache","versions":…}`),
 * then one line per input file,
 * `{"key":…,"fingerprints":[…],"outlines":[…],"notes":[…],"diagnostics":[…]}`, a tab, `trees`, a
 * tab and `prose` (JSON holds no raw tab, so the tabs end the parts):
 *
 * - `key` is the input's parse key (`parseKey`: its path, bytes, the parse options, the versions);
 * - `notes` and `diagnostics` are what the parser returned, the notes without comment trees and
 *   with `null` in place of their prose (`abstract`, `translation`, `summary`, `sections`);
 * - `prose[n]` is note `n`'s `[abstract, translation, summary, sections]`, parsed only when one of
 *   them is first read: most of a note's bytes, which a rebuild reads for the few notes on the
 *   pages it renders (the collection, the plan index and the fingerprints need none of it);
 * - `trees[n][c]` is the mdast tree of comment `c` of note `n` (or `null`), without `position`s
 *   (no renderer output depends on them, and they are most of a tree's bytes): parsing this JSON
 *   is far cheaper than parsing the comment's markdown again for a note card. It is parsed only
 *   when a comment's `tree` is first read: a rebuild reads few of them (the HTML renderer's plan
 *   reads the trees of comments whose markdown may reference a note, and the changed pages the
 *   trees of the notes they show), and the trees are a third of the cache's bytes and most of its
 *   objects;
 * - `fingerprints[n]` is note `n`'s `noteFingerprint` when the build that wrote it had worked it
 *   out (else `null`), so a rebuild does not serialize and hash every cached note again;
 *   `outlines[n]` likewise its `noteOutlineHash` (see `plan-index.ts`).
 *
 * A few files are read and written instead of a file per input (thousands of small files cost
 * more to create, link and delete than their bytes). A rebuild hard-links the previous segments
 * that still hold entries it uses and writes only the inputs parsed anew into one more segment;
 * when the segments hold more unused lines than used ones, or there are too many, it writes one
 * segment of the entries in use instead. Lines are independent: a line that is not valid JSON,
 * not of its key, or cut short (a truncated file) is ignored and its input parsed again (and its
 * segment is written again rather than linked); a segment whose header is missing, foreign or of
 * other versions is ignored whole, with a reason.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Comment, Diagnostic, Note } from '@paper-notes/core'
import {
  cacheVersions,
  knownNoteFingerprint,
  type ParsedFile,
  rememberNoteFingerprint,
  withoutTrees,
} from './build-cache.js'
import { knownNoteOutlineHash, rememberNoteOutlineHash } from './plan-index.js'
import { cacheFolder, linkStagedFile, stagedPath } from './write-output.js'

/** The path of parse cache segment `number`, relative to the output folder. */
export function parseCacheSegmentPath(number: number): string {
  return `${cacheFolder}/parsed-${number}.jsonl`
}

const segmentName = /^parsed-([1-9]\d{0,8})\.jsonl$/

/** At most this many segments: a rebuild that would make more writes one instead. */
export const maxParseCacheSegments = 8

const parseCacheTag = 'paper-notes-parse-cache'

/** The start of every entry line: the key follows, up to the next `"`. */
const entryStart = '{"key":"'

type CommentTree = NonNullable<Comment['tree']>

/** The entry lines of a parse cache by key, whole or cut at their trees. */
export interface EntryLines extends ReadonlyMap<string, string> {
  /**
   * The line of `key` cut at its tabs: the entry's text, the bytes of its comment trees and
   * those of its notes' prose (each `undefined` when the line has no such part); `undefined`
   * when there is no such line.
   */
  parts(key: string): EntryParts | undefined
}

/** An entry line cut at its tabs (see {@link EntryLines.parts}). */
export interface EntryParts {
  /** The entry's JSON text. */
  entry: string
  /** The bytes of its comment trees' JSON. */
  trees: Buffer | undefined
  /** The bytes of its notes' prose JSON. */
  prose: Buffer | undefined
}

/** One segment file of a previous build's parse cache. */
export interface ParseCacheSegment {
  /** Its number (`parsed-<number>.jsonl`). */
  readonly number: number
  /** The keys of its entry lines. */
  readonly keys: readonly string[]
  /** `false` when some of its lines were unreadable: it is written again, not linked. */
  readonly whole: boolean
}

/** The parse cache of a previous build: its entry lines by key, not parsed until used. */
export interface ParseCache {
  /** The previous output folder (absolute). */
  readonly outDir: string
  /** Entry lines by parse key (and cut at their trees, see `parts`). */
  readonly lines: EntryLines
  /** Its readable segments, by number. */
  readonly segments: readonly ParseCacheSegment[]
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

/** The segment numbers in the cache folder of `outDir`, ascending. */
function segmentNumbers(outDir: string): number[] {
  let names: string[]
  try {
    names = readdirSync(join(outDir, cacheFolder))
  } catch {
    return []
  }
  return names
    .flatMap((name) => {
      const match = segmentName.exec(name)
      return match ? [Number(match[1])] : []
    })
    .sort((a, b) => a - b)
}

/**
 * Reads the parse cache of the output folder `outDir`: each segment's header is checked, its
 * entry lines split and indexed by key (each is parsed only when {@link takeParsed} asks for it).
 *
 * @example
 * const { cache, reason } = readParseCache('/abs/site')
 * const parsed = cache && takeParsed(cache, parseKey(source, options))
 */
export function readParseCache(outDir: string): ParseCacheResult {
  const numbers = segmentNumbers(outDir)
  if (numbers.length === 0) {
    return { reason: `no parse cache in ${cacheFolder}: every input is parsed` }
  }
  const lines = new SegmentLines()
  const segments: ParseCacheSegment[] = []
  const reasons: string[] = []
  const header = Buffer.from(`${headerText()}\n`, 'utf8')
  const start = Buffer.from(entryStart, 'latin1')
  let unreadable = 0
  for (const number of numbers) {
    const path = parseCacheSegmentPath(number)
    let bytes: Buffer
    try {
      // Bytes, not text: a line is decoded when it is taken (see SegmentLines).
      bytes = readFileSync(join(outDir, path))
    } catch {
      reasons.push(`ignoring ${path}: it cannot be read`)
      continue
    }
    if (bytes.length < header.length || !bytes.subarray(0, header.length).equals(header)) {
      reasons.push(`ignoring ${path}: not a parse cache of this version of paper-notes`)
      continue
    }
    const keys: string[] = []
    let bad = 0
    let lineStart = header.length
    while (lineStart < bytes.length) {
      const end = bytes.indexOf(newline, lineStart)
      if (end === -1) {
        bad += 1 // the last line was cut short
        break
      }
      const keyStart = lineStart + start.length
      const keyEnd = bytes.indexOf(quote, keyStart)
      if (keyEnd !== -1 && keyEnd < end && bytes.subarray(lineStart, keyStart).equals(start)) {
        const key = bytes.toString('latin1', keyStart, keyEnd)
        lines.add(key, bytes, lineStart, end)
        keys.push(key)
      } else {
        bad += 1
      }
      lineStart = end + 1
    }
    if (bad > 0) reasons.push(`ignoring ${bad} unreadable line(s) of ${path}`)
    unreadable += bad
    segments.push({ number, keys, whole: bad === 0 })
  }
  const reason = reasons.length === 0 ? {} : { reason: reasons.join('; ') }
  if (segments.length === 0) return reason
  return { cache: { outDir, lines, segments, unreadable }, ...reason }
}

const newline = 0x0a
const quote = 0x22
const tab = 0x09

/**
 * The entry lines of the segments read, by key: each kept as a range of its segment's bytes and
 * decoded when asked for. Decoding a whole segment into one string (tens of megabytes, two bytes
 * a character once it holds any non-Latin-1 text) took longer than decoding its lines one by
 * one, and the string stayed alive as long as any line sliced from it.
 */
class SegmentLines implements EntryLines {
  readonly #ranges = new Map<string, { bytes: Buffer; start: number; end: number }>()

  add(key: string, bytes: Buffer, start: number, end: number): void {
    this.#ranges.set(key, { bytes, start, end })
  }

  get size(): number {
    return this.#ranges.size
  }

  has(key: string): boolean {
    return this.#ranges.has(key)
  }

  get(key: string): string | undefined {
    const range = this.#ranges.get(key)
    return range === undefined ? undefined : range.bytes.toString('utf8', range.start, range.end)
  }

  /**
   * The line of `key` cut at its tabs: the entry's text, and the bytes of its trees and prose,
   * as views of the segment's bytes. Not copies: trees and prose are most of a segment's bytes,
   * so copying them out would let little of it go (and took 56 ms for 6,000 notes).
   */
  parts(key: string): EntryParts | undefined {
    const range = this.#ranges.get(key)
    if (range === undefined) return undefined
    const { bytes, start, end } = range
    const first = bytes.indexOf(tab, start)
    if (first === -1 || first >= end) {
      return { entry: bytes.toString('utf8', start, end), trees: undefined, prose: undefined }
    }
    const second = bytes.indexOf(tab, first + 1)
    const treesEnd = second === -1 || second >= end ? end : second
    return {
      entry: bytes.toString('utf8', start, first),
      trees: bytes.subarray(first + 1, treesEnd),
      prose: treesEnd === end ? undefined : bytes.subarray(treesEnd + 1, end),
    }
  }

  keys(): MapIterator<string> {
    return this.#ranges.keys()
  }

  *values(): MapIterator<string> {
    for (const key of this.#ranges.keys()) yield this.get(key)!
  }

  *entries(): MapIterator<[string, string]> {
    for (const key of this.#ranges.keys()) yield [key, this.get(key)!]
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries()
  }

  forEach(
    callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this)
  }
}

interface EntryJson {
  key: string
  fingerprints: (string | null)[]
  outlines: (string | null)[]
  notes: Note[]
  diagnostics: Diagnostic[]
}

function isEntry(value: unknown, key: string): value is EntryJson {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Partial<EntryJson>
  if (entry.key !== key || !Array.isArray(entry.notes) || !Array.isArray(entry.diagnostics)) {
    return false
  }
  const { notes, fingerprints, outlines } = entry
  if (!Array.isArray(fingerprints) || fingerprints.length !== notes.length) return false
  if (!Array.isArray(outlines) || outlines.length !== notes.length) return false
  const hashOrNull = (value: unknown) => value === null || typeof value === 'string'
  return notes.every((note: unknown, index) => {
    const comments = (note as Partial<Note> | null)?.comments
    return Array.isArray(comments) && hashOrNull(fingerprints[index]) && hashOrNull(outlines[index])
  })
}

/** The prose fields of a note, in the order of a `prose` entry (see the module comment). */
const proseFields = ['abstract', 'translation', 'summary', 'sections'] as const

type Prose = [Note['abstract'], Note['translation'], Note['summary'], Note['sections']]

/** The cache file an entry came from could not be read after all: its prose is damaged. */
export class DamagedParseCacheError extends Error {
  override readonly name = 'DamagedParseCacheError'
}

/**
 * Gives every note of `notes` its prose fields as getters that parse `bytes` (the entry's
 * prose) when any of them is first read, for all the notes at once: then each field is a plain
 * property again, where it stood (so the note serializes as it did). Setting a field replaces
 * it. Prose that is not one `[abstract, translation, summary, sections]` per note throws a
 * {@link DamagedParseCacheError} (the entry's other parts were whole: this takes damage inside a
 * line of the cache file).
 */
function lazyProse(notes: readonly Note[], bytes: Buffer): void {
  let pending: Buffer | undefined = bytes
  let damaged = false
  const damage = () =>
    new DamagedParseCacheError(
      'the build cache is damaged (a note’s prose cannot be read): build again with --no-cache',
    )
  const settle = () => {
    if (damaged) throw damage()
    if (pending === undefined) return
    let prose: unknown
    try {
      prose = JSON.parse(pending.toString('utf8'))
    } catch {
      prose = undefined
    }
    pending = undefined
    const fits =
      Array.isArray(prose) &&
      prose.length === notes.length &&
      prose.every((fields) => Array.isArray(fields) && fields.length === proseFields.length)
    if (!fits) {
      damaged = true
      throw damage()
    }
    notes.forEach((note, index) => {
      const fields = (prose as Prose[])[index]!
      proseFields.forEach((field, at) => {
        // A field set meanwhile keeps its value.
        if (isLazy(note, field)) place(note, field, fields[at])
      })
    })
  }
  for (const note of notes) for (const field of proseFields) lazyField(note, field, settle)
}

/**
 * Makes `field` of `target` a getter that calls `settle` (which places the field's value, or
 * deletes it) and then reads the field, and a setter that places the value it is given.
 */
function lazyField(target: object, field: string, settle: () => void): void {
  Object.defineProperty(target, field, {
    enumerable: true,
    configurable: true,
    get() {
      settle()
      const own = Object.getOwnPropertyDescriptor(target, field)
      return own !== undefined && 'value' in own ? own.value : undefined
    },
    set(value: unknown) {
      place(target, field, value)
    },
  })
}

/** Whether `field` of `target` is still a {@link lazyField} (neither settled nor set). */
function isLazy(target: object, field: string): boolean {
  return Object.getOwnPropertyDescriptor(target, field)?.get !== undefined
}

/** Makes `field` of `target` a plain property holding `value`, where it stands. */
function place(target: object, field: string, value: unknown): void {
  Object.defineProperty(target, field, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  })
}

/**
 * The trees of an entry's notes from their JSON, or `undefined` when it is not valid JSON or
 * does not give every comment a tree or `null`.
 */
function parseTrees(bytes: Buffer, notes: readonly Note[]): (CommentTree | null)[][] | undefined {
  let trees: unknown
  try {
    trees = JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
  const fits =
    Array.isArray(trees) &&
    trees.length === notes.length &&
    notes.every((note, index) => {
      const noteTrees: unknown = trees[index]
      return Array.isArray(noteTrees) && noteTrees.length === note.comments.length
    })
  return fits ? (trees as (CommentTree | null)[][]) : undefined
}

/**
 * Gives every comment of `notes` a `tree` that is parsed from `bytes` (the entry's trees) when
 * any comment's `tree` is first read, for all of them at once: then each comment keeps its tree
 * as a plain property, in the same place, or none when it had none (`null`). Trees that cannot
 * be read (not valid JSON, or not one per comment) are left out: renderers then build them from
 * the comments' markdown, as for notes read from JSON. Setting a comment's `tree` replaces it.
 */
function lazyTrees(notes: readonly Note[], bytes: Buffer): void {
  // The comments as they are now: a note's list may be replaced later (duplicates merged).
  const comments = notes.map((note) => [...note.comments])
  let pending: Buffer | undefined = bytes
  const settle = () => {
    if (pending === undefined) return
    const trees = parseTrees(pending, notes)
    pending = undefined
    comments.forEach((list, index) => {
      list.forEach((comment, commentIndex) => {
        // A comment whose tree was set meanwhile keeps it.
        if (!isLazy(comment, 'tree')) return
        const tree = trees?.[index]?.[commentIndex]
        if (tree === null || tree === undefined) delete comment.tree
        else place(comment, 'tree', tree)
      })
    })
  }
  for (const list of comments) for (const comment of list) lazyField(comment, 'tree', settle)
}

/**
 * The cached parse of the input with parse key `key`, or `undefined` when the cache has no
 * usable entry for it (missing, not valid JSON, of another key, or malformed). Comment trees are
 * put back, parsed when first read (see {@link lazyTrees}), and recorded note fingerprints
 * remembered for `noteFingerprint`.
 */
export function takeParsed(cache: ParseCache, key: string): ParsedFile | undefined {
  const parts = cache.lines.parts(key)
  if (parts?.prose === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(parts.entry)
  } catch {
    return undefined
  }
  if (!isEntry(value, key)) return undefined
  if (parts.trees !== undefined) lazyTrees(value.notes, parts.trees)
  lazyProse(value.notes, parts.prose)
  value.notes.forEach((note, index) => {
    const fingerprint = value.fingerprints[index]
    if (typeof fingerprint === 'string') rememberNoteFingerprint(note, fingerprint)
    const outline = value.outlines[index]
    if (typeof outline === 'string') rememberNoteOutlineHash(note, outline)
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
    outlines: parsed.notes.map((note) => knownNoteOutlineHash(note) ?? null),
    // The prose fields stay where they stand, as `null`: a note read back keeps its key order.
    notes: parsed.notes.map((note) => ({
      ...withoutTrees(note),
      abstract: null,
      translation: null,
      summary: null,
      sections: null,
    })),
    diagnostics: parsed.diagnostics,
  })
  const trees = JSON.stringify(
    parsed.notes.map((note) => note.comments.map((comment) => comment.tree ?? null)),
    withoutPosition,
  )
  const prose = JSON.stringify(
    parsed.notes.map(
      (note): Prose => [note.abstract, note.translation, note.summary, note.sections],
    ),
  )
  return `${entry}\t${trees}\t${prose}`
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
 * Writes one parse cache segment at the absolute path `target` (which must not exist): the
 * header, then one line per distinct key, in the order given. Lines taken from the previous cache
 * are copied, not serialized again.
 *
 * @example
 * writeParseSegment(join(stagingDir, parseCacheSegmentPath(1)), [{ key, parsed }])
 */
export function writeParseSegment(target: string, entries: Iterable<ParseCacheEntry>): void {
  const fd = openSync(target, 'wx')
  try {
    let chunk = `${headerText()}\n`
    const written = new Set<string>()
    for (const { key, parsed, line } of entries) {
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

/** The segments of a previous parse cache, without its lines: what {@link writeParseCache} links. */
export type ParseCacheSegments = Pick<ParseCache, 'outDir' | 'segments'>

/**
 * The previous segments {@link writeParseCache} will link for a build whose inputs have the
 * parse keys `live`: the whole ones holding a live entry; none (one segment is written instead)
 * when they would hold more unused lines than used ones, or be {@link maxParseCacheSegments}.
 * A build works this out once it has parsed, so that it keeps only the lines it will copy.
 *
 * @example
 * const linked = new Set(segmentsToKeep(cache, liveKeys).flatMap((segment) => segment.keys))
 */
export function segmentsToKeep(
  previous: ParseCacheSegments | undefined,
  live: ReadonlySet<string>,
): ParseCacheSegment[] {
  const kept = (previous?.segments ?? []).filter(
    (segment) => segment.whole && segment.keys.some((key) => live.has(key)),
  )
  const keptLines = kept.reduce((sum, segment) => sum + segment.keys.length, 0)
  return keptLines > 2 * live.size || kept.length >= maxParseCacheSegments ? [] : kept
}

/** What {@link writeParseCache} did, for `--verbose` and tests. */
export interface ParseCacheWrite {
  /** Segment numbers hard-linked from the previous cache. */
  linked: number[]
  /** The segment written (with the entries not in a linked one), if any. */
  written?: number
  /** Entries in the written segment. */
  entries: number
}

/**
 * Writes the parse cache of `entries` (every input of this build, in order) into the staging
 * folder: the previous segments that hold entries still in use are hard-linked and the other
 * entries written into one new segment; or, when the kept segments would hold more unused lines
 * than used ones, or be more than {@link maxParseCacheSegments}, all entries into one segment.
 *
 * @example
 * writeParseCache(staging.dir, entries, previousParseCache)
 */
export function writeParseCache(
  stagingDir: string,
  entries: readonly ParseCacheEntry[],
  previous: ParseCacheSegments | undefined,
): ParseCacheWrite {
  const live = new Set(entries.map((entry) => entry.key))
  const kept = segmentsToKeep(previous, live)
  const made = new Set<string>()
  const cache = { cache: true }
  const linked: number[] = []
  const covered = new Set<string>()
  if (previous !== undefined) {
    for (const segment of kept) {
      const path = parseCacheSegmentPath(segment.number)
      try {
        linkStagedFile(stagingDir, path, join(previous.outDir, path), made, cache)
      } catch {
        continue // The previous segment vanished: its entries are written again.
      }
      linked.push(segment.number)
      for (const key of segment.keys) covered.add(key)
    }
  }
  const rest = entries.filter((entry) => !covered.has(entry.key))
  if (rest.length === 0) return { linked, entries: 0 }
  const number = linked.length === 0 ? 1 : Math.max(...kept.map((segment) => segment.number)) + 1
  const target = stagedPath(stagingDir, parseCacheSegmentPath(number), cache)
  mkdirSync(dirname(target), { recursive: true })
  writeParseSegment(target, rest)
  return { linked, written: number, entries: new Set(rest.map((entry) => entry.key)).size }
}
