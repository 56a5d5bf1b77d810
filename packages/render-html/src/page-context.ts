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

/** Builds the context of the page at `path`. */
export function createPageContext(
  collection: Collection,
  options: ResolvedHtmlOptions,
  templates: Templates,
  path: string,
): PageContext {
  return {
    collection,
    options,
    path,
    templates,
    href: (to: string) => relativeUrl(path, to),
  }
}
