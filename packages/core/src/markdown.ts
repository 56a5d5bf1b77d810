/**
 * Markdown → mdast, the one way every package builds comment trees: `mdast-util-from-markdown`
 * with GFM (autolink literals, footnotes, strikethrough, tables, task lists).
 *
 * Each GFM extension costs time on every text it is given, even text it cannot match: autolink
 * literals look at every word and then search the finished tree again, tables are tried at the
 * start of every block. Every GFM construct needs a certain character or string to exist
 * (strikethrough a `~`, footnotes `[^`, …), so a text is parsed with only the extensions whose
 * trigger it contains. The tree is the same as with all of GFM: a property test compares the
 * two on markdown-like text built around the triggers.
 */
import type { Root } from 'mdast'
import type { Extension as MdastExtension } from 'mdast-util-from-markdown'
import { fromMarkdown, type Options } from 'mdast-util-from-markdown'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote'
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import type { Extension as SyntaxExtension } from 'micromark-util-types'

/** One GFM extension (syntax and mdast halves) and what a text needs to hold for it to match. */
interface GfmPart {
  /** A superset of what the construct can start with or needs, by design. */
  trigger: RegExp
  syntax: SyntaxExtension
  mdast: MdastExtension | MdastExtension[]
}

// In the order `micromark-extension-gfm` and `mdast-util-gfm` combine them. Built once:
// creating the extensions is a measurable share of parsing a short comment.
const gfmParts: readonly GfmPart[] = [
  {
    // `www.`, `http://`, `https://`, e-mail addresses (the `@`), `mailto:`, `xmpp:`. The finished
    // tree's text is searched again after escapes and character references are decoded
    // (`https\://…`, `me&#64;example.org` become links), so any `\` or `&` counts too.
    trigger: /www\.|https?:|mailto:|xmpp:|@|\\|&/i,
    syntax: gfmAutolinkLiteral(),
    mdast: gfmAutolinkLiteralFromMarkdown(),
  },
  // Footnote calls and definitions both start `[^`.
  { trigger: /\[\^/, syntax: gfmFootnote(), mdast: gfmFootnoteFromMarkdown() },
  { trigger: /~/, syntax: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown() },
  // A table's delimiter row has a `|`, or is one cell with a colon against its dashes (`:-`,
  // `-:`, as in `:-:`): micromark reads `a` then `:-:` as a one-column table.
  { trigger: /\||:-|-:/, syntax: gfmTable(), mdast: gfmTableFromMarkdown() },
  // `[ ]`, `[x]`, `[X]`; micromark also takes a tab or a line ending for the space.
  { trigger: /\[[ \t\n\rxX]\]/, syntax: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown() },
]

/** Parse options per set of needed GFM parts (a bit mask over `gfmParts`), made on first use. */
const optionsByMask = new Map<number, Options>()

function optionsFor(markdown: string): Options {
  let mask = 0
  for (let index = 0; index < gfmParts.length; index++) {
    if (gfmParts[index]!.trigger.test(markdown)) mask |= 1 << index
  }
  let options = optionsByMask.get(mask)
  if (options === undefined) {
    const parts = gfmParts.filter((_, index) => mask & (1 << index))
    options = {
      extensions: parts.map((part) => part.syntax),
      mdastExtensions: parts.flatMap((part) => part.mdast),
    }
    optionsByMask.set(mask, options)
  }
  return options
}

/**
 * Parses markdown into an mdast root with positions: the same tree as `fromMarkdown` with
 * `micromark-extension-gfm` and `mdast-util-gfm`.
 *
 * @example
 * parseMarkdown('openreview: https://openreview.net/forum?id=x').children[0].type // => 'paragraph'
 */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, optionsFor(markdown))
}
