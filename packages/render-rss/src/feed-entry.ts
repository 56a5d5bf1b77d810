/**
 * One note as a feed entry, computed once per note and shared by every feed it appears in
 * (site-wide RSS and Atom, and its tags' feeds), so its HTML and XML are built once.
 */
import type { Note } from '@paper-notes/core'
import {
  noteContentHtml,
  noteDateTime,
  noteDisplayTitle,
  notePagePath,
  noteRfc822Date,
  safeHttpUrl,
  siteUrl,
} from '@paper-notes/core'
import { buildAtomCategory, createAtomEntryBuilder } from './atom-feed.js'
import type { FeedItem } from './feed-source.js'
import { buildRssCategory, createRssItemBuilder } from './rss-feed.js'
import { XmlFragmentWriter } from './xml-element.js'
import { toXmlText } from './xml-text.js'

/** What RSS items and Atom entries are written from. Every string is XML-safe already. */
export interface FeedEntry {
  /** The note page URL: link, RSS `guid` (a permalink) and Atom `id`. */
  url: string
  /** See `noteDisplayTitle`; never empty. */
  title: string
  /** Summary, first comment and paper link as sanitized HTML. */
  html: string
  /** The issue date, RFC 3339 (Atom). */
  dateTime: string
  /** The issue date, RFC 822 (RSS). */
  rfc822Date: string
  /** The note's tags that are not empty once cleaned, in order. */
  categories: string[]
  /** The paper's URL, normalised, when it is an absolute http(s) URL. */
  paperUrl?: string
}

/**
 * Builds the entry of a note whose page is under `baseUrl`.
 *
 * @example
 * toFeedEntry(note, 'https://example.org/notes/').url // => 'https://example.org/notes/notes/4175.html'
 */
export function toFeedEntry(note: Note, baseUrl: string): FeedEntry {
  const paper = note.links.paper
  return {
    url: siteUrl(baseUrl, notePagePath(note.id)),
    title: toXmlText(noteDisplayTitle(note)).trim() || `Untitled note (${note.issueDate})`,
    html: toXmlText(noteContentHtml(note)),
    dateTime: noteDateTime(note),
    rfc822Date: noteRfc822Date(note),
    categories: note.tags.map(toXmlText).filter((tag) => tag.trim() !== ''),
    ...(paper !== undefined && safeHttpUrl(paper) !== undefined
      ? { paperUrl: new URL(paper).href }
      : {}),
  }
}

/**
 * The most a {@link createFeedItemCache} keeps by default, in bytes counted as 2 per UTF-16 code
 * unit of an item's RSS item, Atom entry and content HTML. A feed lists the newest 50 notes of
 * the site or of one tag, so the items one note shares between feeds are mostly those of the
 * newest notes. 64 MB (like render-json's note JSON) keeps every item of a 6,000-note
 * collection (~5,000 items, ~40 MB counted so): 16 MB made such a build make ~60% of its items
 * again, and the garbage raised its peak RSS from ~470–500 to ~550–590 MB. Unbounded, the items
 * of every note some feed lists stayed for the whole render (~9,000 items, ~66 MB of the heap
 * at 20,000 notes); `paper-notes build --low-memory` sets 12 MB.
 */
export const feedItemCacheBytes = 64 * 1024 * 1024

/**
 * A memo for one render: each note's {@link FeedItem} (entry data, RSS item and Atom entry) is
 * built the first time a feed asks for it, and reused by every other feed that lists the note
 * while it is kept: the cache keeps items up to `maxBytes` ({@link feedItemCacheBytes}), and
 * lets go of the one asked for longest ago first (it is built again, the same, if asked for
 * again). Each tag's `category` elements are built once too, and shared by the items of its
 * notes.
 *
 * @example
 * const itemOf = createFeedItemCache('https://example.org/notes/')
 * itemOf(note) === itemOf(note) // => true
 */
export function createFeedItemCache(
  baseUrl: string,
  maxBytes: number = feedItemCacheBytes,
): (note: Note) => FeedItem {
  const items = new Map<Note, { item: FeedItem; bytes: number }>()
  let keptBytes = 0
  const writer = new XmlFragmentWriter()
  const memo = (build: (category: string) => string) => {
    const built = new Map<string, string>()
    return (category: string) => {
      let xml = built.get(category)
      if (xml === undefined) {
        xml = build(category)
        built.set(category, xml)
      }
      return xml
    }
  }
  const rssCategory = memo((category) => buildRssCategory(category, writer))
  const atomCategory = memo((category) => buildAtomCategory(category, writer))
  const buildRssItem = createRssItemBuilder(writer)
  const buildAtomEntry = createAtomEntryBuilder(writer)
  return (note) => {
    const known = items.get(note)
    if (known !== undefined) {
      // Set anew: the note is now the one asked for last.
      items.delete(note)
      items.set(note, known)
      return known.item
    }
    const entry = toFeedEntry(note, baseUrl)
    const item: FeedItem = {
      entry,
      rssItem: buildRssItem(entry, rssCategory),
      atomEntry: buildAtomEntry(entry, atomCategory),
    }
    const bytes = 2 * (item.rssItem.length + item.atomEntry.length + entry.html.length)
    if (bytes <= maxBytes) {
      for (const [oldest, kept] of items) {
        if (keptBytes + bytes <= maxBytes) break
        items.delete(oldest)
        keptBytes -= kept.bytes
      }
      items.set(note, { item, bytes })
      keptBytes += bytes
    }
    return item
  }
}
