/**
 * The HTML renderer: a collection → a static site (index, tag pages, note pages, stylesheet).
 */
import type {
  Collection,
  FileDependencies,
  Note,
  PlannedFile,
  RenderedFile,
  Renderer,
} from '@paper-notes/core'
import {
  defineRenderer,
  noDependencies,
  notePagePath,
  plannedFile,
  renderPlannedFiles,
  tagPagePath,
} from '@paper-notes/core'
import type { Element, Root } from 'hast'
import packageJson from '../package.json' with { type: 'json' }
import { favicon, faviconPath } from './favicon.js'
import {
  type DeferredCards,
  directoryOf,
  NoteCardCache,
  type NoteCardCacheOptions,
  useNoteCardCache,
} from './note-card-cache.js'
import { cardTitle, pageTitle } from './note-fields.js'
import type { HtmlRenderOptions, ResolvedHtmlOptions } from './options.js'
import { resolveHtmlOptions } from './options.js'
import { createPageContext, type PageContext } from './page-context.js'
import { serializePage } from './page-serialization.js'
import { PageDependencies } from './plan-dependencies.js'
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

/**
 * Whether any of `notes` shows a post embedded (so its page loads the embed script), each note's
 * answer worked out once per plan in `known`: a note is on ~8 pages, and a host that keeps notes
 * on disk reads a note's comments back each time they are asked for.
 */
function showsEmbeddedPost(
  notes: readonly Note[],
  options: ResolvedHtmlOptions,
  known: Map<Note, boolean>,
): boolean {
  return notes.some((note) => {
    let embeds = known.get(note)
    if (embeds === undefined) {
      embeds = note.comments.some((comment) =>
        comment.posts.some((post) => isEmbeddedPost(post, options.embedPosts)),
      )
      known.set(note, embeds)
    }
    return embeds
  })
}

/** Whether the caller replaced any template with one of their own. */
function replacesTemplates(templates: Partial<Templates> | undefined): boolean {
  if (templates === undefined) return false
  return (Object.keys(defaultTemplates) as Array<keyof Templates>).some(
    (name) => templates[name] !== undefined && templates[name] !== defaultTemplates[name],
  )
}

/**
 * Plans the static site of a collection: the files {@link renderHtml} returns, in the same order,
 * each with its `dependsOn` and built only when its `render()` is called. Note cards are built
 * once per plan and shared by the pages that show them, so render the files of one plan in one
 * thread. Options are checked when `planHtml` is called (it throws as {@link renderHtml} does),
 * not when the first file is taken.
 *
 * `dependsOn.notes` of a page is every note it shows in any form: its cards or its own note, and
 * the notes it links to by title (`#123` references and issue links in comments, related notes,
 * back-links). Its `key` fingerprints the rest it reads of the collection: the note and tag
 * counts of the footer, the tag list (index), the tag, page number and count (tag pages), the
 * slugs of the tags the notes link to, and what each reference resolves to. The stylesheet and
 * icon depend on nothing (`key: ''`). With caller `templates`, pages have no `dependsOn` (a
 * template may read anything), so a host renders them every time.
 *
 * With the default templates, tag pages also have `pieces()`: their own HTML as text and each
 * card as a piece whose `dependsOn` is its note and the notes it links to, keyed by what the card
 * reads and the page's folder, so a host may copy unchanged cards from the page it wrote before.
 *
 * @example
 * import { createCollection, renderPlannedFiles } from '@paper-notes/core'
 * import { planHtml } from '@paper-notes/render-html'
 *
 * const plan = [...planHtml(createCollection(notes), { pageSize: 30 })]
 * plan.map((file) => file.path) // => ['style.css', 'favicon.svg', 'index.html', 'tags/nlp.html', …]
 * plan.find((file) => file.path === 'notes/4175.html')?.dependsOn?.notes.map((note) => note.id)
 * // => ['4175', '4100', …] (the note, then the notes it links to)
 * renderPlannedFiles(plan) // => the files renderHtml returns
 */
export function planHtml(
  collection: Collection,
  options: HtmlRenderOptions = {},
): Iterable<PlannedFile> {
  return planHtmlWithCardCache(collection, options, {})
}

/**
 * {@link planHtml} with its card cache bounded by `cardCache` (internal, not exported by the
 * package: tests render with a tiny bound to check that it changes no byte).
 *
 * @internal
 */
export function planHtmlWithCardCache(
  collection: Collection,
  options: HtmlRenderOptions,
  cardCache: NoteCardCacheOptions,
): Iterable<PlannedFile> {
  const resolved = resolveHtmlOptions(options)
  const templates: Templates = { ...defaultTemplates, ...options.templates }
  const replaced = replacesTemplates(options.templates)
  const dependencies = replaced ? undefined : new PageDependencies(collection)
  // Only a template of the caller's can copy a card's HTML into a `raw` node of its own.
  const cards = { recordsCopies: replaced, maxBytes: resolved.cacheBytes, ...cardCache }
  return planSite(collection, resolved, templates, dependencies, cards)
}

function* planSite(
  collection: Collection,
  resolved: ResolvedHtmlOptions,
  templates: Templates,
  dependencies: PageDependencies | undefined,
  cardCache: NoteCardCacheOptions,
): Generator<PlannedFile> {
  yield {
    path: stylesheetPath,
    mediaType: cssMediaType,
    dependsOn: noDependencies,
    render: () => stylesheet,
  }
  yield {
    path: faviconPath,
    mediaType: svgMediaType,
    dependsOn: noDependencies,
    render: () => favicon,
  }
  const cards = new NoteCardCache(cardCache)
  const embeddedPosts = new Map<Note, boolean>()
  const page = (
    path: string,
    title: string,
    kind: LayoutInput['kind'],
    shownNotes: readonly Note[],
    dependsOn: (pages: PageDependencies) => FileDependencies,
    build: (context: PageContext) => Element,
  ): PlannedFile => {
    /** The page as HTML, with its cards or, after `prepare` deferred them, their placeholders. */
    const html = (prepare?: (context: PageContext) => void) => {
      const context = createPageContext(collection, resolved, templates, path)
      useNoteCardCache(context, cards)
      prepare?.(context)
      const tree: Root = templates.layout(
        {
          title,
          kind,
          content: build(context),
          loadsPostEmbedScript: showsEmbeddedPost(shownNotes, resolved, embeddedPosts),
        },
        context,
      )
      return `${serializePage(tree, cards.trusts)}\n`
    }
    // dependsOn is worked out when a host asks (a cache does; `renderHtml` does not).
    const file = plannedFile(
      path,
      htmlMediaType,
      () => (dependencies === undefined ? undefined : dependsOn(dependencies)),
      () => html(),
    )
    // A page of cards, with the default templates (whose cards depend only on what
    // `PageDependencies.card` says), also comes in pieces: a host may copy the cards of
    // unchanged notes from the page it wrote before instead of building them.
    if (kind === 'tag' && dependencies !== undefined) {
      const pages = dependencies
      file.pieces = function* () {
        let context: PageContext | undefined
        let deferred: DeferredCards | undefined
        const text = html((pageContext) => {
          context = pageContext
          deferred = cards.deferCards(pageContext)
        })
        const parts = text.split(deferred!.pattern)
        const directory = directoryOf(path)
        yield parts[0]!
        for (let i = 1; i < parts.length; i += 2) {
          const note = deferred!.notes[Number(parts[i])]!
          yield {
            dependsOn: pages.card(note, directory),
            make: () => cards.cardHtml(note, context!),
          }
          yield parts[i + 1]!
        }
      }
    }
    return file
  }

  const newest = collection.notes.slice(0, resolved.pageSize)
  yield page(
    'index.html',
    resolved.siteTitle,
    'index',
    [],
    (pages) => pages.index(newest),
    (context) => templates.indexPage({ tags: collection.tags, newest }, context),
  )

  for (const tag of collection.tags) {
    const notes = collection.withTag(tag.slug)
    const pageCount = Math.max(1, Math.ceil(notes.length / resolved.pageSize))
    for (let n = 1; n <= pageCount; n++) {
      const shown = notes.slice((n - 1) * resolved.pageSize, n * resolved.pageSize)
      const title = pageCount > 1 ? `#${tag.name} (page ${n})` : `#${tag.name}`
      yield page(
        tagPagePath(tag.slug, n),
        title,
        'tag',
        shown,
        (pages) => pages.tagPage(tag, shown, n, pageCount),
        (context) => templates.tagPage({ tag, notes: shown, page: n, pageCount }, context),
      )
    }
  }

  for (const note of collection.notes) {
    yield page(
      notePagePath(note.id),
      pageTitle(note) || cardTitle(note),
      'note',
      [note],
      (pages) => pages.notePage(note),
      (context) => templates.notePage(note, context),
    )
  }
}

/**
 * Renders a collection as a static site that needs no server and no JavaScript:
 * `index.html`, `tags/<slug>.html` (and `tags/<slug>/page-<n>.html` for large tags),
 * `notes/<id>.html`, `style.css` and `favicon.svg`, with relative links between them. The same collection and
 * options always give byte-identical files. It renders every file of {@link planHtml}.
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
  return renderPlannedFiles(planHtml(collection, options))
}

/** The version of this package, and so of its output: `htmlRenderer.version`. */
export const htmlRendererVersion: string = packageJson.version

/**
 * The HTML renderer as a `Renderer` plugin (`name: 'html'`); `render` is {@link renderHtml},
 * `plan` is {@link planHtml}, and `version` this package's version (hosts that cache files drop
 * them when it changes).
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
  version: htmlRendererVersion,
  render: (collection, options) => renderHtml(collection, options),
  plan: (collection, options) => planHtml(collection, options),
  // A page's key reads counts, tags, slugs and what references resolve to (the outline), and
  // the comments of the notes it lists (see plan-dependencies.ts).
  plansFromOutline: true,
})
