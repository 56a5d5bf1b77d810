/**
 * Pieces shared by note cards and note pages, built as hast.
 */
import type { Comment, Note } from '@paper-notes/core'
import { notePagePath, safeHttpUrl, tagPagePath } from '@paper-notes/core'
import type { Element, ElementContent, Properties } from 'hast'
import { hastElement, hastText } from './hast-element.js'
import { linkIssueReferences } from './issue-references.js'
import { commentContent } from './note-content.js'
import { cardTitle } from './note-fields.js'
import type { PageContext } from './page-context.js'
import { englishInJapanesePage } from './text-language.js'

/** Properties that mark English text in a Japanese page (`lang="en"`), else none. */
export function languageProperties(text: string, context: PageContext): Properties {
  const lang = englishInJapanesePage(text, context.options.lang)
  return lang ? { lang } : {}
}

/** An external link (`rel="noopener noreferrer"`), or plain text when the URL is not http(s). */
export function externalLink(url: string | undefined, text: string): ElementContent {
  const href = safeHttpUrl(url)
  if (!href) return { type: 'text', value: text }
  const properties: Properties = { href, rel: ['noopener', 'noreferrer'] }
  if (href === text) properties.className = ['bare-url']
  return hastElement('a', properties, [hastText(text)])
}

/** The note's tags as links to their pages (`#Tag`). */
export function tagLinks(note: Note, context: PageContext): Element {
  return hastElement(
    'ul',
    { className: ['tags'], ariaLabel: 'Tags' },
    note.tags.map((name) => {
      const tag = context.collection.tag(name)
      const label = [hastText(`#${name}`)]
      return hastElement('li', {}, [
        tag
          ? hastElement(
              'a',
              { href: context.href(tagPagePath(tag.slug)), className: ['tag'] },
              label,
            )
          : hastElement('span', { className: ['tag'] }, label),
      ])
    }),
  )
}

/** The `Paper/Blog` and `Issue` links of a note, or `undefined` when it has neither. */
export function sourceLinks(note: Note): Element | undefined {
  const paper = safeHttpUrl(note.links.paper)
  const issue = safeHttpUrl(note.links.issue)
  if (!paper && !issue) return undefined
  const items: ElementContent[] = []
  const item = (href: string, text: string) =>
    hastElement('li', {}, [
      hastElement('a', { href, rel: ['noopener', 'noreferrer'] }, [hastText(text)]),
    ])
  if (paper) items.push(item(paper, 'Paper/Blog'))
  if (issue) items.push(item(issue, 'Issue'))
  return hastElement('ul', { className: ['source-links'], ariaLabel: 'Links' }, items)
}

/** `<time datetime=…>` of the issue date. */
export function issueDateElement(note: Note): Element {
  return hastElement('time', { dateTime: note.issueDate }, [hastText(note.issueDate)])
}

const issueUrl = /^https?:\/\/[^?#]*\/issues\/\d+\/?(?:[?#].*)?$/

/**
 * A comment of `note` as sanitized hast (see `commentContent`), with references to other notes
 * of the collection (`#1234`, links to their issue URLs) linked to their pages.
 */
export function linkedCommentContent(
  comment: Comment,
  note: Note,
  context: PageContext,
): ElementContent[] {
  const toPage = (target: Note | undefined) =>
    target && target.id !== note.id
      ? { href: context.href(notePagePath(target.id)), title: cardTitle(target) }
      : undefined
  return linkIssueReferences(
    commentContent(comment, context.options.embedPosts),
    (issue) => toPage(context.collection.resolve({ text: `#${issue}`, issue })),
    (url) =>
      issueUrl.test(url) ? toPage(context.collection.resolve({ text: '', url })) : undefined,
  )
}
