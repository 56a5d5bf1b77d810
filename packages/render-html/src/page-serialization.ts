/**
 * A page tree as HTML. Trusted `raw` nodes (note cards this render serialized itself) are written
 * as they are; every other `raw` node is written as escaped text, exactly as `hast-util-to-html`
 * writes them by default, so a template cannot put unescaped HTML into a page.
 *
 * The page is written by `hastToHtml` (the bytes `hast-util-to-html` writes, faster), which
 * joins the HTML once into one string, except around trusted fragments: a tag page is mostly its
 * cards, which it shares with the other pages that show them rather than holding copies.
 */
import type { Root } from 'hast'
import { hastToHtml, type RawNode } from './hast-html.js'

/**
 * Serializes a page: `hast-util-to-html` with its defaults, except that a `raw` node `isTrusted`
 * trusts (a note card of this render, see `NoteCardCache.trusts`) is written unescaped.
 *
 * @example
 * const card = '<article class="note-card">…</article>'
 * serializePage({ type: 'root', children: [{ type: 'raw', value: card }] }, (raw) => raw.value === card)
 * // => '<article class="note-card">…</article>'
 */
export function serializePage(tree: Root, isTrusted: (node: RawNode) => boolean): string {
  return hastToHtml(tree, { isTrustedRaw: isTrusted })
}
