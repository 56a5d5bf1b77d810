/**
 * Markdown → mdast, the one way every package builds comment trees: `mdast-util-from-markdown`
 * with GFM (autolink literals, tables, strikethrough, task lists, footnotes).
 */
import type { Root } from 'mdast'
import { fromMarkdown, type Options } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote'
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'
import { gfm } from 'micromark-extension-gfm'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'

// Built once: creating the GFM extensions is a measurable share of parsing a short comment.
const gfmOptions: Options = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }

/**
 * GFM without autolink literals. Autolink literals (`www.…`, `http://…`, `https://…`, e-mail
 * addresses) are the costliest GFM construct on prose: the extension looks at every word, and
 * the finished tree's text is searched again. In text that contains none of their trigger
 * strings they cannot match, so the tree is the same without them (a property test checks
 * this); such text, most prose-only comments, is parsed with these options.
 */
const gfmWithoutAutolinkLiterals: Options = {
  extensions: [gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()],
  mdastExtensions: [
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  ],
}

/**
 * Whether text contains something an autolink literal starts with or needs: `www.`,
 * `http:`/`https:`, `mailto:`, `xmpp:` (any case) or the `@` of an e-mail address. A superset
 * of what can match, by design.
 */
const autolinkLiteralTrigger = /www\.|https?:|mailto:|xmpp:|@/i

/**
 * Parses markdown into an mdast root with positions.
 *
 * @example
 * parseMarkdown('openreview: https://openreview.net/forum?id=x').children[0].type // => 'paragraph'
 */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(
    markdown,
    autolinkLiteralTrigger.test(markdown) ? gfmOptions : gfmWithoutAutolinkLiterals,
  )
}
