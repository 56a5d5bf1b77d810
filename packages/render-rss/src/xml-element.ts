/**
 * Building XML elements through `xmlbuilder2` with every text and attribute value cleaned of the
 * characters XML 1.0 forbids. The builder escapes `<`, `>` and quotes; this module makes sure no
 * forbidden character reaches it, so the document is well-formed for any note content.
 *
 * One thing the builder does not escape: an `&` that already looks like a character reference
 * (`&amp;`, `&lt;`, `&#38;`) is written as it is, so a note titled `R&amp;D` would reach feed
 * readers as `R&D`. Every `&` is therefore escaped here, before the builder sees it; the builder
 * then leaves those `&amp;` alone, and each `&` of the note is escaped exactly once.
 */
import { create } from 'xmlbuilder2'
import { toXmlText } from './xml-text.js'

/** A note's text as the builder must be given it: XML characters only, every `&` escaped. */
function builderText(value: string): string {
  return toXmlText(value).replace(/&/g, '&amp;')
}

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
  const clean: Record<string, string> = {}
  for (const [name, value] of Object.entries(attributes)) clean[name] = builderText(value)
  return clean
}

const noAttributes: Record<string, string> = Object.freeze({})

/**
 * Appends an element with optional attributes and text (both cleaned as above) to
 * `parent`, and returns the new element.
 *
 * @example
 * appendElement(channel, 'title', {}, 'Paper notes & more')
 */
export function appendElement(
  parent: XmlNode,
  name: string,
  attributes: Record<string, string> = noAttributes,
  text?: string,
): XmlNode {
  const element =
    attributes === noAttributes || Object.keys(attributes).length === 0
      ? parent.ele(name)
      : parent.ele(name, cleanAttributes(attributes))
  if (text !== undefined) element.txt(builderText(text))
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

/**
 * Builds elements one at a time in a scratch document and serializes each on its own, indented
 * for the depth it will have in its feed (a feed item is written once and placed in every feed
 * that lists it). Create one per render; it holds nothing once {@link XmlFragmentWriter.write}
 * returns.
 *
 * @example
 * const writer = new XmlFragmentWriter()
 * writer.write(1, 'entry', {}, (entry) => appendElement(entry, 'id', {}, url))
 * // => '  <entry>\n    <id>https://example.org/notes/1.html</id>\n  </entry>'
 */
export class XmlFragmentWriter {
  private readonly scratch: XmlNode = create().ele('fragments')

  /**
   * Builds one element with optional attributes and text (cleaned as by {@link appendElement});
   * `fill` adds its children. Serializes it with the same layout and well-formedness checks as
   * {@link serializeXml}, indented as at `depth` (0 for the root), and removes it from the
   * scratch document.
   */
  write(
    depth: number,
    name: string,
    attributes: Record<string, string>,
    fill?: (element: XmlNode) => void,
    text?: string,
  ): string {
    const element = appendElement(this.scratch, name, attributes, text)
    fill?.(element)
    const xml = element.toString({ prettyPrint: true, wellFormed: true, offset: depth })
    element.remove()
    return xml
  }

  /**
   * An element of fixed structure written many times with different values (a feed item per
   * note): built once, here, through the builder, with `fill` marking through `slots` where the
   * values go. Each call of the returned function puts its values (in slot order, cleaned as by
   * {@link appendElement}) into those places through the builder's DOM and serializes the element
   * like {@link XmlFragmentWriter.write}: the same document, escaping and well-formedness checks,
   * only without building the elements again. Throws when given another number of values.
   *
   * @example
   * const writer = new XmlFragmentWriter()
   * const entry = writer.pattern(1, 'entry', {}, (element, slots) => slots.text(element, 'id'))
   * entry(['https://example.org/notes/1.html']) // => '  <entry>\n    <id>https://example.org/notes/1.html</id>\n  </entry>'
   */
  pattern(
    depth: number,
    name: string,
    attributes: Record<string, string>,
    fill: (element: XmlNode, slots: XmlSlots) => void,
  ): (values: readonly string[]) => string {
    const element = appendElement(this.scratch, name, attributes)
    const places: Place[] = []
    fill(element, slotsFor(places))
    const serialize = () => element.toString({ prettyPrint: true, wellFormed: true, offset: depth })
    const template = SlotTemplate.of(places, serialize)
    return (values) => {
      checkValueCount(places, values, 'XmlFragmentWriter.pattern')
      const written = template?.fill(values)
      if (written !== undefined) return written
      fillPlaces(places, values)
      return serialize()
    }
  }
}

/**
 * Where the values of an {@link XmlFragmentWriter.pattern} or an {@link XmlDocumentPattern} go,
 * in the order they are marked.
 */
export interface XmlSlots {
  /** Appends an element with fixed attributes whose text is the next value. */
  text(parent: XmlNode, name: string, attributes?: Record<string, string>): void
  /**
   * Appends an element with fixed attributes and `valueAttribute`, whose value is the next value
   * (in its place in `attributes` when listed there with any value, else last).
   */
  attribute(
    parent: XmlNode,
    name: string,
    attributes: Record<string, string>,
    valueAttribute: string,
  ): void
}

/**
 * One place a value goes in a built element: a text node's data or an attribute's value. `set`
 * puts a (cleaned) value there.
 */
interface Place {
  readonly kind: 'text' | 'attribute'
  readonly set: (value: string) => void
}

/** Slots that record their places on `places`. */
function slotsFor(places: Place[]): XmlSlots {
  return {
    text(parent, childName, childAttributes = noAttributes) {
      const text = textNodeOf(appendElement(parent, childName, childAttributes, ''))
      places.push({
        kind: 'text',
        set(value) {
          text.data = value
        },
      })
    },
    attribute(parent, childName, childAttributes, valueAttribute) {
      const child = appendElement(parent, childName, { ...childAttributes, [valueAttribute]: '' })
      places.push({
        kind: 'attribute',
        set(value) {
          child.att(valueAttribute, value)
        },
      })
    },
  }
}

/** Throws when `values` does not have one value per place. */
function checkValueCount(
  places: readonly Place[],
  values: readonly string[],
  caller: string,
): void {
  if (values.length !== places.length) {
    throw new Error(`${caller}: ${values.length} values for ${places.length} slots`)
  }
}

/** Puts `values`, cleaned as by {@link appendElement}, into `places`. */
function fillPlaces(places: readonly Place[], values: readonly string[]): void {
  for (let i = 0; i < places.length; i++) places[i]!.set(builderText(values[i]!))
}

/**
 * A built element or document serialized once with a marker in each place, cut at the markers,
 * so that it can be written with other values without going through the builder: each value is
 * cleaned as for the builder and escaped as the builder escapes text (`&`, `<`, `>`) or attribute
 * values (also `"`), which is all its serializer does to them (no other change, no line
 * wrapping). An empty value, which changes the element itself (`<title/>`), is left to the
 * builder. Tests compare both ways on hostile values.
 */
class SlotTemplate {
  readonly #segments: readonly string[]
  readonly #kinds: readonly Place['kind'][]

  private constructor(segments: readonly string[], kinds: readonly Place['kind'][]) {
    this.#segments = segments
    this.#kinds = kinds
  }

  /**
   * The template of `places` in what `serialize` writes, or `undefined` when a marker is not
   * found once, in place order (then every value goes through the builder).
   */
  static of(places: readonly Place[], serialize: () => string): SlotTemplate | undefined {
    const marker = `paper-notes-slot-${crypto.randomUUID()}-`
    places.forEach((place, index) => {
      place.set(`${marker}${index}-`)
    })
    const xml = serialize()
    const segments: string[] = []
    let from = 0
    for (let index = 0; index < places.length; index++) {
      const placeholder = `${marker}${index}-`
      const at = xml.indexOf(placeholder, from)
      if (at < 0 || xml.indexOf(placeholder, at + 1) >= 0) return undefined
      segments.push(xml.slice(from, at))
      from = at + placeholder.length
    }
    if (xml.includes(marker, from)) return undefined
    segments.push(xml.slice(from))
    return new SlotTemplate(
      segments,
      places.map((place) => place.kind),
    )
  }

  /** The XML with `values` in the places, or `undefined` when a value is empty once cleaned. */
  fill(values: readonly string[]): string | undefined {
    let xml = this.#segments[0]!
    for (let i = 0; i < values.length; i++) {
      const clean = builderText(values[i]!)
      if (clean === '') return undefined
      xml +=
        (this.#kinds[i] === 'text' ? escapeText(clean) : escapeAttribute(clean)) +
        this.#segments[i + 1]!
    }
    return xml
  }
}

/** What the builder's serializer does to cleaned text (every `&` is already `&amp;`). */
function escapeText(clean: string): string {
  return /[<>]/.test(clean) ? clean.replace(/</g, '&lt;').replace(/>/g, '&gt;') : clean
}

/** What the builder's serializer does to a cleaned attribute value. */
function escapeAttribute(clean: string): string {
  return /[<>"]/.test(clean) ? escapeText(clean).replace(/"/g, '&quot;') : clean
}

/** The text node an element was given by {@link appendElement} (its only child). */
function textNodeOf(element: XmlNode): { data: string } {
  const child: unknown = element.node.firstChild
  if (child === null || typeof child !== 'object' || !('data' in child)) {
    throw new Error('XmlFragmentWriter.pattern: a text slot without its text node')
  }
  return child as { data: string }
}

/**
 * Inserts serialized elements (from {@link XmlFragmentWriter.write}), each on a line of its own,
 * before the last occurrence of `marker` in `xml`: a line break, indentation and the start of a
 * tag in the builder's output, such as `\n  </channel>` or `\n      <description>`. The builder
 * escapes `<` in every text and attribute value, so the marker can only match real markup.
 * Throws when `xml` has no such tag.
 *
 * @example
 * insertElementsBefore('<a>\n  <b/>\n</a>', '\n</a>', ['  <c/>']) // => '<a>\n  <b/>\n  <c/>\n</a>'
 */
export function insertElementsBefore(
  xml: string,
  marker: string,
  elements: readonly string[],
): string {
  if (elements.length === 0) return xml
  const at = xml.lastIndexOf(marker)
  if (at < 0) throw new Error(`insertElementsBefore: no ${JSON.stringify(marker)} in the XML`)
  let inserted = ''
  for (const element of elements) inserted += `\n${element}`
  return xml.slice(0, at) + inserted + xml.slice(at)
}

/**
 * A document of fixed structure written many times with different values (one per feed): its
 * declaration, its root element and the elements `fill` adds are built once through the
 * builder, with `slots` marking where values go (as for {@link XmlFragmentWriter.pattern}).
 * Create one per shape and render.
 *
 * @example
 * const feed = new XmlDocumentPattern('feed', { xmlns: 'http://www.w3.org/2005/Atom' }, 0, (root, slots) => {
 *   slots.text(root, 'id')
 *   return root
 * })
 * feed.render([selfUrl], entries) // => '<?xml version="1.0" encoding="UTF-8"?>\n<feed …'
 */
export class XmlDocumentPattern {
  readonly #root: XmlNode
  readonly #places: Place[] = []
  readonly #closingTag: string
  readonly #template: SlotTemplate | undefined

  /**
   * `fill` appends the document's own elements to the root and returns the element (at
   * `parentDepth`, 0 for the root) that will hold the children given to
   * {@link XmlDocumentPattern.render}; it must have a child of its own, so that its closing tag
   * is on a line of its own.
   */
  constructor(
    rootName: string,
    attributes: Record<string, string>,
    parentDepth: number,
    fill: (root: XmlNode, slots: XmlSlots) => XmlNode,
  ) {
    this.#root = createXmlDocument(rootName, attributes)
    const parent = fill(this.#root, slotsFor(this.#places))
    const parentName = parent === this.#root ? rootName : parent.node.nodeName
    this.#closingTag = `\n${'  '.repeat(parentDepth)}</${parentName}>`
    this.#template = SlotTemplate.of(this.#places, () => serializeXml(this.#root))
  }

  /**
   * Serializes one document like {@link serializeXml}, with `values` in the slots (in slot
   * order, cleaned as by {@link appendElement}) and `children` (serialized elements from
   * {@link XmlFragmentWriter}, at `parentDepth + 1`) as the last children of the parent element.
   */
  render(values: readonly string[], children: readonly string[]): string {
    checkValueCount(this.#places, values, 'XmlDocumentPattern')
    let xml = this.#template?.fill(values)
    if (xml === undefined) {
      fillPlaces(this.#places, values)
      xml = serializeXml(this.#root)
    }
    return insertElementsBefore(xml, this.#closingTag, children)
  }
}
