/**
 * Options of the feed renderer, and their defaults.
 */
import { checkBaseUrl } from '@paper-notes/core'

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
}

/** {@link RssRenderOptions} with defaults applied and values checked. */
export interface ResolvedRssOptions {
  baseUrl: string
  siteTitle: string
  description: string
  limit: number
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
  return { baseUrl, siteTitle, description, limit }
}
