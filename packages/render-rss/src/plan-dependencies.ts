/**
 * The `dependsOn` of planned feed files: which notes a file shows, and a fingerprint of what else
 * it reads of the collection.
 */
import type { FileDependencies, Note } from '@paper-notes/core'
import { stableHash } from '@paper-notes/core'

/**
 * The dependencies of a file that shows `notes` (in that order) and reads `rest` of the
 * collection besides. The key also covers the ids of the notes in order, so a host that only
 * compares the listed notes' contents still sees a note join, leave or move in the list.
 *
 * @example
 * fileDependencies(collection.withTag('nlp').slice(0, 50), { slug: 'nlp' })
 * // => { notes: [...], key: '3f1c…' (16 hex digits) }
 */
export function fileDependencies(notes: readonly Note[], rest: unknown = null): FileDependencies {
  return {
    notes,
    key: stableHash(JSON.stringify({ ids: notes.map((note) => note.id), rest })),
  }
}
