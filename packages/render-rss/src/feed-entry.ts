/**
 * One note as a feed entry, computed once per note and shared by every feed it appears in
 * (site-wide RSS and Atom, and its tags' feeds), so its HTML is rendered once.
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
 * A memo of {@link toFeedEntry} for one render: each note's entry is built the first time a feed
 * asks for it.
 */
export function createFeedEntryCache(baseUrl: string): (note: Note) => FeedEntry {
  const cache = new Map<Note, FeedEntry>()
  return (note) => {
    let entry = cache.get(note)
    if (entry === undefined) {
      entry = toFeedEntry(note, baseUrl)
      cache.set(note, entry)
    }
    return entry
  }
}
