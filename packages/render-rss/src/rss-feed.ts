/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification), built with xmlbuilder2.
 */
import type { FeedEntry } from './feed-entry.js'
import type { FeedSource } from './feed-source.js'
import {
  appendElement,
  insertElementsBefore,
  XmlDocumentPattern,
  type XmlFragmentWriter,
} from './xml-element.js'

/** The `generator` every feed names. */
export const feedGenerator = '@paper-notes/render-rss'

/**
 * Builds the RSS `<category>` element of one tag, serialized for its place in an `<item>`: the
 * same for every note with that tag, so it is built once per render (see
 * {@link buildRssItem}).
 *
 * @example
 * buildRssCategory('NLP', new XmlFragmentWriter()) // => '      <category>NLP</category>'
 */
export function buildRssCategory(category: string, writer: XmlFragmentWriter): string {
  return writer.write(3, 'category', {}, undefined, category)
}

/**
 * Returns a function that builds the RSS `<item>` of one entry, serialized for its place in
 * `<channel>`: the note's title, its page as `link` and as a permalink `guid`, the issue date as
 * `pubDate`, one `category` per tag (`categoryXml` gives the element of a tag, from
 * {@link buildRssCategory}), and the summary and first comment as sanitized HTML in
 * `description`. The item's elements are built once (see `XmlFragmentWriter.pattern`), so create
 * one per render.
 *
 * @example
 * const writer = new XmlFragmentWriter()
 * const buildRssItem = createRssItemBuilder(writer)
 * buildRssItem(entry, (tag) => buildRssCategory(tag, writer)) // => '    <item>\n      <title>…'
 */
export function createRssItemBuilder(
  writer: XmlFragmentWriter,
): (entry: FeedEntry, categoryXml: (category: string) => string) => string {
  const item = writer.pattern(2, 'item', {}, (element, slots) => {
    slots.text(element, 'title')
    slots.text(element, 'link')
    slots.text(element, 'guid', { isPermaLink: 'true' })
    slots.text(element, 'pubDate')
    slots.text(element, 'description')
  })
  return (entry, categoryXml) =>
    insertElementsBefore(
      item([entry.title, entry.url, entry.url, entry.rfc822Date, entry.html]),
      '\n      <description>',
      entry.categories.map(categoryXml),
    )
}

/**
 * Returns a function that builds RSS 2.0 documents; its document skeleton is built once and
 * reused, so create one per render. The channel's `pubDate` and `lastBuildDate` are the newest
 * note's issue date (left out for an empty feed), never the time of the build. The items are the
 * `rssItem`s of `source.items` (see {@link buildRssItem}).
 *
 * @example
 * const buildRssFeed = createRssFeedBuilder()
 * buildRssFeed({ title: 'Paper notes', description: '…', pageUrl, selfUrl, authorName, items })
 * // => '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" …'
 */
export function createRssFeedBuilder(): (source: FeedSource) => string {
  const shape = (dated: boolean) =>
    new XmlDocumentPattern(
      'rss',
      { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom' },
      1,
      (rss, slots) => {
        const channel = appendElement(rss, 'channel')
        slots.text(channel, 'title')
        slots.text(channel, 'link')
        slots.text(channel, 'description')
        slots.attribute(
          channel,
          'atom:link',
          { href: '', rel: 'self', type: 'application/rss+xml' },
          'href',
        )
        appendElement(channel, 'generator', {}, feedGenerator)
        if (dated) {
          slots.text(channel, 'pubDate')
          slots.text(channel, 'lastBuildDate')
        }
        return channel
      },
    )
  let dated: XmlDocumentPattern | undefined
  let undated: XmlDocumentPattern | undefined
  return (source) => {
    const items = source.items.map((item) => item.rssItem)
    const values = [source.title, source.pageUrl, source.description, source.selfUrl]
    const newest = source.items[0]?.entry
    if (newest === undefined) {
      undated ??= shape(false)
      return undated.render(values, items)
    }
    dated ??= shape(true)
    return dated.render([...values, newest.rfc822Date, newest.rfc822Date], items)
  }
}
