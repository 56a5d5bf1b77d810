/**
 * The paper-list XML export's comment HTML (`<maintainer-comment-text>`, NOTE-FORMAT.md §3.3) →
 * one markdown string per comment.
 *
 * Each top-level `<p>` is one comment. Liquid `{% raw %}` / `{% endraw %}` wrappers are removed,
 * a `tweet-embed` div becomes its own paragraph holding the status URL from its `data-embed`
 * attribute (or the `Loading…` placeholder when it has none), a run of two or more `<br>` starts
 * a new paragraph and a single `<br>` stays a hard line break. The HTML goes through
 * `hast-util-from-html` → `hast-util-to-mdast` → `mdast-util-to-markdown` (with GFM), so entities
 * are decoded exactly once and the markdown escapes whatever would otherwise be read as syntax.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toMdast } from 'hast-util-to-mdast'
import type {
  Link,
  RootContent as MdastContent,
  Root as MdastRoot,
  Paragraph,
  PhrasingContent,
} from 'mdast'
import { gfmToMarkdown } from 'mdast-util-gfm'
import { defaultHandlers, type Handle, toMarkdown } from 'mdast-util-to-markdown'

/** One top-level `<p>` of a comment HTML fragment, with where it starts in that fragment. */
export interface CommentHtmlChunk {
  /** The HTML inside the `<p>` (or the stray top-level content outside any `<p>`). */
  html: string
  /** Offset of the chunk's first character in the fragment. */
  offset: number
  /** `false` when the `<p>` was never closed (the chunk runs to the end of the fragment). */
  closed: boolean
  /** `true` when the chunk is non-blank content outside any `<p>`. */
  outsideParagraph: boolean
}

/**
 * Whether a link can be written as its bare URL, which GFM's autolink literal reads back as the
 * same link: an http(s) link whose text is its URL, with no title, nothing a bare URL would lose
 * or change (trailing punctuation GFM trims, characters that start markdown syntax or character
 * references), and a boundary before and after it where GFM recognises a URL.
 */
function isBareUrlLink(node: Link, before: string, after: string): boolean {
  const [child, ...rest] = node.children
  if (rest.length > 0 || child?.type !== 'text' || child.value !== node.url) return false
  if (node.title) return false
  const url = node.url
  if (!/^https?:\/\/[^\s<>`*~\\[\]]+$/.test(url) || /&[#a-z0-9]+;/i.test(url)) return false
  if (/[?!.,:;_'"]$/.test(url) || (url.endsWith(')') && !url.includes('('))) return false
  return /^$|[\s(*_~]$/.test(before) && /^$|^\s/.test(after)
}

/**
 * Links whose text is their URL are written as the bare URL (as GitHub comments have them)
 * rather than `<url>`, when the bare URL reads back as the same link.
 */
const link: Handle = (node, parent, state, info) =>
  isBareUrlLink(node as Link, info.before, info.after)
    ? (node as Link).url
    : defaultHandlers.link(node as Link, parent, state, info)

/** GFM serialisation, built once: making the extension is costlier than a small conversion. */
const markdownOptions = { extensions: [gfmToMarkdown()], handlers: { link } }

/** The placeholder the export shows for a post whose URL it does not keep. */
const postPlaceholder = 'Loading…'

/**
 * Splits a comment HTML fragment into its top-level `<p>` elements. Quoted attribute values are
 * skipped while scanning, so a `data-embed='<blockquote><p>…</p></blockquote>'` attribute never
 * ends a paragraph. Runs in one linear pass.
 *
 * @example
 * splitCommentParagraphs('<p>one</p><p>two<br>lines</p>').map((chunk) => chunk.html)
 * // => ['one', 'two<br>lines']
 */
export function splitCommentParagraphs(html: string): CommentHtmlChunk[] {
  const chunks: CommentHtmlChunk[] = []
  let depth = 0
  let start = 0
  let outsideStart = 0
  let index = 0
  const pushOutside = (end: number) => {
    const text = html.slice(outsideStart, end)
    if (text.trim() !== '') {
      chunks.push({ html: text, offset: outsideStart, closed: true, outsideParagraph: true })
    }
  }
  while (index < html.length) {
    const lt = html.indexOf('<', index)
    if (lt === -1) break
    const tag = scanTag(html, lt)
    if (!tag) {
      index = lt + 1
      continue
    }
    if (tag.name === 'p') {
      if (!tag.closing) {
        if (depth === 0) {
          pushOutside(lt)
          start = tag.end
        } else {
          // A `<p>` inside an open `<p>` closes it, as in HTML.
          chunks.push({
            html: html.slice(start, lt),
            offset: start,
            closed: true,
            outsideParagraph: false,
          })
          start = tag.end
        }
        depth = 1
      } else if (depth === 1) {
        chunks.push({
          html: html.slice(start, lt),
          offset: start,
          closed: true,
          outsideParagraph: false,
        })
        depth = 0
        outsideStart = tag.end
      }
    }
    index = tag.end
  }
  if (depth === 1) {
    chunks.push({ html: html.slice(start), offset: start, closed: false, outsideParagraph: false })
  } else {
    pushOutside(html.length)
  }
  return chunks
}

interface ScannedTag {
  name: string
  closing: boolean
  end: number
}

/**
 * Reads the tag starting at `lt` the way an HTML tokenizer does: quotes only delimit a value
 * right after `=`, so stray quotes in a garbled tag do not swallow the rest of the input.
 */
function scanTag(html: string, lt: number): ScannedTag | undefined {
  let index = lt + 1
  const closing = html[index] === '/'
  if (closing) index++
  const nameStart = index
  while (index < html.length && /[A-Za-z0-9-]/.test(html[index]!)) index++
  if (index === nameStart) return undefined
  const name = html.slice(nameStart, index).toLowerCase()
  while (index < html.length) {
    const char = html[index]!
    if (char === '>') return { name, closing, end: index + 1 }
    if (char === '=') {
      index++
      while (index < html.length && /\s/.test(html[index]!)) index++
      const quote = html[index]
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, index + 1)
        if (close === -1) return { name, closing, end: html.length }
        index = close + 1
        continue
      }
      continue
    }
    index++
  }
  return { name, closing, end: html.length }
}

/**
 * Removes Liquid `{% raw %}` / `{% endraw %}` wrappers (and the blank lines they leave behind).
 *
 * @example
 * removeLiquidRaw('a\n{% raw %}\n<a href="u">u</a>\n{% endraw %}\n') // => 'a\n<a href="u">u</a>\n'
 */
export function removeLiquidRaw(html: string): string {
  return html.replace(/\{%-?\s*raw\s*-?%\}\n*/g, '').replace(/\n*\{%-?\s*endraw\s*-?%\}/g, '')
}

/**
 * Converts the inner HTML of one comment (one top-level `<p>`) to markdown.
 *
 * @example
 * commentHtmlToMarkdown('openreview:<br><a href="https://openreview.net/forum?id=x">https://openreview.net/forum?id=x</a>')
 * // => 'openreview:\\\nhttps://openreview.net/forum?id=x'
 */
export function commentHtmlToMarkdown(html: string): string {
  const hast = fromHtml(removeLiquidRaw(html), { fragment: true })
  replaceTweetEmbeds(hast)
  const mdast = toMdast(hast) as MdastRoot
  const blocks = wrapLoosePhrasing(mdast.children)
  const root: MdastRoot = { type: 'root', children: splitParagraphsAtBlankLines(blocks) }
  return toMarkdown(root, markdownOptions).trim()
}

/**
 * Converts a whole `<maintainer-comment-text>` fragment to one markdown string per comment.
 * `None` (the export's "no comments") gives an empty list.
 *
 * @example
 * commentsHtmlToMarkdown('<p>first</p><p>second</p>') // => ['first', 'second']
 * commentsHtmlToMarkdown('None') // => []
 */
export function commentsHtmlToMarkdown(html: string): string[] {
  if (html.trim() === 'None') return []
  return splitCommentParagraphs(html)
    .map((chunk) => commentHtmlToMarkdown(chunk.html))
    .filter((markdown) => markdown !== '')
}

/** The status URL inside a tweet-embed's `data-embed` HTML (its first link or `cite`). */
export function tweetEmbedUrl(embedHtml: string): string | undefined {
  const tree = fromHtml(embedHtml, { fragment: true })
  let found: string | undefined
  const visit = (nodes: readonly (RootContent | ElementContent)[]) => {
    for (const node of nodes) {
      if (found) return
      if (node.type !== 'element') continue
      const href = node.properties['href']
      if (node.tagName === 'a' && typeof href === 'string' && /^https?:\/\//.test(href)) {
        found = href
        return
      }
      const cite = node.properties['cite']
      if (node.tagName === 'blockquote' && typeof cite === 'string' && /^https?:\/\//.test(cite)) {
        found = cite
        return
      }
      visit(node.children)
    }
  }
  visit(tree.children)
  return found
}

function isTweetEmbed(node: Element): boolean {
  const className = node.properties['className']
  return Array.isArray(className) && className.includes('tweet-embed')
}

/** Replaces every tweet-embed div by `<br><br><a href=URL>URL</a><br><br>` (or the placeholder). */
function replaceTweetEmbeds(parent: HastRoot | Element): void {
  const children: (RootContent | ElementContent)[] = parent.children
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!
    if (node.type !== 'element') continue
    if (!isTweetEmbed(node)) {
      replaceTweetEmbeds(node)
      continue
    }
    const embed = node.properties['dataEmbed']
    const url = typeof embed === 'string' ? tweetEmbedUrl(embed) : undefined
    const content: ElementContent = url
      ? {
          type: 'element',
          tagName: 'a',
          properties: { href: url },
          children: [{ type: 'text', value: url }],
        }
      : { type: 'text', value: postPlaceholder }
    const br = (): Element => ({ type: 'element', tagName: 'br', properties: {}, children: [] })
    children.splice(index, 1, br(), br(), content, br(), br())
    index += 4
  }
}

const phrasingTypes = new Set([
  'break',
  'delete',
  'emphasis',
  'footnoteReference',
  'html',
  'image',
  'imageReference',
  'inlineCode',
  'link',
  'linkReference',
  'strong',
  'text',
])

/** Wraps runs of phrasing content directly under the root (what `toMdast` gives for a fragment) in paragraphs. */
function wrapLoosePhrasing(nodes: readonly MdastContent[]): MdastContent[] {
  const result: MdastContent[] = []
  let run: PhrasingContent[] = []
  const flush = () => {
    if (run.length > 0) result.push({ type: 'paragraph', children: run })
    run = []
  }
  for (const node of nodes) {
    if (phrasingTypes.has(node.type)) run.push(node as PhrasingContent)
    else {
      flush()
      result.push(node)
    }
  }
  flush()
  return result
}

function isBlank(node: PhrasingContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

/**
 * In every paragraph, a run of two or more breaks (with only whitespace between them) ends the
 * paragraph; breaks and whitespace at a paragraph's edges are dropped.
 */
function splitParagraphsAtBlankLines(nodes: MdastContent[]): MdastContent[] {
  const result: MdastContent[] = []
  for (const node of nodes) {
    if (node.type !== 'paragraph') {
      result.push(node)
      continue
    }
    let current: PhrasingContent[] = []
    const flush = () => {
      const trimmed = trimPhrasing(current)
      if (trimmed.length > 0)
        result.push({ type: 'paragraph', children: trimmed } satisfies Paragraph)
      current = []
    }
    const children = node.children
    let index = 0
    while (index < children.length) {
      const child = children[index]!
      if (child.type === 'break') {
        let end = index
        let breaks = 0
        while (end < children.length) {
          const next = children[end]!
          if (next.type === 'break') breaks++
          else if (!isBlank(next)) break
          end++
        }
        if (breaks >= 2) {
          flush()
          index = end
          continue
        }
      }
      current.push(child)
      index++
    }
    flush()
  }
  return result
}

function trimPhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  let start = 0
  let end = nodes.length
  while (start < end && (nodes[start]!.type === 'break' || isBlank(nodes[start]!))) start++
  while (end > start && (nodes[end - 1]!.type === 'break' || isBlank(nodes[end - 1]!))) end--
  const trimmed = nodes.slice(start, end)
  const first = trimmed[0]
  if (first?.type === 'text') trimmed[0] = { ...first, value: first.value.replace(/^\s+/, '') }
  const last = trimmed[trimmed.length - 1]
  if (last?.type === 'text') {
    trimmed[trimmed.length - 1] = { ...last, value: last.value.replace(/\s+$/, '') }
  }
  return trimmed
}
