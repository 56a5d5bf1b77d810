/**
 * The JSON Schema (draft 2020-12) documents for a note and for a list of notes, as plain JSON
 * objects: what `schema.json` files are written from and what `validateNotes` compiles. They
 * are the schemas of the TypeBox model in `model.ts`, kept as data in `schemas.json` (written
 * from the model by `test/schemas-file.test.ts`, which fails when the two differ), so that
 * loading this package does not load TypeBox to build them.
 */
import schemas from './schemas.json' with { type: 'json' }

/** The `$schema` dialect every document here declares. */
export const jsonSchemaDialect = 'https://json-schema.org/draft/2020-12/schema'

/** The `$id` of {@link noteSchema}. */
export const noteSchemaId = 'https://paper-notes.dev/schema/note.json'

/** The `$id` of {@link notesSchema}. */
export const notesSchemaId = 'https://paper-notes.dev/schema/notes.json'

/** A JSON Schema document: a plain, JSON-serialisable object. */
export type JsonSchema = { readonly [key: string]: unknown }

/** The JSON Schema of one note (NOTE-FORMAT.md §1). */
export const noteSchema: JsonSchema = Object.freeze({
  $schema: jsonSchemaDialect,
  $id: noteSchemaId,
  ...(schemas.note as JsonSchema),
})

/** The JSON Schema of a list of notes (what `notes.json` holds). */
export const notesSchema: JsonSchema = Object.freeze({
  $schema: jsonSchemaDialect,
  $id: notesSchemaId,
  ...(schemas.notes as JsonSchema),
})
