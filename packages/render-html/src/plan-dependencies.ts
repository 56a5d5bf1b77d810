/**
 * The `dependsOn` of planned pages: every note a page shows in any form (its cards, its own
 * note, the notes it links to by title), and a fingerprint of everything else the default
 * templates read of the collection (counts in the footer, tag names and slugs, which note each
 * reference in a comment resolves to).
 */
import type { Collection, Comment, FileDependencies, Note, TagInfo } from '@paper-notes/core'
import { fileDependencies, stableHash } from '@paper-notes/core'

/** What a note's card (or the same parts of its page) reads of the collection besides the note. */
interface NoteReads {
  /** The notes its comments link to: `#123` references and links to their issue URLs. */
  readonly targets: readonly Note[]
  /**
   * A fingerprint of the slugs of its tags and of the reference candidates in its comments that
   * resolve, with what they resolve to (hashed once per note: a note shows on several tag pages).
   * Candidates that resolve to nothing are left out, so numbers that are not references do not
   * make the key depend on how the comment was scanned.
   */
  readonly reads: string
}

const issueNumber = /#(\d+)/g
const issuePathNumber = /\/issues\/(\d+)/g
const characterReference = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|(num|sol));?/g
const namedCharacters: Record<string, string> = { num: '#', sol: '/' }

/** Decodes numeric character references (and `&num;`, `&sol;`) as raw HTML in a comment would be. */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(characterReference, (whole, decimal, hex, name) => {
    if (name !== undefined) return namedCharacters[name as string] ?? whole
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex as string, 16)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/** Every string of an mdast tree that can become page text or a link: `value`s and `url`s. */
function collectTreeStrings(node: unknown, out: string[]): void {
  if (node === null || typeof node !== 'object') return
  const { value, url, children } = node as { value?: unknown; url?: unknown; children?: unknown }
  if (typeof value === 'string') out.push(value)
  if (typeof url === 'string') out.push(url)
  if (Array.isArray(children)) for (const child of children) collectTreeStrings(child, out)
}

function numbersIn(text: string, pattern: RegExp, into: Set<number>): void {
  for (const match of text.matchAll(pattern)) into.add(Number(match[1]))
}

/**
 * Whether a comment's tree may hold a `#` or an `/issues/` its markdown does not show as they
 * are: the tree is the mdast of the markdown (core's `Comment.tree`), whose strings are the
 * markdown's own characters except where a character reference (`&…;`) or a backslash escape
 * makes another one (a GFM autolink adds only `http://` or `mailto:`).
 */
export function treeMayAddReferences(markdown: string): boolean {
  return /[#&\\]/.test(markdown) || markdown.includes('/issues/')
}

/**
 * Every issue number a comment's shown content could reference, as `#123` in its text or as
 * `…/issues/123` in a link: more than the page links (numbers in code, in link text, in the
 * markdown of a comment shown from its tree), never fewer. The tree is read only when its
 * strings could add a reference to what the markdown shows ({@link treeMayAddReferences}): the
 * tree of a comment without `#`, `&`, a backslash or `/issues/` in its markdown adds nothing, and
 * is left alone (the CLI parses cached trees only when they are read).
 */
function referenceCandidates(comment: Comment): { hashes: Set<number>; paths: Set<number> } {
  const strings: string[] = [comment.markdown]
  if (treeMayAddReferences(comment.markdown)) collectTreeStrings(comment.tree, strings)
  for (const post of comment.posts) if (post.url !== undefined) strings.push(post.url)
  const hashes = new Set<number>()
  const paths = new Set<number>()
  let hasHash = false
  for (let i = 0; i < strings.length; i++) {
    let text = strings[i]!
    if (text.includes('&')) strings[i] = text = decodeReferences(text)
    if (text.includes('#')) {
      hasHash = true
      numbersIn(text, issueNumber, hashes)
    }
    if (text.includes('/issues/')) numbersIn(text, issuePathNumber, paths)
  }
  // Adjacent text nodes may be joined into one on the way to the page.
  if (hasHash) numbersIn(strings.join(''), issueNumber, hashes)
  return { hashes, paths }
}

function pushNew(list: Note[], seen: Set<Note>, notes: Iterable<Note | undefined>): void {
  for (const note of notes) {
    if (note !== undefined && !seen.has(note)) {
      seen.add(note)
      list.push(note)
    }
  }
}

const idOf = (note: Note | undefined) => note?.id ?? null

/**
 * The dependencies of the pages of one plan, computed from the collection without rendering.
 * What a note's card reads is computed once and shared by the pages that show the card.
 */
export class PageDependencies {
  readonly #collection: Collection
  /** What every page's layout reads: the footer's note and tag counts. */
  readonly #site: readonly [number, number]
  readonly #noteReads = new Map<Note, NoteReads>()
  #notesByIssuePath: Map<number, Note[]> | undefined

  constructor(collection: Collection) {
    this.#collection = collection
    this.#site = [collection.notes.length, collection.tags.length]
  }

  /**
   * `index.html`: the newest notes it lists, keyed by the tag list (names, slugs, counts) and
   * the counts.
   */
  index(newest: readonly Note[]): FileDependencies {
    const tags = this.#collection.tags.map(({ name, slug, count }) => [name, slug, count])
    return fileDependencies(newest, { site: this.#site, tags })
  }

  /**
   * One page of a tag: its notes and the notes their cards link to, keyed by the tag, the page
   * number and count, and what each card reads.
   */
  tagPage(tag: TagInfo, shown: readonly Note[], page: number, pageCount: number): FileDependencies {
    const notes: Note[] = []
    const seen = new Set<Note>()
    pushNew(notes, seen, shown)
    const cards: string[] = []
    for (const note of shown) {
      const card = this.#readsOf(note)
      pushNew(notes, seen, card.targets)
      cards.push(card.reads)
    }
    return fileDependencies(notes, {
      site: this.#site,
      tag: [tag.name, tag.slug, tag.count],
      page,
      pageCount,
      cards,
    })
  }

  /**
   * One note's card on the pages of `directory` (a tag page's, for the pieces a host may copy
   * from the page it wrote before): the note and the notes its card links to, keyed by what
   * the card reads (its tags' slugs, what its references resolve to) and the directory (its
   * links are relative to it).
   */
  card(note: Note, directory: string): FileDependencies {
    const card = this.#readsOf(note)
    const notes: Note[] = [note]
    pushNew(notes, new Set(notes), card.targets)
    return { notes, key: `${card.reads}:${directory}` }
  }

  /**
   * A note's page: the note, the notes its comments link to, its related notes and the notes
   * that refer to it (shown by title), keyed by what its references resolve to.
   */
  notePage(note: Note): FileDependencies {
    const collection = this.#collection
    const own = this.#readsOf(note)
    const relatedRefs = note.comments.flatMap((comment) =>
      comment.related.map((ref) => collection.resolve(ref)),
    )
    const related = collection.related(note.id)
    const backlinks = collection.backlinks(note.id)
    const notes: Note[] = []
    const seen = new Set<Note>()
    pushNew(notes, seen, [note, ...own.targets, ...relatedRefs, ...related, ...backlinks])
    return fileDependencies(notes, {
      site: this.#site,
      own: own.reads,
      relatedRefs: relatedRefs.map(idOf),
      related: related.map(idOf),
      backlinks: backlinks.map(idOf),
    })
  }

  #readsOf(note: Note): NoteReads {
    let known = this.#noteReads.get(note)
    if (known === undefined) {
      known = this.#computeReads(note)
      this.#noteReads.set(note, known)
    }
    return known
  }

  #computeReads(note: Note): NoteReads {
    const collection = this.#collection
    const slugs = note.tags.map((name) => collection.tag(name)?.slug ?? null)
    const hashes = new Set<number>()
    const paths = new Set<number>()
    for (const comment of note.comments) {
      const found = referenceCandidates(comment)
      for (const n of found.hashes) hashes.add(n)
      for (const n of found.paths) paths.add(n)
    }
    const targets: Note[] = []
    const seen = new Set<Note>()
    const hashReads: Array<[number, string]> = []
    for (const issue of [...hashes].sort((a, b) => a - b)) {
      // The very call `linkedCommentContent` makes for `#<issue>`.
      const target = collection.resolve({ text: `#${issue}`, issue })
      // Only what resolves counts: a candidate that starts resolving adds an entry.
      if (target === undefined) continue
      pushNew(targets, seen, [target])
      hashReads.push([issue, target.id])
    }
    const pathReads: Array<[number, string[]]> = []
    for (const issue of [...paths].sort((a, b) => a - b)) {
      // A link to an issue URL goes to the note with that exact `links.issue`, else to the note
      // of the issue number: both are among these.
      const byNumber = collection.resolve({ text: '', issue })
      const candidates = [
        ...(byNumber === undefined ? [] : [byNumber]),
        ...(this.#issuePathIndex().get(issue) ?? []),
      ]
      if (candidates.length === 0) continue
      pushNew(targets, seen, candidates)
      pathReads.push([issue, candidates.map((candidate) => candidate.id)])
    }
    return { targets, reads: stableHash(JSON.stringify({ slugs, hashReads, pathReads })) }
  }

  /** The notes by every issue number in their `links.issue`. */
  #issuePathIndex(): Map<number, Note[]> {
    if (this.#notesByIssuePath === undefined) {
      const index = new Map<number, Note[]>()
      for (const note of this.#collection.notes) {
        const url = note.links.issue
        if (url === undefined) continue
        for (const match of url.matchAll(issuePathNumber)) {
          const issue = Number(match[1])
          const list = index.get(issue) ?? []
          if (!list.includes(note)) list.push(note)
          index.set(issue, list)
        }
      }
      this.#notesByIssuePath = index
    }
    return this.#notesByIssuePath
  }
}
