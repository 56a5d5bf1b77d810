/**
 * The title line (NOTE-FORMAT.md §2): `[Paper Note] Title, First Author+, Venue'YY, YYYY.MM`.
 *
 * Title lines are written by hand, so they are irregular. Titles contain commas, so the line is
 * read from the right:
 *
 * 1. the line is cut at top-level commas: commas inside brackets (`{developers, builders}`,
 *    `（…）`, `「…」`) and between two digits (`1,720`) do not separate anything;
 * 2. an empty last piece (a trailing comma, `POLARIS: …,`) is dropped with an `info` diagnostic;
 * 3. a last piece `YYYY.MM` (or `YYYY.MM.DD`) is the publication date;
 * 4. the rightmost piece `Name+` (also `Name +`) is the first author, with `etAl`; everything
 *    after it is the venue slot (see below) and everything before it the title;
 * 5. with no `Name+`: venue pieces (`Name'YY[ qualifier]` or `N_A`) are taken from the right,
 *    then the piece before them is the author part (an organisation such as `THINKING MACHINES`,
 *    or `SEBASTIAN RASCHKA, PHD`, whose credential suffix keeps the comma), and the rest is the
 *    title. When the author candidate does not look like an author (too long, or a sentence),
 *    or the reading is otherwise undecidable, the whole remainder stays the title, no author is
 *    invented, and an `info` diagnostic `title-line-ambiguous` says so.
 *
 * The venue slot after the author may hold several pieces:
 * - `N_A` means "unknown" and is skipped when another piece names a venue: the older lines
 *   were written `Title, Author+, Journal, Conference'YY` with `N_A` for a missing journal, so
 *   `Kawin Ethayarajh+, N_A, ICML'24` has the venue ICML 2024; only `N_A` alone gives `null`;
 * - the other pieces are one venue whose name may contain commas (`IEEE Transactions on Audio,
 *   Speech and Language Processing'25`);
 * - a piece without `'YY` (`Pavone+, Nvidia`) is a year-less venue `{ name: 'Nvidia' }`.
 *
 * Everything here is linear in the length of the line: no regular expression can backtrack.
 */
import type { Diagnostic, NoteKind, Published, Venue } from '@paper-notes/core'

/** What {@link parseTitleLine} reads from a title line. */
export interface TitleLineParts {
  /** `paper` when the line starts with `[Paper Note]` or names a venue (`Name'YY` or `N_A`). */
  kind: NoteKind
  /** The work's own title: no `[Paper Note]` prefix, no citation tail, trimmed. */
  title: string
  /** The author part: one entry (the first author or an organisation), or none. */
  authors: string[]
  /** The first author was written `Name+` ("and others"). */
  etAl: boolean
  /** The venue, or `null` when there is none or it is `N_A`. */
  venue: Venue | null
  /** The trailing `YYYY.MM`, or `null`. */
  published: Published | null
  /** `info` diagnostics about irregular lines; positioned when a position was given. */
  diagnostics: Diagnostic[]
}

/** Where a title line sits in its input, so that diagnostics can point at it. */
export interface TitleLinePosition {
  file?: string
  /** 1-based line of the title line's first character. */
  line: number
  /** 1-based column of the title line's first character. */
  column: number
}

interface Piece {
  /** The piece's text, trimmed. */
  text: string
  /** Offset of the piece's first character (before trimming) in the line. */
  start: number
  /** Offset just after the piece's last character (before the comma) in the line. */
  end: number
}

const paperNotePrefix = '[paper note]'
const openers = '([{（［｛「『【〔〈《'
const closers = ')]}）］｝」』】〕〉》'
/** Credential suffixes that belong to the author part before them: `SEBASTIAN RASCHKA, PHD`. */
const credentials = new Set(['phd', 'ph.d.', 'ph.d', 'md', 'm.d.', 'jr.', 'jr', 'sr.', 'sr', 'msc'])
const maxAuthorLength = 48
const maxAuthorWords = 6

/**
 * Splits a title line into title, author, venue and date (NOTE-FORMAT.md §2).
 *
 * Never throws; irregular lines give `info` diagnostics (code `title-line-ambiguous` or
 * `title-line-empty-part`), positioned when `position` is given.
 *
 * @example
 * parseTitleLine("[Paper Note] General-Reasoner: Advancing LLM Reasoning, Xueguang Ma+, arXiv'25, 2025.05")
 * // => { kind: 'paper', title: 'General-Reasoner: Advancing LLM Reasoning',
 * //      authors: ['Xueguang Ma'], etAl: true, venue: { name: 'arXiv', year: 2025 },
 * //      published: { year: 2025, month: 5 }, diagnostics: [] }
 */
export function parseTitleLine(line: string, position?: TitleLinePosition): TitleLineParts {
  const diagnostics: Diagnostic[] = []
  const report = (code: string, message: string, offset: number) => {
    const diagnostic: Diagnostic = { code, severity: 'info', message }
    if (position) {
      if (position.file !== undefined) diagnostic.file = position.file
      diagnostic.line = position.line
      diagnostic.column = position.column + offset
    }
    diagnostics.push(diagnostic)
  }

  let bodyStart = 0
  while (bodyStart < line.length && isSpace(line.charCodeAt(bodyStart))) bodyStart++
  const hasPrefix =
    line.slice(bodyStart, bodyStart + paperNotePrefix.length).toLowerCase() === paperNotePrefix
  if (hasPrefix) bodyStart += paperNotePrefix.length

  const pieces = splitPieces(line, bodyStart)
  const result: TitleLineParts = {
    kind: hasPrefix ? 'paper' : 'article',
    title: '',
    authors: [],
    etAl: false,
    venue: null,
    published: null,
    diagnostics,
  }

  const last = pieces.at(-1)
  if (pieces.length > 1 && last !== undefined && last.text === '') {
    pieces.pop()
    report(
      'title-line-empty-part',
      'The title line ends with a comma and an empty part; it was read without it.',
      last.start,
    )
  }

  const datePiece = pieces.at(-1)
  if (pieces.length > 1 && datePiece !== undefined) {
    const published = parsePublished(datePiece.text)
    if (published) {
      result.published = published
      pieces.pop()
    }
  }

  const anchor = findAuthorAnchor(pieces)
  let titleEnd: number
  let venuePieces: Piece[]
  if (anchor !== -1) {
    const author = pieces[anchor]!.text
    result.authors = [author.slice(0, -1).trimEnd()]
    result.etAl = true
    titleEnd = anchor
    venuePieces = pieces.slice(anchor + 1)
  } else {
    let venueStart = pieces.length
    while (venueStart > 1 && isVenueSlot(pieces[venueStart - 1]!.text)) venueStart--
    venuePieces = pieces.slice(venueStart)
    titleEnd = venueStart
    if (venueStart >= 2) {
      const candidate = pieces[venueStart - 1]!
      const before = pieces[venueStart - 2]!
      const ambiguous = (reason: string) =>
        report(
          'title-line-ambiguous',
          `Cannot tell the author part of the title line apart from its title (${reason}); the whole remainder was kept as the title.`,
          candidate.start,
        )
      if (venueStart >= 3 && credentials.has(candidate.text.toLowerCase())) {
        // `SEBASTIAN RASCHKA, PHD`: the credential belongs to the name before it.
        result.authors = [line.slice(before.start, candidate.end).trim()]
        titleEnd = venueStart - 2
      } else if (venuePieces.length === 0 && venueStart >= 3 && looksLikePersonName(before.text)) {
        if (!looksLikePersonName(candidate.text) && looksLikeAuthor(candidate.text)) {
          // `Title, Kazuki Fujii, NLPコロキウム`: a person, then where the talk was given.
          result.authors = [before.text]
          titleEnd = venueStart - 2
          venuePieces = [candidate]
        } else {
          ambiguous(`"${shorten(before.text)}" and "${shorten(candidate.text)}" both read as names`)
        }
      } else if (looksLikeAuthor(candidate.text)) {
        result.authors = [candidate.text]
        titleEnd = venueStart - 1
      } else {
        ambiguous(`"${shorten(candidate.text)}" does not read as an author`)
      }
    }
  }

  const firstPiece = pieces[0]
  const titlePieces = pieces.slice(0, titleEnd)
  const lastTitlePiece = titlePieces.at(-1)
  if (firstPiece !== undefined && lastTitlePiece !== undefined) {
    result.title = line.slice(firstPiece.start, lastTitlePiece.end).trim()
  }

  const venue = readVenue(line, venuePieces)
  result.venue = venue.venue
  if (venue.scholarly) result.kind = 'paper'
  return result
}

/** Whether the line starts with `[Paper Note]` (any case, leading spaces allowed). */
export function hasPaperNotePrefix(line: string): boolean {
  return line.trimStart().slice(0, paperNotePrefix.length).toLowerCase() === paperNotePrefix
}

/**
 * Whether a line reads as a full title line of a note, as written in "related" lists: a title,
 * an author part, and a `Name'YY` venue or a `YYYY.MM` date (`PFN LLMセミナー, PFN, 2025.10`).
 * Used to recognise references to other notes inside comments.
 */
export function isCitationLine(line: string): boolean {
  const text = line.trim()
  // Authors come after a comma: without one there is no citation (and no parse to pay for).
  if (text === '' || text.length > 1000 || text.includes('\n') || !text.includes(',')) return false
  const parts = parseTitleLine(text)
  if (parts.title === '' || parts.authors.length === 0 || parts.diagnostics.length > 0) return false
  return parts.published !== null || parts.venue?.year !== undefined
}

function splitPieces(line: string, from: number): Piece[] {
  const pieces: Piece[] = []
  const cut = (useBrackets: boolean) => {
    pieces.length = 0
    let depth = 0
    let start = from
    for (let i = from; i < line.length; i++) {
      const char = line[i]!
      if (useBrackets && openers.includes(char)) depth++
      else if (useBrackets && closers.includes(char)) depth = Math.max(0, depth - 1)
      else if (char === ',' && depth === 0 && !betweenDigits(line, i)) {
        pieces.push(makePiece(line, start, i))
        start = i + 1
      }
    }
    pieces.push(makePiece(line, start, line.length))
    return depth
  }
  // An unclosed bracket would swallow every later comma: read such a line without brackets.
  if (cut(true) !== 0) cut(false)
  return pieces
}

function makePiece(line: string, start: number, end: number): Piece {
  return { text: line.slice(start, end).trim(), start, end }
}

function betweenDigits(line: string, index: number): boolean {
  return isDigit(line.charCodeAt(index - 1)) && isDigit(line.charCodeAt(index + 1))
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0x3000 || code === 0xa0
}

/** `2025.05` or `2025.12.01` → `{ year, month }`. */
function parsePublished(text: string): Published | null {
  if (text.length !== 7 && text.length !== 10) return null
  if (text[4] !== '.' || (text.length === 10 && text[7] !== '.')) return null
  const digits = text.slice(0, 4) + text.slice(5, 7) + (text.length === 10 ? text.slice(8) : '')
  for (let i = 0; i < digits.length; i++) if (!isDigit(digits.charCodeAt(i))) return null
  const year = Number(text.slice(0, 4))
  const month = Number(text.slice(5, 7))
  if (month < 1 || month > 12) return null
  return { year, month }
}

/** The rightmost `Name+` piece that leaves a title before it, or -1. */
function findAuthorAnchor(pieces: readonly Piece[]): number {
  for (let i = pieces.length - 1; i >= 1; i--) {
    const text = pieces[i]!.text
    if (!text.endsWith('+') || text.endsWith('++')) continue
    const name = text.slice(0, -1).trimEnd()
    if (name !== '' && looksLikeAuthor(name)) return i
  }
  return -1
}

/** `N_A` or `Name'YY[ qualifier]`. */
function isVenueSlot(text: string): boolean {
  return text === 'N_A' || parseVenue(text) !== null
}

/** `ICLR'25` → `{ name: 'ICLR', year: 2025 }`; `NeurIPS'25 Spotlight` adds the qualifier. */
export function parseVenue(text: string): Venue | null {
  for (let i = 1; i + 2 < text.length; i++) {
    const char = text[i]
    if (char !== "'" && char !== '’') continue
    if (!isDigit(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2))) continue
    const after = i + 3
    if (after < text.length && !isSpace(text.charCodeAt(after))) continue
    if (isSpace(text.charCodeAt(i - 1))) continue
    const name = text.slice(0, i).trim()
    const qualifier = text.slice(after).trim()
    if (name === '' || qualifier.length > 40 || countWords(qualifier) > 4) return null
    const yy = Number(text.slice(i + 1, after))
    const venue: Venue = { name, year: yy <= 69 ? 2000 + yy : 1900 + yy }
    if (qualifier !== '') venue.qualifier = qualifier
    return venue
  }
  return null
}

function readVenue(
  line: string,
  pieces: readonly Piece[],
): { venue: Venue | null; scholarly: boolean } {
  const named = pieces.filter((piece) => piece.text !== 'N_A' && piece.text !== '')
  const scholarly = pieces.some((piece) => piece.text === 'N_A')
  const first = named[0]
  const last = named.at(-1)
  if (first === undefined || last === undefined) return { venue: null, scholarly }
  const text = line.slice(first.start, last.end).trim()
  const venue = parseVenue(text)
  if (venue) return { venue, scholarly: true }
  return { venue: { name: text }, scholarly }
}

/** A short author part: an organisation or a name, not a sentence. */
function looksLikeAuthor(text: string): boolean {
  if (text === '' || text.length > maxAuthorLength) return false
  if (countWords(text) > maxAuthorWords) return false
  for (const char of text) if (':：?？!！。'.includes(char)) return false
  return true
}

const nameParticles = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'del', 'la', 'le', 'bin'])
const cjkName = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{1,4}$/u
const latinNameWord = /^[\p{Lu}][\p{Ll}'’-]+$|^[\p{Lu}]\.$/u

/** `Kazuki Fujii`, `Edward J. Hu`, `水木栄`, `遼介 大堀`: a person's name, not an organisation. */
function looksLikePersonName(text: string): boolean {
  const words = text.split(/\s+/)
  if (words.length === 0 || words.length > 4) return false
  if (words.every((word) => cjkName.test(word))) {
    return words.join('').length >= 2 && words.join('').length <= 6
  }
  if (words.length < 2) return false
  return words.every(
    (word, index) =>
      latinNameWord.test(word) ||
      (index > 0 && index < words.length - 1 && nameParticles.has(word)),
  )
}

function countWords(text: string): number {
  let words = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i))
    if (!space && !inWord) words++
    inWord = !space
  }
  return words
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
