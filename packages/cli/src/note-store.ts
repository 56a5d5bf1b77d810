/**
 * Notes kept on disk: a build of a large collection writes each parsed note's prose and comments
 * (most of its bytes, and with the comments' mdast trees most of its memory) to a temporary file
 * and keeps a light note whose heavy fields read them back when used. A collection of 60,000
 * notes then holds their titles, tags, dates and links in memory, not ~13 KB of objects each.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import type { Note } from '@paper-notes/core'

/** The fields of a note kept on disk: its prose, sections, comments and unknown fields. */
const heavyFields: ReadonlySet<string> = new Set([
  'abstract',
  'translation',
  'summary',
  'sections',
  'comments',
  'extra',
])

/** Written to disk in pieces of about this many bytes. */
const writeBatchBytes = 1 << 20

/** How many notes' heavy fields stay decoded: a page reads several fields of one note in a row. */
const decodedNotes = 8

/** Where a light note's heavy fields are: its index in its store. */
const slot = Symbol('note-store slot')

type Stored = Note & { readonly [slot]: number }

/**
 * A temporary file of notes' heavy fields. {@link NoteStore.hold} writes a note's heavy fields
 * to it and returns a light copy of the note; {@link NoteStore.close} deletes the file, after
 * which the light notes' heavy fields can no longer be read.
 *
 * @example
 * const store = new NoteStore()
 * try {
 *   const notes = parsed.map((note) => store.hold(note))
 *   render(createCollection(notes)) // note.comments etc. are read back as they are used
 * } finally {
 *   store.close()
 * }
 */
export class NoteStore {
  readonly #dir: string
  #fd: number | undefined
  /** Byte offset of every held note's fields in the file, then their length. */
  readonly #offsets: number[] = []
  readonly #lengths: number[] = []
  /** Serialized fields not written yet, and their size. */
  #pending: Buffer[] = []
  #pendingBytes = 0
  /** Bytes written to the file. */
  #written = 0
  /** Where notes are read into. */
  #readBuffer = Buffer.allocUnsafeSlow(64 * 1024)
  /** The heavy fields of the last notes read, by index (oldest first). */
  readonly #decoded = new Map<number, Record<string, unknown>>()
  /** The getter of each heavy field, shared by every note of this store. */
  readonly #getters = new Map<string, (this: Stored) => unknown>()

  /** Called after each read of a note's fields from the file (see the constructor). */
  readonly #afterRead: (() => void) | undefined

  /**
   * Creates the store's file in a new folder under `parent` (the system's temporary folder).
   * `options.afterRead` is called after each time a note's heavy fields are read back and
   * decoded from the file: decoding is most of what a build of light notes allocates, some of
   * it within one call of another library (`createCollection` reads every note's comments), so
   * this is where a heap pacer can keep up with it.
   */
  constructor(parent: string = tmpdir(), options: { afterRead?: () => void } = {}) {
    this.#afterRead = options.afterRead
    this.#dir = mkdtempSync(join(parent, 'paper-notes-notes-'))
    this.#fd = openSync(join(this.#dir, 'notes.bin'), 'w+')
    for (const field of heavyFields) {
      const fields = (index: number) => this.#fields(index)
      this.#getters.set(field, function (this: Stored) {
        return fields(this[slot])[field]
      })
    }
  }

  /** How many notes the store holds. */
  get size(): number {
    return this.#offsets.length
  }

  /**
   * Writes the heavy fields of `note` (abstract, translation, summary, sections, comments,
   * extra) to the file (with `v8.serialize`: read back in ~28 µs for a note of ~5 KB, against
   * ~38 µs for `JSON.parse` of the same fields), and returns a light note: the same fields in the same order, the heavy
   * ones read back from the file each time they are used (the last few notes' stay decoded), so
   * two reads give equal but not always identical values. The light note is read-only.
   */
  hold(note: Note): Note {
    const light = {} as Record<string | symbol, unknown>
    const heavy: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(note)) {
      if (heavyFields.has(key)) {
        heavy[key] = value
        Object.defineProperty(light, key, { get: this.#getters.get(key), enumerable: true })
      } else {
        light[key] = value
      }
    }
    const index = this.#offsets.length
    Object.defineProperty(light, slot, { value: index })
    this.#append(serialize(heavy))
    return light as unknown as Note
  }

  /** Deletes the file. Reading a heavy field of one of the store's notes then throws. */
  close(): void {
    if (this.#fd === undefined) return
    closeSync(this.#fd)
    this.#fd = undefined
    this.#pending = []
    this.#decoded.clear()
    rmSync(this.#dir, { recursive: true, force: true })
  }

  #append(bytes: Buffer): void {
    this.#offsets.push(this.#written + this.#pendingBytes)
    this.#lengths.push(bytes.length)
    this.#pending.push(bytes)
    this.#pendingBytes += bytes.length
    if (this.#pendingBytes >= writeBatchBytes) this.#flush()
  }

  #flush(): void {
    if (this.#pendingBytes === 0) return
    const batch = Buffer.concat(this.#pending, this.#pendingBytes)
    let done = 0
    while (done < batch.length) {
      done += writeSync(this.#open(), batch, done, batch.length - done, this.#written + done)
    }
    this.#written += batch.length
    this.#pending = []
    this.#pendingBytes = 0
  }

  #open(): number {
    if (this.#fd === undefined) {
      throw new Error('NoteStore: the store was closed; its notes can no longer be read')
    }
    return this.#fd
  }

  #fields(index: number): Record<string, unknown> {
    const known = this.#decoded.get(index)
    if (known !== undefined) return known
    const fd = this.#open()
    const offset = this.#offsets[index]!
    if (offset + this.#lengths[index]! > this.#written) this.#flush()
    const length = this.#lengths[index]!
    // One buffer for every read, grown as needed, rather than an allocation per read.
    if (this.#readBuffer.length < length) {
      this.#readBuffer = Buffer.allocUnsafeSlow(Math.max(length, this.#readBuffer.length * 2))
    }
    const bytes = this.#readBuffer.subarray(0, length)
    let done = 0
    while (done < bytes.length) {
      const read = readSync(fd, bytes, done, bytes.length - done, offset + done)
      if (read === 0) throw new Error('NoteStore: the file of stored notes was cut short')
      done += read
    }
    const fields = deserialize(bytes) as Record<string, unknown>
    if (this.#decoded.size >= decodedNotes) {
      this.#decoded.delete(this.#decoded.keys().next().value!)
    }
    this.#decoded.set(index, fields)
    this.#afterRead?.()
    return fields
  }
}
