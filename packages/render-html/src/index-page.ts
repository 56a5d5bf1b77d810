/**
 * The default content of `index.html`.
 */
import { notePagePath, tagPagePath } from '@paper-notes/core'
import type { Element } from 'hast'
import { h } from 'hastscript'
import { cardTitle } from './note-fields.js'
import { issueDateElement, languageProperties } from './note-parts.js'
import type { PageContext } from './page-context.js'
import type { IndexPageInput } from './templates.js'

/**
 * The default `indexPage` template: the site title, every tag with its note count (most used
 * first), and the newest notes with their dates and titles.
 */
export function indexPage(page: IndexPageInput, context: PageContext): Element {
  const { collection, options } = context
  return h('div', { className: ['index-page'] }, [
    h('h1', options.siteTitle),
    h(
      'p',
      { className: ['lead'] },
      `${collection.notes.length} notes under ${collection.tags.length} tags.`,
    ),
    h('section', { ariaLabelledBy: 'tags-heading' }, [
      h('h2', { id: 'tags-heading' }, 'Tags'),
      page.tags.length === 0
        ? h('p', 'No tags yet.')
        : h(
            'ul',
            { className: ['tag-index'] },
            page.tags.map((tag) =>
              h('li', [
                h('a', { href: context.href(tagPagePath(tag.slug)) }, [
                  h('span', { className: ['tag-name'] }, tag.name),
                  ' ',
                  h(
                    'span',
                    { className: ['tag-count'] },
                    `${tag.count}`,
                    h(
                      'span',
                      { className: ['visually-hidden'] },
                      tag.count === 1 ? ' note' : ' notes',
                    ),
                  ),
                ]),
              ]),
            ),
          ),
    ]),
    h('section', { ariaLabelledBy: 'newest-heading' }, [
      h('h2', { id: 'newest-heading' }, 'Newest notes'),
      page.newest.length === 0
        ? h('p', 'No notes yet.')
        : h(
            'ol',
            { className: ['note-list'] },
            page.newest.map((note) => {
              const title = cardTitle(note)
              return h('li', [
                issueDateElement(note),
                ' ',
                h(
                  'a',
                  {
                    href: context.href(notePagePath(note.id)),
                    ...languageProperties(title, context),
                  },
                  title,
                ),
              ])
            }),
          ),
    ]),
  ])
}
