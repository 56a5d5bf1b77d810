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
import { createPageContext, type PageContext } from './page-context.js'

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
export function directoryOf(path: string): string {
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

/** The most a render's card cache keeps by default, in bytes (see {@link NoteCardCache}). */
export const defaultCardCacheBytes = 48 * 1024 * 1024

/** The cards of a page left as placeholders (see {@link NoteCardCache.deferCards}). */
export interface DeferredCards {
  /** What every placeholder starts with; the card's index and `-` follow. */
  readonly marker: string
  /** Matches a placeholder, the card's index captured (for `split`). */
  readonly pattern: RegExp
  /** The note of each placeholder, by index, in the order the page asked for them. */
  readonly notes: Note[]
}

/** How a {@link NoteCardCache} is bounded (internal: tests shrink it). */
export interface NoteCardCacheOptions {
  /**
   * The most the cache keeps, in bytes counted as 2 per UTF-16 code unit of the strings it
   * holds (open cards' segments, built cards' HTML); default {@link defaultCardCacheBytes}.
   */
  readonly maxBytes?: number
  /**
   * Whether every card handed out is recorded (as a fingerprint and how to build it again) so
   * that {@link NoteCardCache.trusts} knows a copy of its HTML in another `raw` node; default
   * `true`. Without it, only the cache's own card nodes are trusted. A render with the default
   * templates makes no such copies (the cache's card nodes are its only `raw` nodes), and the
   * record grows with every card handed out (about one per note and tag folder).
   */
  readonly recordsCopies?: boolean
}

/**
 * What the cache holds of one note: its open default card, the cards built by a template, the
 * bytes of their strings, and which of its cards it has handed out while holding them (their
 * {@link CardRecipe}s are recorded then).
 */
interface NoteCards {
  open: OpenCard | null | undefined
  readonly built: BuiltCard[]
  readonly byDirectory: Map<string, BuiltCard>
  readonly handedOut: Set<string>
  bytes: number
}

/**
 * How to build a card this cache handed out again: its note, the path of a page it was made for
 * (the card of the note on that page is the same HTML) and which of the note's cards it is (a
 * {@link linkKey}, a directory, or a page path, for a card that read `path`). Not the page's
 * context: each holds its folder's memo of relative URLs, and keeping one per card kept every
 * memo of a large site alive (~440,000 URLs at 20,000 notes).
 */
interface CardRecipe {
  readonly note: Note
  readonly path: string
  readonly variant: string
}

/**
 * The cards of one render. A card built for one page is reused on another page when everything
 * it read of its page is the same there: every link it asked `href` for resolves to the same
 * relative URL, and it did not read `path` (or `path` is the same). Relative URLs depend only on
 * the page's directory, so a card is checked once per directory. The default card is kept open
 * (its HTML cut at its links) and filled in for each page, which costs a few concatenations.
 *
 * The cache is bounded: it keeps the cards of the notes it is asked for first while their
 * strings take at most `maxBytes` (counted as 2 bytes per UTF-16 code unit), and does not keep the
 * cards of the notes beyond that: those are built for each page that asks, exactly as the first
 * time, so the pages are the same bytes with any bound. (Dropping the note used least recently
 * instead rebuilt 6% more cards for the site of 20,000 generated notes: tag pages go through the
 * notes tag by tag, so a note mostly comes back only after more notes than the cache holds, just
 * after it was dropped.) The default bound holds every card of the site of 6,000
 * generated notes (27 MB of open cards).
 */
export class NoteCardCache {
  readonly #maxBytes: number
  /** See {@link NoteCardCacheOptions.recordsCopies}. */
  readonly #recordsCopies: boolean
  #bytes = 0
  /** The cards kept, by note. */
  readonly #notes = new Map<Note, NoteCards>()
  /** The (frozen) `raw` nodes {@link NoteCardCache.card} returned. */
  readonly #cardNodes = new WeakSet<object>()
  /**
   * Every card handed out, kept as a {@link fingerprint} of its HTML and how to build it again,
   * never as the HTML: strings of a card that left the cache are not kept alive.
   */
  readonly #handedOut = new Map<number, CardRecipe[]>()
  /** The first page a card was handed out for: its collection, options and templates. */
  #base: PageContext | undefined
  /** The placeholder links of this render's open cards: `<marker><index>-`. */
  readonly #marker = `paper-notes-href-${crypto.randomUUID()}-`
  readonly #placeholders = new RegExp(`${this.#marker}(\\d+)-`)
  /** The pages whose cards are placeholders (see {@link NoteCardCache.deferCards}). */
  readonly #deferred = new WeakMap<PageContext, DeferredCards>()
  readonly #deferMarker = `paper-notes-card-${crypto.randomUUID()}-`
  readonly #deferPattern = new RegExp(`${this.#deferMarker}(\\d+)-`)
  /** Which code units {@link fingerprint} reads, chosen per render (see there). */
  readonly #sampleOffset = crypto.getRandomValues(new Uint8Array(1))[0]! % fingerprintStride

  /** A cache of at most `options.maxBytes` (default {@link defaultCardCacheBytes}). */
  constructor(options: NoteCardCacheOptions = {}) {
    this.#maxBytes = options.maxBytes ?? defaultCardCacheBytes
    this.#recordsCopies = options.recordsCopies ?? true
  }

  /**
   * The bytes of the strings the cache holds now (2 per UTF-16 code unit of its open cards'
   * segments and built cards' HTML): at most `maxBytes` whenever {@link NoteCardCache.card}
   * has returned.
   */
  get bytes(): number {
    return this.#bytes
  }

  /**
   * The card of `note` on the page of `context`, built with `context.templates.noteCard` (the
   * caller's template when they replaced it) the first time it is needed there, or every time
   * when the cache is full, as a `raw` node of its serialized HTML. On a page whose cards are
   * deferred ({@link NoteCardCache.deferCards}), a placeholder instead.
   */
  card(note: Note, context: PageContext): ElementContent {
    const deferred = this.#deferred.get(context)
    let html: string
    if (deferred === undefined) {
      html = this.#html(note, context)
    } else {
      html = `${deferred.marker}${deferred.notes.length}-`
      deferred.notes.push(note)
    }
    const node = rawNode(html)
    this.#cardNodes.add(node)
    return node
  }

  /**
   * Makes the cards of the page of `context` placeholders, `<marker><index>-` (trusted like
   * cards, so written as they are): the page is serialized without its cards, and cut at the
   * placeholders (see {@link DeferredCards.pattern}) to give them one by one, each made by
   * {@link NoteCardCache.cardHtml} only when asked for. The marker is unique to this cache, so
   * no text of a note can hold it.
   */
  deferCards(context: PageContext): DeferredCards {
    const deferred: DeferredCards = {
      marker: this.#deferMarker,
      pattern: this.#deferPattern,
      notes: [],
    }
    this.#deferred.set(context, deferred)
    return deferred
  }

  /** The HTML of the card of `note` on the page of `context`, as {@link NoteCardCache.card} writes it. */
  cardHtml(note: Note, context: PageContext): string {
    return this.#html(note, context)
  }

  /**
   * Whether a page of this render writes `node` as it is: a card node this cache returned
   * (frozen, so still holding its card's HTML), or any `raw` node whose value is the HTML of one
   * of its cards. Card nodes are recognised without reading their HTML. Another `raw` node (a
   * template's copy of a card) is looked up by the {@link fingerprint} of its value among the
   * cards handed out, and trusted only when building such a card again for the page it was
   * made for gives exactly its value: a fingerprint that matches by chance or by design trusts
   * nothing, and no card's HTML is kept for this beyond the cache's bound.
   */
  readonly trusts = (node: { readonly value: string }): boolean => {
    if (this.#cardNodes.has(node)) return true
    const recipes = this.#handedOut.get(fingerprint(node.value, this.#sampleOffset))
    const base = this.#base
    if (recipes === undefined || base === undefined) return false
    return recipes.some(({ note, path }) => {
      const context = createPageContext(base.collection, base.options, base.templates, path)
      return this.#html(note, context) === node.value
    })
  }

  /**
   * The HTML of the card of `note` on the page of `context`, from the cache when it has it. The
   * note's cards are kept (or, when kept already, keep what was built for this page) while the
   * cache stays within its bound; a kept note whose cards grow beyond it (a template's card built
   * for one more folder or page) is dropped.
   */
  #html(note: Note, context: PageContext): string {
    const kept = this.#notes.get(note)
    const cards = kept ?? {
      open: undefined,
      built: [],
      byDirectory: new Map(),
      handedOut: new Set<string>(),
      bytes: 0,
    }
    const before = cards.bytes
    const html = this.#cardHtml(note, cards, context)
    const bytes = this.#bytes + cards.bytes - before
    if (bytes <= this.#maxBytes) {
      if (!kept) this.#notes.set(note, cards)
      this.#bytes = bytes
    } else if (kept) {
      this.#notes.delete(note)
      this.#bytes -= before
    }
    return html
  }

  /**
   * Records that the card `html` of `note`, `variant` among its cards, was handed out for the
   * page of `context` (checked once while the note's cards are kept, for every page when they
   * are not; recorded once per note and variant). Called only when the cache records copies.
   */
  #handOut(note: Note, cards: NoteCards, variant: string, html: string, context: PageContext) {
    if (cards.handedOut.has(variant)) return
    cards.handedOut.add(variant)
    // Every page of a render shares its collection, options and templates.
    this.#base ??= context
    const key = fingerprint(html, this.#sampleOffset)
    const recipes = this.#handedOut.get(key)
    const { path } = context
    if (!recipes) {
      this.#handedOut.set(key, [{ note, path, variant }])
    } else if (!recipes.some((recipe) => recipe.note === note && recipe.variant === variant)) {
      recipes.push({ note, path, variant })
    }
  }

  #cardHtml(note: Note, cards: NoteCards, context: PageContext): string {
    const directory = directoryOf(context.path)
    if (context.templates.noteCard === defaultNoteCard) {
      const html = this.#defaultCardHtml(note, cards, context, directory)
      if (html !== undefined) return html
    }
    const known = cards.byDirectory.get(directory)
    if (known) return known.html
    const reusable = cards.built.find((card) => fitsPage(card, context))
    const card = reusable ?? buildCard(note, context)
    if (!reusable) {
      cards.built.push(card)
      cards.bytes += card.html.length * 2
      if (this.#recordsCopies)
        this.#handOut(note, cards, card.path ?? directory, card.html, context)
    }
    // Only cards that did not read `path` are the same on every page of a directory.
    if (card.path === undefined) cards.byDirectory.set(directory, card)
    return card.html
  }

  /**
   * The default card of `note` for the pages of `directory`: its open card with the links
   * filled in; `undefined` when the card cannot be left open or a link is not written verbatim
   * (then it is built for the page like any other card).
   */
  #defaultCardHtml(
    note: Note,
    cards: NoteCards,
    context: PageContext,
    directory: string,
  ): string | undefined {
    let open = cards.open
    if (open === undefined) {
      open = openCard(note, context, this.#marker, this.#placeholders)
      cards.open = open
      if (open) cards.bytes += open.segments.reduce((sum, part) => sum + part.length * 2, 0)
    }
    if (open === null) return undefined
    let html = open.segments[0]!
    for (let i = 0; i < open.targets.length; i++) {
      const href = context.href(open.targets[i]!)
      if (!verbatimHref.test(href)) return undefined
      html += href + open.segments[i + 1]!
    }
    // Not worked out (the variant's key) for a cache that records nothing: this runs for every
    // card of every page.
    if (this.#recordsCopies)
      this.#handOut(note, cards, linkKey(directory, open.targets), html, context)
    return html
  }
}

/** How far apart the code units {@link fingerprint} reads are. */
const fingerprintStride = 16

/**
 * A 53-bit hash of the length of `text`, its first and last 64 code units and every
 * {@link fingerprintStride}th code unit from `offset` on: how {@link NoteCardCache.trusts} finds
 * the cards a `raw` value may be a copy of, cheap enough to take of every card handed out. It is
 * only a hint (a card is built again and compared before its HTML is trusted); `offset` is
 * chosen per render, so that notes cannot be written to give many cards one fingerprint.
 */
function fingerprint(text: string, offset: number): number {
  let h1 = 0xdeadbeef ^ text.length
  let h2 = 0x41c6ce57 ^ text.length
  const mix = (code: number): void => {
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  const ends = Math.min(64, text.length)
  for (let i = 0; i < ends; i++) mix(text.charCodeAt(i))
  for (let i = text.length - ends; i < text.length; i++) mix(text.charCodeAt(i))
  for (let i = offset; i < text.length; i += fingerprintStride) mix(text.charCodeAt(i))
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (h2 >>> 0) * 2 ** 21 + (h1 >>> 11)
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
