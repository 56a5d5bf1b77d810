/**
 * The default page layout.
 */
import { siteUrl } from '@paper-notes/core'
import type { Element, Root } from 'hast'
import { h } from 'hastscript'
import { faviconPath } from './favicon.js'
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
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('meta', { name: 'color-scheme', content: 'light dark' }),
    h('meta', { name: 'generator', content: 'paper-notes' }),
    h('title', title),
  ]
  if (options.baseUrl) {
    head.push(h('link', { rel: ['canonical'], href: siteUrl(options.baseUrl, context.path) }))
  }
  head.push(h('link', { rel: ['icon'], type: 'image/svg+xml', href: context.href(faviconPath) }))
  head.push(h('link', { rel: ['stylesheet'], href: context.href(stylesheetPath) }))
  const body: Element[] = [
    h('a', { href: '#main', className: ['skip-link'] }, 'Skip to content'),
    h('header', { className: ['site-header'] }, [
      h('a', { href: context.href('index.html'), className: ['site-title'] }, options.siteTitle),
    ]),
    h('main', { id: 'main', tabIndex: -1 }, [page.content]),
    h('footer', { className: ['site-footer'] }, [
      h('p', [
        `${context.collection.notes.length} notes, ${context.collection.tags.length} tags. `,
        'Built with paper-notes.',
      ]),
    ]),
  ]
  if (page.loadsPostEmbedScript) {
    body.push(h('script', { async: true, src: postEmbedScriptUrl, charSet: 'utf-8' }))
  }
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: options.lang }, [h('head', head), h('body', body)]),
    ],
  }
}
