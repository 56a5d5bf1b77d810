/**
 * A note's feed content as sanitized HTML, built from the first comment's parsed `tree`. The same
 * module as in `@paper-notes/render-rss` (renderers do not depend on each other); both can go once
 * core's `noteContentHtml` uses the tree itself.
 */
import type { Comment, Note } from '@paper-notes/core'
import { noteDisplayTitle, parseMarkdown, safeHttpUrl, toSafeHtml } from '@paper-notes/core'

/** An mdast root (core's `Comment` tree), without a direct dependency on `@types/mdast`. */
type MdastRoot = NonNullable<Comment['tree']>

/**
 * The same HTML as core's `noteContentHtml` (summary, first comment, paper link; the title
 * when there is none of these), but built from the first comment's `tree` when it has one
 * instead of parsing its `markdown` again: the tree is, by the `Comment` contract, the mdast of
 * that markdown, and re-parsing it was most of the cost of rendering a note's feed entry.
 * Comments without a tree (serialized notes may leave it out) are parsed as before.
 *
 * @example
 * noteContentHtml(note) // => '<p>忘却についての研究。</p>\n<p>openreview: <a href=…>…</a></p>…'
 */
export function noteContentHtml(note: Note): string {
  const children: MdastRoot['children'] = []
  const summary = note.summary?.text.trim() ?? ''
  if (summary !== '') {
    children.push({ type: 'paragraph', children: [{ type: 'text', value: summary }] })
  }
  const firstComment = note.comments[0]
  if (firstComment && firstComment.markdown.trim() !== '') {
    children.push(...(firstComment.tree ?? parseMarkdown(firstComment.markdown)).children)
  }
  const paper = note.links.paper
  if (paper !== undefined && safeHttpUrl(paper) !== undefined) {
    children.push({
      type: 'paragraph',
      children: [
        { type: 'text', value: 'Paper: ' },
        { type: 'link', url: paper, children: [{ type: 'text', value: paper }] },
      ],
    })
  }
  if (children.length === 0) {
    children.push({
      type: 'paragraph',
      children: [{ type: 'text', value: noteDisplayTitle(note) }],
    })
  }
  return toSafeHtml({ type: 'root', children })
}
