/**
 * The default content of a note's own page.
 */
import type { Comment, GeneratedText, Note } from '@paper-notes/core'
import { notePagePath } from '@paper-notes/core'
import type { Element, ElementContent } from 'hast'
import { hastElement as el, hastText } from './hast-element.js'
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
  return [el('dt', {}, [hastText(term)]), el('dd', {}, details)]
}

function factList(note: Note, context: PageContext): Element {
  const items: ElementContent[] = []
  if (note.authors.length > 0) {
    const authors = formatAuthors(note)
    items.push(
      ...fact('Authors', el('span', languageProperties(authors, context), [hastText(authors)])),
    )
  }
  if (note.venue) items.push(...fact('Venue', { type: 'text', value: formatVenue(note.venue) }))
  if (note.published) {
    const { text, datetime } = formatPublished(note.published)
    items.push(...fact('Published', el('time', { dateTime: datetime }, [hastText(text)])))
  }
  items.push(...fact('Issue date', issueDateElement(note)))
  items.push(...fact('Kind', { type: 'text', value: note.kind === 'paper' ? 'Paper' : 'Article' }))
  if (note.tags.length > 0) items.push(...fact('Tags', tagLinks(note, context)))
  if (note.links.paper)
    items.push(...fact('Paper/Blog', externalLink(note.links.paper, note.links.paper)))
  if (note.links.issue)
    items.push(...fact('Issue', externalLink(note.links.issue, note.links.issue)))
  return el('dl', { className: ['facts'] }, items)
}

function generatedSection(heading: string, text: GeneratedText, className: string): Element {
  return el('section', { className: [className] }, [
    el('h2', {}, [hastText(text.model ? `${heading} (by ${text.model})` : heading)]),
    ...markdownContent(text.text),
  ])
}

function commentArticle(
  comment: Comment,
  index: number,
  note: Note,
  context: PageContext,
): Element {
  const byline: ElementContent[] = [hastText(`Comment ${index + 1}`)]
  if (comment.author) {
    byline.push(hastText(' by '), el('span', { className: ['author'] }, [hastText(comment.author)]))
  }
  if (comment.date) {
    byline.push(hastText(' on '), el('time', { dateTime: comment.date }, [hastText(comment.date)]))
  }
  return el('article', { className: ['comment'] }, [
    el('h3', { className: ['comment-byline'] }, byline),
    ...linkedCommentContent(comment, note, context),
  ])
}

function noteLink(target: Note, context: PageContext): Element {
  const title = cardTitle(target)
  return el(
    'a',
    { href: context.href(notePagePath(target.id)), ...languageProperties(title, context) },
    [hastText(title)],
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
    items.push(el('li', {}, [content]))
  }
  for (const comment of note.comments) {
    for (const ref of comment.related) {
      const target = collection.resolve(ref)
      if (target?.id === note.id) continue
      if (target) add(`note:${target.id}`, noteLink(target, context))
      else add(`text:${ref.text}`, el('span', { className: ['unresolved'] }, [hastText(ref.text)]))
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
  return el('section', { className: ['extra'] }, [
    el('h2', {}, [hastText('Other fields')]),
    el(
      'dl',
      { className: ['facts'] },
      entries.flatMap(([key, value]) => [
        el('dt', {}, [hastText(key)]),
        el('dd', {}, [
          el('code', {}, [
            hastText(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))),
          ]),
        ]),
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
  const header: ElementContent[] = [el('h1', languageProperties(title, context), [hastText(title)])]
  if (note.titleLine.trim() !== '' && note.titleLine.trim() !== title) {
    header.push(
      el('p', { className: ['title-line'], ...languageProperties(note.titleLine, context) }, [
        hastText(note.titleLine),
      ]),
    )
  }
  header.push(factList(note, context))
  const content: ElementContent[] = [
    el('nav', { className: ['breadcrumbs'], ariaLabel: 'Breadcrumb' }, [
      el('a', { href: context.href('index.html') }, [hastText('All tags')]),
    ]),
    el('header', {}, header),
  ]
  if (note.abstract !== null) {
    content.push(
      el('section', { className: ['abstract'], ...languageProperties(note.abstract, context) }, [
        el('h2', {}, [hastText('Abstract')]),
        ...markdownContent(note.abstract),
      ]),
    )
  }
  if (note.translation)
    content.push(generatedSection('Translation', note.translation, 'translation'))
  if (note.summary) content.push(generatedSection('Summary', note.summary, 'summary'))
  for (const section of note.sections) {
    content.push(
      el('section', { className: ['note-section'] }, [
        el('h2', {}, [hastText(section.heading.trim() || 'Section')]),
        ...markdownContent(section.markdown),
      ]),
    )
  }
  if (note.comments.length > 0) {
    content.push(
      el('section', { className: ['comments'] }, [
        el('h2', {}, [hastText('Comments')]),
        ...note.comments.map((comment, index) => commentArticle(comment, index, note, context)),
      ]),
    )
  }
  const related = relatedItems(note, context)
  if (related.length > 0) {
    content.push(
      el('section', { className: ['related'] }, [
        el('h2', {}, [hastText('Related notes')]),
        el('ul', {}, related),
      ]),
    )
  }
  const backlinks = context.collection.backlinks(note.id)
  if (backlinks.length > 0) {
    content.push(
      el('section', { className: ['backlinks'] }, [
        el('h2', {}, [hastText('Referenced by')]),
        el(
          'ul',
          {},
          backlinks.map((source) => el('li', {}, [noteLink(source, context)])),
        ),
      ]),
    )
  }
  const extra = extraSection(note)
  if (extra) content.push(extra)
  const { format, file, line, column } = note.source
  content.push(
    el('p', { className: ['source'] }, [
      hastText(`Source: ${format}`),
      hastText(file ? ` (${file}:${line}:${column})` : ` (line ${line}, column ${column})`),
    ]),
  )
  return el('article', { className: ['note-page'] }, content)
}
