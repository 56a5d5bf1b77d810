/**
 * `parseNotes`: the package's entry point. Decodes each input, detects its format, hands it to
 * the format's reader and gathers notes and diagnostics. Bad input never throws (unless the
 * caller asks for `strict`); one bad file never hides the notes of the others.
 */
import type { Diagnostic, Note, SourceFormat } from '@paper-notes/core'
import { toLineFeeds } from './line-feeds.js'
import type { ParseOptions, ReaderResult } from './reader.js'
import { readers } from './readers.js'

/** One named input: a file's path (for format detection and diagnostics) and its contents. */
export interface NoteFile {
  path: string
  contents: string | Uint8Array | ArrayBuffer
}

/** What `parseNotes` accepts: text, bytes (UTF-8), or a list of named files. */
export type ParseInput = string | Uint8Array | ArrayBuffer | readonly NoteFile[]

/** What `parseNotes` returns: every note read, and every problem found. */
export interface ParseResult {
  notes: Note[]
  diagnostics: Diagnostic[]
}

/** Thrown by `parseNotes` in strict mode when any diagnostic is an error. */
export class NoteParseError extends Error {
  /** Every diagnostic of the parse (errors, warnings and infos). */
  readonly diagnostics: Diagnostic[]

  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
    const first = errors[0]
    const where = first ? `${first.file ?? '<input>'}:${first.line ?? 1}:${first.column ?? 1}` : ''
    super(
      `${errors.length} error${errors.length === 1 ? '' : 's'} while parsing notes${
        first ? `; first at ${where}: ${first.message} (${first.code})` : ''
      }`,
    )
    this.name = 'NoteParseError'
    this.diagnostics = diagnostics
  }
}

const extensions: Record<string, SourceFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  xml: 'xml',
  json: 'github',
}

/**
 * Parses paper notes from note markdown, tag-page text exports, paper-list XML or GitHub issues
 * JSON (NOTE-FORMAT.md §3).
 *
 * @example
 * const { notes, diagnostics } = parseNotes([
 *   { path: 'notes/kto.md', contents: "---\ntitle: \"KTO: Model Alignment as Prospect Theoretic Optimization, Kawin Ethayarajh+, N_A, ICML'24\"\ndate: 2024-10-27\n---\n" },
 * ])
 * notes[0].venue // => { name: 'ICML', year: 2024 }
 */
export function parseNotes(input: ParseInput, options: ParseOptions = {}): ParseResult {
  const files: NoteFile[] =
    typeof input === 'string' || input instanceof Uint8Array || input instanceof ArrayBuffer
      ? [{ path: options.file ?? '', contents: input }]
      : [...input]
  const result: ParseResult = { notes: [], diagnostics: [] }
  for (const entry of files) {
    const file = entry.path === '' ? undefined : entry.path
    const part = parseOne(entry.contents, file, options)
    result.notes.push(...part.notes)
    result.diagnostics.push(...part.diagnostics)
  }
  if (options.strict && result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    throw new NoteParseError(result.diagnostics)
  }
  return result
}

function parseOne(
  contents: string | Uint8Array | ArrayBuffer,
  file: string | undefined,
  options: ParseOptions,
): ReaderResult {
  const diagnostic = (code: string, message: string, line = 1, column = 1): ReaderResult => {
    const value: Diagnostic = { code, severity: 'error', message, line, column }
    if (file !== undefined) value.file = file
    return { notes: [], diagnostics: [value] }
  }

  const decoded = decode(contents)
  if (decoded.kind === 'binary') {
    const at = positionOf(decoded.text, decoded.index)
    return diagnostic(
      'input-binary',
      'The input is binary (it holds NUL bytes), not text.',
      at.line,
      at.column,
    )
  }
  if (decoded.kind === 'invalid') {
    const at = positionOf(decoded.text, decoded.index)
    return diagnostic('input-encoding', 'The input is not valid UTF-8.', at.line, at.column)
  }
  const text = toLineFeeds(decoded.text)
  if (text.trim() === '') return diagnostic('input-empty', 'The input is empty.')

  const format = options.format ?? detectFormat(file, text)
  if (format === undefined) {
    return diagnostic(
      'format-unknown',
      'Cannot tell the input’s format: use a .md, .txt, .xml or .json file name, or options.format.',
    )
  }
  const reader = readers[format]
  if (reader === undefined) {
    return diagnostic('format-unsupported', `No reader for the "${format}" format is available.`)
  }
  try {
    return reader({ text, ...(file !== undefined ? { file } : {}), options })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return diagnostic('reader-failed', `The ${format} reader failed: ${message}`)
  }
}

type Decoded =
  | { kind: 'text'; text: string }
  | { kind: 'binary'; text: string; index: number }
  | { kind: 'invalid'; text: string; index: number }

/** Bytes → text as UTF-8 (BOM removed); NUL characters mark binary input. */
function decode(contents: string | Uint8Array | ArrayBuffer): Decoded {
  let text: string
  if (typeof contents === 'string') {
    text = contents
  } else {
    const bytes = contents instanceof Uint8Array ? contents : new Uint8Array(contents)
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    } catch {
      const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
      const nul = lossy.indexOf('\u0000')
      if (nul !== -1) return { kind: 'binary', text: lossy, index: nul }
      return { kind: 'invalid', text: lossy, index: Math.max(0, lossy.indexOf('\ufffd')) }
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const nul = text.indexOf('\u0000')
  if (nul !== -1) return { kind: 'binary', text, index: nul }
  return { kind: 'text', text }
}

function positionOf(text: string, index: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < index; i++) {
    const char = text[i]
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: index - lineStart + 1 }
}

/**
 * The format of an input: from its file extension (`.md`, `.txt`, `.xml`, `.json`), else from
 * its content (front matter → markdown, `<?xml`/`<paper-list` → xml, `[`/`{` → github,
 * `Issue Date:` lines → text).
 *
 * @example
 * detectFormat('notes/kto.md', '') // => 'markdown'
 * detectFormat(undefined, '<paper-list>…') // => 'xml'
 */
export function detectFormat(file: string | undefined, text: string): SourceFormat | undefined {
  if (file !== undefined) {
    const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1)
    const dot = name.lastIndexOf('.')
    const format = dot > 0 ? extensions[name.slice(dot + 1).toLowerCase()] : undefined
    if (format !== undefined) return format
  }
  const start = text.trimStart()
  if (start.startsWith('---\n') || start === '---') return 'markdown'
  if (start.startsWith('<?xml') || start.startsWith('<paper-list')) return 'xml'
  if (start.startsWith('[') || start.startsWith('{')) return 'github'
  if (/(^|\s)Issue Date: \d{4}-\d{2}-\d{2}/.test(text)) return 'text'
  return undefined
}
