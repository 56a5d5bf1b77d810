/**
 * What a template knows about the page it builds.
 */
import type { Collection } from '@paper-notes/core'
import { relativeUrl } from '@paper-notes/core'
import type { ResolvedHtmlOptions } from './options.js'
import type { Templates } from './templates.js'

/** Passed to every template: the collection, the options, and where the page is. */
export interface PageContext {
  /** The collection being rendered. */
  readonly collection: Collection
  /** The options, defaults applied. */
  readonly options: ResolvedHtmlOptions
  /** The site path of the page being built, e.g. `tags/nlp.html`. */
  readonly path: string
  /** The templates in effect (the defaults with the caller's overrides), to call one another. */
  readonly templates: Templates
  /**
   * The relative URL from this page to another site path (use core's `notePagePath` and
   * `tagPagePath` for `to`), e.g. `href('notes/12.html')` on `tags/nlp.html` → `../notes/12.html`.
   */
  href(to: string): string
}

/**
 * Relative URLs by the directory of the page they are written in, then by target. A relative
 * URL depends only on those two, and every note page links the same tag pages from the same
 * folder, so they are worked out once (per thread) and reused by every render. The memo is
 * bounded: past {@link hrefLimit} URLs in all it starts again. Every tag's folder links each of
 * its notes, so a site of 20,000 notes made ~680,000 of them (27 MB of strings, and the maps'
 * entries) when only each folder was bounded; 6,000 notes make fewer than the limit.
 */
const hrefsByDirectory = new Map<string, Map<string, string>>()
const directoryLimit = 1000
const hrefsPerDirectoryLimit = 20000
/** At most this many relative URLs are kept (for tests: {@link hrefMemoSize}). */
export const hrefLimit = 200000
let hrefCount = 0

function hrefsOf(path: string): Map<string, string> {
  const directory = path.slice(0, path.lastIndexOf('/') + 1)
  let hrefs = hrefsByDirectory.get(directory)
  if (hrefs === undefined) {
    if (hrefsByDirectory.size >= directoryLimit) forgetHrefs()
    hrefs = new Map()
    hrefsByDirectory.set(directory, hrefs)
  }
  return hrefs
}

/** How many relative URLs the memo holds (for tests). */
export function hrefMemoSize(): number {
  return hrefCount
}

function forgetHrefs(): void {
  hrefsByDirectory.clear()
  hrefCount = 0
}

/** Builds the context of the page at `path`. */
export function createPageContext(
  collection: Collection,
  options: ResolvedHtmlOptions,
  templates: Templates,
  path: string,
): PageContext {
  const hrefs = hrefsOf(path)
  return {
    collection,
    options,
    path,
    templates,
    href(to: string) {
      let href = hrefs.get(to)
      if (href === undefined) {
        href = relativeUrl(path, to)
        if (hrefs.size < hrefsPerDirectoryLimit) {
          if (hrefCount >= hrefLimit) forgetHrefs()
          // A page keeps the map it started with: cleared, it still serves this page.
          hrefs.set(to, href)
          hrefCount += 1
        }
      }
      return href
    },
  }
}
