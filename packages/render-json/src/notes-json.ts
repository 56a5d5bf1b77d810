/**
 * Notes as JSON: what `notes.json` and `tags/<slug>.json` hold.
 */
import type { Comment, Note } from '@paper-notes/core'

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
 * Returns a function that writes a list of notes as {@link stringifyJson} would write their
 * {@link toNoteJson} forms (the content of `notes.json` and `tags/<slug>.json`), byte for byte,
 * but serializes each note only once per writer: a note listed in `notes.json` and in the files
 * of its ~7 tags is stringified once and its JSON reused. Create one per render.
 *
 * @example
 * const writeNotes = createNotesJsonWriter(false, true)
 * writeNotes(collection.notes) === stringifyJson(collection.notes.map((note) => toNoteJson(note, false)), true) // => true
 */
export function createNotesJsonWriter(
  includeTrees: boolean,
  pretty: boolean,
): (notes: readonly Note[]) => string {
  const noteJsonCache = new Map<Note, string>()
  const noteJson = (note: Note): string => {
    let json = noteJsonCache.get(note)
    if (json === undefined) {
      json = JSON.stringify(toNoteJson(note, includeTrees), null, pretty ? 2 : undefined)
      // An array element sits one level deeper. JSON strings hold no raw line breaks, so every
      // line break in the note's JSON is a layout one.
      if (pretty) json = json.replaceAll('\n', '\n  ')
      noteJsonCache.set(note, json)
    }
    return json
  }
  const separator = pretty ? ',\n  ' : ','
  return (notes) => {
    if (notes.length === 0) return '[]\n'
    // Appended, not joined: the engine keeps an appended string as a reference to its parts, so
    // every file that lists a note shares its JSON instead of holding a copy (a note is listed
    // in notes.json and in the files of its ~7 tags). A host that needs the bytes in one piece
    // (to write them) gets them then, once.
    let out = pretty ? `[\n  ${noteJson(notes[0]!)}` : `[${noteJson(notes[0]!)}`
    for (let i = 1; i < notes.length; i++) out += separator + noteJson(notes[i]!)
    return pretty ? `${out}\n]\n` : `${out}]\n`
  }
}
