/**
 * `notes.json` and `tags/<slug>.json` given in pieces (`chunks()`): the same bytes as their
 * `render()`, as the whole-string writer made them, whatever the note JSON cache keeps.
 */
import { createCollection, type Note, type PlannedFile, pieceBatchLength } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { sampleNotes } from '../../../test-support/note-factory.ts'
import { planJson, renderJson } from '../src/index.js'
import { resolveJsonOptions } from '../src/json-options.js'
import { toNoteJson } from '../src/notes-json.js'
import { planJsonFiles } from '../src/render-json.js'
import { manyNotes } from './many-notes.js'

/** The bytes a host writes from a file's pieces: each as UTF-8, one after another. */
function piecesAsBytes(file: PlannedFile): Buffer {
  return Buffer.concat(
    [...(file.chunks?.() ?? [])].map((piece) =>
      typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece,
    ),
  )
}

const asBytes = (contents: string | Uint8Array) =>
  typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents)

/** Checks two files' bytes are the same (`Buffer.equals`: `toEqual` walks them byte by byte). */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  const same = Buffer.from(actual).equals(expected)
  if (!same)
    expect(Buffer.from(actual).toString('utf8'), what).toBe(Buffer.from(expected).toString('utf8'))
  expect(same, what).toBe(true)
}

/** A list of notes as the renderer wrote it before it gave pieces: one `JSON.stringify`. */
const wholeJson = (notes: readonly Note[], includeTrees: boolean, pretty: boolean) =>
  `${JSON.stringify(
    notes.map((note) => toNoteJson(note, includeTrees)),
    null,
    pretty ? 2 : undefined,
  )}\n`

describe('planJson chunks', () => {
  // Enough notes that notes.json and tags/nlp.json take several pieces, plus the sample notes
  // (Japanese text, odd tags, a title-less note).
  const collection = createCollection([...manyNotes(200), ...sampleNotes()])

  for (const pretty of [false, true]) {
    for (const includeTrees of [false, true]) {
      const options = { pretty, includeTrees, baseUrl: 'https://example.org/notes/' }

      it(`gives notes.json and every tag file in pieces with render()'s bytes (pretty: ${pretty}, includeTrees: ${includeTrees})`, () => {
        const rendered = new Map(
          renderJson(collection, options).map((file) => [file.path, file.contents]),
        )
        const chunked = [...planJson(collection, options)].filter(
          (file) => file.chunks !== undefined,
        )
        expect(chunked.map((file) => file.path)).toEqual([
          'notes.json',
          ...collection.tags.map((tag) => `tags/${tag.slug}.json`),
        ])
        for (const file of chunked) {
          expectSameBytes(piecesAsBytes(file), asBytes(rendered.get(file.path)!), file.path)
        }
        // The pieces of the big files are long, and there are several of them.
        const notesPieces = [...chunked[0]!.chunks!()]
        expect(notesPieces.length).toBeGreaterThan(2)
        for (const piece of notesPieces.slice(0, -1)) {
          expect(piece.length).toBeGreaterThanOrEqual(pieceBatchLength)
        }
        const nlp = chunked.find((file) => file.path === 'tags/nlp.json')!
        expect([...nlp.chunks!()].length).toBeGreaterThan(2)
      })

      it(`writes the bytes of one JSON.stringify per file, with any note cache limit (pretty: ${pretty}, includeTrees: ${includeTrees})`, () => {
        const settings = resolveJsonOptions(options)
        for (const limit of [undefined, 0, 50_000]) {
          // The internal limit, and the public option that sets it.
          const plan =
            limit === 50_000
              ? [...planJsonFiles(collection, settings, limit)]
              : [
                  ...planJson(collection, {
                    ...options,
                    ...(limit === undefined ? {} : { cacheBytes: limit }),
                  }),
                ]
          const notesJson = plan.find((file) => file.path === 'notes.json')!
          expectSameBytes(
            piecesAsBytes(notesJson),
            asBytes(wholeJson(collection.notes, includeTrees, pretty)),
            `limit ${limit}`,
          )
          for (const tag of collection.tags) {
            const file = plan.find((planned) => planned.path === `tags/${tag.slug}.json`)!
            const expected = wholeJson(collection.withTag(tag.slug), includeTrees, pretty)
            // Half of the tag files through render(), half through chunks(): a note's JSON,
            // kept or not, fits both.
            const contents = tag.count % 2 === 0 ? file.render() : piecesAsBytes(file)
            expectSameBytes(asBytes(contents), asBytes(expected), `limit ${limit}, ${file.path}`)
          }
        }
      })
    }
  }

  it('renders the same files whatever the cache limit, whole through renderJson', () => {
    const settings = resolveJsonOptions({})
    const small = [...planJsonFiles(collection, settings, 0)].map((file) => [
      file.path,
      file.render(),
    ])
    expect(small).toEqual(renderJson(collection).map((file) => [file.path, file.contents]))
  })
})
