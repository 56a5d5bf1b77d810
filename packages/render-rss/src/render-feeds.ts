/**
 * The feed renderer: `rss.xml` and `atom.xml` for the whole collection, and
 * `tags/<slug>.rss.xml` and `tags/<slug>.atom.xml` per tag.
 */
import type { Collection, Note, RenderedFile, Renderer } from '@paper-notes/core'
import { defineRenderer, siteUrl, tagPagePath } from '@paper-notes/core'
import { createAtomFeedBuilder } from './atom-feed.js'
import { createFeedItemCache } from './feed-entry.js'
import type { FeedSource } from './feed-source.js'
import { createRssFeedBuilder } from './rss-feed.js'
import { type RssRenderOptions, resolveRssOptions } from './rss-options.js'

const rssType = 'application/rss+xml; charset=utf-8'
const atomType = 'application/atom+xml; charset=utf-8'

/** The paths of one feed pair: `rss.xml`/`atom.xml`, or `tags/<slug>.rss.xml`/`….atom.xml`. */
export function feedPaths(tagSlug?: string): { rss: string; atom: string } {
  return tagSlug === undefined
    ? { rss: 'rss.xml', atom: 'atom.xml' }
    : { rss: `tags/${tagSlug}.rss.xml`, atom: `tags/${tagSlug}.atom.xml` }
}

/**
 * Renders RSS 2.0 and Atom 1.0 feeds of the newest `limit` notes: site-wide (`rss.xml`,
 * `atom.xml`) and per tag (`tags/<slug>.rss.xml`, `tags/<slug>.atom.xml`, in the collection's
 * tag order). Items link to the note pages the HTML renderer writes (`notes/<id>.html` under
 * `baseUrl`). Output is deterministic and well-formed for any note content.
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
  return renderFeedFiles(collection, options)
}

/** {@link renderFeeds} for callers that may pass no options (it then throws about `baseUrl`). */
function renderFeedFiles(
  collection: Collection,
  options: RssRenderOptions | undefined,
): RenderedFile[] {
  const settings = resolveRssOptions(options)
  const itemOf = createFeedItemCache(settings.baseUrl)
  const buildRssFeed = createRssFeedBuilder()
  const buildAtomFeed = createAtomFeedBuilder()
  const files: RenderedFile[] = []
  const addPair = (
    paths: { rss: string; atom: string },
    source: Pick<FeedSource, 'title' | 'description' | 'pageUrl'>,
    notes: readonly Note[],
  ) => {
    const items = notes.slice(0, settings.limit).map(itemOf)
    const common = { ...source, authorName: settings.siteTitle, items }
    files.push({
      path: paths.rss,
      contents: buildRssFeed({ ...common, selfUrl: siteUrl(settings.baseUrl, paths.rss) }),
      mediaType: rssType,
    })
    files.push({
      path: paths.atom,
      contents: buildAtomFeed({ ...common, selfUrl: siteUrl(settings.baseUrl, paths.atom) }),
      mediaType: atomType,
    })
  }

  addPair(
    feedPaths(),
    {
      title: settings.siteTitle,
      description: settings.description,
      pageUrl: siteUrl(settings.baseUrl, ''),
    },
    collection.notes,
  )
  for (const tag of collection.tags) {
    addPair(
      feedPaths(tag.slug),
      {
        title: `${settings.siteTitle}: ${tag.name}`,
        description: `Newest notes tagged “${tag.name}” from ${settings.siteTitle}.`,
        pageUrl: siteUrl(settings.baseUrl, tagPagePath(tag.slug)),
      },
      collection.withTag(tag.slug),
    )
  }
  return files
}

/**
 * The feed renderer as a core `Renderer` (`name: 'rss'`), for the CLI and other hosts that take
 * a list of renderers. `options.baseUrl` is required, as for {@link renderFeeds}.
 *
 * @example
 * const files = await rssRenderer.render(collection, { baseUrl: 'https://example.org/notes/' })
 */
export const rssRenderer: Renderer<RssRenderOptions> = defineRenderer<RssRenderOptions>({
  name: 'rss',
  render: renderFeedFiles,
})
