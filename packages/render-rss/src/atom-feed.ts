/**
 * Atom 1.0 (RFC 4287), built with xmlbuilder2.
 */
import type { FeedEntry } from './feed-entry.js'
import type { FeedSource } from './feed-source.js'
import { feedGenerator } from './rss-feed.js'
import {
  appendElement,
  insertElementsBefore,
  XmlDocumentPattern,
  type XmlFragmentWriter,
} from './xml-element.js'

/** The Atom `updated` of a feed with no notes: a fixed date, so the output stays deterministic. */
export const emptyFeedUpdated = '1970-01-01T00:00:00Z'

/**
 * Builds the Atom `<category>` element of one tag, serialized for its place in an `<entry>`:
 * the same for every note with that tag, so it is built once per render (see
 * {@link buildAtomEntry}).
 *
 * @example
 * buildAtomCategory('NLP', new XmlFragmentWriter()) // => '    <category term="NLP"/>'
 */
export function buildAtomCategory(category: string, writer: XmlFragmentWriter): string {
  return writer.write(2, 'category', { term: category })
}

/**
 * Returns a function that builds the Atom `<entry>` of one entry, serialized for its place in
 * `<feed>`: the note page URL as `id` and `alternate` link, the paper as a `related` link, the
 * issue date as `published` and `updated`, one `category` per tag (`categoryXml` gives the
 * element of a tag, from {@link buildAtomCategory}), and the summary and first comment as
 * sanitized HTML in `content`. The entry's elements are built once per shape (with and without
 * a paper link; see `XmlFragmentWriter.pattern`), so create one per render.
 *
 * @example
 * const writer = new XmlFragmentWriter()
 * const buildAtomEntry = createAtomEntryBuilder(writer)
 * buildAtomEntry(entry, (tag) => buildAtomCategory(tag, writer)) // => '  <entry>\n    <id>…'
 */
export function createAtomEntryBuilder(
  writer: XmlFragmentWriter,
): (entry: FeedEntry, categoryXml: (category: string) => string) => string {
  const shape = (withPaper: boolean) =>
    writer.pattern(1, 'entry', {}, (element, slots) => {
      slots.text(element, 'id')
      slots.text(element, 'title', { type: 'text' })
      slots.attribute(element, 'link', { rel: 'alternate', type: 'text/html' }, 'href')
      if (withPaper) slots.attribute(element, 'link', { rel: 'related' }, 'href')
      slots.text(element, 'published')
      slots.text(element, 'updated')
      slots.text(element, 'content', { type: 'html' })
    })
  const withPaper = shape(true)
  const withoutPaper = shape(false)
  return (entry, categoryXml) => {
    const { url, dateTime, paperUrl } = entry
    const xml =
      paperUrl === undefined
        ? withoutPaper([url, entry.title, url, dateTime, dateTime, entry.html])
        : withPaper([url, entry.title, url, paperUrl, dateTime, dateTime, entry.html])
    return insertElementsBefore(
      xml,
      '\n    <content type="html">',
      entry.categories.map(categoryXml),
    )
  }
}

/**
 * Returns a function that builds Atom 1.0 documents; its document skeleton is built once and
 * reused, so create one per render. The feed's `id` is its own URL and its `updated` the newest
 * note's issue date ({@link emptyFeedUpdated} for an empty feed), never the time of the build;
 * the feed's `author` is `source.authorName` (Atom requires one; the notes' `authors` are the
 * papers' authors, not the note writer). The entries are the `atomEntry`s of `source.items`
 * (see {@link buildAtomEntry}).
 *
 * @example
 * const buildAtomFeed = createAtomFeedBuilder()
 * buildAtomFeed({ title: 'Paper notes', description: '…', pageUrl, selfUrl, authorName, items })
 * // => '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">…'
 */
export function createAtomFeedBuilder(): (source: FeedSource) => string {
  let pattern: XmlDocumentPattern | undefined
  return (source) => {
    pattern ??= new XmlDocumentPattern(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom' },
      0,
      (feed, slots) => {
        slots.text(feed, 'id')
        slots.text(feed, 'title', { type: 'text' })
        slots.text(feed, 'subtitle', { type: 'text' })
        slots.text(feed, 'updated')
        slots.attribute(feed, 'link', { rel: 'self', type: 'application/atom+xml' }, 'href')
        slots.attribute(feed, 'link', { rel: 'alternate', type: 'text/html' }, 'href')
        slots.text(appendElement(feed, 'author'), 'name')
        appendElement(feed, 'generator', {}, feedGenerator)
        return feed
      },
    )
    return pattern.render(
      [
        source.selfUrl,
        source.title,
        source.description,
        source.items[0]?.entry.dateTime ?? emptyFeedUpdated,
        source.selfUrl,
        source.pageUrl,
        source.authorName,
      ],
      source.items.map((item) => item.atomEntry),
    )
  }
}
