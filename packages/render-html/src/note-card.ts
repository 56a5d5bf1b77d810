/**
 * The default note card of tag pages.
 */
import type { Note } from '@paper-notes/core'
import { notePagePath } from '@paper-notes/core'
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import { markdownContent } from './note-content.js'
import { cardTitle } from './note-fields.js'
import {
  issueDateElement,
  languageProperties,
  linkedCommentContent,
  sourceLinks,
  tagLinks,
} from './note-parts.js'
import type { PageContext } from './page-context.js'

/**
 * The default `noteCard` template, like the published tag pages: the note's tags as links, its
 * issue date, its title line linking to its page, `Paper/Blog` and `Issue` links, the GPT
 * summary, and its comments.
 */
export function noteCard(note: Note, context: PageContext): Element {
  const title = cardTitle(note)
  const body: ElementContent[] = []
  if (note.summary) {
    body.push(
      h('section', { className: ['summary'] }, [
        h('h3', 'GPT Summary'),
        ...markdownContent(note.summary.text),
      ]),
    )
  }
  if (note.comments.length > 0) {
    body.push(
      h('section', { className: ['comments'] }, [
        h('h3', note.comments.length === 1 ? 'Comment' : 'Comments'),
        ...note.comments.map((comment) =>
          h('div', { className: ['comment'] }, linkedCommentContent(comment, note, context)),
        ),
      ]),
    )
  }
  return h('article', { className: ['note-card'] }, [
    h('header', [
      note.tags.length > 0 ? tagLinks(note, context) : undefined,
      h('p', { className: ['meta'] }, ['Issue Date: ', issueDateElement(note)]),
      h('h2', { className: ['note-title'], ...languageProperties(title, context) }, [
        h('a', { href: context.href(notePagePath(note.id)) }, title),
      ]),
      sourceLinks(note),
    ]),
    ...body,
  ])
}
