/**
 * Files written from pieces (a planned file's `pieces()`, core's `FilePiece`), such as
 * `notes.json`, which holds one piece per note: where each piece stands in the file written, so
 * that the next build copies the pieces whose notes did not change from there instead of making
 * them again. A rebuild after one changed note then copies `notes.json` but one note from the
 * previous one, instead of serializing every note again.
 *
 * The index is kept in the cache folder as `pieces.jsonl`: a header line, then one line per file
 * written from pieces, `<path as JSON>\t<index as JSON>` (JSON text holds no raw tab). A piece is
 * copied only from a file of the same path made by the same renderer, version and options
 * ({@link pieceMaker}), whose bytes are intact (the size and modification time the manifest
 * recorded), and only when its {@link pieceFingerprint} is the same.
 */
import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs'
import { join } from 'node:path'
import type { FileDependencies, FilePiece } from '@paper-notes/core'
import {
  cacheVersions,
  noteFingerprint,
  type PreviousCache,
  type RendererIdentity,
} from './build-cache.js'
import { cacheFolder } from './write-output.js'

/** The piece index's path, relative to the output folder. */
export const piecesPath = `${cacheFolder}/pieces.jsonl`

const header = `paper-notes-pieces ${JSON.stringify(cacheVersions)}`

/** Where the pieces of one file stand. */
export interface PieceIndex {
  /** What made the file: its renderer's name, version and options ({@link pieceMaker}). */
  maker: string
  /** Each piece that may be copied: its {@link pieceFingerprint}, first byte and length. */
  pieces: [fingerprint: string, start: number, length: number][]
}

/**
 * SHA-1 over the cache versions and the renderer's name, version and options: a piece is only
 * copied from a file made with the same.
 *
 * @example
 * pieceMaker({ name: 'json', version: '1.0.0', optionsKey: '{}' }) // => '5e0c…' (40 hex digits)
 */
export function pieceMaker(renderer: RendererIdentity): string {
  let maker = makers.get(renderer)
  if (maker === undefined) {
    maker = createHash('sha1')
      .update(
        JSON.stringify([
          cacheVersions,
          renderer.name,
          renderer.version ?? null,
          renderer.optionsKey,
        ]),
      )
      .digest('hex')
    makers.set(renderer, maker)
  }
  return maker
}

const makers = new WeakMap<RendererIdentity, string>()

/**
 * What a piece's bytes depend on, as a string: for a piece of one note (the common case: one
 * note's entry in a list), the note's fingerprint, a colon and the piece's key, so no hash is
 * worked out per piece; else a SHA-1 over the key and each note's fingerprint (no colon).
 *
 * @example
 * pieceFingerprint({ notes: [note], key: 'next' }) // => '9a1f…:next'
 */
export function pieceFingerprint(dependsOn: FileDependencies): string {
  const { notes, key } = dependsOn
  if (notes.length === 1) return `${noteFingerprint(notes[0]!)}:${key}`
  const hash = createHash('sha1').update(JSON.stringify(key))
  for (const note of notes) hash.update(`\0${noteFingerprint(note)}`)
  return hash.digest('hex')
}

/** The index's line for one file (without its newline). */
export function pieceLine(path: string, index: PieceIndex): string {
  return `${JSON.stringify(path)}\t${JSON.stringify(index)}`
}

const newlineByte = 0x0a
const tabByte = 0x09
const newline = Buffer.of(newlineByte)

/**
 * The bytes of `pieces.jsonl` for the given lines ({@link pieceLine}, or a line of the previous
 * file as {@link previousPieceLines} gives it), in the order given.
 *
 * @example
 * writeStagedFile(stagingDir, piecesPath, piecesFileBytes(lines), new Set(), { cache: true })
 */
export function piecesFileBytes(lines: Iterable<string | Uint8Array>): Buffer {
  const parts: Uint8Array[] = [Buffer.from(`${header}\n`, 'utf8')]
  for (const line of lines) {
    parts.push(typeof line === 'string' ? Buffer.from(line, 'utf8') : line, newline)
  }
  return Buffer.concat(parts)
}

const previousLines = new WeakMap<PreviousCache, Map<string, Buffer>>()

/**
 * The lines of the previous build's `pieces.jsonl` by path, as bytes (views of the file's; a
 * line carried over is written again as it is, and only the few that are used are decoded),
 * read once per previous cache, when first asked for; empty when it is missing or of other
 * versions. A line is checked only when it is used ({@link piecesToCopy}).
 */
export function previousPieceLines(previous: PreviousCache): Map<string, Buffer> {
  let lines = previousLines.get(previous)
  if (lines === undefined) {
    lines = new Map()
    let bytes = Buffer.alloc(0)
    try {
      bytes = readFileSync(join(previous.outDir, piecesPath))
    } catch {
      // No index: nothing to copy.
    }
    const first = bytes.indexOf(newlineByte)
    if (first !== -1 && bytes.toString('utf8', 0, first) === header) {
      for (let start = first + 1; start < bytes.length; ) {
        const found = bytes.indexOf(newlineByte, start)
        const end = found === -1 ? bytes.length : found
        const tab = bytes.indexOf(tabByte, start)
        if (tab !== -1 && tab < end) {
          try {
            const path: unknown = JSON.parse(bytes.toString('utf8', start, tab))
            if (typeof path === 'string') lines.set(path, bytes.subarray(start, end))
          } catch {
            // A broken line is left out: its file's pieces are made again.
          }
        }
        start = end + 1
      }
    }
    previousLines.set(previous, lines)
  }
  return lines
}

function isIndex(value: unknown, size: number): value is PieceIndex {
  if (typeof value !== 'object' || value === null) return false
  const { maker, pieces } = value as Partial<PieceIndex>
  return (
    typeof maker === 'string' &&
    Array.isArray(pieces) &&
    pieces.every(
      (piece: unknown) =>
        Array.isArray(piece) &&
        typeof piece[0] === 'string' &&
        Number.isSafeInteger(piece[1]) &&
        Number.isSafeInteger(piece[2]) &&
        piece[1] >= 0 &&
        piece[2] >= 0 &&
        piece[1] + piece[2] <= size,
    )
  )
}

/** The pieces of a previous file that may be copied: the file, and each range by fingerprint. */
export interface PiecesToCopy {
  /** The previous file's absolute path. */
  from: string
  /** Its size and modification time, as the manifest recorded them (checked again when opened). */
  size: number
  mtimeMs: number
  /** First byte and length of each piece, by {@link pieceFingerprint}. */
  ranges: Map<string, readonly [number, number]>
}

/**
 * The pieces of the previous build's file at `path` that may be copied into the new one made by
 * `maker`: `undefined` when there is no such file, index or manifest entry, or another maker
 * made it. Whether its bytes are intact is checked when it is opened ({@link copyPieces}).
 */
export function piecesToCopy(
  previous: PreviousCache,
  path: string,
  maker: string,
): PiecesToCopy | undefined {
  const entry = previous.files.get(path)
  if (entry?.size === undefined || entry.mtimeMs === undefined) return undefined
  const line = previousPieceLines(previous).get(path)
  if (line === undefined) return undefined
  let index: unknown
  try {
    index = JSON.parse(line.toString('utf8', line.indexOf(tabByte) + 1))
  } catch {
    return undefined
  }
  if (!isIndex(index, entry.size) || index.maker !== maker) return undefined
  const ranges = new Map<string, readonly [number, number]>()
  for (const [fingerprint, start, length] of index.pieces) {
    if (!ranges.has(fingerprint)) ranges.set(fingerprint, [start, length])
  }
  return { from: join(previous.outDir, path), size: entry.size, mtimeMs: entry.mtimeMs, ranges }
}

/** Bytes gathered before a piece of output is given to the writer. */
const batchBytes = 256 * 1024

/**
 * The bytes of a file given as `pieces`, in pieces of about {@link batchBytes}: each piece of
 * text encoded as UTF-8, each `FilePiece` copied from the previous file when `old` has a piece
 * of its fingerprint, else made. Pieces that stand one after another in the previous file are
 * read in one go. Records where each `FilePiece` stands in the new file in `index`. The previous
 * file is used only if its size and modification time are still the recorded ones (a file that
 * changed since is not read: every piece is made); one that changes while it is read (a short
 * read) throws. Each piece given is a new buffer, which the writer may keep.
 *
 * @example
 * const index: PieceIndex = { maker, pieces: [] }
 * staged.writeChunks('notes.json', copyPieces(file.pieces(), piecesToCopy(previous, 'notes.json', maker), index))
 */
export function* copyPieces(
  pieces: Iterable<string | Uint8Array | FilePiece>,
  old: PiecesToCopy | undefined,
  index: PieceIndex,
): Generator<Uint8Array, void, undefined> {
  let fd: number | undefined
  if (old !== undefined) {
    try {
      fd = openSync(old.from, 'r')
      const info = fstatSync(fd)
      if (info.size !== old.size || info.mtimeMs !== old.mtimeMs) {
        closeSync(fd)
        fd = undefined
      }
    } catch {
      fd = undefined
    }
  }
  const ranges = fd === undefined ? undefined : old?.ranges
  let batch = Buffer.allocUnsafe(batchBytes)
  let used = 0
  /** Bytes of the new file before the batch. */
  let before = 0
  /** A run of the previous file to copy next: first byte and length. */
  let runStart = 0
  let runLength = 0
  const ready: Buffer[] = []

  /** Ends the batch, and starts one with room for at least `room` bytes. */
  const nextBatch = (room: number) => {
    if (used > 0) ready.push(batch.subarray(0, used))
    before += used
    batch = Buffer.allocUnsafe(Math.max(batchBytes, room))
    used = 0
  }
  /** Gives the batches that are full. */
  function* drain(): Generator<Uint8Array, void, undefined> {
    while (ready.length > 0) yield ready.shift()!
  }
  /** Copies the run, giving each batch as soon as it is full: a run may be most of the file. */
  function* copyRun(): Generator<Uint8Array, void, undefined> {
    while (runLength > 0) {
      if (used === batch.length) {
        nextBatch(0)
        yield* drain()
      }
      const length = Math.min(runLength, batch.length - used)
      const read = readSync(fd!, batch, used, length, runStart)
      if (read !== length) {
        throw new Error(`${old!.from} changed while pieces of it were copied`)
      }
      used += read
      runStart += read
      runLength -= read
    }
  }
  const addText = (text: string): number => {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8, so the whole text fits.
    if (batch.length - used < text.length * 3) nextBatch(text.length * 3)
    const written = batch.write(text, used, 'utf8')
    used += written
    return written
  }
  const addBytes = (bytes: Uint8Array): number => {
    if (batch.length - used < bytes.byteLength) nextBatch(bytes.byteLength)
    batch.set(bytes, used)
    used += bytes.byteLength
    return bytes.byteLength
  }

  try {
    for (const piece of pieces) {
      if (typeof piece === 'string' || piece instanceof Uint8Array) {
        yield* copyRun()
        if (typeof piece === 'string') addText(piece)
        else addBytes(piece)
      } else {
        const fingerprint = pieceFingerprint(piece.dependsOn)
        const range = ranges?.get(fingerprint)
        const start = before + used + runLength
        if (range !== undefined) {
          if (runLength > 0 && runStart + runLength === range[0]) {
            runLength += range[1]
          } else {
            yield* copyRun()
            runStart = range[0]
            runLength = range[1]
          }
          index.pieces.push([fingerprint, start, range[1]])
        } else {
          yield* copyRun()
          const made = piece.make()
          const length = typeof made === 'string' ? addText(made) : addBytes(made)
          index.pieces.push([fingerprint, start, length])
        }
      }
      yield* drain()
    }
    yield* copyRun()
    if (used > 0) ready.push(batch.subarray(0, used))
    yield* drain()
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
