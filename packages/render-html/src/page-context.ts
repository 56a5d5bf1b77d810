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
 * folder, so they are worked out once (per thread) and reused by every render.
 */
const hrefsByDirectory = new Map<string, Map<string, string>>()
const directoryLimit = 1000
const hrefsPerDirectoryLimit = 20000

function hrefsOf(path: string): Map<string, string> {
  const directory = path.slice(0, path.lastIndexOf('/') + 1)
  let hrefs = hrefsByDirectory.get(directory)
  if (hrefs === undefined) {
    if (hrefsByDirectory.size >= directoryLimit) hrefsByDirectory.clear()
    hrefs = new Map()
    hrefsByDirectory.set(directory, hrefs)
  }
  return hrefs
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
        if (hrefs.size < hrefsPerDirectoryLimit) hrefs.set(to, href)
      }
      return href
    },
  }
}
