/**
 * Tag slugs: URL- and file-safe names for tag pages and feeds.
 *
 * A slug uses only `a-z`, `0-9` and `-`. ASCII tags stay readable
 * (`Catastrophic Forgetting` → `catastrophic-forgetting`, `PEFT(Adaptor/LoRA)` →
 * `peft-adaptor-lora`); accents are folded (`Café` → `cafe`). A tag with letters or digits
 * outside ASCII (Japanese tag names exist) keeps its ASCII part and gets a short stable hash of
 * its name (`日本語` → `tag-…`, `日本語 NLP` → `nlp-…`), so different tags never share a base slug
 * by losing their non-ASCII part.
 */
import { stableHash } from './hash.js'

const maxLength = 80

/** Names that Windows reserves for devices: a file `con.html` cannot be created there. */
const reserved = new Set([
  'con',
  'prn',
  'aux',
  'nul',
  ...Array.from({ length: 9 }, (_, i) => `com${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `lpt${i + 1}`),
])

/**
 * The base slug of one tag name, independent of any other tag. Use {@link createTagSlugger}
 * (or a collection's `tags`) for slugs that are unique within a set of tags.
 */
export function slugifyTag(name: string): string {
  const normalized = name.normalize('NFC').trim()
  const folded = normalized
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
  let ascii = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  const lost = /[^\p{ASCII}]/u.test(folded.replace(/[^\p{L}\p{N}]/gu, ''))
  let needsHash = lost || ascii === ''
  if (ascii.length > maxLength) {
    ascii = ascii.slice(0, maxLength).replace(/-+$/, '')
    needsHash = true
  }
  if (reserved.has(ascii)) ascii = `${ascii}-tag`
  if (!needsHash) return ascii
  return `${ascii || 'tag'}-${stableHash(normalized).slice(0, 8)}`
}

/** Assigns unique slugs to tag names. */
export interface TagSlugger {
  /** The slug of `name`, assigning one on first sight. */
  slug(name: string): string
}

/**
 * Makes slugs unique across many tags: a tag whose base slug is taken gets `-2`, `-3`, ….
 * Assignment depends on the order of first sight, so pass tags in a stable order (a collection
 * sorts them by name first).
 */
export function createTagSlugger(): TagSlugger {
  const byName = new Map<string, string>()
  const used = new Set<string>()
  return {
    slug(name) {
      const key = name.normalize('NFC')
      const known = byName.get(key)
      if (known !== undefined) return known
      const base = slugifyTag(key)
      let slug = base
      for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`
      used.add(slug)
      byName.set(key, slug)
      return slug
    },
  }
}
