/**
 * Note content → safe HTML, shared by every renderer: mdast → hast (`mdast-util-to-hast`), raw
 * HTML inside the markdown parsed for real (`hast-util-raw`), then `hast-util-sanitize` with
 * GitHub's schema, so no `<script>`, no `on*` attribute, no `style`, and no `javascript:` or
 * `data:` URL survives from a note. After sanitizing, external links get
 * `rel="noopener noreferrer"` and images `loading="lazy"`.
 *
 * Most raw HTML in notes is a lone `<img …>` or `<br>` in a paragraph. Passing the whole tree
 * through an HTML parser for those is most of the cost of sanitizing a comment, so such tags are
 * parsed on their own instead (see `lone-raw-tags.ts`), when that gives the tree the parser
 * would.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast'
import { raw } from 'hast-util-raw'
import { defaultSchema, sanitize } from 'hast-util-sanitize'
import { toHtml } from 'hast-util-to-html'
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast'
import { defaultHandlers, type State, toHast } from 'mdast-util-to-hast'
import { inlineLoneRawTags } from './lone-raw-tags.js'
import { parseMarkdown } from './markdown.js'

/** Options of {@link toSafeHast} and {@link toSafeHtml}. */
export interface SafeHtmlOptions {
  /**
   * Prefix for `id` and `name` attributes from the content, so they cannot clobber the page's
   * own (default `user-content-`).
   */
  clobberPrefix?: string
}

/** The `clobberPrefix` when none is given. */
export const defaultClobberPrefix = 'user-content-'

const externalUrl = /^(?:https?:)?\/\//i

/** Whether the tree has a `raw` node (HTML from the markdown), at any depth. */
function hasRaw(nodes: readonly (RootContent | { type: string })[]): boolean {
  for (const node of nodes) {
    if (node.type === 'raw') return true
    if ('children' in node && hasRaw(node.children as RootContent[])) return true
  }
  return false
}

/** External links get `rel="noopener noreferrer"`, images load lazily (at any depth). */
function finishElements(nodes: readonly (RootContent | ElementContent)[]): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    finishElement(node)
    finishElements(node.children)
  }
}

function finishElement(node: Element): void {
  if (node.tagName === 'a' && typeof node.properties.href === 'string') {
    if (externalUrl.test(node.properties.href)) node.properties.rel = ['noopener', 'noreferrer']
  } else if (node.tagName === 'img') {
    node.properties.loading = 'lazy'
    node.properties.decoding = 'async'
  }
}

/**
 * Records the definitions and footnote definitions of `node` and its descendants by their
 * upper-cased identifiers, the first of each winning: what `mdast-util-to-hast` records before it
 * turns a tree into hast, in the same (document) order.
 */
function collectDefinitions(node: MdastNodes, state: State): void {
  if (node.type === 'definition') {
    const id = String(node.identifier).toUpperCase()
    if (!state.definitionById.has(id)) state.definitionById.set(id, node)
  } else if (node.type === 'footnoteDefinition') {
    const id = String(node.identifier).toUpperCase()
    if (!state.footnoteById.has(id)) state.footnoteById.set(id, node)
  }
  if ('children' in node) for (const child of node.children) collectDefinitions(child, state)
}

/**
 * `toHast(tree, { allowDangerousHtml: true })`, without its generic tree walk (with
 * `unist-util-visit`, a large part of the cost of a small tree) to find definitions: `toHast` is
 * given an empty root, whose handler records the definitions of `tree` with a plain recursion
 * and then turns `tree` into hast with the default root handler. The footnote section is added
 * by `toHast` as usual, from what the handlers recorded.
 */
/** The default root handler; it returns a hast root, which the `Handler` type does not list. */
const rootHandler = defaultHandlers.root as (state: State, node: MdastRoot) => ElementContent

function mdastToHast(tree: MdastRoot): { hast: HastRoot; footnotes: boolean } {
  const carrier: MdastRoot = { type: 'root', children: [] }
  let footnotes = false
  const hast = toHast(carrier, {
    allowDangerousHtml: true,
    handlers: {
      root(state, node: MdastRoot) {
        if (node !== carrier) return rootHandler(state, node)
        collectDefinitions(tree, state)
        const root = rootHandler(state, tree)
        footnotes = state.footnoteOrder.length > 0
        return root
      },
    },
  }) as HastRoot
  return { hast, footnotes }
}

/**
 * A sanitized tree and whether it is the same as sanitizing its part of a larger document would
 * give: true unless it has footnotes (their section goes at the end of the whole document) or raw
 * HTML that needed the whole-tree HTML parse (an unclosed tag can swallow what follows it).
 */
interface SanitizedTree {
  readonly hast: HastRoot
  readonly composable: boolean
}

function sanitizeMdast(mdast: MdastRoot, clobberPrefix: string): SanitizedTree {
  const converted = mdastToHast(mdast)
  let hast = converted.hast
  let composable = !converted.footnotes
  if (hasRaw(hast.children)) {
    const inlined = inlineLoneRawTags(hast)
    if (inlined === undefined) composable = false
    hast = inlined ?? (raw(hast) as HastRoot)
  }
  const clean = sanitize(hast, { ...defaultSchema, clobberPrefix }) as HastRoot
  finishElements(clean.children)
  return { hast: clean, composable }
}

/**
 * Turns markdown (or an mdast root) into a sanitized hast root, ready to be placed in a page.
 *
 * @example
 * toSafeHast('[x](javascript:alert(1)) <img src=x onerror=alert(1)>')
 * // the link keeps its text but loses its href; the image loses onerror
 */
export function toSafeHast(input: string | MdastRoot, options: SafeHtmlOptions = {}): HastRoot {
  const mdast = typeof input === 'string' ? parseMarkdown(input) : input
  return sanitizeMdast(mdast, options.clobberPrefix ?? defaultClobberPrefix).hast
}

/**
 * Freezes a hast tree deeply, walking only where hast nodes hold objects, and leaves positions
 * out (three objects a node that nothing shared needs).
 */
function freezeHast<T extends HastRoot | RootContent>(node: T): T {
  if (node.position !== undefined) delete node.position
  if (node.data) freezeValue(node.data)
  if (node.type === 'element') {
    for (const name in node.properties) {
      const value = node.properties[name]
      if (Array.isArray(value)) Object.freeze(value)
    }
    Object.freeze(node.properties)
    if (node.content) freezeHast(node.content)
  }
  if ('children' in node) {
    for (const child of node.children) freezeHast(child)
    Object.freeze(node.children)
  }
  return Object.freeze(node)
}

function freezeValue(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return
  Object.freeze(value)
  for (const child of Object.values(value)) freezeValue(child)
}

/**
 * Sanitized trees by mdast root and `clobberPrefix`, kept while the root lives (see
 * {@link sharedSafeHast}).
 */
const sharedTrees = new WeakMap<MdastRoot, Map<string, SanitizedTree>>()

/**
 * {@link sharedSafeHast} with whether the tree composes (see `SanitizedTree`), for the modules
 * of this package that place it inside a larger document.
 */
export function sharedSanitizedTree(tree: MdastRoot, clobberPrefix: string): SanitizedTree {
  let byPrefix = sharedTrees.get(tree)
  let known = byPrefix?.get(clobberPrefix)
  if (known === undefined) {
    const sanitized = sanitizeMdast(tree, clobberPrefix)
    known = { hast: freezeHast(sanitized.hast), composable: sanitized.composable }
    if (byPrefix === undefined) {
      byPrefix = new Map()
      sharedTrees.set(tree, byPrefix)
    }
    byPrefix.set(clobberPrefix, known)
  }
  return known
}

/**
 * `toSafeHast(tree, options)` for an mdast root that several renderers show (a comment's
 * `tree`), made once per root object and options while the root lives, and shared: the result
 * is deeply frozen (copy what you change, e.g. with `structuredClone`). Keyed by the root
 * object, so change a tree by replacing it, never in place, or the shared result is stale.
 *
 * @example
 * const hast = sharedSafeHast(note.comments[0].tree)
 * sharedSafeHast(note.comments[0].tree) === hast // => true
 * Object.isFrozen(hast.children) // => true
 */
export function sharedSafeHast(tree: MdastRoot, options: SafeHtmlOptions = {}): HastRoot {
  return sharedSanitizedTree(tree, options.clobberPrefix ?? defaultClobberPrefix).hast
}

/**
 * Turns markdown (or an mdast root) into a sanitized HTML string.
 *
 * @example
 * toSafeHtml('**bold** <script>alert(1)</script>') // => '<p><strong>bold</strong> </p>'
 */
export function toSafeHtml(input: string | MdastRoot, options: SafeHtmlOptions = {}): string {
  return toHtml(toSafeHast(input, options))
}
