/**
 * Note content (abstracts, generated texts, sections, comments) as sanitized hast, through
 * core's `toSafeHast`: nothing from a note reaches a page any other way.
 */
import type { Comment } from '@paper-notes/core'
import { toSafeHast } from '@paper-notes/core'
import type { Element, ElementContent, RootContent } from 'hast'
import { postCard } from './post-cards.js'
import { safeHttpUrl } from './safe-url.js'

function isElementContent(node: RootContent): node is ElementContent {
  return node.type === 'element' || node.type === 'text' || node.type === 'comment'
}

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

/**
 * Markdown as sanitized hast nodes, ready to be children of a page element.
 *
 * @example
 * markdownContent('**bold** <script>alert(1)</script>') // => [<p><strong>bold</strong> </p>]
 */
export function markdownContent(markdown: string): ElementContent[] {
  return toSafeHast(markdown).children.filter(isElementContent)
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
 * by the card; posts the text does not show are appended.
 */
export function commentContent(comment: Comment, embedPosts: boolean): ElementContent[] {
  const nodes = toSafeHast(comment.tree ?? comment.markdown).children.filter(isElementContent)
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
