/**
 * Note cards built once per render: a note shows on about eight tag pages, and building and
 * serializing its card for each of them was most of the time of a large site. The card is
 * serialized once, as `hast-util-to-html` writes it with its safe defaults (see `hast-html.ts`),
 * and placed in every page as a trusted `raw` node (see `page-serialization.ts`).
 */
import type { Note } from '@paper-notes/core'
import type { ElementContent } from 'hast'
import { hastToHtml } from './hast-html.js'
import { noteCard as defaultNoteCard } from './note-card.js'
import type { PageContext } from './page-context.js'

/**
 * A hast `raw` node (HTML written into the page as it is), typed as the element content it is
 * placed among: `@types/hast` only knows it through `mdast-util-to-hast`'s augmentation.
 */
function rawNode(html: string): ElementContent {
  return Object.freeze({ type: 'raw', value: html }) as unknown as ElementContent
}

/**
 * One built card and what it read of the page it was built for: the links it asked for
 * (`href(to)` → result) and, when it read it, the page's `path`.
 */
interface BuiltCard {
  readonly hrefs: ReadonlyMap<string, string>
  readonly path: string | undefined
  readonly html: string
}

/** The directory part of a site path (`tags/a/page-2.html` → `tags/a/`). */
function directoryOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1)
}

/**
 * The default card of a note with its links left open: `segments[0]`, the link to `targets[0]`,
 * `segments[1]`, … The default `noteCard` depends on its page only through `href`, whose results
 * it writes into `href` attributes and nowhere else, so filling the links in for a page gives the
 * card that page would build.
 */
interface OpenCard {
  readonly segments: readonly string[]
  readonly targets: readonly string[]
}

/** Links written into an attribute as they are (no character `hast-util-to-html` escapes). */
const verbatimHref = /^[A-Za-z0-9._~/-]*$/

/**
 * The cards of one render. A card built for one page is reused on another page when everything
 * it read of its page is the same there: every link it asked `href` for resolves to the same
 * relative URL, and it did not read `path` (or `path` is the same). Relative URLs depend only on
 * the page's directory, so a card is checked once per directory.
 */
export class NoteCardCache {
  /** Every card's HTML: the only `raw` values a page of this render writes unescaped. */
  readonly #trustedHtml: string[] = []
  /** {@link NoteCardCache.#trustedHtml} as a set, made when first needed. */
  #trustedHtmlSet: Set<string> | undefined
  /** The (frozen) `raw` nodes {@link NoteCardCache.card} returned. */
  readonly #cardNodes = new WeakSet<object>()
  readonly #cards = new Map<Note, BuiltCard[]>()
  readonly #byDirectory = new Map<Note, Map<string, BuiltCard>>()
  readonly #openCards = new Map<Note, OpenCard | null>()
  readonly #filledCards = new Map<Note, Map<string, string>>()
  /** The placeholder links of this render's open cards: `<marker><index>-`. */
  readonly #marker = `paper-notes-href-${crypto.randomUUID()}-`
  readonly #placeholders = new RegExp(`${this.#marker}(\\d+)-`)

  /**
   * The card of `note` on the page of `context`, built with `context.templates.noteCard` (the
   * caller's template when they replaced it) the first time it is needed there, as a `raw` node
   * of its serialized HTML.
   */
  card(note: Note, context: PageContext): ElementContent {
    const node = rawNode(this.#cardHtml(note, context))
    this.#cardNodes.add(node)
    return node
  }

  /**
   * Whether a page of this render writes `node` as it is: a card node this cache returned
   * (frozen, so still holding its card's HTML), or any `raw` node whose value is the HTML of one
   * of its cards. Card nodes are recognised without hashing their HTML; only another `raw` node
   * (a template's copy) makes the set of card HTML.
   */
  readonly trusts = (node: { readonly value: string }): boolean => {
    if (this.#cardNodes.has(node)) return true
    this.#trustedHtmlSet ??= new Set(this.#trustedHtml)
    return this.#trustedHtmlSet.has(node.value)
  }

  #trust(html: string): void {
    this.#trustedHtml.push(html)
    this.#trustedHtmlSet?.add(html)
  }

  #cardHtml(note: Note, context: PageContext): string {
    const directory = directoryOf(context.path)
    if (context.templates.noteCard === defaultNoteCard) {
      const html = this.#defaultCardHtml(note, context, directory)
      if (html !== undefined) return html
    }
    let byDirectory = this.#byDirectory.get(note)
    const known = byDirectory?.get(directory)
    if (known) return known.html
    const cards = this.#cards.get(note) ?? []
    const reusable = cards.find((card) => fitsPage(card, context))
    const card = reusable ?? buildCard(note, context)
    if (!reusable) {
      cards.push(card)
      this.#cards.set(note, cards)
      this.#trust(card.html)
    }
    if (card.path === undefined) {
      // Only cards that did not read `path` are the same on every page of a directory.
      if (!byDirectory) {
        byDirectory = new Map()
        this.#byDirectory.set(note, byDirectory)
      }
      byDirectory.set(directory, card)
    }
    return card.html
  }

  /**
   * The default card of `note` for the pages of `directory`: its open card with the links
   * filled in, once per directory; `undefined` when the card cannot be left open or a link is
   * not written verbatim (then it is built for the page like any other card).
   */
  #defaultCardHtml(note: Note, context: PageContext, directory: string): string | undefined {
    let open = this.#openCards.get(note)
    if (open === undefined) {
      open = openCard(note, context, this.#marker, this.#placeholders)
      this.#openCards.set(note, open)
    }
    if (open === null) return undefined
    const key = linkKey(directory, open.targets)
    let filled = this.#filledCards.get(note)
    const known = filled?.get(key)
    if (known !== undefined) return known
    let html = open.segments[0]!
    for (let i = 0; i < open.targets.length; i++) {
      const href = context.href(open.targets[i]!)
      if (!verbatimHref.test(href)) return undefined
      html += href + open.segments[i + 1]!
    }
    if (!filled) {
      filled = new Map()
      this.#filledCards.set(note, filled)
    }
    filled.set(key, html)
    this.#trust(html)
    return html
  }
}

/**
 * Which pages a card's links are the same on: the pages of `directory`, or, when none of the
 * card's `targets` is inside `directory`, the pages of every folder beside it (the pages of
 * `tags/a/` and `tags/b/`: a tag's second and later pages). A relative URL from a folder to a
 * path outside it is `../` and the URL from the folder's parent, so it is the same from every
 * such folder of one parent; a card is then filled once for all of them instead of once per tag.
 */
export function linkKey(directory: string, targets: readonly string[]): string {
  if (directory === '' || targets.some((target) => target.startsWith(directory))) return directory
  // Not a folder name: paths never hold a NUL.
  return `${directory.slice(0, directory.lastIndexOf('/', directory.length - 2) + 1)}\0*`
}

/**
 * Builds the default card of `note` with a unique placeholder for each link, and cuts its HTML
 * at the placeholders; `null` when a placeholder is not found exactly once.
 */
function openCard(
  note: Note,
  context: PageContext,
  marker: string,
  placeholders: RegExp,
): OpenCard | null {
  const targets: string[] = []
  const opening: PageContext = {
    collection: context.collection,
    options: context.options,
    templates: context.templates,
    path: context.path,
    href(to: string) {
      targets.push(to)
      return `${marker}${targets.length - 1}-`
    },
  }
  const html = hastToHtml(defaultNoteCard(note, opening))
  const parts = html.split(placeholders)
  if (parts.length !== targets.length * 2 + 1) return null
  // The links are written in page order, which need not be the order they were asked for.
  const segments = [parts[0]!]
  const written: string[] = []
  const seen = new Set<number>()
  for (let i = 1; i < parts.length; i += 2) {
    const index = Number(parts[i])
    if (seen.has(index) || targets[index] === undefined) return null
    seen.add(index)
    written.push(targets[index])
    segments.push(parts[i + 1]!)
  }
  return { segments, targets: written }
}

function fitsPage(card: BuiltCard, context: PageContext): boolean {
  if (card.path !== undefined && card.path !== context.path) return false
  for (const [to, href] of card.hrefs) if (context.href(to) !== href) return false
  return true
}

/** Builds and serializes a card, recording what it reads of its page. */
function buildCard(note: Note, context: PageContext): BuiltCard {
  const hrefs = new Map<string, string>()
  let readsPath = false
  const recording: PageContext = {
    collection: context.collection,
    options: context.options,
    templates: context.templates,
    get path() {
      readsPath = true
      return context.path
    },
    href(to: string) {
      const href = context.href(to)
      hrefs.set(to, href)
      return href
    },
  }
  const html = hastToHtml(context.templates.noteCard(note, recording))
  return { hrefs, path: readsPath ? context.path : undefined, html }
}

const caches = new WeakMap<PageContext, NoteCardCache>()

/** Makes the pages of `context` share the cards of `cache` (done by the renderer per page). */
export function useNoteCardCache(context: PageContext, cache: NoteCardCache): void {
  caches.set(context, cache)
}

/** The card cache of the render `context` belongs to, if any. */
export function noteCardCacheOf(context: PageContext): NoteCardCache | undefined {
  return caches.get(context)
}
