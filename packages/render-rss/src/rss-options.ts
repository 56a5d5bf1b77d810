/**
 * Options of the feed renderer, and their defaults.
 */
import { checkBaseUrl, resolveCacheBytes } from '@paper-notes/core'
import { feedItemCacheBytes } from './feed-entry.js'

/** Options of {@link renderFeeds} and `rssRenderer`. */
export interface RssRenderOptions {
  /**
   * Required. The absolute http(s) URL the site is served from, e.g.
   * `https://example.org/notes/`: items link to the note pages under it, and feeds name their
   * own URL under it.
   */
  baseUrl: string
  /** The site's name: the feeds' title (tag feeds add `: <tag>`) and Atom author (default `Paper notes`). */
  siteTitle?: string
  /** The site-wide feeds' description (default `Newest notes from <siteTitle>.`). */
  description?: string
  /** How many of the newest notes each feed lists (default `50`; a positive integer). */
  limit?: number
  /**
   * The most the render's feed item cache keeps, in bytes counted as 2 per UTF-16 code unit
   * (default 64 MB, `feedItemCacheBytes`): a note listed in several feeds is made an item once
   * while it is kept. Less saves memory and costs time; the output is the same whatever it is
   * (`paper-notes build --low-memory` sets 12 MB).
   */
  cacheBytes?: number
}

/** {@link RssRenderOptions} with defaults applied and values checked. */
export interface ResolvedRssOptions {
  baseUrl: string
  siteTitle: string
  description: string
  limit: number
  cacheBytes: number
}

/** The feeds' title when no `siteTitle` is given. */
export const defaultSiteTitle = 'Paper notes'

/** How many notes each feed lists when no `limit` is given. */
export const defaultLimit = 50

/**
 * Applies defaults and checks values, throwing a `TypeError`/`RangeError` that says how to fix a
 * bad option. `options` may be missing (the `Renderer` contract allows it) but then fails on the
 * required `baseUrl`.
 */
export function resolveRssOptions(options: RssRenderOptions | undefined): ResolvedRssOptions {
  const baseUrl = checkBaseUrl(options?.baseUrl, {
    caller: '@paper-notes/render-rss',
    example: 'renderFeeds(collection, { baseUrl: "https://example.org/notes/" })',
  })
  const limit = options?.limit ?? defaultLimit
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `@paper-notes/render-rss: \`limit\` must be a positive integer (got ${String(limit)}); leave it out for the default of ${defaultLimit}.`,
    )
  }
  const siteTitle = options?.siteTitle?.trim() || defaultSiteTitle
  const description = options?.description?.trim() || `Newest notes from ${siteTitle}.`
  const cacheBytes = resolveCacheBytes(
    options?.cacheBytes,
    feedItemCacheBytes,
    '@paper-notes/render-rss',
  )
  return { baseUrl, siteTitle, description, limit, cacheBytes }
}
