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
 * The start of relative URLs by the folder of the page they are written in, then by the folder
 * of the target: a relative URL is the relative path between the two folders followed by the
 * target's file name, so it is worked out once per pair of folders (per thread) and each link
 * is that start and its file name joined. Keyed by target instead, every tag's folder linking
 * each of its notes made ~680,000 URLs at 20,000 notes (27 MB of strings, and the maps'
 * entries), and one bounded at 200,000 still held ~8 MB through a whole render. The memo is
 * bounded: past {@link hrefLimit} entries in all (folders and starts) it starts again.
 */
const startsByDirectory = new Map<string, Map<string, string>>()
/** At most this many folders and starts are kept (for tests: {@link hrefMemoSize}). */
export const hrefLimit = 20000
let hrefCount = 0

function startsOf(path: string): Map<string, string> {
  const directory = path.slice(0, path.lastIndexOf('/') + 1)
  let starts = startsByDirectory.get(directory)
  if (starts === undefined) {
    if (hrefCount >= hrefLimit) forgetHrefs()
    starts = new Map()
    startsByDirectory.set(directory, starts)
    hrefCount += 1
  }
  return starts
}

/** How many folders and starts of relative URLs the memo holds (for tests). */
export function hrefMemoSize(): number {
  return hrefCount
}

function forgetHrefs(): void {
  startsByDirectory.clear()
  hrefCount = 0
}

/** Builds the context of the page at `path`. */
export function createPageContext(
  collection: Collection,
  options: ResolvedHtmlOptions,
  templates: Templates,
  path: string,
): PageContext {
  let starts = startsOf(path)
  return {
    collection,
    options,
    path,
    templates,
    href(to: string) {
      const name = to.lastIndexOf('/') + 1
      const folder = to.slice(0, name)
      let start = starts.get(folder)
      if (start === undefined) {
        // `relativeUrl` joins what it keeps of the target's folders and its last part with
        // '/', whatever that part is: the start is its answer for a one-letter file name.
        start = relativeUrl(path, `${folder}x`).slice(0, -1)
        if (hrefCount >= hrefLimit) {
          forgetHrefs()
          starts = startsOf(path)
        }
        // A page whose map was cleared from the memo by another page keeps it: it still
        // serves this page (its entries still count until the memo is next cleared).
        starts.set(folder, start)
        hrefCount += 1
      }
      return start + to.slice(name)
    },
  }
}
