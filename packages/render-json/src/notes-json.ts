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
