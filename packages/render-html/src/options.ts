/**
 * Options of the HTML renderer and their defaults.
 */
import { resolveCacheBytes } from '@paper-notes/core'
import { defaultCardCacheBytes } from './note-card-cache.js'
import type { Templates } from './templates.js'

/** Options of {@link renderHtml} and `htmlRenderer.render`. */
export interface HtmlRenderOptions {
  /** The site's name, shown in every page's header and `<title>` (default `'Paper notes'`). */
  siteTitle?: string
  /**
   * The absolute URL the site will be published at, e.g. `https://example.org/notes/`. When
   * given, every page gets a `<link rel="canonical">` with its absolute URL. Links between pages
   * are always relative, so the site works without it (also from `file://`).
   */
  baseUrl?: string
  /**
   * The language of the pages (`<html lang>`), default `'ja'`: the comments, translations and
   * summaries of paper notes are mostly Japanese. With a `ja*` language, titles and abstracts
   * written without any Japanese character are marked `lang="en"`.
   */
  lang?: string
  /** How many notes a tag page shows before it continues on `page-2`, … (default 50). */
  pageSize?: number
  /**
   * `false` (default): social posts are plain link cards and pages load no script at all.
   * `true`: posts on X/Twitter become the platform's embeddable blockquote, and pages that have
   * one load the official embed script `https://platform.twitter.com/widgets.js`.
   */
  embedPosts?: boolean
  /** Replacements for parts of the pages (see {@link Templates}). */
  templates?: Partial<Templates>
  /**
   * The most the render's note card cache keeps, in bytes counted as 2 per UTF-16 code unit
   * (default 48 MB, `defaultCardCacheBytes`): a card shown on several tag pages is built once
   * while it is kept. Less saves memory and costs time; the output is the same whatever it is
   * (`paper-notes build --low-memory` sets 12 MB).
   */
  cacheBytes?: number
}

/** {@link HtmlRenderOptions} with every default applied. */
export interface ResolvedHtmlOptions {
  /** The site's name. */
  readonly siteTitle: string
  /** The absolute base URL, when given. */
  readonly baseUrl: string | undefined
  /** The pages' language. */
  readonly lang: string
  /** Notes per tag page. */
  readonly pageSize: number
  /** Whether X/Twitter posts are embedded with the platform's script. */
  readonly embedPosts: boolean
  /** The most the note card cache keeps, in bytes. */
  readonly cacheBytes: number
}

/** The default site title. */
export const defaultSiteTitle = 'Paper notes'
/** The default page language. */
export const defaultLang = 'ja'
/** The default number of notes per tag page. */
export const defaultPageSize = 50

/**
 * Applies the defaults to user options and checks them.
 *
 * @throws {RangeError} when `pageSize` is not a positive integer, `baseUrl` is not an absolute
 * http(s) URL or `cacheBytes` is not a whole number of bytes.
 */
export function resolveHtmlOptions(options: HtmlRenderOptions = {}): ResolvedHtmlOptions {
  const pageSize = options.pageSize ?? defaultPageSize
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`)
  }
  let baseUrl: string | undefined
  if (options.baseUrl !== undefined) {
    let parsed: URL | undefined
    try {
      parsed = new URL(options.baseUrl)
    } catch {
      parsed = undefined
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw new RangeError(`baseUrl must be an absolute http(s) URL, got "${options.baseUrl}"`)
    }
    baseUrl = parsed.href
  }
  return {
    siteTitle: options.siteTitle ?? defaultSiteTitle,
    baseUrl,
    lang: options.lang ?? defaultLang,
    pageSize,
    embedPosts: options.embedPosts ?? false,
    cacheBytes: resolveCacheBytes(
      options.cacheBytes,
      defaultCardCacheBytes,
      '@paper-notes/render-html',
    ),
  }
}
