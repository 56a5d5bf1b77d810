/**
 * A page tree as HTML. Trusted `raw` nodes (note cards this render serialized itself) are written
 * as they are; every other `raw` node is written as escaped text, exactly as `hast-util-to-html`
 * writes them by default, so a template cannot put unescaped HTML into a page.
 *
 * Trusted fragments are large (a tag page is mostly its cards), and `hast-util-to-html` copies
 * the HTML of every element's children into its parent's string at every level of the page. So
 * the page is serialized with a short placeholder for each fragment, and the fragments are
 * spliced into the result afterwards; the placeholders carry a random nonce, and the result is
 * used only when every placeholder is found exactly once (else the page is serialized with the
 * fragments in place, which gives the same HTML, only slower).
 */
import type { Element, Nodes, Root, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'

/** A `raw` node (`@types/hast` only knows it through `mdast-util-to-hast`'s augmentation). */
function isRaw(node: { type: string }): node is { type: 'raw'; value: string } {
  return node.type === 'raw'
}

function rawNode(value: string): RootContent {
  return { type: 'raw', value } as unknown as RootContent
}

/**
 * `node` with untrusted `raw` nodes turned into text and, when `placeholder` is given, trusted
 * ones into placeholders (their HTML pushed on `fragments`). Copies only what changes. Walks a
 * `template` element's `content` too, which is what `hast-util-to-html` writes for it.
 */
function prepare<T extends Nodes>(
  node: T,
  trusted: ReadonlySet<string>,
  fragments: string[],
  placeholder: ((index: number) => string) | undefined,
): T {
  let changed: Partial<Pick<Element, 'children' | 'content'>> | undefined
  if ('children' in node) {
    let children: RootContent[] | undefined
    node.children.forEach((child: RootContent, index: number) => {
      let replacement: RootContent = child
      const loose: { type: string } = child
      if (isRaw(loose)) {
        if (!trusted.has(loose.value)) {
          replacement = { type: 'text', value: loose.value }
        } else if (placeholder) {
          replacement = rawNode(placeholder(fragments.length))
          fragments.push(loose.value)
        }
      } else {
        replacement = prepare(child, trusted, fragments, placeholder)
      }
      if (replacement !== child) {
        children ??= [...node.children]
        children[index] = replacement
      }
    })
    if (children) changed = { children: children as Element['children'] }
  }
  if (node.type === 'element' && node.content) {
    const content = prepare(node.content, trusted, fragments, placeholder)
    if (content !== node.content) changed = { ...changed, content }
  }
  return changed ? { ...node, ...changed } : node
}

/** The HTML with every placeholder replaced by its fragment, or `undefined` if one is amiss. */
function splice(html: string, nonce: string, fragments: readonly string[]): string | undefined {
  const parts = html.split(new RegExp(`<!--${nonce}-(\\d+)-->`))
  if (parts.length !== fragments.length * 2 + 1) return undefined
  const seen = new Set<number>()
  let out = parts[0]!
  for (let i = 1; i < parts.length; i += 2) {
    const index = Number(parts[i])
    const fragment = fragments[index]
    if (fragment === undefined || seen.has(index)) return undefined
    seen.add(index)
    out += fragment + parts[i + 1]!
  }
  return out
}

/**
 * Serializes a page: `hast-util-to-html` with its defaults, except that a `raw` node whose value
 * is in `trusted` is written unescaped.
 *
 * @example
 * const card = '<article class="note-card">…</article>'
 * serializePage({ type: 'root', children: [{ type: 'raw', value: card }] }, new Set([card]))
 * // => '<article class="note-card">…</article>'
 */
export function serializePage(tree: Root, trusted: ReadonlySet<string>): string {
  const nonce = `paper-notes-fragment-${crypto.randomUUID()}`
  const fragments: string[] = []
  const prepared = prepare(tree, trusted, fragments, (index) => `<!--${nonce}-${index}-->`)
  const html = toHtml(prepared, { allowDangerousHtml: true })
  if (fragments.length === 0) return html
  return (
    splice(html, nonce, fragments) ??
    toHtml(prepare(tree, trusted, [], undefined), { allowDangerousHtml: true })
  )
}
