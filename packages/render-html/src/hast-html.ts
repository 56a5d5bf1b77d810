/**
 * hast → HTML for pages and cards: the same bytes `hast-util-to-html` writes with its default
 * options (plus `allowDangerousHtml` for the `raw` nodes a render trusts), only faster.
 *
 * `hast-util-to-html` handles every option and schema, and looks each attribute up in
 * `property-information` and builds an options object for every text it escapes; on a large
 * site that was a third of the HTML renderer's time. This writes the common nodes directly with
 * the same rules (text: `&` and `<` as hexadecimal references; attributes: double-quoted, with
 * NUL, `"`, `&`, `'` and `` ` `` as references; names and kinds of attributes from
 * `property-information`; void elements from `html-void-elements`), and hands every node it does
 * not know to be plain HTML (SVG, `template`, comments, doctypes, odd attribute names or comma
 * separated lists, unknown node types) to `hast-util-to-html` itself.
 */
import type { Element, Nodes, Parents, Properties } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { htmlVoidElements } from 'html-void-elements'
import { find, html as htmlSchema } from 'property-information'

/** How `raw` nodes are written. */
export interface HastHtmlOptions {
  /**
   * Which `raw` nodes are written as they are (HTML); every other `raw` node is written as
   * escaped text, as `hast-util-to-html` does by default. Default: none.
   */
  isTrustedRaw?: (node: RawNode) => boolean
}

/** A hast `raw` node (`@types/hast` only knows it through `mdast-util-to-hast`'s augmentation). */
export interface RawNode {
  readonly type: 'raw'
  readonly value: string
}

const trustNothing = () => false

const voidElements = new Set(htmlVoidElements)
const textSpecial = /[&<]/
const textSpecialAll = /[&<]/g
const attributeSpecial = /[\0"&'`]/
const attributeSpecialAll = /[\0"&'`]/g
/** Attribute names `hast-util-to-html` writes unchanged (none of its escaped characters). */
const plainAttributeName = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/

function reference(character: string): string {
  return `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`
}

function escapeText(value: string): string {
  return textSpecial.test(value) ? value.replace(textSpecialAll, reference) : value
}

function escapeAttribute(value: string): string {
  return attributeSpecial.test(value) ? value.replace(attributeSpecialAll, reference) : value
}

/** What `property-information` says about one hast property name, when it is simple. */
interface AttributeInfo {
  readonly attribute: string
  readonly boolean: boolean
  readonly overloadedBoolean: boolean
  readonly commaSeparated: boolean
}

const attributeInfos = new Map<string, AttributeInfo | null>()

/** The info of a property name, or `null` when its attribute name needs escaping. */
function attributeInfo(key: string): AttributeInfo | null {
  let info = attributeInfos.get(key)
  if (info === undefined) {
    const found = find(htmlSchema, key)
    info = plainAttributeName.test(found.attribute)
      ? {
          attribute: found.attribute,
          boolean: found.boolean,
          overloadedBoolean: found.overloadedBoolean,
          commaSeparated: found.commaSeparated,
        }
      : null
    if (attributeInfos.size < 10_000) attributeInfos.set(key, info)
  }
  return info
}

/** Marks an element this module leaves to `hast-util-to-html`. */
const notPlain = Symbol('not plain')

/** One attribute as `hast-util-to-html` writes it (`''` when it is left out). */
function attribute(key: string, input: unknown): string | typeof notPlain {
  const info = attributeInfo(key)
  if (info === null) return notPlain
  let value = input
  if (info.overloadedBoolean && (value === info.attribute || value === '')) {
    value = true
  } else if (
    (info.boolean || info.overloadedBoolean) &&
    (typeof value !== 'string' || value === info.attribute || value === '')
  ) {
    value = Boolean(value)
  }
  if (
    value === null ||
    value === undefined ||
    value === false ||
    (typeof value === 'number' && Number.isNaN(value))
  ) {
    return ''
  }
  if (value === true) return info.attribute
  let text: string
  if (Array.isArray(value)) {
    if (info.commaSeparated) return notPlain
    text = value.join(' ').trim()
  } else {
    text = String(value)
  }
  return `${info.attribute}="${escapeAttribute(text)}"`
}

/** The attributes of an element, joined by spaces, or {@link notPlain}. */
function attributes(properties: Properties | undefined): string | typeof notPlain {
  let out = ''
  if (properties) {
    for (const key in properties) {
      const value = properties[key]
      if (value === null || value === undefined) continue
      const written = attribute(key, value)
      if (written === notPlain) return notPlain
      if (written !== '') out = out === '' ? written : `${out} ${written}`
    }
  }
  return out
}

/**
 * Writes a tree into a list of pieces joined once at the end, so the HTML is one flat string
 * instead of a string per element appended into its parent's (the engine keeps appended strings
 * as trees of references, which a large site holds until it writes the files). Trusted `raw`
 * nodes (the cards a tag page shares with other pages) are not copied: the joined pieces are
 * appended around them.
 */
class HtmlWriter {
  readonly #trusted: (node: RawNode) => boolean
  #pieces: string[] = []
  /** What is written before {@link HtmlWriter.#pieces}: joined pieces and trusted `raw` values. */
  #head = ''

  constructor(trusted: (node: RawNode) => boolean) {
    this.#trusted = trusted
  }

  /** The HTML written so far. */
  result(): string {
    return this.#head + this.#pieces.join('')
  }

  one(node: Nodes, parent: Parents | undefined): void {
    switch (node.type) {
      case 'text':
        this.#pieces.push(
          parent?.type === 'element' && (parent.tagName === 'script' || parent.tagName === 'style')
            ? node.value
            : escapeText(node.value),
        )
        return
      case 'element':
        this.element(node)
        return
      case 'root':
        this.all(node)
        return
      default: {
        const loose: { type: string; value?: unknown } = node
        if (isRaw(loose)) {
          if (this.#trusted(loose)) {
            this.#head += this.#pieces.join('') + loose.value
            this.#pieces = []
            return
          }
          this.one({ type: 'text', value: loose.value }, parent)
          return
        }
        // Comments, doctypes and anything else: exactly as the library writes them.
        this.#pieces.push(toHtml(node))
      }
    }
  }

  all(parent: Parents): void {
    for (const child of parent.children) this.one(child, parent)
  }

  element(node: Element): void {
    const { tagName } = node
    const written =
      tagName === 'svg' || tagName === 'template' ? notPlain : attributes(node.properties)
    if (written === notPlain) {
      this.#pieces.push(this.fallback(node))
      return
    }
    const open = written === '' ? `<${tagName}>` : `<${tagName} ${written}>`
    if (voidElements.has(tagName.toLowerCase())) {
      // A void element is written without content or end tag when its content is empty.
      const content = node.children?.length ? writeHtml(node, this.#trusted, true) : ''
      this.#pieces.push(content === '' ? open : `${open}${content}</${tagName}>`)
      return
    }
    this.#pieces.push(open)
    if (node.children) this.all(node)
    this.#pieces.push(`</${tagName}>`)
  }

  /**
   * An element the library writes, with `raw` allowed: untrusted `raw` nodes below it are
   * turned into text first, which the library writes as it writes such `raw` nodes by default.
   */
  fallback(node: Element): string {
    return toHtml(rawAsText(node, this.#trusted), { allowDangerousHtml: true })
  }
}

function isRaw(node: { type: string; value?: unknown }): node is RawNode {
  return node.type === 'raw' && typeof node.value === 'string'
}

/** `node` with every `raw` node that is not trusted turned into text (copied on change). */
function rawAsText<T extends Nodes>(node: T, trusted: (node: RawNode) => boolean): T {
  let changed: Partial<Pick<Element, 'children' | 'content'>> | undefined
  if ('children' in node) {
    let children: Nodes[] | undefined
    node.children.forEach((child: Nodes, index: number) => {
      const loose: { type: string; value?: unknown } = child
      const replacement: Nodes =
        loose.type === 'raw'
          ? isRaw(loose) && trusted(loose)
            ? child
            : { type: 'text', value: String(loose.value) }
          : rawAsText(child, trusted)
      if (replacement !== child) {
        children ??= [...node.children]
        children[index] = replacement
      }
    })
    if (children) changed = { children: children as Element['children'] }
  }
  if (node.type === 'element' && node.content) {
    const content = rawAsText(node.content, trusted)
    if (content !== node.content) changed = { ...changed, content }
  }
  return changed ? { ...node, ...changed } : node
}

/**
 * Serializes a hast tree as `hast-util-to-html` does with its default options, byte for byte,
 * except that a `raw` node that `options.isTrustedRaw` trusts is written as it is.
 *
 * @example
 * hastToHtml({ type: 'element', tagName: 'a', properties: { href: '?a=1&b="2"' }, children: [] })
 * // => '<a href="?a=1&#x26;b=&#x22;2&#x22;"></a>'
 */
export function hastToHtml(tree: Nodes, options: HastHtmlOptions = {}): string {
  return writeHtml(tree, options.isTrustedRaw ?? trustNothing, false)
}

/** Writes `tree`, or only its children with `childrenOnly`. */
function writeHtml(
  tree: Nodes,
  trusted: (node: RawNode) => boolean,
  childrenOnly: boolean,
): string {
  const writer = new HtmlWriter(trusted)
  if (childrenOnly && 'children' in tree) writer.all(tree)
  else writer.one(tree, undefined)
  return writer.result()
}
