/**
 * A page tree as HTML. Trusted `raw` nodes (note cards this render serialized itself) are written
 * as they are; every other `raw` node is written as escaped text, exactly as `hast-util-to-html`
 * writes them by default, so a template cannot put unescaped HTML into a page.
 */
import type { Nodes, Root, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'

/** A `raw` node (`@types/hast` only knows it through `mdast-util-to-hast`'s augmentation). */
function isRaw(node: { type: string }): node is { type: 'raw'; value: string } {
  return node.type === 'raw'
}

/** The children of `node`, with untrusted `raw` nodes turned into text; copies only on change. */
function withUntrustedRawAsText<T extends Nodes>(node: T, trusted: ReadonlySet<string>): T {
  if (!('children' in node)) return node
  let children: RootContent[] | undefined
  node.children.forEach((child: RootContent, index: number) => {
    let replacement: RootContent = child
    const loose: { type: string } = child
    if (isRaw(loose)) {
      if (!trusted.has(loose.value)) replacement = { type: 'text', value: loose.value }
    } else {
      replacement = withUntrustedRawAsText(child, trusted)
    }
    if (replacement !== child) {
      children ??= [...node.children]
      children[index] = replacement
    }
  })
  return children ? ({ ...node, children } as T) : node
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
  return toHtml(withUntrustedRawAsText(tree, trusted), { allowDangerousHtml: true })
}
