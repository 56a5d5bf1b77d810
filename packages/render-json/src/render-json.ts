/**
 * The JSON renderer: `notes.json`, `tags.json`, `tags/<slug>.json`, `schema.json`,
 * `notes.schema.json` and `feed.json` (JSON Feed 1.1).
 */
import type { Collection, PlannedFile, RenderedFile, Renderer } from '@paper-notes/core'
import {
  defineRenderer,
  fileDependencies,
  noDependencies,
  noteSchema,
  notesSchema,
  piecedFile,
  plannedFile,
  renderPlannedFiles,
} from '@paper-notes/core'
import packageJson from '../package.json' with { type: 'json' }
import { buildJsonFeed } from './json-feed.js'
import {
  type JsonRenderOptions,
  type ResolvedJsonOptions,
  resolveJsonOptions,
} from './json-options.js'
import { createNotesJsonWriter, stringifyJson } from './notes-json.js'

const jsonType = 'application/json; charset=utf-8'
const schemaType = 'application/schema+json; charset=utf-8'
const feedType = 'application/feed+json; charset=utf-8'

/** The path of the JSON Feed under the output folder (and under `baseUrl`). */
export const jsonFeedPath = 'feed.json'

/**
 * Plans the JSON files of a collection: the files {@link renderJson} returns, in the same order,
 * each with its `dependsOn` and made only when its `render()` is called. `notes.json` and
 * `tags/<slug>.json` are core `piecedFile`s: `chunks()` gives the same bytes in pieces of 64 K
 * characters or more, so a host can write them without holding them whole, and `pieces()` gives
 * one piece per note (with the note as its `dependsOn`), so a host can copy the notes that did
 * not change from the file it wrote before. The notes are serialized once per plan
 * and reused by every file that lists them, up to 64 MB of their JSON (a bigger collection's
 * further notes are serialized again on each use). Options are checked when `planJson` is
 * called (it throws as {@link renderJson} does), not when the first file is taken.
 *
 * `dependsOn` (worked out when first read): `notes.json` lists every note, `feed.json` the
 * newest `feedLimit`, `tags/<slug>.json` its tag's notes; `tags.json` lists no note and its key
 * is the tag list; the schemas depend on nothing (`key: ''`).
 *
 * @example
 * import { createCollection, renderPlannedFiles } from '@paper-notes/core'
 * import { planJson } from '@paper-notes/render-json'
 *
 * const plan = [...planJson(createCollection(notes), { pretty: true })]
 * plan.map((file) => file.path) // => ['notes.json', 'tags.json', …, 'feed.json', 'tags/nlp.json', …]
 * plan[0].dependsOn?.notes.length // => the number of notes
 * renderPlannedFiles(plan) // => the files renderJson returns
 */
export function planJson(
  collection: Collection,
  options?: JsonRenderOptions,
): Iterable<PlannedFile> {
  const settings = resolveJsonOptions(options)
  return planJsonFiles(collection, settings)
}

/**
 * {@link planJson} with options already resolved. Internal (not exported from the package):
 * `noteCacheLimit` is the note JSON cache's limit in bytes (by default the `cacheBytes` option,
 * see `noteJsonCacheLimit`), which tests set small to check that the output does not depend on
 * it.
 */
export function* planJsonFiles(
  collection: Collection,
  settings: ResolvedJsonOptions,
  noteCacheLimit: number = settings.cacheBytes,
): Generator<PlannedFile> {
  const json = (value: unknown) => stringifyJson(value, settings.pretty)
  const notesJson = createNotesJsonWriter(settings.includeTrees, settings.pretty, noteCacheLimit)
  const tagList = () => collection.tags.map(({ name, slug, count }) => ({ name, slug, count }))

  yield piecedFile(
    'notes.json',
    jsonType,
    () => fileDependencies(collection.notes),
    () => notesJson.pieces(collection.notes),
  )
  yield plannedFile(
    'tags.json',
    jsonType,
    () => fileDependencies([], tagList()),
    () => json(tagList()),
  )
  yield {
    path: 'schema.json',
    mediaType: schemaType,
    dependsOn: noDependencies,
    render: () => json(noteSchema),
  }
  yield {
    path: 'notes.schema.json',
    mediaType: schemaType,
    dependsOn: noDependencies,
    render: () => json(notesSchema),
  }
  const newest = collection.notes.slice(0, settings.feedLimit)
  yield plannedFile(
    jsonFeedPath,
    feedType,
    () => fileDependencies(newest),
    () =>
      json(
        buildJsonFeed(newest, {
          title: settings.siteTitle,
          baseUrl: settings.baseUrl,
          feedPath: jsonFeedPath,
        }),
      ),
  )
  for (const tag of collection.tags) {
    const notes = collection.withTag(tag.slug)
    yield piecedFile(
      `tags/${tag.slug}.json`,
      jsonType,
      () => fileDependencies(notes, { slug: tag.slug }),
      () => notesJson.pieces(notes),
    )
  }
}

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
 * It renders every file of {@link planJson}. Throws a `TypeError`/`RangeError` for a bad option
 * (a relative `baseUrl`, a `feedLimit` of 0).
 *
 * @example
 * import { createCollection } from '@paper-notes/core'
 * import { renderJson } from '@paper-notes/render-json'
 *
 * const files = renderJson(createCollection(notes), { baseUrl: 'https://example.org/notes/' })
 * files.map((file) => file.path) // => ['notes.json', 'tags.json', …, 'feed.json', 'tags/nlp.json', …]
 */
export function renderJson(collection: Collection, options?: JsonRenderOptions): RenderedFile[] {
  return renderPlannedFiles(planJson(collection, options))
}

/** The version of this package, and so of its output: `jsonRenderer.version`. */
export const jsonRendererVersion: string = packageJson.version

/**
 * The JSON renderer as a core `Renderer` (`name: 'json'`), for the CLI and other hosts that
 * take a list of renderers. `jsonRenderer.render(collection, options)` is {@link renderJson},
 * `jsonRenderer.plan(collection, options)` is {@link planJson}, and `jsonRenderer.version` is
 * this package's version (hosts that cache files drop them when it changes).
 *
 * @example
 * const files = await jsonRenderer.render(collection, { pretty: true })
 * const planned = jsonRenderer.plan?.(collection, { pretty: true })
 */
export const jsonRenderer: Renderer<JsonRenderOptions> = defineRenderer<JsonRenderOptions>({
  name: 'json',
  version: jsonRendererVersion,
  render: renderJson,
  plan: planJson,
  // Each file lists the notes it shows; its key reads tag names, slugs and counts (the outline).
  plansFromOutline: true,
})
