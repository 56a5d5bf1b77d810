/**
 * What one feed (RSS or Atom, site-wide or per tag) is made from.
 */
import type { FeedEntry } from './feed-entry.js'

/** The input of `buildRssFeed` and `buildAtomFeed`. */
export interface FeedSource {
  /** The feed's title, e.g. `Paper notes` or `Paper notes: NLP`. */
  title: string
  /** One sentence on what the feed lists. */
  description: string
  /** The HTML page the feed is for (the site's home or the tag's page), absolute. */
  pageUrl: string
  /** The feed's own absolute URL (`rel="self"`; also the Atom feed's `id`). */
  selfUrl: string
  /** The feed's author name (Atom requires one). */
  authorName: string
  /** The entries, newest first, already cut to the limit. */
  entries: readonly FeedEntry[]
}
