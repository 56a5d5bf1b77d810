/**
 * The renderer contract: a renderer turns a collection into files. It never touches the file
 * system; the caller (or the CLI) writes what it returns.
 */
import type { Collection } from './collection.js'
import { stableHash } from './hash.js'
import type { Note, RelatedRef } from './model.js'

/** One output file. `path` is relative, uses `/`, and never starts with `/` or contains `..`. */
export interface RenderedFile {
  /** Relative output path, e.g. `tags/catastrophic-forgetting.html`. */
  path: string
  /** Text (UTF-8 when written) or bytes. */
  contents: string | Uint8Array
  /** The IANA media type, e.g. `text/html; charset=utf-8`. */
  mediaType: string
}

/**
 * What a planned file's contents depend on, so a host can reuse the file from an earlier build
 * instead of rendering it again: the file is byte-identical as long as the renderer, its
 * options, `key` and the content of every note in `notes` are.
 */
export interface FileDependencies {
  /**
   * Every note whose content the file shows in any form (its text, title, tags, date, links…),
   * including notes only linked to by title (related notes, back-links).
   */
  notes: readonly Note[]
  /**
   * Everything else the file reads of the collection, as a string that changes whenever that
   * does (e.g. the tag names, slugs and counts an index page lists); `''` when nothing.
   */
  key: string
}

/**
 * The dependencies of a planned file that shows `notes` (in that order) and reads `rest` of the
 * collection besides (anything JSON can write: a tag's slug, a page number). The key also covers
 * the ids of the notes in order, so a host that only compares the listed notes' contents still
 * sees a note join, leave or move in the list.
 *
 * @example
 * fileDependencies(collection.withTag('nlp').slice(0, 50), { slug: 'nlp' })
 * // => { notes: [...], key: '3f1c…' (16 hex digits) }
 */
export function fileDependencies(notes: readonly Note[], rest: unknown = null): FileDependencies {
  return {
    notes,
    key: stableHash(JSON.stringify({ ids: notes.map((note) => note.id), rest })),
  }
}

/** The dependencies of a planned file that reads nothing of the collection (a stylesheet). */
export const noDependencies: FileDependencies = Object.freeze({ notes: Object.freeze([]), key: '' })

/**
 * One file of a renderer's plan: its path and media type are known up front, its contents are
 * made by `render()` when the host asks for them (or never, when the host reuses the file).
 */
export interface PlannedFile {
  /** Relative output path, as in {@link RenderedFile}. */
  path: string
  /** The IANA media type. */
  mediaType: string
  /**
   * What the contents depend on; `undefined` when the renderer cannot tell (for example with
   * caller-supplied templates), in which case a host must always call `render()`. A renderer
   * may work it out lazily, in a getter, so hosts that never read it do not pay for it.
   */
  readonly dependsOn?: FileDependencies | undefined
  /** Makes the file's contents. Called at most once per plan by a host. */
  render(): string | Uint8Array
  /**
   * Optional: the same bytes as `render()` (UTF-8 for strings), in pieces, so a host can write
   * a large file without holding it whole. A host calls at most one of `render`/`chunks`, once.
   * Each piece is encoded on its own, so a string piece never ends between the two halves of a
   * surrogate pair; pieces of tens of kilobytes or more keep a host's writes few. Hosts that
   * do not know it call `render()` as before. See {@link chunkedFile}.
   */
  chunks?(): Iterable<string | Uint8Array>
  /**
   * Optional: the same bytes as `render()`, as pieces a host may take from the file it wrote in
   * an earlier build instead of making them again (see {@link FilePiece}): text and bytes as in
   * `chunks()`, and {@link FilePiece}s, each made only when the host calls its `make()`. A host
   * calls at most one of `render`/`chunks`/`pieces`, once. Hosts that do not know it call
   * `chunks()` or `render()`. See {@link piecedFile}.
   */
  pieces?(): Iterable<string | Uint8Array | FilePiece>
}

/**
 * A part of a planned file that depends on a few notes only, such as one note's entry in a
 * list of every note: a host that kept the file it wrote in an earlier build (with the same
 * renderer, version and options) may copy the piece's bytes from there instead of calling
 * `make()`, when the piece's dependencies are the same as they were then. So a renderer must
 * make the same bytes for two pieces of one file whose `dependsOn` are equal (same `key`, same
 * content of the same notes), wherever they stand in the file.
 */
export interface FilePiece {
  /**
   * What the piece's bytes depend on: the notes whose content it shows, and a `key` for the
   * rest (what else it reads, or where it stands when that changes its bytes, such as a
   * separator it starts with).
   */
  readonly dependsOn: FileDependencies
  /** Makes the piece's contents (UTF-8 for text). */
  make(): string | Uint8Array
}

/**
 * A {@link PlannedFile} whose `dependsOn` is worked out by `dependencies()` when a host first
 * reads it, and kept: a host that only renders (as a renderer's `render` does) never pays for
 * it, and one that reads it twice gets the same value. `dependencies` may return `undefined`
 * when the renderer cannot tell.
 *
 * @example
 * const file = plannedFile(
 *   'notes.json',
 *   'application/json',
 *   () => fileDependencies(collection.notes),
 *   () => JSON.stringify(collection.notes),
 * )
 */
export function plannedFile(
  path: string,
  mediaType: string,
  dependencies: () => FileDependencies | undefined,
  render: () => string | Uint8Array,
): PlannedFile {
  let worked = false
  let known: FileDependencies | undefined
  return {
    path,
    mediaType,
    get dependsOn() {
      if (!worked) {
        known = dependencies()
        worked = true
      }
      return known
    },
    render,
  }
}

/**
 * A {@link PlannedFile} that gives its contents in pieces: `chunks()` returns what
 * `chunks()` here returns, and `render()` joins those pieces (a string when every piece is
 * one, else UTF-8 bytes). `dependsOn` is worked out lazily, as by {@link plannedFile}. For
 * files large enough that a host should write them piece by piece instead of holding them
 * whole (a list of every note, say).
 *
 * @example
 * const file = chunkedFile(
 *   'titles.txt',
 *   'text/plain',
 *   () => fileDependencies(collection.notes),
 *   function* () {
 *     for (const note of collection.notes) yield `${note.title}\n`
 *   },
 * )
 * file.render() // => every title, one per line
 * for (const piece of file.chunks?.() ?? []) write(piece) // or the same, piece by piece
 */
export function chunkedFile(
  path: string,
  mediaType: string,
  dependencies: () => FileDependencies | undefined,
  chunks: () => Iterable<string | Uint8Array>,
): PlannedFile {
  const file = plannedFile(path, mediaType, dependencies, () => joinChunks(chunks()))
  file.chunks = chunks
  return file
}

/**
 * The length, in characters, from which {@link piecedFile}'s `chunks()` ends a piece of text:
 * pieces of 64 K characters or more (64 to 192 KB of UTF-8) cost a host few writes.
 */
export const pieceBatchLength = 65_536

/**
 * A {@link PlannedFile} made of pieces some of which a host may copy from an earlier build (see
 * {@link FilePiece}): `pieces()` returns what `pieces()` here returns; `chunks()` makes every
 * piece and gives the text in pieces of {@link pieceBatchLength} characters or more (bytes as
 * they come); `render()` joins them all, as {@link chunkedFile}'s does. `dependsOn` is worked
 * out lazily, as by {@link plannedFile}.
 *
 * @example
 * const file = piecedFile(
 *   'titles.txt',
 *   'text/plain',
 *   () => fileDependencies(collection.notes),
 *   function* () {
 *     for (const note of collection.notes) {
 *       yield { dependsOn: { notes: [note], key: '' }, make: () => `${note.title}\n` }
 *     }
 *   },
 * )
 * file.render() // => every title, one per line
 */
export function piecedFile(
  path: string,
  mediaType: string,
  dependencies: () => FileDependencies | undefined,
  pieces: () => Iterable<string | Uint8Array | FilePiece>,
): PlannedFile {
  const file = chunkedFile(path, mediaType, dependencies, () => madePieces(pieces()))
  file.pieces = pieces
  return file
}

/** Every piece made, text gathered into pieces of {@link pieceBatchLength} characters or more. */
function* madePieces(
  pieces: Iterable<string | Uint8Array | FilePiece>,
): Generator<string | Uint8Array, void, undefined> {
  let text = ''
  for (const piece of pieces) {
    const made = typeof piece === 'string' || piece instanceof Uint8Array ? piece : piece.make()
    if (typeof made === 'string') {
      // Appended: the engine keeps the joined string as references to its pieces.
      text += made
      if (text.length >= pieceBatchLength) {
        yield text
        text = ''
      }
      continue
    }
    if (text !== '') {
      yield text
      text = ''
    }
    yield made
  }
  if (text !== '') yield text
}

/** The pieces joined: a string when every piece is one, else their UTF-8 bytes. */
function joinChunks(chunks: Iterable<string | Uint8Array>): string | Uint8Array {
  let text = ''
  let bytes: Uint8Array[] | undefined
  const encoder = new TextEncoder()
  for (const chunk of chunks) {
    if (bytes === undefined) {
      if (typeof chunk === 'string') {
        // Appended: the engine keeps the joined string as references to its pieces.
        text += chunk
        continue
      }
      bytes = text === '' ? [] : [encoder.encode(text)]
    }
    bytes.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
  }
  if (bytes === undefined) return text
  const joined = new Uint8Array(bytes.reduce((size, piece) => size + piece.byteLength, 0))
  let offset = 0
  for (const piece of bytes) {
    joined.set(piece, offset)
    offset += piece.byteLength
  }
  return joined
}

/** A pluggable output format. */
export interface Renderer<Options = unknown> {
  /** A short, unique name, e.g. `html`, `json`, `rss`. */
  name: string
  /**
   * A version of the renderer's output: hosts that cache files drop them when it changes.
   * Built-in renderers use their package version.
   */
  version?: string
  /** Renders the collection. May be async. */
  render(collection: Collection, options?: Options): RenderedFile[] | Promise<RenderedFile[]>
  /**
   * Optional: the same files as `render` (same paths, order and contents), planned one by one,
   * so a host can render them lazily, in parallel, or reuse unchanged files from an earlier
   * build. Plans may share work between their files (a card cache, say), so a host renders the
   * files of one plan in one thread.
   */
  plan?(collection: Collection, options?: Options): Iterable<PlannedFile>
  /**
   * Optional: `true` promises that the `dependsOn` of every planned file reads, of the
   * collection, only its outline (every note's {@link noteOutline}, in order) and the content of
   * the notes it lists in `dependsOn.notes`. A host that kept an earlier build's files may then
   * take the fingerprint of a file over from that build, without working its `dependsOn` out
   * again, when the outline is the same and no note the file listed has changed: a rebuild after
   * one note's text changed plans every file again without reading every note. Leave it out
   * when a key reads anything else (a word count of every note, say).
   */
  plansFromOutline?: boolean
}

/**
 * What a note shows to the rest of its collection: the note without its prose (`abstract`,
 * `translation`, `summary`, `sections`) and with each comment cut to its `related` references.
 * It is what a collection is built from (order, tags, ids, titles and issue numbers that
 * references resolve to, back-links), and what {@link Renderer.plansFromOutline} renderers
 * read of the notes a file does not list. The prose fields are not read.
 *
 * @example
 * noteOutline(note).comments // => [{ related: [{ text: '#4175', issue: 4175 }] }, …]
 */
export function noteOutline(note: Note): NoteOutline {
  // By key, so a note whose prose is read lazily (a host's cache) is not made to read it.
  const outline: Record<string, unknown> = {}
  for (const key of Object.keys(note) as (keyof Note)[]) {
    if (!outlineLeavesOut.has(key)) outline[key] = note[key]
  }
  outline['comments'] = note.comments.map((comment) => ({ related: comment.related }))
  return outline as NoteOutline
}

/** The fields {@link noteOutline} leaves out (the comments come back cut to `related`). */
const outlineLeavesOut: ReadonlySet<string> = new Set([
  'abstract',
  'translation',
  'summary',
  'sections',
  'comments',
])

/** A note's outline: see {@link noteOutline}. */
export type NoteOutline = Omit<
  Note,
  'abstract' | 'translation' | 'summary' | 'sections' | 'comments'
> & {
  /** Each comment's related references, in order. */
  comments: { related: RelatedRef[] }[]
}

/**
 * Declares a renderer with its options type inferred. It returns its argument unchanged and
 * exists for type checking and readability.
 *
 * @example
 * export const bibtex = defineRenderer<{ file?: string }>({
 *   name: 'bibtex',
 *   render(collection, options) {
 *     return [{ path: options?.file ?? 'notes.bib', contents: '…', mediaType: 'application/x-bibtex' }]
 *   },
 * })
 */
export function defineRenderer<Options = unknown>(renderer: Renderer<Options>): Renderer<Options> {
  if (typeof renderer?.name !== 'string' || renderer.name === '') {
    throw new TypeError('defineRenderer: a renderer needs a non-empty `name`')
  }
  if (typeof renderer.render !== 'function') {
    throw new TypeError(`defineRenderer: renderer "${renderer.name}" needs a \`render\` function`)
  }
  if (renderer.plan !== undefined && typeof renderer.plan !== 'function') {
    throw new TypeError(
      `defineRenderer: renderer "${renderer.name}" has a \`plan\` that is not a function`,
    )
  }
  return renderer
}

/**
 * Renders every file of a plan, in order: what a renderer's `render` returns when it is written
 * as a `plan`. It calls each file's `render()` (never `chunks()`), so a file made by
 * {@link chunkedFile} comes back joined.
 *
 * @example
 * const files = renderPlannedFiles(htmlRenderer.plan(collection, { pageSize: 30 }))
 */
export function renderPlannedFiles(plan: Iterable<PlannedFile>): RenderedFile[] {
  const files: RenderedFile[] = []
  for (const file of plan) {
    files.push({ path: file.path, contents: file.render(), mediaType: file.mediaType })
  }
  return files
}

/**
 * Checks that a renderer's output path is safe to write below an output folder: relative,
 * `/`-separated, with no empty, `.` or `..` segment, no backslash, no NUL and no drive letter.
 */
export function isSafeOutputPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /[\\\0]/.test(path) || /^[a-zA-Z]:/.test(path)) {
    return false
  }
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}
