/**
 * The HTML renderer: a collection → a static site (index, tag pages, note pages, stylesheet).
 */
import type { Collection, Note, RenderedFile, Renderer } from '@paper-notes/core'
import { defineRenderer, notePagePath, tagPagePath } from '@paper-notes/core'
import type { Element, Root } from 'hast'
import { favicon, faviconPath } from './favicon.js'
import { NoteCardCache, useNoteCardCache } from './note-card-cache.js'
import { cardTitle, pageTitle } from './note-fields.js'
import type { HtmlRenderOptions, ResolvedHtmlOptions } from './options.js'
import { resolveHtmlOptions } from './options.js'
import { createPageContext } from './page-context.js'
import { serializePage } from './page-serialization.js'
import { isEmbeddedPost } from './post-cards.js'
import { stylesheet, stylesheetPath } from './stylesheet.js'
import type { LayoutInput, Templates } from './templates.js'
import { defaultTemplates } from './templates.js'

/** The media type of the pages. */
export const htmlMediaType = 'text/html; charset=utf-8'
/** The media type of the site icon. */
export const svgMediaType = 'image/svg+xml'
/** The media type of the stylesheet. */
export const cssMediaType = 'text/css; charset=utf-8'

function showsEmbeddedPost(notes: readonly Note[], options: ResolvedHtmlOptions): boolean {
  return notes.some((note) =>
    note.comments.some((comment) =>
      comment.posts.some((post) => isEmbeddedPost(post, options.embedPosts)),
    ),
  )
}

/**
 * Renders a collection as a static site that needs no server and no JavaScript:
 * `index.html`, `tags/<slug>.html` (and `tags/<slug>/page-<n>.html` for large tags),
 * `notes/<id>.html`, `style.css` and `favicon.svg`, with relative links between them. The same collection and
 * options always give byte-identical files.
 *
 * @example
 * import { createCollection } from '@paper-notes/core'
 * import { renderHtml } from '@paper-notes/render-html'
 *
 * const files = renderHtml(createCollection(notes), { siteTitle: 'My paper notes' })
 * files.map((file) => file.path) // => ['style.css', 'favicon.svg', 'index.html', 'tags/nlp.html', …]
 */
export function renderHtml(
  collection: Collection,
  options: HtmlRenderOptions = {},
): RenderedFile[] {
  const resolved = resolveHtmlOptions(options)
  const templates: Templates = { ...defaultTemplates, ...options.templates }
  const files: RenderedFile[] = [
    { path: stylesheetPath, contents: stylesheet, mediaType: cssMediaType },
    { path: faviconPath, contents: favicon, mediaType: svgMediaType },
  ]
  const cards = new NoteCardCache()
  const page = (
    path: string,
    title: string,
    kind: LayoutInput['kind'],
    shownNotes: readonly Note[],
    build: (context: ReturnType<typeof createPageContext>) => Element,
  ) => {
    const context = createPageContext(collection, resolved, templates, path)
    useNoteCardCache(context, cards)
    const tree: Root = templates.layout(
      {
        title,
        kind,
        content: build(context),
        loadsPostEmbedScript: showsEmbeddedPost(shownNotes, resolved),
      },
      context,
    )
    files.push({
      path,
      contents: `${serializePage(tree, cards.trustedHtml)}\n`,
      mediaType: htmlMediaType,
    })
  }

  page('index.html', resolved.siteTitle, 'index', [], (context) =>
    templates.indexPage(
      { tags: collection.tags, newest: collection.notes.slice(0, resolved.pageSize) },
      context,
    ),
  )

  for (const tag of collection.tags) {
    const notes = collection.withTag(tag.slug)
    const pageCount = Math.max(1, Math.ceil(notes.length / resolved.pageSize))
    for (let n = 1; n <= pageCount; n++) {
      const shown = notes.slice((n - 1) * resolved.pageSize, n * resolved.pageSize)
      const title = pageCount > 1 ? `#${tag.name} (page ${n})` : `#${tag.name}`
      page(tagPagePath(tag.slug, n), title, 'tag', shown, (context) =>
        templates.tagPage({ tag, notes: shown, page: n, pageCount }, context),
      )
    }
  }

  for (const note of collection.notes) {
    page(notePagePath(note.id), pageTitle(note) || cardTitle(note), 'note', [note], (context) =>
      templates.notePage(note, context),
    )
  }
  return files
}

/**
 * The HTML renderer as a `Renderer` plugin (`name: 'html'`); `render` is {@link renderHtml}.
 *
 * @example
 * import { htmlRenderer } from '@paper-notes/render-html'
 *
 * for (const file of await htmlRenderer.render(collection, { pageSize: 30 })) {
 *   console.log(file.path, file.mediaType)
 * }
 */
export const htmlRenderer: Renderer<HtmlRenderOptions> = defineRenderer<HtmlRenderOptions>({
  name: 'html',
  render: (collection, options) => renderHtml(collection, options),
})
