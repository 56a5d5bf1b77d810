/**
 * The feed renderer: `rss.xml` and `atom.xml` for the whole collection, and
 * `tags/<slug>.rss.xml` and `tags/<slug>.atom.xml` per tag.
 */
import type {
  Collection,
  FileDependencies,
  Note,
  PlannedFile,
  RenderedFile,
  Renderer,
  TagInfo,
} from '@paper-notes/core'
import {
  defineRenderer,
  fileDependencies,
  plannedFile,
  renderPlannedFiles,
  siteUrl,
  tagPagePath,
} from '@paper-notes/core'
import packageJson from '../package.json' with { type: 'json' }
import { createAtomFeedBuilder } from './atom-feed.js'
import { createFeedItemCache } from './feed-entry.js'
import type { FeedItem, FeedSource } from './feed-source.js'
import { createRssFeedBuilder } from './rss-feed.js'
import { type ResolvedRssOptions, type RssRenderOptions, resolveRssOptions } from './rss-options.js'

const rssType = 'application/rss+xml; charset=utf-8'
const atomType = 'application/atom+xml; charset=utf-8'

/** The paths of one feed pair: `rss.xml`/`atom.xml`, or `tags/<slug>.rss.xml`/`….atom.xml`. */
export function feedPaths(tagSlug?: string): { rss: string; atom: string } {
  return tagSlug === undefined
    ? { rss: 'rss.xml', atom: 'atom.xml' }
    : { rss: `tags/${tagSlug}.rss.xml`, atom: `tags/${tagSlug}.atom.xml` }
}

/**
 * Plans the feeds of a collection: the files {@link renderFeeds} returns, in the same order, each
 * with its `dependsOn` and made only when its `render()` is called. Each note's item is built
 * once per plan and shared by every feed that lists it. Options are checked when `planFeeds` is
 * called (it throws as {@link renderFeeds} does), not when the first file is taken.
 *
 * `dependsOn` is worked out when first read. `dependsOn.notes` of a feed is the notes it lists
 * (the newest `limit`, of the site or of one tag); its `key` fingerprints their ids in order and,
 * for a tag's feeds, the tag's name and slug. Every feed also has `pieces()`: its own XML as text
 * and each item as a piece whose `dependsOn` is its note, so a host may copy unchanged items
 * from the feed it wrote before.
 *
 * @example
 * import { createCollection, renderPlannedFiles } from '@paper-notes/core'
 * import { planFeeds } from '@paper-notes/render-rss'
 *
 * const plan = [...planFeeds(createCollection(notes), { baseUrl: 'https://example.org/notes/' })]
 * plan.map((file) => file.path) // => ['rss.xml', 'atom.xml', 'tags/nlp.rss.xml', 'tags/nlp.atom.xml', …]
 * plan[0].dependsOn?.notes.length // => up to 50
 * renderPlannedFiles(plan) // => the files renderFeeds returns
 */
export function planFeeds(
  collection: Collection,
  options: RssRenderOptions,
): Iterable<PlannedFile> {
  return planFeedFiles(collection, options)
}

/** {@link planFeeds} for callers that may pass no options (it then throws about `baseUrl`). */
function planFeedFiles(
  collection: Collection,
  options: RssRenderOptions | undefined,
): Iterable<PlannedFile> {
  return feedFiles(collection, resolveRssOptions(options))
}

function* feedFiles(collection: Collection, settings: ResolvedRssOptions): Generator<PlannedFile> {
  const itemOf = createFeedItemCache(settings.baseUrl, settings.cacheBytes)
  // The placeholders of items in feeds given in pieces: unique to this plan, so no note's text
  // can hold one (an item's XML is inserted as it is).
  const marker = `paper-notes-item-${crypto.randomUUID()}-`
  const placeholders = new RegExp(`${marker}(\\d+)-`)
  const buildRssFeed = createRssFeedBuilder()
  const buildAtomFeed = createAtomFeedBuilder()
  function* pair(
    paths: { rss: string; atom: string },
    source: Pick<FeedSource, 'title' | 'description' | 'pageUrl'>,
    notes: readonly Note[],
    tag?: TagInfo,
  ): Generator<PlannedFile> {
    const listed = notes.slice(0, settings.limit)
    // Worked out once for both feeds of the pair, when a host asks (a cache does; `renderFeeds`
    // does not).
    let known: FileDependencies | undefined
    const dependsOn = () =>
      (known ??= fileDependencies(listed, tag && { name: tag.name, slug: tag.slug }))
    const feed = (
      path: string,
      mediaType: string,
      build: (source: FeedSource) => string,
      kind: 'rssItem' | 'atomEntry',
    ): PlannedFile => {
      // Worked out when the feed is made, not when it is planned (a rebuild plans every feed).
      const withItems = (items: readonly FeedItem[]): FeedSource => ({
        ...source,
        authorName: settings.siteTitle,
        selfUrl: siteUrl(settings.baseUrl, path),
        items,
      })
      const file = plannedFile(path, mediaType, dependsOn, () =>
        build(withItems(listed.map(itemOf))),
      )
      // In pieces too: the feed written with a placeholder for each item (the newest item's
      // date is the feed's own, so that item's entry is made), cut at the placeholders, and
      // each item a piece of its note, made only when a host asks for it. An item is the same
      // XML in every feed that lists it.
      file.pieces = function* () {
        // Only the newest item's entry is read (for the feed's dates): every placeholder item
        // carries it, so no other note's entry is made.
        const newest = listed[0] === undefined ? undefined : itemOf(listed[0]).entry
        const items: FeedItem[] =
          newest === undefined
            ? []
            : listed.map((_, index) => {
                const placeholder = `${marker}${index}-`
                return { entry: newest, rssItem: placeholder, atomEntry: placeholder }
              })
        const parts = build(withItems(items)).split(placeholders)
        yield parts[0]!
        for (let i = 1; i < parts.length; i += 2) {
          const note = listed[Number(parts[i])]!
          yield { dependsOn: { notes: [note], key: kind }, make: () => itemOf(note)[kind] }
          yield parts[i + 1]!
        }
      }
      return file
    }
    yield feed(paths.rss, rssType, buildRssFeed, 'rssItem')
    yield feed(paths.atom, atomType, buildAtomFeed, 'atomEntry')
  }

  yield* pair(
    feedPaths(),
    {
      title: settings.siteTitle,
      description: settings.description,
      pageUrl: siteUrl(settings.baseUrl, ''),
    },
    collection.notes,
  )
  for (const tag of collection.tags) {
    yield* pair(
      feedPaths(tag.slug),
      {
        title: `${settings.siteTitle}: ${tag.name}`,
        description: `Newest notes tagged “${tag.name}” from ${settings.siteTitle}.`,
        pageUrl: siteUrl(settings.baseUrl, tagPagePath(tag.slug)),
      },
      collection.withTag(tag.slug),
      tag,
    )
  }
}

/**
 * Renders RSS 2.0 and Atom 1.0 feeds of the newest `limit` notes: site-wide (`rss.xml`,
 * `atom.xml`) and per tag (`tags/<slug>.rss.xml`, `tags/<slug>.atom.xml`, in the collection's
 * tag order). Items link to the note pages the HTML renderer writes (`notes/<id>.html` under
 * `baseUrl`). Output is deterministic and well-formed for any note content. It renders every
 * file of {@link planFeeds}.
 *
 * Throws a `TypeError` when `baseUrl` is missing or not an absolute http(s) URL, and a
 * `RangeError` for a bad `limit`.
 *
 * @example
 * import { createCollection } from '@paper-notes/core'
 * import { renderFeeds } from '@paper-notes/render-rss'
 *
 * const files = renderFeeds(createCollection(notes), { baseUrl: 'https://example.org/notes/' })
 * files.map((file) => file.path) // => ['rss.xml', 'atom.xml', 'tags/nlp.rss.xml', 'tags/nlp.atom.xml', …]
 */
export function renderFeeds(collection: Collection, options: RssRenderOptions): RenderedFile[] {
  return renderPlannedFiles(planFeedFiles(collection, options))
}

/** The version of this package, and so of its output: `rssRenderer.version`. */
export const rssRendererVersion: string = packageJson.version

/**
 * The feed renderer as a core `Renderer` (`name: 'rss'`), for the CLI and other hosts that take
 * a list of renderers. `options.baseUrl` is required, as for {@link renderFeeds}. `plan` is
 * {@link planFeeds}, and `version` this package's version (hosts that cache files drop them when
 * it changes).
 *
 * @example
 * const files = await rssRenderer.render(collection, { baseUrl: 'https://example.org/notes/' })
 * const planned = rssRenderer.plan?.(collection, { baseUrl: 'https://example.org/notes/' })
 */
export const rssRenderer: Renderer<RssRenderOptions> = defineRenderer<RssRenderOptions>({
  name: 'rss',
  version: rssRendererVersion,
  render: (collection, options) => renderPlannedFiles(planFeedFiles(collection, options)),
  plan: planFeedFiles,
  // Each feed lists the notes it shows; its key reads the tag's name and slug (the outline).
  plansFromOutline: true,
})
