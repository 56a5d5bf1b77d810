/**
 * The default note card of tag pages.
 */
import type { Note } from '@paper-notes/core'
import { notePagePath } from '@paper-notes/core'
import type { Element, ElementContent } from 'hast'
import { hastElement, hastText } from './hast-element.js'
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
      hastElement('section', { className: ['summary'] }, [
        hastElement('h3', {}, [hastText('GPT Summary')]),
        ...markdownContent(note.summary.text),
      ]),
    )
  }
  if (note.comments.length > 0) {
    body.push(
      hastElement('section', { className: ['comments'] }, [
        hastElement('h3', {}, [hastText(note.comments.length === 1 ? 'Comment' : 'Comments')]),
        ...note.comments.map((comment) =>
          hastElement(
            'div',
            { className: ['comment'] },
            linkedCommentContent(comment, note, context),
          ),
        ),
      ]),
    )
  }
  const header: ElementContent[] = []
  if (note.tags.length > 0) header.push(tagLinks(note, context))
  header.push(
    hastElement('p', { className: ['meta'] }, [hastText('Issue Date: '), issueDateElement(note)]),
    hastElement('h2', { className: ['note-title'], ...languageProperties(title, context) }, [
      hastElement('a', { href: context.href(notePagePath(note.id)) }, [hastText(title)]),
    ]),
  )
  const links = sourceLinks(note)
  if (links) header.push(links)
  return hastElement('article', { className: ['note-card'] }, [
    hastElement('header', {}, header),
    ...body,
  ])
}
