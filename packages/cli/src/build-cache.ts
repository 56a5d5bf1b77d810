/**
 * The build cache, kept in the output folder under `.paper-notes-cache/` and carried into every
 * new output folder:
 *
 * - `parsed.jsonl`: the notes and diagnostics of every input file, keyed by a SHA-256 of the
 *   file's path and bytes, the parse options and the CLI and parser versions, so an unchanged
 *   file is not parsed again (see `parse-cache.ts`);
 * - `manifest.json`: for every output file, a fingerprint of what made it (renderer name and
 *   version, options, path, the plan's `dependsOn.key` and the content of every note it depends
 *   on) and a hash of its bytes, so an unchanged file is carried over instead of rendered.
 *
 * A missing, corrupt or foreign cache is ignored (the build says why with `--verbose`).
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Diagnostic, Note, SourceFormat } from '@paper-notes/core'
import parserPackage from '@paper-notes/parser/package.json' with { type: 'json' }
import cliPackage from '../package.json' with { type: 'json' }
import { type InputSource, sourceBytes } from './inputs.js'
import { cacheFolder } from './write-output.js'

/** Bumped whenever the layout or meaning of the cache changes: older caches are then ignored. */
export const cacheFormatVersion = 4

const manifestTag = 'paper-notes-build-cache'

/** What the cache depends on besides its inputs: the versions of the code that wrote it. */
export const cacheVersions = `${cacheFormatVersion}:${cliPackage.version}:${parserPackage.version}`

/** The cache folder's path, relative to the output folder. */
export const manifestPath = `${cacheFolder}/manifest.json`

/** The parse of one input file: what the parser returned. */
export interface ParsedFile {
  /** The notes, in order. */
  notes: Note[]
  /** The parser's diagnostics, in order. */
  diagnostics: Diagnostic[]
}

/** One output file in the manifest. */
export interface ManifestEntry {
  /** What made the file (see {@link fileFingerprint}); absent when it cannot be reused. */
  fingerprint?: string
  /** SHA-1 of its bytes, hex. */
  hash: string
  /** Its size in bytes when written. */
  size?: number
  /** Its modification time when written (with `size`, spares re-reading an untouched file). */
  mtimeMs?: number
}

/** The manifest file's contents. */
interface Manifest {
  format: typeof manifestTag
  versions: string
  files: Record<string, ManifestEntry>
}

/**
 * The key of an input file's parse: a SHA-256 over the cache versions, the parse options, the
 * file's path (diagnostics name it) and its text (as UTF-8: the file's bytes when it was read
 * from valid UTF-8, see `sourceBytes`).
 *
 * @example
 * parseKey({ path: 'notes/4175.md', contents: '# …' }, { format: undefined, pageTag: true })
 */
export function parseKey(
  source: InputSource,
  options: { format?: SourceFormat; pageTag?: boolean },
): string {
  return createHash('sha256')
    .update(
      JSON.stringify([cacheVersions, options.format ?? null, options.pageTag ?? null, source.path]),
    )
    .update('\0')
    .update(sourceBytes(source) ?? source.contents)
    .digest('hex')
}

/** A note without its comment trees (what {@link noteFingerprint} hashes). */
export function withoutTrees(note: Note): Note {
  if (note.comments.every((comment) => comment.tree === undefined)) return note
  return {
    ...note,
    comments: note.comments.map(({ tree: _tree, ...comment }) => comment),
  }
}

/**
 * A SHA-1 of some JSON of a note, memoized per note object: it can be asked for without being
 * worked out (`known`) and recorded for a note read back from the cache, as the build that wrote
 * it worked it out (`remember`).
 */
export interface NoteHash {
  /** The hash of `note`, worked out once. */
  (note: Note): string
  /** The hash of `note` if it was already worked out or recorded, else `undefined`. */
  known(note: Note): string | undefined
  /** Records `hash` as the hash of `note`. */
  remember(note: Note, hash: string): void
}

/**
 * A {@link NoteHash} of `json(note)` serialized.
 *
 * @example
 * const titleHash = noteHash((note) => note.title)
 * titleHash(note) // => '2fd4…' (40 hex digits), worked out once per note
 */
export function noteHash(json: (note: Note) => unknown): NoteHash {
  const hashes = new WeakMap<Note, string>()
  const hash = (note: Note): string => {
    let known = hashes.get(note)
    if (known === undefined) {
      known = createHash('sha1')
        .update(JSON.stringify(json(note)))
        .digest('hex')
      hashes.set(note, known)
    }
    return known
  }
  return Object.assign(hash, {
    known: (note: Note) => hashes.get(note),
    remember: (note: Note, known: string) => {
      hashes.set(note, known)
    },
  })
}

/** SHA-1 of a note's JSON without comment trees, memoized per note object. */
export const noteFingerprint: NoteHash = noteHash(withoutTrees)

/**
 * Records the {@link noteFingerprint} of a note read back from the parse cache, as the build
 * that wrote it worked it out (the same JSON, so the same hash), sparing the hash.
 */
export function rememberNoteFingerprint(note: Note, fingerprint: string): void {
  noteFingerprint.remember(note, fingerprint)
}

/** The {@link noteFingerprint} of `note` if it was already worked out, else `undefined`. */
export function knownNoteFingerprint(note: Note): string | undefined {
  return noteFingerprint.known(note)
}

/** What identifies a renderer's output besides its plan: name, version and options. */
export interface RendererIdentity {
  /** The renderer's name. */
  name: string
  /** Its output version (`undefined`: its files are never reused). */
  version?: string
  /** Its options as JSON (base URL, title…). */
  optionsKey: string
}

/**
 * The fingerprint of a planned file: SHA-1 over the cache versions, the renderer's identity,
 * the path, the plan's `dependsOn.key` and each depended-on note's {@link noteFingerprint}.
 * `undefined` (never reused) when the plan gives no dependencies or the renderer no version.
 */
export function fileFingerprint(
  renderer: RendererIdentity,
  path: string,
  dependsOn: { notes: readonly Note[]; key: string } | undefined,
): string | undefined {
  if (dependsOn === undefined || renderer.version === undefined) return undefined
  const hash = createHash('sha1').update(
    JSON.stringify([
      cacheVersions,
      renderer.name,
      renderer.version,
      renderer.optionsKey,
      path,
      dependsOn.key,
    ]),
  )
  // One update of the joined fingerprints: the same bytes as one update per note, so the same
  // digest, without a call into the hash per note (`notes.json` depends on every note).
  let notes = ''
  for (const note of dependsOn.notes) notes += `\0${noteFingerprint(note)}`
  return hash.update(notes).digest('hex')
}

/** SHA-1 of a file's bytes, hex. */
export function contentHash(contents: string | Uint8Array): string {
  return createHash('sha1').update(contents).digest('hex')
}

/** The previous build's cache, as read from the output folder. */
export interface PreviousCache {
  /** The previous output folder (absolute). */
  outDir: string
  /** Its manifest: output path → entry. */
  files: Map<string, ManifestEntry>
}

/** What {@link readPreviousCache} found. */
export interface PreviousCacheResult {
  /** The cache, or `undefined` when there is none that can be used. */
  cache?: PreviousCache
  /** Why there is none, for `--verbose` (`undefined` for a plain first build). */
  reason?: string
}

function isManifest(value: unknown): value is Manifest {
  if (typeof value !== 'object' || value === null) return false
  const manifest = value as Partial<Manifest>
  if (manifest.format !== manifestTag || typeof manifest.files !== 'object') return false
  if (manifest.files === null || Array.isArray(manifest.files)) return false
  return Object.values(manifest.files).every(
    (entry) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof entry.hash === 'string' &&
      (entry.fingerprint === undefined || typeof entry.fingerprint === 'string') &&
      (entry.size === undefined || typeof entry.size === 'number') &&
      (entry.mtimeMs === undefined || typeof entry.mtimeMs === 'number'),
  )
}

/**
 * Reads the manifest of the cache in `outDir`. A missing folder is a first build; a manifest
 * that is not valid JSON, not ours, or written by other versions is ignored with a reason.
 *
 * @example
 * const { cache, reason } = await readPreviousCache('/abs/site')
 */
export async function readPreviousCache(outDir: string): Promise<PreviousCacheResult> {
  let text: string
  try {
    text = await readFile(join(outDir, manifestPath), 'utf8')
  } catch {
    return {}
  }
  let manifest: unknown
  try {
    manifest = JSON.parse(text)
  } catch {
    return { reason: `ignoring the build cache: ${manifestPath} is not valid JSON` }
  }
  if (!isManifest(manifest)) {
    return { reason: `ignoring the build cache: ${manifestPath} is not a paper-notes manifest` }
  }
  if (manifest.versions !== cacheVersions) {
    return { reason: 'ignoring the build cache: it was written by another version' }
  }
  return { cache: { outDir, files: new Map(Object.entries(manifest.files)) } }
}

/** The manifest file's text for `entries` (sorted by path, so it is deterministic). */
export function manifestText(entries: ReadonlyMap<string, ManifestEntry>): string {
  const files: Record<string, ManifestEntry> = {}
  for (const path of [...entries.keys()].sort()) files[path] = entries.get(path)!
  const manifest: Manifest = { format: manifestTag, versions: cacheVersions, files }
  return `${JSON.stringify(manifest)}\n`
}
