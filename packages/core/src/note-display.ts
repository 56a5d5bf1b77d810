/**
 * What a feed item (RSS, Atom, JSON Feed) shows for a note: its title (with a fallback for
 * title-less notes), its date, and its content as sanitized HTML. Shared so every feed shows a
 * note the same way.
 */
import type { RootContent as HastRootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import type { RootContent } from 'mdast'
import { isCalendarDate } from './calendar-date.js'
import { safeHttpUrl } from './http-url.js'
import { parseMarkdown } from './markdown.js'
import type { Comment, Note } from './model.js'
import { defaultClobberPrefix, sharedSanitizedTree, toSafeHast, toSafeHtml } from './safe-html.js'

const fallbackTitleLength = 80

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * The title a feed item shows: the work's title, else the title line, else the start of the
 * summary (up to 80 characters), else `Untitled note (YYYY-MM-DD)`.
 *
 * @example
 * noteDisplayTitle({ ...note, title: '', titleLine: '', summary: null }) // => 'Untitled note (2025-03-01)'
 */
export function noteDisplayTitle(note: Note): string {
  const title = collapseSpace(note.title) || collapseSpace(note.titleLine)
  if (title !== '') return title
  const summary = [...collapseSpace(note.summary?.text ?? '')]
  if (summary.length > 0) {
    return summary.length > fallbackTitleLength
      ? `${summary.slice(0, fallbackTitleLength - 1).join('')}…`
      : summary.join('')
  }
  return `Untitled note (${note.issueDate})`
}

/**
 * The note's issue date as an RFC 3339 date-time at midnight UTC (`2025-03-01T00:00:00Z`), for
 * Atom. Throws a `RangeError` naming the note when the date is not a real `YYYY-MM-DD` date.
 */
export function noteDateTime(note: Note): string {
  if (!isCalendarDate(note.issueDate)) {
    throw new RangeError(
      `@paper-notes: note "${note.id}" has issueDate "${note.issueDate}", which is not a YYYY-MM-DD date; fix the note (validateNotes reports it).`,
    )
  }
  return `${note.issueDate}T00:00:00Z`
}

/**
 * The HTML a feed item carries: the summary as a paragraph of text, the first comment (markdown),
 * and a link to the paper when it has an http(s) URL. Built as mdast and turned into HTML by
 * core's `toSafeHtml`, so note text is escaped and the comment's HTML sanitized (no script, no
 * `javascript:` link). A note with none of these gets its title as a paragraph.
 *
 * The HTML of the last few hundred notes asked for is kept per note object and reused while
 * what it is made of is unchanged (the summary, paper link and title fields by value; the first
 * comment, its markdown and its `tree` object): RSS, Atom and JSON Feed all show it. Replace a
 * comment's `tree` rather than change it in place.
 *
 * @example
 * noteContentHtml(note) // => '<p>忘却についての研究。</p>\n<p>openreview: <a href=…>…</a></p>…'
 */
export function noteContentHtml(note: Note): string {
  const inputs = contentInputsOf(note)
  const known = contentHtmlCache.get(note)
  // Set anew either way, so that the note counts as the one asked for last.
  contentHtmlCache.delete(note)
  if (known !== undefined && sameContentInputs(known.inputs, inputs)) {
    contentHtmlCache.set(note, known)
    return known.html
  }
  const html = buildNoteContentHtml(note)
  if (contentHtmlCache.size >= contentHtmlCacheSize) {
    contentHtmlCache.delete(contentHtmlCache.keys().next().value!)
  }
  contentHtmlCache.set(note, { inputs, html })
  return html
}

/** Everything {@link noteContentHtml} reads of a note (the comment tree by identity). */
interface ContentInputs {
  readonly summary: string | undefined
  readonly comment: Comment | undefined
  readonly markdown: string | undefined
  readonly tree: Comment['tree']
  readonly paper: string | undefined
  readonly title: string
  readonly titleLine: string
  readonly issueDate: string
}

function contentInputsOf(note: Note): ContentInputs {
  const comment = note.comments[0]
  return {
    summary: note.summary?.text,
    comment,
    markdown: comment?.markdown,
    tree: comment?.tree,
    paper: note.links.paper,
    title: note.title,
    titleLine: note.titleLine,
    issueDate: note.issueDate,
  }
}

function sameContentInputs(a: ContentInputs, b: ContentInputs): boolean {
  return (
    a.summary === b.summary &&
    a.comment === b.comment &&
    a.markdown === b.markdown &&
    a.tree === b.tree &&
    a.paper === b.paper &&
    a.title === b.title &&
    a.titleLine === b.titleLine &&
    a.issueDate === b.issueDate
  )
}

/**
 * The content HTML of the notes it was last asked for: RSS, Atom and JSON Feed show the same
 * content, and a host renders them one after the other, each feed of the newest notes. Used only
 * while everything the HTML is made of is unchanged (compared by value, and the comment and its
 * tree by identity: change a comment's tree by replacing it, not in place).
 *
 * Bounded ({@link contentHtmlCacheSize} notes, the one asked for longest ago dropped first): an
 * entry holds the first comment and its tree, and notes that live through a whole build (the
 * light notes of a `--low-memory` build, read back from disk) kept them all alive while it was
 * a `WeakMap` keyed by the note: ~9,000 notes listed in feeds, ~60 MB at 20,000 notes.
 */
const contentHtmlCache = new Map<Note, { inputs: ContentInputs; html: string }>()

/**
 * How many notes' content HTML {@link noteContentHtml} keeps: several feeds of the newest notes
 * (by default the JSON Feed and the RSS and Atom feeds of the site list the newest 50) one
 * after the other, and no more.
 */
export const contentHtmlCacheSize = 256

/** How many notes' content HTML is kept now (for tests). */
export function contentHtmlCacheCount(): number {
  return contentHtmlCache.size
}

function buildNoteContentHtml(note: Note): string {
  const before: RootContent[] = []
  const summary = note.summary?.text.trim() ?? ''
  if (summary !== '') {
    before.push({ type: 'paragraph', children: [{ type: 'text', value: summary }] })
  }
  const firstComment = note.comments[0]
  const comment =
    firstComment && firstComment.markdown.trim() !== ''
      ? // The tree is, by the Comment contract, the mdast of the markdown: no need to parse again.
        (firstComment.tree ?? parseMarkdown(firstComment.markdown))
      : undefined
  const after: RootContent[] = []
  const paper = note.links.paper
  if (paper !== undefined && safeHttpUrl(paper) !== undefined) {
    after.push({
      type: 'paragraph',
      children: [
        { type: 'text', value: 'Paper: ' },
        { type: 'link', url: paper, children: [{ type: 'text', value: paper }] },
      ],
    })
  }
  if (comment === undefined && before.length === 0 && after.length === 0) {
    before.push({
      type: 'paragraph',
      children: [{ type: 'text', value: noteDisplayTitle(note) }],
    })
  }
  // A comment tree other renderers show too (the HTML pages) is sanitized once and shared; the
  // paragraphs around it are sanitized on their own and the parts joined as one document would
  // join them, which gives the same HTML unless the comment has footnotes or raw HTML that needs
  // the whole document (then the document is sanitized as a whole).
  const shared =
    comment !== undefined && comment === firstComment?.tree
      ? sharedSanitizedTree(comment, defaultClobberPrefix)
      : undefined
  if (comment === undefined || shared === undefined || !shared.composable) {
    const middle = comment?.children ?? []
    return toSafeHtml({ type: 'root', children: [...before, ...middle, ...after] })
  }
  const parts: (readonly HastRootContent[])[] = []
  if (before.length > 0) parts.push(toSafeHast({ type: 'root', children: before }).children)
  parts.push(shared.hast.children)
  if (after.length > 0) parts.push(toSafeHast({ type: 'root', children: after }).children)
  const children: HastRootContent[] = []
  for (const part of parts) {
    if (part.length === 0) continue
    if (children.length > 0) children.push({ type: 'text', value: '\n' })
    children.push(...part)
  }
  return toHtml({ type: 'root', children })
}

/**
 * The note's issue date as an RFC 822 date-time at midnight GMT (`Sat, 01 Mar 2025 00:00:00 GMT`),
 * for RSS 2.0. Throws like {@link noteDateTime}.
 */
export function noteRfc822Date(note: Note): string {
  return new Date(noteDateTime(note)).toUTCString()
}
