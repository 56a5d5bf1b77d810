/**
 * The plan index: which notes each output file listed in its `dependsOn`, and the outline of the
 * collection it was planned from, so a rebuild takes a file's fingerprint over from the previous
 * build instead of working its `dependsOn` out again (core's `Renderer.plansFromOutline`).
 *
 * Working out every file's `dependsOn` reads every note (the HTML renderer scans each note's
 * comments for references, and parses the comment trees that may hold one): most of a rebuild
 * after one changed note. For a renderer that plans from the outline, a file's `dependsOn` is
 * the same as in the previous build when the collection's outline is and none of the notes the
 * file listed has changed, so its fingerprint is too: it is taken from the previous manifest.
 *
 * The index is kept in the cache folder as `plan-index.json`: the cache versions, the outline's
 * digest ({@link outlineDigest}), the note ids, and for each file of a renderer that plans from
 * the outline, under the renderer's {@link pieceMaker} (name, version, options), the positions
 * of its notes' ids in that list. A missing, corrupt or foreign index is ignored: every file is
 * then planned in full, as before.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Note, noteOutline } from '@paper-notes/core'
import { cacheVersions, type NoteHash, noteHash, type PreviousCache } from './build-cache.js'
import { pieceMaker } from './piece-index.js'
import type { PlannedRenderer } from './renderers.js'
import { cacheFolder } from './write-output.js'

/** The plan index's path, relative to the output folder. */
export const planIndexPath = `${cacheFolder}/plan-index.json`

const planIndexTag = 'paper-notes-plan-index'

/** The plan index file's contents. */
interface PlanIndexFile {
  format: typeof planIndexTag
  versions: string
  /** {@link outlineDigest} of the build's notes. */
  outline: string
  /** Every note id a file listed, once. */
  ids: string[]
  /** By the {@link pieceMaker} of the renderer that planned them, each file's notes as positions in `ids`. */
  files: Record<string, Record<string, number[]>>
}

/** A fingerprint taken over from the previous build, with the notes its file listed. */
export interface CarriedFingerprint {
  /** The file's fingerprint, as in the previous manifest. */
  fingerprint: string
  /** The ids of the notes its `dependsOn` listed. */
  notes: readonly string[]
}

/**
 * The fingerprint of `path`, planned by `renderer`, when the previous build's can be taken
 * over; `undefined` when it must be worked out.
 */
export type CarryFingerprint = (
  renderer: PlannedRenderer,
  path: string,
) => CarriedFingerprint | undefined

/**
 * SHA-1 of a note's outline (core's `noteOutline`) as JSON, memoized per note object. A build
 * that keeps its notes on disk works it out before it lets go of the note's comments.
 */
export const noteOutlineHash: NoteHash = noteHash(noteOutline)

/** The {@link noteOutlineHash} of `note` if it was already worked out, else `undefined`. */
export function knownNoteOutlineHash(note: Note): string | undefined {
  return noteOutlineHash.known(note)
}

/**
 * Records `hash` as the outline hash of `note`: a light copy of the note it was worked out for,
 * or a note read back from the parse cache, as the build that wrote it worked it out.
 */
export function rememberNoteOutlineHash(note: Note, hash: string): void {
  noteOutlineHash.remember(note, hash)
}

/**
 * The digest of a build's outline: SHA-1 over each note's {@link noteOutlineHash}, in the order
 * the notes were read (the collection is made from that list, duplicates and all).
 *
 * @example
 * outlineDigest(notes) // => '9b2e…' (40 hex digits)
 */
export function outlineDigest(notes: readonly Note[]): string {
  let joined = ''
  for (const note of notes) joined += `${noteOutlineHash(note)}\n`
  return createHash('sha1').update(joined).digest('hex')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isPlanIndex(value: unknown): value is PlanIndexFile {
  if (typeof value !== 'object' || value === null) return false
  const index = value as Partial<PlanIndexFile>
  return (
    index.format === planIndexTag &&
    index.versions === cacheVersions &&
    typeof index.outline === 'string' &&
    Array.isArray(index.ids) &&
    index.ids.every((id) => typeof id === 'string') &&
    isObject(index.files) &&
    Object.values(index.files).every(
      (byPath) =>
        isObject(byPath) &&
        Object.values(byPath).every(
          (list) =>
            Array.isArray(list) &&
            list.every((at) => Number.isInteger(at) && at >= 0 && at < index.ids!.length),
        ),
    )
  )
}

/**
 * How the fingerprints of the previous build in `previous` can be taken over by a build of
 * notes whose outline digest is `outline`, where the notes of `changed` ids (those of the inputs
 * parsed anew) may differ from the previous build's. `undefined` when none can: no index, one
 * that is unreadable or of other versions, or another outline.
 *
 * @example
 * const carry = fingerprintCarrier(previous, outlineDigest(notes), new Set(['4175']))
 * carry?.(htmlRenderer, 'notes/12.html') // => { fingerprint: '…', notes: ['12', …] }
 */
export function fingerprintCarrier(
  previous: PreviousCache,
  outline: string,
  changed: ReadonlySet<string>,
): CarryFingerprint | undefined {
  let index: unknown
  try {
    index = JSON.parse(readFileSync(join(previous.outDir, planIndexPath), 'utf8'))
  } catch {
    return undefined
  }
  if (!isPlanIndex(index) || index.outline !== outline) return undefined
  const { ids, files } = index
  const changedAt = new Set<number>()
  ids.forEach((id, at) => {
    if (changed.has(id)) changedAt.add(at)
  })
  return (renderer, path) => {
    if (renderer.plansFromOutline !== true || renderer.version === undefined) return undefined
    const maker = pieceMaker(renderer)
    const byPath = Object.hasOwn(files, maker) ? files[maker] : undefined
    const listed = byPath !== undefined && Object.hasOwn(byPath, path) ? byPath[path] : undefined
    if (listed === undefined || listed.some((at) => changedAt.has(at))) return undefined
    const fingerprint = previous.files.get(path)?.fingerprint
    if (fingerprint === undefined) return undefined
    return { fingerprint, notes: listed.map((at) => ids[at]!) }
  }
}

/** One file for {@link planIndexText}: its path, renderer and the ids of the notes it listed. */
export interface PlanIndexEntry {
  /** Relative output path. */
  path: string
  /** The renderer that planned it. */
  renderer: PlannedRenderer
  /** The ids of the notes its `dependsOn` listed. */
  notes: readonly string[]
}

/**
 * The plan index file's text: the files of renderers that plan from the outline (sorted by
 * path, so it is deterministic), by their renderers' makers, with the outline digest.
 */
export function planIndexText(outline: string, entries: Iterable<PlanIndexEntry>): string {
  const ids: string[] = []
  const positions = new Map<string, number>()
  const files: Record<string, Record<string, number[]>> = {}
  const sorted = [...entries]
    .filter((entry) => entry.renderer.plansFromOutline === true)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const { path, renderer, notes } of sorted) {
    const maker = pieceMaker(renderer)
    files[maker] ??= {}
    const byPath = files[maker]
    byPath[path] = notes.map((id) => {
      let at = positions.get(id)
      if (at === undefined) {
        at = ids.length
        ids.push(id)
        positions.set(id, at)
      }
      return at
    })
  }
  const file: PlanIndexFile = { format: planIndexTag, versions: cacheVersions, outline, ids, files }
  return `${JSON.stringify(file)}\n`
}
