/**
 * Markdown → mdast, the one way every package builds comment trees: `mdast-util-from-markdown`
 * with GFM (autolink literals, tables, strikethrough, task lists, footnotes).
 */
import type { Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'

// Built once: creating the GFM extensions is a measurable share of parsing a short comment.
const options = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }

/**
 * Parses markdown into an mdast root with positions.
 *
 * @example
 * parseMarkdown('openreview: https://openreview.net/forum?id=x').children[0].type // => 'paragraph'
 */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, options)
}
