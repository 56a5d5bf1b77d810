/**
 * `src/schemas.json` holds the JSON Schemas that `noteSchema` and `notesSchema` are made of, as
 * data: they are written from the TypeBox model in `src/model.ts` here, so the published code
 * does not load TypeBox (~200 modules, ~70 ms) to build them at every start. When the model
 * changes, this test fails until the file is written again:
 * `npx vitest run test/schemas-file.test.ts -u` in packages/core.
 */
import { describe, expect, it } from 'vitest'
import { NoteSchema, NotesSchema } from '../src/model.js'
import { noteSchema, notesSchema } from '../src/schema.js'

/** What JSON.stringify writes of a TypeBox schema: its symbol-keyed metadata left out. */
const asJson = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema))

describe('src/schemas.json', () => {
  it('holds the JSON Schemas of the TypeBox model', async () => {
    const text = `${JSON.stringify({ note: asJson(NoteSchema), notes: asJson(NotesSchema) }, null, 2)}\n`
    await expect(text).toMatchFileSnapshot('../src/schemas.json')
  })

  it('is what noteSchema and notesSchema are made of', () => {
    const { $schema, $id, ...note } = noteSchema
    expect(note).toEqual(asJson(NoteSchema))
    expect([$schema, $id]).toEqual([
      'https://json-schema.org/draft/2020-12/schema',
      'https://paper-notes.dev/schema/note.json',
    ])
    const { $schema: _dialect, $id: notesId, ...notes } = notesSchema
    expect(notes).toEqual(asJson(NotesSchema))
    expect(notesId).toBe('https://paper-notes.dev/schema/notes.json')
  })
})
