/**
 * Notes as JSON: what `notes.json` and `tags/<slug>.json` hold.
 */
import type { Comment, FilePiece, Note } from '@paper-notes/core'

/** A comment as serialized: its mdast `tree` is optional (left out by default). */
export type CommentJson = Omit<Comment, 'tree'> & Partial<Pick<Comment, 'tree'>>

/** A note as serialized: a `Note` whose comments may lack their `tree`. */
export type NoteJson = Omit<Note, 'comments'> & { comments: CommentJson[] }

/**
 * The note as it is written to JSON: unchanged with `includeTrees`, else with every comment's
 * `tree` left out (the `markdown` it was built from stays).
 *
 * @example
 * toNoteJson(note, false).comments[0] // => { markdown: '…', posts: [], images: [], links: [], related: [] }
 */
export function toNoteJson(note: Note, includeTrees: boolean): NoteJson {
  if (includeTrees) return note
  return {
    ...note,
    comments: note.comments.map((comment) => {
      const { tree: _tree, ...rest } = comment
      return rest
    }),
  }
}

/**
 * `JSON.stringify` with the renderer's layout: compact, or indented by two spaces with `pretty`;
 * always ending in a newline.
 */
export function stringifyJson(value: unknown, pretty: boolean): string {
  return `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`
}

/**
 * How many bytes of notes' JSON a {@link createNotesJsonWriter} keeps for reuse, counted as
 * string length × 2 (a two-byte string; text without Japanese is one-byte in V8, so this
 * overcounts it). Every note is listed in `notes.json` and in the files of its ~7 tags, so a
 * kept note is stringified once instead of ~8 times. 64 MB keeps every note of a 6,000-note
 * collection (its notes' JSON: ~23 million characters, ~47 MB counted so), so such builds
 * stringify each note once as before; beyond that, the JSON of 60,000 notes (~230 million
 * characters) would cost ~460 MB for the whole render, more than the whole build may use, so
 * further notes are stringified again on each use and dropped once written. Measured with the
 * CLI (`--renderers json --no-cache --jobs 1`, one run each on a loaded 2-CPU machine): at
 * 20,000 notes, where about 60% of the notes are past the limit, the JSON render took ~0.5 s
 * more CPU time (8.3 vs 7.8 s) and its peak RSS went from 1,027 to 736 MB (with `notes.json`
 * and the tag files also written in pieces); at 6,000 notes the time was the same.
 */
export const noteJsonCacheLimit = 64 * 1024 * 1024

/** Writes lists of notes as JSON; see {@link createNotesJsonWriter}. */
export interface NotesJsonWriter {
  /**
   * The JSON text of `notes` in pieces: the opening bracket, one {@link FilePiece} per note
   * (made only when asked for), and the closing bracket. A note's piece starts with the
   * separator before it, except the first one's, so its `dependsOn` is the note with the key
   * `'first'` or `'next'`: equal pieces make equal bytes wherever they stand, and a host may
   * copy a note's piece from the file it wrote before.
   */
  pieces(notes: readonly Note[]): Generator<string | FilePiece, void, undefined>
}

/**
 * Returns a writer of lists of notes as {@link stringifyJson} would write their
 * {@link toNoteJson} forms (the content of `notes.json` and `tags/<slug>.json`), byte for byte,
 * in pieces (`pieces`; make and join them for the whole text). It keeps each note's JSON while
 * the kept JSON is under `cacheLimit` bytes ({@link noteJsonCacheLimit}; a test may pass a
 * smaller one), so a note listed in `notes.json` and in the files of its ~7 tags is stringified
 * once and its JSON reused; notes beyond the limit are stringified on each use. Which notes are
 * kept depends only on the order of the calls, and the output never does. Create one per render.
 *
 * @example
 * const writer = createNotesJsonWriter(false, true)
 * const pieces = [...writer.pieces(collection.notes)]
 * pieces.map((piece) => (typeof piece === 'string' ? piece : piece.make())).join('') ===
 *   stringifyJson(collection.notes.map((note) => toNoteJson(note, false)), true) // => true
 */
export function createNotesJsonWriter(
  includeTrees: boolean,
  pretty: boolean,
  cacheLimit: number = noteJsonCacheLimit,
): NotesJsonWriter {
  const noteJsonCache = new Map<Note, string>()
  let cachedBytes = 0
  const noteJson = (note: Note): string => {
    let json = noteJsonCache.get(note)
    if (json === undefined) {
      json = JSON.stringify(toNoteJson(note, includeTrees), null, pretty ? 2 : undefined)
      // An array element sits one level deeper. JSON strings hold no raw line breaks, so every
      // line break in the note's JSON is a layout one.
      if (pretty) json = json.replaceAll('\n', '\n  ')
      if (cachedBytes < cacheLimit) {
        noteJsonCache.set(note, json)
        cachedBytes += json.length * 2
      }
    }
    return json
  }
  const separator = pretty ? ',\n  ' : ','
  function* pieces(notes: readonly Note[]): Generator<string | FilePiece, void, undefined> {
    if (notes.length === 0) {
      yield '[]\n'
      return
    }
    yield pretty ? '[\n  ' : '['
    for (let i = 0; i < notes.length; i++) {
      const note = notes[i]!
      yield i === 0
        ? { dependsOn: { notes: [note], key: 'first' }, make: () => noteJson(note) }
        : { dependsOn: { notes: [note], key: 'next' }, make: () => separator + noteJson(note) }
    }
    yield pretty ? '\n]\n' : ']\n'
  }
  return { pieces }
}
