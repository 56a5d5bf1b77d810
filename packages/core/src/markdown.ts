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
 *
 * Plain text (prose paragraphs with bare URLs and `**word**`s, lone `<img …>` lines) does not go
 * through `fromMarkdown` at all: `parsePlainMarkdown` builds its tree directly, the same tree,
 * keys and positions included (checked by a property test and on every comment of the corpus).
 */
import type { Link, List, Nodes, Paragraph, Parent, Root, RootContent, Strong, Text } from 'mdast'
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

/** Options of {@link parseMarkdown}. */
export interface MarkdownParseOptions {
  /**
   * Keep `position` on every node (default `true`). With `false` the tree is the same without
   * any `position`: about a third less memory for trees that are kept, e.g. to render them.
   */
  positions?: boolean
}

/**
 * Parses markdown into an mdast root with positions: the same tree as `fromMarkdown` with
 * `micromark-extension-gfm` and `mdast-util-gfm` (without positions when
 * `options.positions` is `false`).
 *
 * @example
 * parseMarkdown('openreview: https://openreview.net/forum?id=x').children[0].type // => 'paragraph'
 * parseMarkdown('元ポスト:', { positions: false }).children[0].position // => undefined
 */
export function parseMarkdown(markdown: string, options: MarkdownParseOptions = {}): Root {
  let tree = parsePlainMarkdown(markdown)
  if (tree === undefined) {
    const { options: parse, autolinkTransform } = settingsFor(markdown)
    tree = fromMarkdown(markdown, parse)
    if (autolinkTransform && mayHoldAutolinkLiteral(tree.children)) {
      for (const transform of autolinkTransforms) tree = transform(tree) ?? tree
    }
  }
  return options.positions === false ? withoutPositions(tree) : compactChildren(tree)
}

/**
 * Gives every parent in `tree` an exact-size copy of its `children` (same nodes, same order).
 * A list that grew by `push` keeps room to grow (V8 makes 17 slots for the first element), and
 * comment trees stay in memory with their notes: most lists hold one or two nodes.
 */
function compactChildren<T extends Root | RootContent>(node: T): T {
  if ('children' in node) {
    const children = node.children
    for (const child of children) compactChildren(child)
    node.children = children.slice() as typeof children
  }
  return node
}

/** A copy of `node` and its descendants without `position` (other keys in the same order). */
function withoutPositions<T extends Nodes>(node: T): T {
  const { position, ...rest } = node as Nodes
  const copy = rest as Nodes
  if ('children' in copy) {
    const parent = copy as Parent
    parent.children = parent.children.map(withoutPositions)
  }
  return copy as T
}

// Plain text: paragraphs of prose with bare `http(s)://` URLs and `**strong**` words, tight
// `- item` lists of such one-line items, and lone `<img …>` lines, nothing else. Many comments are just that (`元ポスト:`, a blank line, a post
// URL; a remark; a screenshot), and for them `fromMarkdown` costs mostly its set-up (combining
// the syntax extensions, building the compiler), not the text. The checks below accept only text
// in which no other markdown construct can start, so the tree built here is the one
// `fromMarkdown` builds (same nodes, keys in the same order, same positions); a property test
// compares the two on text made of plain words, URLs, near misses and markdown syntax.

// Characters that can start or take part in another construct anywhere in a line: controls and
// tabs (line endings other than `\n` included), escapes, code, strikethrough, links, images,
// footnotes, task list items, tables, e-mail autolinks, and the byte order mark micromark drops.
// `*`, `_`, `<` and `&` are allowed only where the line checks below allow them.
const notPlainCharacter = /[^\n\x20-\x7e\x80-\uffff]|[![\\\]`~|@\ufeff]/
// Characters that start a block (or a list item, quote, heading, fence, HTML, definition or table
// delimiter cell) at the start of a line, and the indent of code or continuation lines; `#` only
// where it can start a heading (before a space, a tab, another `#` or the line's end).
const blockStart = /^(?:[ \t*+\-0-9><=_`~[|:]|#(?:[ \t#]|$))/
// What a run of prose must not hold: autolink literals (any case), which are links; `&`, which
// may start a character reference; emphasis markers; HTML.
const notPlainRun = /https?:|www\.|[&*_<]/i
// A bare URL taken as a whole by the autolink literal construct: an `http(s)://` domain of
// letters, digits and hyphens that starts with a letter or digit (the construct refuses
// punctuation right after `//`: `https://-a.org` is text), then a path of characters that
// neither end the link nor are trimmed from its end (no trailing punctuation, no brackets or
// quotes).
const plainUrl =
  /^https?:\/\/[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*(?:\/[A-Za-z0-9/._?=&%#+-]*[A-Za-z0-9/=#%+-])?\/?$/
// `**word**` after a space, before a space or the line's end: a word of letters, digits and
// inner hyphens, so both runs of `**` flank it (the first can only open, the second only close).
const plainStrong = /\*\*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\*\*(?= |$)/y
// A line that is one complete `<img>` tag with double-quoted attributes: an HTML block of the
// kind that runs to the next blank line (CommonMark kind 7), which cannot interrupt a paragraph.
const imageLine = /^<img(?: [a-z]+="[^"<>&\n]*")+ ?\/?>$/

/** A unist point. */
type Point = NonNullable<Root['position']>['start']

/**
 * The mdast tree of `markdown` when it is plain text: paragraphs separated by blank lines, each
 * line without leading white space (and without trailing spaces but on a paragraph's last
 * line), holding prose, bare `http(s)://` URLs and
 * `**word**`s set off by spaces, tight lists of `- ` items of one such line each, and `<img …>`
 * lines between blank lines. `undefined` for
 * anything else (the caller parses it with `fromMarkdown`). The tree equals what `fromMarkdown`
 * with GFM gives.
 *
 * @example
 * parsePlainMarkdown('元ポスト:\n\nhttps://x.com/a/status/1')?.children[1]?.type // => 'paragraph'
 * parsePlainMarkdown('> a quote') // => undefined
 */
export function parsePlainMarkdown(markdown: string): Root | undefined {
  const length = markdown.length
  if (
    length === 0 ||
    notPlainCharacter.test(markdown) ||
    markdown.charCodeAt(0) === 10 ||
    markdown.charCodeAt(length - 1) === 10
  ) {
    return undefined
  }
  const children: RootContent[] = []
  let paragraph: Paragraph | undefined
  // The current line, and the last non-blank line before it.
  let line = 1
  let lineStart = 0
  let lastLine = 0
  let lastLineStart = 0
  let lastLineEnd = 0
  // Where the last line's text ends: before the spaces that may end a paragraph's last line.
  let lastTextEnd = 0
  // Where the paragraph's open text node starts (offset, line and that line's start).
  let textFrom = -1
  let textLine = 0
  let textLineStart = 0
  const point = (atLine: number, atLineStart: number, offset: number): Point => ({
    line: atLine,
    column: offset - atLineStart + 1,
    offset,
  })
  /** Ends the open text node at `end` on the current line (or the paragraph's last line). */
  const flushText = (end: number, endLine: number, endLineStart: number) => {
    if (paragraph === undefined || textFrom >= end) return
    paragraph.children.push({
      type: 'text',
      value: markdown.slice(textFrom, end),
      position: {
        start: point(textLine, textLineStart, textFrom),
        end: point(endLine, endLineStart, end),
      },
    })
  }
  /** Adds an inline node that starts at `start` on the current line, after the open text. */
  const addInline = (node: Link | Strong, start: number) => {
    flushText(start, line, lineStart)
    paragraph!.children.push(node)
  }
  const closeParagraph = () => {
    if (paragraph === undefined) return
    flushText(lastTextEnd, lastLine, lastLineStart)
    paragraph.position!.end = point(lastLine, lastLineStart, lastLineEnd)
    paragraph = undefined
  }
  // The open list (a tight list of `- ` items of one line each), and whether the last block was
  // a list: a `- ` line after it and blank lines would make it a loose list.
  let list: List | undefined
  let afterList = false
  for (;;) {
    let lineEnd = markdown.indexOf('\n', lineStart)
    if (lineEnd === -1) lineEnd = length
    // Whether a blank line or the end of the text follows.
    const lastOfBlock = lineEnd === length || markdown.charCodeAt(lineEnd + 1) === 10
    let textEnd = lineEnd
    if (lineEnd === lineStart) {
      closeParagraph()
      if (list !== undefined) afterList = true
      list = undefined
    } else if (
      markdown.charCodeAt(lineStart) === 0x2d /* - */ &&
      markdown.charCodeAt(lineStart + 1) === 32
    ) {
      // A list item: `- ` and one line of inline content, without spaces at its end. It may
      // interrupt a paragraph; a list ends at a blank line (a line of other text after it
      // would continue its last item).
      const contentStart = lineStart + 2
      const text = markdown.slice(contentStart, lineEnd)
      if (
        afterList ||
        text === '' ||
        markdown.charCodeAt(lineEnd - 1) === 32 ||
        blockStart.test(text)
      ) {
        return undefined
      }
      closeParagraph()
      if (list === undefined) {
        list = {
          type: 'list',
          ordered: false,
          start: null,
          spread: false,
          children: [],
          position: {
            start: point(line, lineStart, lineStart),
            end: point(line, lineStart, lineEnd),
          },
        }
        children.push(list)
      }
      paragraph = {
        type: 'paragraph',
        children: [],
        position: {
          start: point(line, lineStart, contentStart),
          end: point(line, lineStart, lineEnd),
        },
      }
      list.children.push({
        type: 'listItem',
        spread: false,
        checked: null,
        children: [paragraph],
        position: {
          start: point(line, lineStart, lineStart),
          end: point(line, lineStart, lineEnd),
        },
      })
      list.position!.end = point(line, lineStart, lineEnd)
      textFrom = contentStart
      textLine = line
      textLineStart = lineStart
      if (!readInlines(text, contentStart)) return undefined
      flushText(lineEnd, line, lineStart)
      paragraph = undefined
    } else if (list !== undefined) {
      // Text right after a list item continues it.
      return undefined
    } else if (markdown.charCodeAt(lineStart) === 0x3c /* < */) {
      afterList = false
      const text = markdown.slice(lineStart, lineEnd)
      // An `<img>` line between blank lines (or the text's ends) is an HTML block.
      if (paragraph !== undefined || !lastOfBlock || !imageLine.test(text)) return undefined
      children.push({
        type: 'html',
        value: text,
        position: {
          start: point(line, lineStart, lineStart),
          end: point(line, lineStart, lineEnd),
        },
      })
    } else {
      afterList = false
      // Spaces may end the last line of a paragraph: its text ends before them, the paragraph
      // after them. Anywhere else they would make a hard break or be dropped.
      while (markdown.charCodeAt(textEnd - 1) === 32) textEnd--
      if (textEnd < lineEnd && !lastOfBlock) return undefined
      const text = markdown.slice(lineStart, textEnd)
      if (textEnd === lineStart || blockStart.test(text)) return undefined
      if (paragraph === undefined) {
        // Its end is set when it closes.
        const start = point(line, lineStart, lineStart)
        paragraph = { type: 'paragraph', children: [], position: { start, end: start } }
        children.push(paragraph)
        textFrom = lineStart
        textLine = line
        textLineStart = lineStart
      }
      if (!readInlines(text, lineStart)) return undefined
    }
    if (lineEnd !== lineStart) {
      lastLine = line
      lastLineStart = lineStart
      lastLineEnd = lineEnd
      lastTextEnd = textEnd
    }
    if (lineEnd === length) break
    line++
    lineStart = lineEnd + 1
  }
  closeParagraph()
  return {
    type: 'root',
    children,
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: point(lastLine, lastLineStart, lastLineEnd),
    },
  }

  /**
   * Adds the URLs and strong words of one line of the open paragraph; `false` when the line
   * holds anything else that is not plain prose.
   */
  function readInlines(text: string, textStart: number): boolean {
    // Each URL or strong word starts the line or follows a space.
    let runFrom = 0
    let index = 0
    while (index < text.length) {
      const space = index === 0 ? -1 : text.indexOf(' ', index - 1)
      const at = space === -1 ? (index === 0 ? 0 : -1) : space + 1
      if (at === -1) break
      const first = text.charCodeAt(at)
      let end = -1
      let node: Link | Strong | undefined
      if (first === 0x68 /* h */ && text.startsWith('http', at)) {
        let stop = text.indexOf(' ', at)
        if (stop === -1) stop = text.length
        const url = text.slice(at, stop)
        if (plainUrl.test(url)) {
          const position = () => ({
            start: point(line, lineStart, textStart + at),
            end: point(line, lineStart, textStart + stop),
          })
          const value: Text = { type: 'text', value: url, position: position() }
          node = { type: 'link', title: null, url, children: [value], position: position() }
          end = stop
        }
      } else if (first === 0x2a /* * */ && at > 0) {
        plainStrong.lastIndex = at
        if (plainStrong.test(text)) {
          end = plainStrong.lastIndex
          const inner: Text = {
            type: 'text',
            value: text.slice(at + 2, end - 2),
            position: {
              start: point(line, lineStart, textStart + at + 2),
              end: point(line, lineStart, textStart + end - 2),
            },
          }
          node = {
            type: 'strong',
            children: [inner],
            position: {
              start: point(line, lineStart, textStart + at),
              end: point(line, lineStart, textStart + end),
            },
          }
        }
      }
      if (node === undefined) {
        index = at + 1
        continue
      }
      if (notPlainRun.test(text.slice(runFrom, at))) return false
      addInline(node, textStart + at)
      textFrom = textStart + end
      textLine = line
      textLineStart = lineStart
      runFrom = end
      index = end
    }
    return !notPlainRun.test(runFrom === 0 ? text : text.slice(runFrom))
  }
}
