/**
 * Options of the JSON renderer, and their defaults.
 */
import { checkBaseUrl, resolveCacheBytes } from '@paper-notes/core'
import { noteJsonCacheLimit } from './notes-json.js'

/** Options of {@link renderJson} and `jsonRenderer`. */
export interface JsonRenderOptions {
  /**
   * Keep each comment's mdast `tree` in `notes.json` and the per-tag files (default `false`:
   * comments carry only their `markdown`, from which the tree can be rebuilt with core's
   * `parseMarkdown`).
   */
  includeTrees?: boolean
  /** Indent the JSON by two spaces (default `false`: compact, one line per file). */
  pretty?: boolean
  /**
   * The absolute http(s) URL the site is served from, e.g. `https://example.org/notes/`. Used
   * for the JSON Feed's `home_page_url`, `feed_url` and item `url`s. Without it the feed is still
   * valid: its items are identified by note id only.
   */
  baseUrl?: string
  /** The site's name, used as the JSON Feed's `title` (default `Paper notes`). */
  siteTitle?: string
  /** How many of the newest notes `feed.json` lists (default `50`; a positive integer). */
  feedLimit?: number
  /**
   * The most the render's note JSON cache keeps, in bytes counted as 2 per UTF-16 code unit
   * (default 64 MB, `noteJsonCacheLimit`): a note listed in `notes.json` and in the files of its
   * tags is stringified once while it is kept. Less saves memory and costs time; the output is
   * the same whatever it is (`paper-notes build --low-memory` sets 12 MB).
   */
  cacheBytes?: number
}

/** {@link JsonRenderOptions} with defaults applied and values checked. */
export interface ResolvedJsonOptions {
  includeTrees: boolean
  pretty: boolean
  baseUrl: string | undefined
  siteTitle: string
  feedLimit: number
  cacheBytes: number
}

/** The JSON Feed title when no `siteTitle` is given. */
export const defaultSiteTitle = 'Paper notes'

/** How many notes `feed.json` lists when no `feedLimit` is given. */
export const defaultFeedLimit = 50

/**
 * Applies defaults and checks values, throwing a `TypeError`/`RangeError` that says how to fix a
 * bad option.
 */
export function resolveJsonOptions(options: JsonRenderOptions = {}): ResolvedJsonOptions {
  const feedLimit = options.feedLimit ?? defaultFeedLimit
  if (!Number.isInteger(feedLimit) || feedLimit < 1) {
    throw new RangeError(
      `@paper-notes/render-json: \`feedLimit\` must be a positive integer (got ${String(feedLimit)}); leave it out for the default of ${defaultFeedLimit}.`,
    )
  }
  const siteTitle = options.siteTitle?.trim() || defaultSiteTitle
  return {
    includeTrees: options.includeTrees ?? false,
    pretty: options.pretty ?? false,
    baseUrl:
      options.baseUrl === undefined
        ? undefined
        : checkBaseUrl(options.baseUrl, {
            caller: '@paper-notes/render-json',
            example: 'renderJson(collection, { baseUrl: "https://example.org/notes/" })',
          }),
    siteTitle,
    feedLimit,
    cacheBytes: resolveCacheBytes(
      options.cacheBytes,
      noteJsonCacheLimit,
      '@paper-notes/render-json',
    ),
  }
}
