/** Parses one input file, turning a parser crash into a `parser-failed` diagnostic. */
import type { SourceFormat } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import type { ParsedFile } from './build-cache.js'

/** The parse options every input of a run shares. */
export interface SourceParseOptions {
  /** Force a source format instead of detecting it. */
  format?: SourceFormat
  /** Text export: add the page's tag to its notes (default `true`). */
  pageTag?: boolean
  /**
   * `false` leaves `position` out of comment trees (the parser's `positions` option). `build`
   * does: renderers do not read positions, the parse cache stores trees without them, and a
   * parsed note then takes about 30% less memory. Default `true`.
   */
  positions?: boolean
}

/**
 * Parses one input file. When the parser throws, the result is no notes and one
 * `parser-failed` error naming the file, so the other inputs still parse.
 *
 * @example
 * const { notes, diagnostics } = parseSource({ path: 'notes/4175.md', contents }, {})
 */
export function parseSource(
  source: { path: string; contents: string },
  options: SourceParseOptions,
): ParsedFile {
  try {
    const result = parseNotes([{ path: source.path, contents: source.contents }], {
      ...(options.format === undefined ? {} : { format: options.format }),
      ...(options.pageTag === undefined ? {} : { pageTag: options.pageTag }),
      ...(options.positions === false ? { positions: false } : {}),
    })
    return { notes: result.notes, diagnostics: result.diagnostics }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return {
      notes: [],
      diagnostics: [
        {
          code: 'parser-failed',
          severity: 'error',
          message: `The parser failed on this input: ${message}`,
          file: source.path,
        },
      ],
    }
  }
}
