/**
 * Collections (NOTE-FORMAT.md §4): notes indexed by id and tag, sorted newest first, with tag
 * counts, related references resolved to notes, back-links, and duplicates merged.
 */
import type { Diagnostic } from './diagnostic.js'
import { smallHash } from './hash.js'
import type { Comment, Note, RelatedRef, Section } from './model.js'
import { createTagSlugger } from './slug.js'

/** A tag of a collection. */
export interface TagInfo {
  /** The tag as written on its notes (the first spelling seen). */
  readonly name: string
  /** Unique within the collection, URL- and file-safe (see `slugifyTag`). */
  readonly slug: string
  /** How many notes carry it. */
  readonly count: number
}

/** A read-only, indexed set of notes. */
export interface Collection {
  /** Every note, newest issue date first; notes of one day by id, descending (see {@link compareNotes}). */
  readonly notes: readonly Note[]
  /** Every tag, most used first, ties by name (code point order). */
  readonly tags: readonly TagInfo[]
  /** What building the collection found (duplicate notes). */
  readonly diagnostics: readonly Diagnostic[]
  /** The note with this id (or the id of a duplicate merged into it). */
  get(id: string): Note | undefined
  /** The tag with this name or slug. */
  tag(nameOrSlug: string): TagInfo | undefined
  /** The notes with this tag (by name or slug), newest first; empty for an unknown tag. */
  withTag(nameOrSlug: string): readonly Note[]
  /**
   * The note a related reference points at: by issue number (or issue URL), then by exact title
   * line, then by normalised title (see {@link normalizeTitle}). `undefined` when none matches.
   */
  resolve(ref: RelatedRef): Note | undefined
  /** The notes that note `id` refers to in its comments, in the order it mentions them. */
  related(id: string): readonly Note[]
  /** The notes that refer to note `id` ("referenced by"), in collection order. */
  backlinks(id: string): readonly Note[]
}

const issuePattern = /\/issues\/(\d+)\/?(?:[#?].*)?$/

function nfc(text: string): string {
  return text.normalize('NFC')
}

/**
 * A title reduced for loose comparison: NFKC, lower case, no `[Paper Note]` prefix, every run of
 * characters that are not letters or digits turned into one space.
 *
 * @example
 * normalizeTitle('[Paper Note] KTO: Model  Alignment…') // => 'kto model alignment'
 */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^\s*\[paper note\]\s*/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/
  if (numeric.test(a) && numeric.test(b)) {
    if (a.length !== b.length) return a.length - b.length
  }
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The collection order: newest issue date first; notes of the same day by id, descending
 * (numerically for issue numbers, so the later issue comes first).
 */
export function compareNotes(a: Note, b: Note): number {
  if (a.issueDate !== b.issueDate) return a.issueDate < b.issueDate ? 1 : -1
  return -compareIds(a.id, b.id)
}

function issueNumberOf(note: Note): number | undefined {
  if (/^\d+$/.test(note.id)) return Number(note.id)
  const match = note.links.issue ? issuePattern.exec(note.links.issue) : null
  return match ? Number(match[1]) : undefined
}

function union<T>(first: readonly T[], second: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set(first.map(key))
  const out = [...first]
  for (const item of second) {
    const k = key(item)
    if (!seen.has(k)) {
      seen.add(k)
      out.push(item)
    }
  }
  return out
}

const commentKey = (comment: Comment) => comment.markdown.replace(/\s+/g, ' ').trim()
const sectionKey = (section: Section) => `${section.heading}\n${section.markdown}`

/** Merges a duplicate into the note seen first: the first wins, the second fills gaps. */
function mergeNotes(first: Note, second: Note): Note {
  const titled = first.titleLine !== '' || second.titleLine === '' ? first : second
  const merged: Note = {
    ...first,
    kind: titled.kind,
    titleLine: titled.titleLine,
    title: titled.title,
    etAl: titled.etAl,
    venue: titled.venue ?? (titled === first ? second : first).venue,
    published: first.published ?? second.published,
    authors: first.authors.length > 0 ? first.authors : second.authors,
    tags: union(first.tags, second.tags, nfc),
    links: { ...second.links, ...first.links },
    abstract: first.abstract ?? second.abstract,
    translation: first.translation ?? second.translation,
    summary: first.summary ?? second.summary,
    sections: union(first.sections, second.sections, sectionKey),
    comments: union(first.comments, second.comments, commentKey),
  }
  if (first.extra || second.extra) merged.extra = { ...second.extra, ...first.extra }
  return merged
}

/** The normalized forms of a note's title and title line, the keys it has in a {@link TitleIndex}. */
function titleKeys(note: Note): [string, string] {
  return [normalizeTitle(note.title), normalizeTitle(note.titleLine)]
}

/** Whether `key` is one of `note`'s {@link titleKeys}: its title line normalized only if need be. */
function hasTitleKey(note: Note, key: string): boolean {
  return normalizeTitle(note.title) === key || normalizeTitle(note.titleLine) === key
}

/**
 * The first note of each normalized title (see {@link normalizeTitle}). Its keys are two new
 * strings per note, most of what a collection's indexes hold (~6 MB for 20,000 notes), so it
 * keeps the note under a 32-bit hash of the key instead, and a hit is checked against the note's
 * own keys. A key whose hash an earlier, different key already took is kept as itself.
 */
class TitleIndex {
  readonly #byHash = new Map<number, Note>()
  readonly #taken = new Map<string, Note>()

  /** Adds `note` under `key` unless an earlier note has that key. */
  add(key: string, note: Note): void {
    if (key === '') return
    const hash = smallHash(key)
    const first = this.#byHash.get(hash)
    if (first === undefined) this.#byHash.set(hash, note)
    else if (!hasTitleKey(first, key) && !this.#taken.has(key)) this.#taken.set(key, note)
  }

  /** The first note added under `key`. */
  get(key: string): Note | undefined {
    const first = this.#byHash.get(smallHash(key))
    if (first !== undefined && hasTitleKey(first, key)) return first
    return this.#taken.get(key)
  }
}

function describeSource(note: Note): string {
  const { file, line, column } = note.source
  return `${file ?? `(${note.source.format} input)`}:${line}:${column}`
}

/**
 * Builds a collection from notes, in any order.
 *
 * Duplicates (the same id, or the same issue date and non-empty title line) are merged into the
 * note seen first, with a `duplicate-note` warning; the duplicate's id still finds the merged note.
 *
 * @example
 * const collection = createCollection(notes)
 * collection.tags[0] // => { name: 'NLP', slug: 'nlp', count: 120 }
 * collection.withTag('Catastrophic Forgetting').length
 */
export function createCollection(notes: Iterable<Note>): Collection {
  const diagnostics: Diagnostic[] = []
  const canonical = new Map<string, Note>()
  /** The id of the note each duplicate was merged into, by the duplicate's id. */
  const aliases = new Map<string, string>()
  const byDateAndTitle = new Map<string, string>()
  const dateTitleKey = (note: Note) =>
    note.titleLine.trim() === '' ? undefined : `${note.issueDate}\n${nfc(note.titleLine.trim())}`

  for (const note of notes) {
    const key = dateTitleKey(note)
    const existingId =
      (canonical.has(note.id) ? note.id : aliases.get(note.id)) ??
      (key ? byDateAndTitle.get(key) : undefined)
    if (existingId === undefined) {
      canonical.set(note.id, note)
      if (key) byDateAndTitle.set(key, note.id)
      continue
    }
    const existing = canonical.get(existingId)!
    const merged = mergeNotes(existing, note)
    canonical.set(existingId, merged)
    if (note.id !== existingId) aliases.set(note.id, existingId)
    const mergedKey = dateTitleKey(merged)
    if (mergedKey && !byDateAndTitle.has(mergedKey)) byDateAndTitle.set(mergedKey, existingId)
    const why =
      note.id === existingId ? `the same id "${note.id}"` : 'the same issue date and title line'
    diagnostics.push({
      code: 'duplicate-note',
      severity: 'warning',
      message: `Note "${note.id}" has ${why} as note "${existingId}" (${describeSource(existing)}); merged into it.`,
      file: note.source.file,
      line: note.source.line,
      column: note.source.column,
      noteId: note.id,
    })
  }

  const sorted = Object.freeze([...canonical.values()].sort(compareNotes))

  // Tags: counted per note, slugs assigned in name order so they do not depend on note order.
  const tagCounts = new Map<string, { name: string; count: number; notes: Note[] }>()
  for (const note of sorted) {
    for (const tag of new Set(note.tags.map(nfc))) {
      const entry = tagCounts.get(tag) ?? { name: tag, count: 0, notes: [] }
      entry.count++
      entry.notes.push(note)
      tagCounts.set(tag, entry)
    }
  }
  const slugger = createTagSlugger()
  const tagByKey = new Map<string, TagInfo>()
  const tagBySlug = new Map<string, TagInfo>()
  const notesByTag = new Map<string, readonly Note[]>()
  for (const key of [...tagCounts.keys()].sort()) {
    const entry = tagCounts.get(key)!
    const info: TagInfo = Object.freeze({
      name: entry.name,
      slug: slugger.slug(key),
      count: entry.count,
    })
    tagByKey.set(key, info)
    tagBySlug.set(info.slug, info)
    // A copy the size of its contents: a list grown by `push` keeps room to grow.
    notesByTag.set(info.slug, Object.freeze(entry.notes.slice()))
  }
  const tags = Object.freeze(
    [...tagByKey.values()].sort((a, b) =>
      a.count !== b.count ? b.count - a.count : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    ),
  )

  // Indexes for related references, earliest key wins in collection order.
  const byIssue = new Map<number, Note>()
  const byIssueUrl = new Map<string, Note>()
  const byTitleLine = new Map<string, Note>()
  const byTitle = new TitleIndex()
  const setFirst = <K>(map: Map<K, Note>, key: K | undefined, note: Note) => {
    if (key !== undefined && key !== '' && !map.has(key)) map.set(key, note)
  }
  for (const note of sorted) {
    setFirst(byIssue, issueNumberOf(note), note)
    setFirst(byIssueUrl, note.links.issue, note)
    setFirst(byTitleLine, nfc(note.titleLine.trim()), note)
    for (const key of titleKeys(note)) byTitle.add(key, note)
  }
  for (const [alias, id] of aliases) {
    if (/^\d+$/.test(alias)) setFirst(byIssue, Number(alias), canonical.get(id)!)
  }

  const resolve = (ref: RelatedRef): Note | undefined => {
    if (ref.issue !== undefined) {
      const hit = byIssue.get(ref.issue)
      if (hit) return hit
    }
    if (ref.url !== undefined) {
      const hit = byIssueUrl.get(ref.url)
      if (hit) return hit
      const match = issuePattern.exec(ref.url)
      const byNumber = match ? byIssue.get(Number(match[1])) : undefined
      if (byNumber) return byNumber
    }
    for (const text of [ref.titleLine, ref.text]) {
      const hit = text === undefined ? undefined : byTitleLine.get(nfc(text.trim()))
      if (hit) return hit
    }
    for (const text of [ref.titleLine, ref.text]) {
      const key = text === undefined ? '' : normalizeTitle(text)
      const hit = key === '' ? undefined : byTitle.get(key)
      if (hit) return hit
    }
    return undefined
  }

  // Only notes that have some are listed, each list a frozen copy the size of its contents
  // (a list grown by `push` keeps room for 16 more): a collection lives as long as its render.
  const relatedById = new Map<string, readonly Note[]>()
  const backlinksById = new Map<string, Note[] | readonly Note[]>()
  for (const note of sorted) {
    const targets: Note[] = []
    for (const comment of note.comments) {
      for (const ref of comment.related) {
        const target = resolve(ref)
        if (target && target.id !== note.id && !targets.includes(target)) targets.push(target)
      }
    }
    if (targets.length === 0) continue
    relatedById.set(note.id, Object.freeze(targets.slice()))
    for (const target of targets) {
      const list = backlinksById.get(target.id)
      if (list === undefined) backlinksById.set(target.id, [note])
      else (list as Note[]).push(note)
    }
  }
  for (const [id, list] of backlinksById) backlinksById.set(id, Object.freeze(list.slice()))

  const tagOf = (nameOrSlug: string) => tagByKey.get(nfc(nameOrSlug)) ?? tagBySlug.get(nameOrSlug)
  const canonicalId = (id: string) => aliases.get(id) ?? id
  const empty: readonly Note[] = Object.freeze([])

  return Object.freeze({
    notes: sorted,
    tags,
    diagnostics: Object.freeze(diagnostics),
    get: (id: string) => canonical.get(canonicalId(id)),
    tag: tagOf,
    withTag(nameOrSlug: string) {
      const tag = tagOf(nameOrSlug)
      return tag ? notesByTag.get(tag.slug)! : empty
    },
    resolve,
    related: (id: string) => relatedById.get(canonicalId(id)) ?? empty,
    backlinks: (id: string) => backlinksById.get(canonicalId(id)) ?? empty,
  })
}
