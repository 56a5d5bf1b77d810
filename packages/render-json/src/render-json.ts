/**
 * The JSON renderer: `notes.json`, `tags.json`, `tags/<slug>.json`, `schema.json`,
 * `notes.schema.json` and `feed.json` (JSON Feed 1.1).
 */
import type { Collection, RenderedFile, Renderer } from '@paper-notes/core'
import { defineRenderer, noteSchema, notesSchema } from '@paper-notes/core'
import { buildJsonFeed } from './json-feed.js'
import { type JsonRenderOptions, resolveJsonOptions } from './json-options.js'
import { createNotesJsonWriter, stringifyJson } from './notes-json.js'

const jsonType = 'application/json; charset=utf-8'
const schemaType = 'application/schema+json; charset=utf-8'
const feedType = 'application/feed+json; charset=utf-8'

/** The path of the JSON Feed under the output folder (and under `baseUrl`). */
export const jsonFeedPath = 'feed.json'

/**
 * Renders a collection as JSON files. Output is deterministic: the same collection and options
 * give byte-identical files, in a fixed order.
 *
 * - `notes.json`: every note, in collection order (newest first); valid against core's
 *   `notesSchema`. Comment trees are left out unless `includeTrees`.
 * - `tags.json`: `{ name, slug, count }[]`, most used first.
 * - `tags/<slug>.json`: the notes of one tag, newest first (also valid against `notesSchema`).
 * - `schema.json`: core's `noteSchema` (one note); `notes.schema.json`: core's `notesSchema`.
 * - `feed.json`: a JSON Feed 1.1 of the newest `feedLimit` notes.
 *
 * Throws a `TypeError`/`RangeError` for a bad option (a relative `baseUrl`, a `feedLimit` of 0).
 *
 * @example
 * import { createCollection } from '@paper-notes/core'
 * import { renderJson } from '@paper-notes/render-json'
 *
 * const files = renderJson(createCollection(notes), { baseUrl: 'https://example.org/notes/' })
 * files.map((file) => file.path) // => ['notes.json', 'tags.json', …, 'feed.json', 'tags/nlp.json', …]
 */
export function renderJson(collection: Collection, options?: JsonRenderOptions): RenderedFile[] {
  const settings = resolveJsonOptions(options)
  const json = (value: unknown) => stringifyJson(value, settings.pretty)
  const notesJson = createNotesJsonWriter(settings.includeTrees, settings.pretty)

  const files: RenderedFile[] = [
    { path: 'notes.json', contents: notesJson(collection.notes), mediaType: jsonType },
    {
      path: 'tags.json',
      contents: json(collection.tags.map(({ name, slug, count }) => ({ name, slug, count }))),
      mediaType: jsonType,
    },
    { path: 'schema.json', contents: json(noteSchema), mediaType: schemaType },
    { path: 'notes.schema.json', contents: json(notesSchema), mediaType: schemaType },
    {
      path: jsonFeedPath,
      contents: json(
        buildJsonFeed(collection.notes.slice(0, settings.feedLimit), {
          title: settings.siteTitle,
          baseUrl: settings.baseUrl,
          feedPath: jsonFeedPath,
        }),
      ),
      mediaType: feedType,
    },
  ]
  for (const tag of collection.tags) {
    files.push({
      path: `tags/${tag.slug}.json`,
      contents: notesJson(collection.withTag(tag.slug)),
      mediaType: jsonType,
    })
  }
  return files
}

/**
 * The JSON renderer as a core `Renderer` (`name: 'json'`), for the CLI and other hosts that
 * take a list of renderers. `jsonRenderer.render(collection, options)` is {@link renderJson}.
 *
 * @example
 * const files = await jsonRenderer.render(collection, { pretty: true })
 */
export const jsonRenderer: Renderer<JsonRenderOptions> = defineRenderer<JsonRenderOptions>({
  name: 'json',
  render: renderJson,
})
