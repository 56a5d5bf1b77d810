/**
 * Reading a produced feed back the way consumers do: a well-formedness check and a parse with
 * fast-xml-parser, and a parse with a real feed reader (@rowanmanning/feed-parser).
 */
import { parseFeed } from '@rowanmanning/feed-parser'
import { XMLParser, XMLValidator } from 'fast-xml-parser'

/** The parsed forms of one feed document. */
export interface ReadFeed {
  /** fast-xml-parser's tree; attributes are `@_name`. */
  tree: Record<string, unknown>
  /** What a feed reader sees. */
  feed: ReturnType<typeof parseFeed>
}

/** Throws (with the parser's message and position) unless `xml` is well-formed. */
export function assertWellFormed(xml: string): void {
  const result = XMLValidator.validate(xml)
  if (result !== true) {
    const { code, msg, line, col } = result.err
    throw new Error(`not well-formed: ${code} ${msg} at ${line}:${col}`)
  }
}

/** Checks well-formedness, then parses with fast-xml-parser and with the feed parser. */
export function readFeed(xml: string): ReadFeed {
  assertWellFormed(xml)
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    isArray: (name) => ['item', 'entry', 'category', 'link'].includes(name),
  })
  return { tree: parser.parse(xml) as Record<string, unknown>, feed: parseFeed(xml) }
}
