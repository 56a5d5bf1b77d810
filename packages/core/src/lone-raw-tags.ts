/**
 * Raw HTML in notes is mostly a lone `<img …>` (a pasted screenshot) or `<br>` inside a
 * paragraph. `toSafeHast` must turn such `raw` nodes into elements, and `hast-util-raw` does it by
 * passing the whole tree through an HTML parser (`parse5`), which costs more than everything else
 * `toSafeHast` does. This module gets the same tree for the common case by parsing each lone tag
 * on its own (still with `hast-util-raw`) and putting the element in the `raw` node's place.
 *
 * That gives the tree the whole-tree parse gives only when the parser would change nothing else,
 * so it is used only when all of this holds, else the caller runs `hast-util-raw` as before:
 *
 * - every `raw` node is exactly one `<img>` or `<br>` start tag (parsed alone, it gives exactly
 *   one `img`/`br` element). In the HTML parser's "in body" rules these only insert a void
 *   element at the current node, in any context where they can appear here;
 * - every other element is one `mdast-util-to-hast` writes for plain markdown (no footnotes),
 *   nested the way markdown nests them, so the parser has nothing to repair (no block inside a
 *   paragraph, no link inside a link, only whitespace text directly inside table rows, no text
 *   right after `<pre>`, no NUL character);
 * - every property is one the parser gives back unchanged (`href`, `src`, `alt`, `title`,
 *   `align`, `type` as strings, `start` as a number, `checked`/`disabled` as booleans,
 *   `className` as a list of tokens).
 *
 * Then the tree is finished the way the parser would: properties it would not write (`false`,
 * `null`) are dropped, node `data` is dropped, empty text nodes are removed and adjacent text
 * nodes are joined.
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast'
import { raw } from 'hast-util-raw'

/** A hast `raw` node (`@types/hast` only knows it through `mdast-util-to-hast`'s augmentation). */
interface RawNode {
  type: 'raw'
  value: string
}

type Node = RootContent | ElementContent | RawNode

/**
 * What an element may contain, as the HTML parser would leave it in place: `phrasing` (text and
 * phrasing elements: `p`, `em`, `a`, `td`, headings…), `flow` (anything but list items and table
 * parts: the root, `li`, `blockquote`), `empty` (void elements), `list-items` (`li` and text:
 * `ul`, `ol`), `table-sections` (`thead`/`tbody` and whitespace: `table`), `table-rows` (`tr`
 * and whitespace: `thead`, `tbody`), `table-cells` (`th`/`td` and whitespace: `tr`) and `code`
 * (one `code` element: `pre`).
 */
type Content =
  | 'phrasing'
  | 'flow'
  | 'empty'
  | 'list-items'
  | 'table-sections'
  | 'table-rows'
  | 'table-cells'
  | 'code'

/** Elements `mdast-util-to-hast` writes for plain markdown, and what they may contain. */
const contentOf: ReadonlyMap<string, Content> = new Map([
  ['p', 'phrasing'],
  ['h1', 'phrasing'],
  ['h2', 'phrasing'],
  ['h3', 'phrasing'],
  ['h4', 'phrasing'],
  ['h5', 'phrasing'],
  ['h6', 'phrasing'],
  ['a', 'phrasing'],
  ['em', 'phrasing'],
  ['strong', 'phrasing'],
  ['del', 'phrasing'],
  ['code', 'phrasing'],
  ['th', 'phrasing'],
  ['td', 'phrasing'],
  ['li', 'flow'],
  ['blockquote', 'flow'],
  ['img', 'empty'],
  ['br', 'empty'],
  ['hr', 'empty'],
  ['input', 'empty'],
  ['ul', 'list-items'],
  ['ol', 'list-items'],
  ['table', 'table-sections'],
  ['thead', 'table-rows'],
  ['tbody', 'table-rows'],
  ['tr', 'table-cells'],
  ['pre', 'code'],
])

/** Elements allowed where only phrasing content is. */
const phrasing = new Set(['a', 'em', 'strong', 'del', 'code', 'img', 'br', 'input'])

/** What each allowed child of the structured containers is. */
const childrenOf: Partial<Record<Content, ReadonlySet<string>>> = {
  'list-items': new Set(['li']),
  'table-sections': new Set(['thead', 'tbody']),
  'table-rows': new Set(['tr']),
  'table-cells': new Set(['th', 'td']),
  code: new Set(['code']),
}

/** Properties that an HTML parser gives back as they are, by the JavaScript type they have. */
const roundTrips: Readonly<Record<string, 'string' | 'number' | 'boolean' | 'tokens'>> = {
  href: 'string',
  src: 'string',
  alt: 'string',
  title: 'string',
  align: 'string',
  type: 'string',
  start: 'number',
  checked: 'boolean',
  disabled: 'boolean',
  className: 'tokens',
}

const token = /^[^\t\n\f\r ]+$/
const whitespace = /^[\t\n\f\r ]*$/
const loneTagCandidate = /^<(?:img|br)(?:[\t\n\f\r /][\s\S]*)?>$/i

/** Whether each property comes back from the parser as it is (`false`/`null` it drops). */
function propertiesRoundTrip(properties: Properties): boolean {
  for (const name in properties) {
    const value = properties[name]
    if (value === false || value === null || value === undefined) continue
    const kind = roundTrips[name]
    if (kind === undefined) return false
    if (kind === 'tokens') {
      if (!Array.isArray(value) || value.length === 0) return false
      for (const item of value) if (typeof item !== 'string' || !token.test(item)) return false
    } else if (kind === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false
    } else if (kind === 'boolean') {
      if (value !== true) return false
    } else if (typeof value !== 'string') {
      return false
    }
  }
  return true
}

/** Parsed lone tags by their HTML, shared between calls (`null`: not a lone tag). */
const parsedTags = new Map<string, Element | null>()
const parsedTagsLimit = 10000

/** The element a lone `<img>`/`<br>` tag gives when parsed alone, or `null`. */
function parseLoneTag(html: string): Element | null {
  let element = parsedTags.get(html)
  if (element !== undefined) return element
  element = null
  if (loneTagCandidate.test(html)) {
    const lone: RawNode = { type: 'raw', value: html }
    const tree = raw({ type: 'root', children: [lone] } as unknown as Root)
    const only = tree.type === 'root' && tree.children.length === 1 ? tree.children[0] : undefined
    if (
      only?.type === 'element' &&
      (only.tagName === 'img' || only.tagName === 'br') &&
      only.children.length === 0
    ) {
      element = {
        type: 'element',
        tagName: only.tagName,
        properties: only.properties,
        children: [],
      }
    }
  }
  if (parsedTags.size >= parsedTagsLimit) parsedTags.clear()
  parsedTags.set(html, element)
  return element
}

/** A copy of a parsed tag for one tree (the cached one is never handed out). */
function copyOf(element: Element): Element {
  const properties: Properties = {}
  for (const name in element.properties) {
    const value = element.properties[name]
    properties[name] = Array.isArray(value) ? [...value] : value
  }
  return { type: 'element', tagName: element.tagName, properties, children: [] }
}

/** Table parts, in place only inside their table. */
const tableParts = new Set(['thead', 'tbody', 'tr', 'th', 'td'])

/** Whether an element may be a child of an element with `content`, as the parser keeps it. */
function fitsIn(tagName: string, content: Content): boolean {
  switch (content) {
    case 'phrasing':
      return phrasing.has(tagName)
    case 'flow':
      return tagName !== 'li' && !tableParts.has(tagName)
    case 'empty':
      return false
    default:
      return childrenOf[content]?.has(tagName) ?? false
  }
}

/**
 * Whether the children of a node with `content` are all in place as the parser would keep them,
 * with every `raw` node a lone tag (its element recorded in `tags`). `insideLink` rejects links
 * in links.
 */
function checkChildren(
  children: readonly Node[],
  content: Content,
  insideLink: boolean,
  tags: Map<RawNode, Element>,
): boolean {
  for (const child of children) {
    if (child.type === 'text') {
      if (child.value.includes('\0')) return false
      switch (content) {
        case 'phrasing':
        case 'flow':
        case 'list-items':
          break
        case 'table-sections':
        case 'table-rows':
        case 'table-cells':
          if (!whitespace.test(child.value)) return false
          break
        default:
          return false
      }
      continue
    }
    if (child.type === 'raw') {
      if (content !== 'phrasing' && content !== 'flow') return false
      const element = parseLoneTag(child.value)
      if (element === null) return false
      tags.set(child, element)
      continue
    }
    if (child.type !== 'element') return false
    const childContent = contentOf.get(child.tagName)
    if (childContent === undefined || !fitsIn(child.tagName, content)) return false
    if (child.tagName === 'a' && insideLink) return false
    if (child.content !== undefined || !propertiesRoundTrip(child.properties)) return false
    if (!checkChildren(child.children, childContent, insideLink || child.tagName === 'a', tags)) {
      return false
    }
  }
  return true
}

/**
 * The children as the parser would give them back: lone tags replaced by their elements,
 * dropped properties and `data` removed, empty text nodes removed, adjacent text nodes joined.
 */
function finishChildren<T extends RootContent | ElementContent>(
  children: T[],
  tags: ReadonlyMap<RawNode, Element>,
): T[] {
  const out: T[] = []
  for (const node of children as Node[]) {
    if (node.type === 'raw') {
      out.push(copyOf(tags.get(node)!) as T)
      continue
    }
    if (node.type === 'text') {
      if (node.value === '') continue
      const last = out[out.length - 1]
      if (last?.type === 'text') {
        out[out.length - 1] = { type: 'text', value: last.value + node.value } as T
      } else {
        out.push(node.data === undefined ? (node as T) : ({ type: 'text', value: node.value } as T))
      }
      continue
    }
    if (node.type === 'element') {
      for (const name in node.properties) {
        const value = node.properties[name]
        if (value === false || value === null || value === undefined) delete node.properties[name]
      }
      delete node.data
      node.children = finishChildren(node.children, tags)
    }
    out.push(node as T)
  }
  return out
}

/**
 * The tree `hast-util-raw` would make of `tree` (a fresh `mdast-util-to-hast` result, changed in
 * place), when its `raw` nodes are all lone `<img>`/`<br>` tags in markdown-shaped content (see
 * the module comment); `undefined` (and `tree` untouched) otherwise.
 *
 * @example
 * inlineLoneRawTags(toHast(parseMarkdown('a <img src="x.png"> b'), { allowDangerousHtml: true }))
 * // => root > p > ['a ', img, ' b']
 */
export function inlineLoneRawTags(tree: Root): Root | undefined {
  const tags = new Map<RawNode, Element>()
  if (!checkChildren(tree.children, 'flow', false, tags)) return undefined
  tree.children = finishChildren(tree.children, tags)
  return tree
}
