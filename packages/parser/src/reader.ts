/**
 * The contract between `parseNotes` and the per-format readers: a reader turns the decoded
 * text of one input into notes and diagnostics, and never throws on bad input.
 */
import type { Diagnostic, Note, SourceFormat } from '@paper-notes/core'

/** Options of `parseNotes`, passed through to every reader. */
export interface ParseOptions {
  /** The input's format; detected from the file extension and content when left out. */
  format?: SourceFormat
  /** Throw one `NoteParseError` carrying every diagnostic when any is an error. */
  strict?: boolean
  /**
   * Tag-page text export only: add the page's own tag to every note (default `true`), since the
   * export does not print it on its entries.
   */
  pageTag?: boolean
  /** The file name to report in diagnostics and `source.file` for string or byte input. */
  file?: string
  /**
   * Keep `position` on the nodes of comment trees (default `true`). With `false` every tree is
   * the same without any `position`: about a quarter less memory for parsed notes, for
   * callers that render trees and do not point into them.
   */
  positions?: boolean
}

/** One decoded input handed to a reader. */
export interface ReaderInput {
  /**
   * The input text: decoded as UTF-8, BOM removed. `parseNotes` turns CRLF and lone CR into LF
   * first (each still one line break, so lines and columns match the source); a reader called
   * directly should accept all three.
   */
  text: string
  /** The input's file name, when known. */
  file?: string
  /** The caller's options. */
  options: ParseOptions
}

/** What a reader returns: every note it could read, and what went wrong with the rest. */
export interface ReaderResult {
  notes: Note[]
  diagnostics: Diagnostic[]
}

/** A reader for one source format. */
export type Reader = (input: ReaderInput) => ReaderResult
