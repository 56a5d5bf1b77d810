/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification), built with xmlbuilder2.
 */
import type { FeedSource } from './feed-source.js'
import { appendElement, createXmlDocument, serializeXml } from './xml-element.js'

/** The `generator` every feed names. */
export const feedGenerator = '@paper-notes/render-rss'

/**
 * Builds an RSS 2.0 document. The channel's `pubDate` and `lastBuildDate` are the newest note's
 * issue date (left out for an empty feed), never the time of the build. Each item has the note's
 * title, its page as `link` and as a permalink `guid`, the issue date as `pubDate`, one
 * `category` per tag, and the summary and first comment as sanitized HTML in `description`.
 *
 * @example
 * buildRssFeed({ title: 'Paper notes', description: '…', pageUrl, selfUrl, authorName, entries })
 * // => '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" …'
 */
export function buildRssFeed(source: FeedSource): string {
  const rss = createXmlDocument('rss', {
    version: '2.0',
    'xmlns:atom': 'http://www.w3.org/2005/Atom',
  })
  const channel = appendElement(rss, 'channel')
  appendElement(channel, 'title', {}, source.title)
  appendElement(channel, 'link', {}, source.pageUrl)
  appendElement(channel, 'description', {}, source.description)
  appendElement(channel, 'atom:link', {
    href: source.selfUrl,
    rel: 'self',
    type: 'application/rss+xml',
  })
  appendElement(channel, 'generator', {}, feedGenerator)
  const newest = source.entries[0]
  if (newest) {
    appendElement(channel, 'pubDate', {}, newest.rfc822Date)
    appendElement(channel, 'lastBuildDate', {}, newest.rfc822Date)
  }
  for (const entry of source.entries) {
    const item = appendElement(channel, 'item')
    appendElement(item, 'title', {}, entry.title)
    appendElement(item, 'link', {}, entry.url)
    appendElement(item, 'guid', { isPermaLink: 'true' }, entry.url)
    appendElement(item, 'pubDate', {}, entry.rfc822Date)
    for (const category of entry.categories) appendElement(item, 'category', {}, category)
    appendElement(item, 'description', {}, entry.html)
  }
  return serializeXml(rss)
}
