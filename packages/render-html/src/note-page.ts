/**
 * The default content of a note's own page.
 */
import type { Comment, GeneratedText, Note } from '@paper-notes/core'
import { notePagePath } from '@paper-notes/core'
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import { markdownContent } from './note-content.js'
import { cardTitle, formatAuthors, formatPublished, formatVenue, pageTitle } from './note-fields.js'
import {
  externalLink,
  issueDateElement,
  languageProperties,
  linkedCommentContent,
  tagLinks,
} from './note-parts.js'
import type { PageContext } from './page-context.js'

function fact(term: string, ...details: ElementContent[]): ElementContent[] {
  return [h('dt', term), h('dd', details)]
}

function factList(note: Note, context: PageContext): Element {
  const items: ElementContent[] = []
  if (note.authors.length > 0) {
    const authors = formatAuthors(note)
    items.push(...fact('Authors', h('span', languageProperties(authors, context), authors)))
  }
  if (note.venue) items.push(...fact('Venue', { type: 'text', value: formatVenue(note.venue) }))
  if (note.published) {
    const { text, datetime } = formatPublished(note.published)
    items.push(...fact('Published', h('time', { dateTime: datetime }, text)))
  }
  items.push(...fact('Issue date', issueDateElement(note)))
  items.push(...fact('Kind', { type: 'text', value: note.kind === 'paper' ? 'Paper' : 'Article' }))
  if (note.tags.length > 0) items.push(...fact('Tags', tagLinks(note, context)))
  if (note.links.paper)
    items.push(...fact('Paper/Blog', externalLink(note.links.paper, note.links.paper)))
  if (note.links.issue)
    items.push(...fact('Issue', externalLink(note.links.issue, note.links.issue)))
  return h('dl', { className: ['facts'] }, items)
}

function generatedSection(heading: string, text: GeneratedText, className: string): Element {
  return h('section', { className: [className] }, [
    h('h2', text.model ? `${heading} (by ${text.model})` : heading),
    ...markdownContent(text.text),
  ])
}

function commentArticle(
  comment: Comment,
  index: number,
  note: Note,
  context: PageContext,
): Element {
  const byline: Array<ElementContent | string> = [`Comment ${index + 1}`]
  if (comment.author) byline.push(' by ', h('span', { className: ['author'] }, comment.author))
  if (comment.date) byline.push(' on ', h('time', { dateTime: comment.date }, comment.date))
  return h('article', { className: ['comment'] }, [
    h('h3', { className: ['comment-byline'] }, byline),
    ...linkedCommentContent(comment, note, context),
  ])
}

function noteLink(target: Note, context: PageContext): Element {
  const title = cardTitle(target)
  return h(
    'a',
    { href: context.href(notePagePath(target.id)), ...languageProperties(title, context) },
    title,
  )
}

/**
 * The notes this note refers to: every related reference of its comments, resolved ones as
 * links to their pages and unresolved ones as their text, then any other note of
 * `collection.related(id)`.
 */
function relatedItems(note: Note, context: PageContext): ElementContent[] {
  const { collection } = context
  const seen = new Set<string>()
  const items: ElementContent[] = []
  const add = (key: string, content: ElementContent) => {
    if (seen.has(key)) return
    seen.add(key)
    items.push(h('li', content))
  }
  for (const comment of note.comments) {
    for (const ref of comment.related) {
      const target = collection.resolve(ref)
      if (target?.id === note.id) continue
      if (target) add(`note:${target.id}`, noteLink(target, context))
      else add(`text:${ref.text}`, h('span', { className: ['unresolved'] }, ref.text))
    }
  }
  for (const target of collection.related(note.id)) {
    add(`note:${target.id}`, noteLink(target, context))
  }
  return items
}

function extraSection(note: Note): Element | undefined {
  const entries = Object.entries(note.extra ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  if (entries.length === 0) return undefined
  return h('section', { className: ['extra'] }, [
    h('h2', 'Other fields'),
    h(
      'dl',
      { className: ['facts'] },
      entries.flatMap(([key, value]) => [
        h('dt', key),
        h(
          'dd',
          h('code', typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))),
        ),
      ]),
    ),
  ])
}

/**
 * The default `notePage` template: every field of the note (title and title line, authors,
 * venue, dates, tags, links, abstract, translation, summary, other sections, comments with
 * author and date), its related notes, and the notes that refer to it ("Referenced by").
 */
export function notePage(note: Note, context: PageContext): Element {
  const title = pageTitle(note)
  const content: ElementContent[] = [
    h('nav', { className: ['breadcrumbs'], ariaLabel: 'Breadcrumb' }, [
      h('a', { href: context.href('index.html') }, 'All tags'),
    ]),
    h('header', [
      h('h1', languageProperties(title, context), title),
      note.titleLine.trim() !== '' && note.titleLine.trim() !== title
        ? h(
            'p',
            { className: ['title-line'], ...languageProperties(note.titleLine, context) },
            note.titleLine,
          )
        : undefined,
      factList(note, context),
    ]),
  ]
  if (note.abstract !== null) {
    content.push(
      h('section', { className: ['abstract'], ...languageProperties(note.abstract, context) }, [
        h('h2', 'Abstract'),
        ...markdownContent(note.abstract),
      ]),
    )
  }
  if (note.translation)
    content.push(generatedSection('Translation', note.translation, 'translation'))
  if (note.summary) content.push(generatedSection('Summary', note.summary, 'summary'))
  for (const section of note.sections) {
    content.push(
      h('section', { className: ['note-section'] }, [
        h('h2', section.heading.trim() || 'Section'),
        ...markdownContent(section.markdown),
      ]),
    )
  }
  if (note.comments.length > 0) {
    content.push(
      h('section', { className: ['comments'] }, [
        h('h2', 'Comments'),
        ...note.comments.map((comment, index) => commentArticle(comment, index, note, context)),
      ]),
    )
  }
  const related = relatedItems(note, context)
  if (related.length > 0) {
    content.push(
      h('section', { className: ['related'] }, [h('h2', 'Related notes'), h('ul', related)]),
    )
  }
  const backlinks = context.collection.backlinks(note.id)
  if (backlinks.length > 0) {
    content.push(
      h('section', { className: ['backlinks'] }, [
        h('h2', 'Referenced by'),
        h(
          'ul',
          backlinks.map((source) => h('li', noteLink(source, context))),
        ),
      ]),
    )
  }
  const extra = extraSection(note)
  if (extra) content.push(extra)
  const { format, file, line, column } = note.source
  content.push(
    h('p', { className: ['source'] }, [
      `Source: ${format}`,
      file ? ` (${file}:${line}:${column})` : ` (line ${line}, column ${column})`,
    ]),
  )
  return h('article', { className: ['note-page'] }, content)
}
