/**
 * Note content (abstracts, generated texts, sections, comments) as sanitized hast, through
 * core's `toSafeHast`: nothing from a note reaches a page any other way.
 */
import type { Comment } from '@paper-notes/core'
import { safeHttpUrl, sharedSafeHast, toSafeHast } from '@paper-notes/core'
import type { Element, ElementContent, RootContent } from 'hast'
import { plainProseParagraphs } from './plain-prose.js'
import { postCard } from './post-cards.js'

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/**
 * Freezes hast nodes deeply, as {@link deepFreeze} does, walking only where a hast node can hold
 * objects (children, properties and their lists, position, data) instead of every value.
 */
function freezeNodes(nodes: readonly ElementContent[]): ElementContent[] {
  for (const node of nodes) {
    if (Object.isFrozen(node)) continue
    if (node.position) deepFreeze(node.position)
    if (node.data) deepFreeze(node.data)
    if (node.type === 'element') {
      const { properties } = node
      for (const name in properties) {
        const value = properties[name]
        if (Array.isArray(value)) Object.freeze(value)
      }
      Object.freeze(properties)
      if (node.content) deepFreeze(node.content)
      freezeNodes(node.children)
    }
    Object.freeze(node)
  }
  return Object.freeze(nodes) as ElementContent[]
}

/**
 * Finishing touches on sanitized content: blocks that scroll sideways when too wide (code,
 * tables) take keyboard focus, so keyboard users can scroll them too; links whose text is their
 * URL get the class `bare-url`, so the print stylesheet does not print the URL twice.
 */
function finishContent(nodes: readonly ElementContent[]): ElementContent[] {
  let out: ElementContent[] | undefined
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!
    const finished = finishNode(node)
    if (finished !== node) {
      out ??= nodes.slice()
      out[i] = finished
    }
  }
  return out ?? (nodes as ElementContent[])
}

/**
 * One node as {@link finishContent} leaves it: the node itself when nothing in it changes, else a
 * copy (the input may be shared and frozen: see core's `sharedSafeHast`).
 */
function finishNode(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node
  const { tagName } = node
  const scrolls = tagName === 'pre' || tagName === 'table'
  const bareUrl = tagName === 'a' && node.properties.href === textOf(node)
  const children = finishContent(node.children)
  if (!scrolls && !bareUrl && children === node.children) return node
  const properties = { ...node.properties }
  if (scrolls) properties.tabIndex = 0
  if (bareUrl) properties.className = ['bare-url']
  return { ...node, properties, children }
}

function isElementContent(node: RootContent): node is ElementContent {
  return node.type === 'element' || node.type === 'text' || node.type === 'comment'
}

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

/**
 * Sanitized content is cached per markdown text (a note's summary shows on every tag page of
 * the note) and per comment object, so a note on ten tag pages is sanitized once. The cached
 * nodes are shared between pages and deeply frozen: change a copy (`structuredClone`), never
 * them.
 */
const markdownCache = new Map<string, ElementContent[]>()
const markdownCacheLimit = 2000
interface CachedComment {
  markdown: string
  tree: Comment['tree']
  posts: string
  embedPosts: boolean
  nodes: ElementContent[]
}
const commentCache = new WeakMap<Comment, CachedComment>()

/**
 * Markdown as sanitized hast nodes, ready to be children of a page element. Text without any
 * markdown syntax (most abstracts and generated texts) is not parsed: it gives the same
 * paragraphs directly. The nodes are frozen and may be shared with other pages: to change one,
 * change a `structuredClone` of it.
 *
 * @example
 * markdownContent('**bold** <script>alert(1)</script>') // => [<p><strong>bold</strong> </p>]
 */
export function markdownContent(markdown: string): ElementContent[] {
  const prose = plainProseParagraphs(markdown)
  if (prose) return freezeNodes(prose)
  let nodes = markdownCache.get(markdown)
  if (nodes === undefined) {
    nodes = freezeNodes(finishContent(toSafeHast(markdown).children.filter(isElementContent)))
    if (markdownCache.size >= markdownCacheLimit) markdownCache.clear()
    markdownCache.set(markdown, nodes)
  }
  return [...nodes]
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(textOf).join('')
  return ''
}

/** The URL a paragraph is made of alone (`<p><a href=URL>…</a></p>`), if it is. */
function soleLinkOf(paragraph: Element): string | undefined {
  const children = paragraph.children.filter((child) => !isBlank(child))
  const only = children.length === 1 ? children[0] : undefined
  if (only?.type !== 'element' || only.tagName !== 'a') return undefined
  const href = only.properties.href
  return typeof href === 'string' ? safeHttpUrl(href) : undefined
}

const loadingPlaceholder = /^\s*Loading(?:…|\.\.\.)\s*$/

/**
 * One comment as sanitized hast: its `tree` (or, when absent, its `markdown`) through
 * `toSafeHast`, with each social post shown as a card (see `postCard`). A paragraph that is just
 * a post's link, or the text export's `Loading…` placeholder of a post without URL, is replaced
 * by the card; posts the text does not show are appended. Like {@link markdownContent}, the
 * nodes are frozen and may be shared with other pages.
 *
 * @example
 * commentContent(
 *   { markdown: '元ポスト:\n\nhttps://x.com/a/status/1', posts: [{ url: 'https://x.com/a/status/1' }],
 *     images: [], links: [], related: [] },
 *   false,
 * ) // => [<p>元ポスト:</p>, <p class="post-card">Post on X <a href=…>…</a></p>]
 */
export function commentContent(comment: Comment, embedPosts: boolean): ElementContent[] {
  const posts = JSON.stringify(comment.posts)
  const cached = commentCache.get(comment)
  if (
    cached &&
    cached.markdown === comment.markdown &&
    cached.tree === comment.tree &&
    cached.posts === posts &&
    cached.embedPosts === embedPosts
  ) {
    return [...cached.nodes]
  }
  const nodes = freezeNodes(sanitizedComment(comment, embedPosts))
  commentCache.set(comment, {
    markdown: comment.markdown,
    tree: comment.tree,
    posts,
    embedPosts,
    nodes,
  })
  return [...nodes]
}

function sanitizedComment(comment: Comment, embedPosts: boolean): ElementContent[] {
  // The comment's tree is sanitized once for every renderer that shows it (feeds show the first
  // comment too), and shared: finishContent copies what it changes.
  const safe = comment.tree ? sharedSafeHast(comment.tree) : toSafeHast(comment.markdown)
  const nodes = finishContent(safe.children.filter(isElementContent))
  const byUrl = new Map<string, number>()
  const missing: number[] = []
  comment.posts.forEach((post, index) => {
    const url = safeHttpUrl(post.url)
    if (url === undefined) missing.push(index)
    else if (!byUrl.has(url)) byUrl.set(url, index)
  })
  const placed = new Set<number>()
  const out: ElementContent[] = []
  for (const node of nodes) {
    if (node.type === 'element' && node.tagName === 'p') {
      const url = soleLinkOf(node)
      const postIndex = url === undefined ? undefined : byUrl.get(url)
      if (postIndex !== undefined && !placed.has(postIndex)) {
        placed.add(postIndex)
        out.push(postCard(comment.posts[postIndex]!, embedPosts))
        continue
      }
      const missingIndex = missing.find((index) => !placed.has(index))
      if (missingIndex !== undefined && loadingPlaceholder.test(textOf(node))) {
        placed.add(missingIndex)
        out.push(postCard(comment.posts[missingIndex]!, embedPosts))
        continue
      }
    }
    out.push(node)
  }
  comment.posts.forEach((post, index) => {
    if (!placed.has(index)) out.push(postCard(post, embedPosts))
  })
  return out
}
