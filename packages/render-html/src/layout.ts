/**
 * The default page layout.
 */
import { siteUrl } from '@paper-notes/core'
import type { Element, Root } from 'hast'
import { faviconPath } from './favicon.js'
import { hastElement as el, hastText as text } from './hast-element.js'
import type { PageContext } from './page-context.js'
import { postEmbedScriptUrl } from './post-cards.js'
import { stylesheetPath } from './stylesheet.js'
import type { LayoutInput } from './templates.js'

/**
 * The default `layout` template: a complete document with a skip link, the site header, the
 * page in `<main id="main">` and a footer. It loads the stylesheet, and the post embed script
 * only when `page.loadsPostEmbedScript` is set.
 */
export function layout(page: LayoutInput, context: PageContext): Root {
  const { options } = context
  const title = page.kind === 'index' ? options.siteTitle : `${page.title} | ${options.siteTitle}`
  const head: Element[] = [
    el('meta', { charSet: 'utf-8' }),
    el('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    el('meta', { name: 'color-scheme', content: 'light dark' }),
    el('meta', { name: 'generator', content: 'paper-notes' }),
    el('title', {}, [text(title)]),
  ]
  if (options.baseUrl) {
    head.push(el('link', { rel: ['canonical'], href: siteUrl(options.baseUrl, context.path) }))
  }
  head.push(el('link', { rel: ['icon'], type: 'image/svg+xml', href: context.href(faviconPath) }))
  head.push(el('link', { rel: ['stylesheet'], href: context.href(stylesheetPath) }))
  const body: Element[] = [
    el('a', { href: '#main', className: ['skip-link'] }, [text('Skip to content')]),
    el('header', { className: ['site-header'] }, [
      el('a', { href: context.href('index.html'), className: ['site-title'] }, [
        text(options.siteTitle),
      ]),
    ]),
    el('main', { id: 'main', tabIndex: -1 }, [page.content]),
    el('footer', { className: ['site-footer'] }, [
      el('p', {}, [
        text(`${context.collection.notes.length} notes, ${context.collection.tags.length} tags. `),
        text('Built with paper-notes.'),
      ]),
    ]),
  ]
  if (page.loadsPostEmbedScript) {
    body.push(el('script', { async: true, src: postEmbedScriptUrl, charSet: 'utf-8' }))
  }
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      el('html', { lang: options.lang }, [el('head', {}, head), el('body', {}, body)]),
    ],
  }
}
