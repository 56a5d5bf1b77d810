/**
 * The site's URL scheme, shared by every renderer so that feeds and JSON link to the pages the
 * HTML renderer writes: `notes/<id>.html`, `tags/<slug>.html`, `tags/<slug>/page-<n>.html`.
 * Every path is relative, `/`-separated and file-safe.
 */
import { stableHash } from './hash.js'

const safeId = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/

/**
 * A file-safe form of a note id: the id itself when it is made of `A-Z a-z 0-9 _ -` (issue
 * numbers and generated ids are), else a slug of it plus a short hash, so distinct ids never
 * share a file.
 */
export function noteFileId(id: string): string {
  if (safeId.test(id)) return id
  const ascii = id
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${ascii || 'note'}-${stableHash(id).slice(0, 8)}`
}

/** The note's page: `notes/<id>.html`. */
export function notePagePath(id: string): string {
  return `notes/${noteFileId(id)}.html`
}

/** A tag's page: `tags/<slug>.html` for page 1, `tags/<slug>/page-<n>.html` after. */
export function tagPagePath(slug: string, page = 1): string {
  if (!Number.isInteger(page) || page < 1)
    throw new RangeError(`tag page must be a positive integer, got ${page}`)
  return page === 1 ? `tags/${slug}.html` : `tags/${slug}/page-${page}.html`
}

/**
 * Joins a site's base URL and a relative site path: `('https://x.org/notes', 'tags/a.html')` →
 * `https://x.org/notes/tags/a.html` (a missing trailing slash on the base is assumed).
 */
export function siteUrl(baseUrl: string, path: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
  return new URL(path, base).href
}

/**
 * The relative URL from one site path to another, for links inside pages:
 * `relativeUrl('tags/a.html', 'notes/1.html')` → `../notes/1.html`.
 */
export function relativeUrl(from: string, to: string): string {
  const fromDirs = from.split('/').slice(0, -1)
  const toParts = to.split('/')
  let common = 0
  while (
    common < fromDirs.length &&
    common < toParts.length - 1 &&
    fromDirs[common] === toParts[common]
  ) {
    common++
  }
  const up = fromDirs.length - common
  return `${'../'.repeat(up)}${toParts.slice(common).join('/')}`
}
