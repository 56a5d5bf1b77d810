/**
 * What one feed (RSS or Atom, site-wide or per tag) is made from.
 */
import type { FeedEntry } from './feed-entry.js'

/**
 * One note as it appears in feeds: its entry data and its RSS `item` and Atom `entry` elements,
 * serialized once (by `buildRssItem` and `buildAtomEntry`) and placed in every feed that lists
 * the note.
 */
export interface FeedItem {
  entry: FeedEntry
  /** The RSS `<item>` element, indented for its place in `<channel>`. */
  rssItem: string
  /** The Atom `<entry>` element, indented for its place in `<feed>`. */
  atomEntry: string
}

/** One feed to build: the input of the builders from `createRssFeedBuilder` and `createAtomFeedBuilder`. */
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
  /** The items, newest first, already cut to the limit. */
  items: readonly FeedItem[]
}
