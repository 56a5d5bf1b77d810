/**
 * The page parts a caller can replace (`options.templates`), and the defaults.
 */
import type { Note, TagInfo } from '@paper-notes/core'
import type { Element, Root } from 'hast'
import { indexPage } from './index-page.js'
import { layout } from './layout.js'
import { noteCard } from './note-card.js'
import { notePage } from './note-page.js'
import type { PageContext } from './page-context.js'
import { tagPage } from './tag-page.js'

/** What {@link Templates.layout} wraps. */
export interface LayoutInput {
  /** The page's own title (the layout adds the site title). */
  readonly title: string
  /** What the page is: the index, a tag page or a note page. */
  readonly kind: 'index' | 'tag' | 'note'
  /**
   * The page's content, from `indexPage`, `tagPage` or `notePage`; goes into `<main>`. The
   * default `tagPage` has its note cards in it as serialized HTML (`raw` nodes).
   */
  readonly content: Element
  /** Whether the page shows embedded posts, so the layout must load the platform's script. */
  readonly loadsPostEmbedScript: boolean
}

/** What {@link Templates.indexPage} shows. */
export interface IndexPageInput {
  /** Every tag, most used first. */
  readonly tags: readonly TagInfo[]
  /** The newest notes (up to `pageSize`). */
  readonly newest: readonly Note[]
}

/** What {@link Templates.tagPage} shows: one page of a tag. */
export interface TagPageInput {
  /** The tag. */
  readonly tag: TagInfo
  /** The notes of this page, newest first. */
  readonly notes: readonly Note[]
  /** This page's number, from 1. */
  readonly page: number
  /** How many pages the tag has. */
  readonly pageCount: number
}

/**
 * Functions that build the parts of the pages as hast (use `hastscript`'s `h`). Everything they
 * return is serialized by `hast-util-to-html`, so text is always escaped; note content should go
 * through core's `toSafeHast` (or this package's `markdownContent`/`commentContent`).
 */
export interface Templates {
  /** The whole document (`<!doctype html>`, `<head>`, header, `<main>`, footer) of every page. */
  layout(page: LayoutInput, context: PageContext): Root
  /** The content of `index.html`. */
  indexPage(page: IndexPageInput, context: PageContext): Element
  /** The content of one page of a tag. */
  tagPage(page: TagPageInput, context: PageContext): Element
  /**
   * One note on a tag page. Called once per note in a render and reused on its other tag
   * pages, unless what it read of `context` differs there (an `href` result, or `path`): keep it
   * a function of its note and context.
   */
  noteCard(note: Note, context: PageContext): Element
  /** The content of a note's own page. */
  notePage(note: Note, context: PageContext): Element
}

/** The templates used where `options.templates` replaces nothing. */
export const defaultTemplates: Readonly<Templates> = Object.freeze({
  layout,
  indexPage,
  tagPage,
  noteCard,
  notePage,
})
