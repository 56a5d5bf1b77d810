/**
 * The default content of a tag page.
 */
import { tagPagePath } from '@paper-notes/core'
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import { noteCardCacheOf } from './note-card-cache.js'
import type { PageContext } from './page-context.js'
import type { TagPageInput } from './templates.js'

/** Links to every page of a tag, the current one marked with `aria-current="page"`. */
export function paginationNav(page: TagPageInput, context: PageContext): Element | undefined {
  if (page.pageCount <= 1) return undefined
  const link = (n: number, text: string, rel?: string): Element =>
    h(
      'a',
      { href: context.href(tagPagePath(page.tag.slug, n)), rel: rel ? [rel] : undefined },
      text,
    )
  const items: ElementContent[] = []
  if (page.page > 1) items.push(h('li', link(page.page - 1, '← Newer', 'prev')))
  for (let n = 1; n <= page.pageCount; n++) {
    items.push(
      h(
        'li',
        n === page.page
          ? h('span', { ariaCurrent: 'page', className: ['current'] }, `${n}`)
          : link(n, `${n}`),
      ),
    )
  }
  if (page.page < page.pageCount) items.push(h('li', link(page.page + 1, 'Older →', 'next')))
  return h('nav', { className: ['pagination'], ariaLabel: 'Pages' }, [h('ul', items)])
}

/**
 * The default `tagPage` template: the tag's name and note count, then one `noteCard` per note
 * (newest first), with page links before and after when the tag has several pages. In a render,
 * each card is built once and placed in every page that shows it as already serialized HTML (a
 * `raw` node the renderer trusts); called with a context of its own, it builds the cards.
 */
export function tagPage(page: TagPageInput, context: PageContext): Element {
  const { tag } = page
  const cards = noteCardCacheOf(context)
  const nav = paginationNav(page, context)
  const counted = `${tag.count} ${tag.count === 1 ? 'note' : 'notes'}`
  return h('div', { className: ['tag-page'] }, [
    h('nav', { className: ['breadcrumbs'], ariaLabel: 'Breadcrumb' }, [
      h('a', { href: context.href('index.html') }, 'All tags'),
    ]),
    h('h1', [h('span', { className: ['tag-hash'], ariaHidden: 'true' }, '#'), tag.name]),
    h(
      'p',
      { className: ['lead'] },
      page.pageCount > 1 ? `${counted}, page ${page.page} of ${page.pageCount}` : counted,
    ),
    nav,
    h(
      'div',
      { className: ['note-cards'] },
      page.notes.map((note) =>
        cards ? cards.card(note, context) : context.templates.noteCard(note, context),
      ),
    ),
    nav ? structuredClone(nav) : undefined,
  ])
}
