/**
 * Markdown → mdast, the one way every package builds comment trees: `mdast-util-from-markdown`
 * with GFM (autolink literals, footnotes, strikethrough, tables, task lists).
 *
 * Each GFM extension costs time on every text it is given, even text it cannot match: autolink
 * literals look at every word and then search the finished tree again, tables are tried at the
 * start of every block. Every GFM construct needs a certain character or string to exist
 * (strikethrough a `~`, footnotes `[^`, …), so a text is parsed with only the extensions whose
 * trigger it contains; autolink literals are split further into their three constructs (e-mail,
 * `http(s)://`, `www.`) and the tree transform that finds links in decoded text. The tree is the
 * same as with all of GFM: a property test compares the two on markdown-like text built around
 * the triggers.
 */
import type { Root, RootContent } from 'mdast'
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
import type { Construct, Extension as SyntaxExtension } from 'micromark-util-types'

/** One GFM extension (syntax and mdast halves) and what a text needs to hold for it to match. */
interface GfmPart {
  /** A superset of what the construct can start with or needs, by design. */
  trigger: RegExp
  syntax: SyntaxExtension
  mdast: MdastExtension | MdastExtension[]
}

/** One construct of `gfmAutolinkLiteral()` and what a text needs to hold for it to match. */
interface AutolinkConstruct {
  /** The construct's `name` in `micromark-extension-gfm-autolink-literal`. */
  name: string
  trigger: RegExp
}

// Autolink literals are three constructs: an e-mail address needs its `@`; `http://`,
// `https://` and `www.` (any case) need what they start with. The e-mail construct is tried at
// every letter and digit of a text, so leaving it out when a text has no `@` saves both
// combining it and trying it; a construct that cannot match changes nothing in the tree.
const autolinkConstructs: readonly AutolinkConstruct[] = [
  { name: 'emailAutolink', trigger: /@/ },
  { name: 'protocolAutolink', trigger: /https?:/i },
  { name: 'wwwAutolink', trigger: /www\./i },
]

/**
 * `gfmAutolinkLiteral()` with only the named constructs, at the same character codes and in
 * the same order (the order in which micromark tries them).
 */
function autolinkSyntax(names: readonly string[]): SyntaxExtension {
  const text: NonNullable<SyntaxExtension['text']> = {}
  for (const [code, value] of Object.entries(gfmAutolinkLiteral().text ?? {})) {
    const list = (Array.isArray(value) ? value : [value]).filter(
      (construct): construct is Construct =>
        construct !== undefined && names.includes(construct.name ?? ''),
    )
    if (list.length > 0) text[Number(code)] = list
  }
  return { text }
}

// `www.`, `http://`, `https://`, e-mail addresses (the `@`), `mailto:`, `xmpp:`. The finished
// tree's text is searched again after escapes and character references are decoded
// (`https\://…`, `me&#64;example.org` become links), so any `\` or `&` counts too.
const autolinkTreeTrigger = /www\.|https?:|mailto:|xmpp:|@|\\|&/i
// The autolink tree extension's handlers go into every parse that needs them; its transform,
// which visits the whole tree once per pattern, runs only when a text node could match (below).
// No other GFM tree extension has a transform, so running it after `fromMarkdown` returns is
// running it where `fromMarkdown` would: last.
const { transforms, ...autolinkTree } = gfmAutolinkLiteralFromMarkdown()
const autolinkTransforms = transforms ?? []

// Every pattern of the autolink transform needs `http://`, `https://`, `www.` (any case) or `@`.
const autolinkCandidate = /https?:\/\/|www\.|@/i

/**
 * Whether a text node outside links and link references (the nodes the transform searches)
 * holds something its patterns could match. When none does, the transform changes nothing.
 */
function mayHoldAutolinkLiteral(nodes: readonly RootContent[]): boolean {
  for (const node of nodes) {
    if (node.type === 'text') {
      if (autolinkCandidate.test(node.value)) return true
    } else if (
      node.type !== 'link' &&
      node.type !== 'linkReference' &&
      'children' in node &&
      mayHoldAutolinkLiteral(node.children)
    ) {
      return true
    }
  }
  return false
}

// The other GFM parts, in the order `micromark-extension-gfm` and `mdast-util-gfm` combine them
// (after autolink literals). Built once: creating the extensions is a measurable share of
// parsing a short comment.
const gfmParts: readonly GfmPart[] = [
  // Footnote calls and definitions both start `[^`.
  { trigger: /\[\^/, syntax: gfmFootnote(), mdast: gfmFootnoteFromMarkdown() },
  { trigger: /~/, syntax: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown() },
  // A table's delimiter row has a `|`, or is one cell with a colon against its dashes (`:-`,
  // `-:`, as in `:-:`): micromark reads `a` then `:-:` as a one-column table.
  { trigger: /\||:-|-:/, syntax: gfmTable(), mdast: gfmTableFromMarkdown() },
  // `[ ]`, `[x]`, `[X]`; micromark also takes a tab or a line ending for the space.
  { trigger: /\[[ \t\n\rxX]\]/, syntax: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown() },
]

/**
 * Parse options per set of needed parts, made on first use. The key is a bit mask: one bit per
 * autolink construct, one for the autolink tree transform, then one per `gfmParts` entry.
 */
const settingsByMask = new Map<number, Settings>()

/** How to parse one text: `fromMarkdown` options, and whether to run the autolink transform. */
interface Settings {
  options: Options
  autolinkTransform: boolean
}

function settingsFor(markdown: string): Settings {
  let mask = 0
  let bit = 1
  for (const construct of autolinkConstructs) {
    if (construct.trigger.test(markdown)) mask |= bit
    bit <<= 1
  }
  if (autolinkTreeTrigger.test(markdown)) mask |= bit
  bit <<= 1
  for (const part of gfmParts) {
    if (part.trigger.test(markdown)) mask |= bit
    bit <<= 1
  }
  let settings = settingsByMask.get(mask)
  if (settings === undefined) {
    const names = autolinkConstructs
      .filter((_, index) => mask & (1 << index))
      .map((construct) => construct.name)
    const tree = (mask >> autolinkConstructs.length) & 1
    const parts = gfmParts.filter(
      (_, index) => mask & (1 << (autolinkConstructs.length + 1 + index)),
    )
    const options: Options = {
      extensions: [
        ...(names.length > 0 ? [autolinkSyntax(names)] : []),
        ...parts.map((part) => part.syntax),
      ],
      mdastExtensions: [...(tree ? [autolinkTree] : []), ...parts.flatMap((part) => part.mdast)],
    }
    settings = { options, autolinkTransform: tree === 1 }
    settingsByMask.set(mask, settings)
  }
  return settings
}

/**
 * Parses markdown into an mdast root with positions: the same tree as `fromMarkdown` with
 * `micromark-extension-gfm` and `mdast-util-gfm`.
 *
 * @example
 * parseMarkdown('openreview: https://openreview.net/forum?id=x').children[0].type // => 'paragraph'
 */
export function parseMarkdown(markdown: string): Root {
  const { options, autolinkTransform } = settingsFor(markdown)
  let tree = fromMarkdown(markdown, options)
  if (autolinkTransform && mayHoldAutolinkLiteral(tree.children)) {
    for (const transform of autolinkTransforms) tree = transform(tree) ?? tree
  }
  return tree
}
