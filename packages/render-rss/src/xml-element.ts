/**
 * Building XML elements through `xmlbuilder2` with every text and attribute value cleaned of the
 * characters XML 1.0 forbids. The builder escapes `&`, `<`, `>` and quotes; this module makes
 * sure no forbidden character reaches it, so the document is well-formed for any note content.
 */
import { create } from 'xmlbuilder2'
import { toXmlText } from './xml-text.js'

/** An element under construction (xmlbuilder2's `XMLBuilder`). */
export type XmlNode = ReturnType<typeof create>

/**
 * Starts a UTF-8 XML document with the given root element and attributes.
 *
 * @example
 * const rss = createXmlDocument('rss', { version: '2.0' })
 */
export function createXmlDocument(rootName: string, attributes: Record<string, string>): XmlNode {
  return create({ version: '1.0', encoding: 'UTF-8' }).ele(rootName, cleanAttributes(attributes))
}

function cleanAttributes(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [name, toXmlText(value)]),
  )
}

/**
 * Appends an element with optional attributes and text (both cleaned by `toXmlText`) to
 * `parent`, and returns the new element.
 *
 * @example
 * appendElement(channel, 'title', {}, 'Paper notes & more')
 */
export function appendElement(
  parent: XmlNode,
  name: string,
  attributes: Record<string, string> = {},
  text?: string,
): XmlNode {
  const element = parent.ele(name, cleanAttributes(attributes))
  if (text !== undefined) element.txt(toXmlText(text))
  return element
}

/**
 * Serializes the document the node belongs to: indented, with xmlbuilder2's well-formedness
 * checks on (so a character that slipped past `toXmlText` fails loudly instead of producing a
 * broken feed), ending in a newline.
 */
export function serializeXml(node: XmlNode): string {
  return `${node.end({ prettyPrint: true, wellFormed: true })}\n`
}
