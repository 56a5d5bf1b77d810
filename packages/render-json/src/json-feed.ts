/**
 * A JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the newest notes.
 */
import type { Note } from '@paper-notes/core'
import {
  noteContentHtml,
  noteDateTime,
  noteDisplayTitle,
  notePagePath,
  safeHttpUrl,
  siteUrl,
} from '@paper-notes/core'

/** The `version` of every feed this package writes. */
export const jsonFeedVersion = 'https://jsonfeed.org/version/1.1'

/** One JSON Feed item (only the fields this renderer writes). */
export interface JsonFeedItem {
  /** The note page URL when a base URL is known, else the note id. Stable across builds. */
  id: string
  /** The note page URL (only with a base URL). */
  url?: string
  /** The paper's own URL, when it is an absolute http(s) URL. */
  external_url?: string
  /** See `noteDisplayTitle`: never empty. */
  title: string
  /** Summary, first comment and paper link as sanitized HTML. Never empty. */
  content_html: string
  /** The machine summary as plain text, when the note has one. */
  summary?: string
  /** The issue date, RFC 3339 at midnight UTC. */
  date_published: string
  /** The note's tags, when it has any. */
  tags?: string[]
}

/** A JSON Feed 1.1 document (only the fields this renderer writes). */
export interface JsonFeed {
  version: typeof jsonFeedVersion
  title: string
  home_page_url?: string
  feed_url?: string
  items: JsonFeedItem[]
}

/** What {@link buildJsonFeed} needs besides the notes. */
export interface JsonFeedSettings {
  title: string
  baseUrl: string | undefined
  /** The feed's own path under the base URL, e.g. `feed.json`. */
  feedPath: string
}

function toItem(note: Note, baseUrl: string | undefined): JsonFeedItem {
  const url = baseUrl === undefined ? undefined : siteUrl(baseUrl, notePagePath(note.id))
  const paper = note.links.paper
  const summary = note.summary?.text.trim() ?? ''
  return {
    id: url ?? note.id,
    ...(url === undefined ? {} : { url }),
    ...(paper !== undefined && safeHttpUrl(paper) !== undefined ? { external_url: paper } : {}),
    title: noteDisplayTitle(note),
    content_html: noteContentHtml(note),
    ...(summary === '' ? {} : { summary }),
    date_published: noteDateTime(note),
    ...(note.tags.length === 0 ? {} : { tags: [...note.tags] }),
  }
}

/**
 * Builds the feed of `notes` (already the newest N, newest first).
 *
 * @example
 * buildJsonFeed(collection.notes.slice(0, 50), { title: 'Paper notes', baseUrl: 'https://example.org/', feedPath: 'feed.json' })
 * // => { version: 'https://jsonfeed.org/version/1.1', title: 'Paper notes', home_page_url: 'https://example.org/', … }
 */
export function buildJsonFeed(notes: readonly Note[], settings: JsonFeedSettings): JsonFeed {
  const { baseUrl } = settings
  return {
    version: jsonFeedVersion,
    title: settings.title,
    ...(baseUrl === undefined
      ? {}
      : {
          home_page_url: siteUrl(baseUrl, ''),
          feed_url: siteUrl(baseUrl, settings.feedPath),
        }),
    items: notes.map((note) => toItem(note, baseUrl)),
  }
}
