/**
 * Positioned diagnostics for the export readers: an offset in the input becomes `line`/`column`
 * through the reader's {@link PositionAt}, and the file name is attached when known.
 */
import type { Diagnostic, Severity } from '@paper-notes/core'
import type { PositionAt } from './export-position.js'

/** Makes diagnostics positioned in one input. */
export type DiagnosticAt = (
  code: string,
  severity: Severity,
  message: string,
  offset: number,
) => Diagnostic

/**
 * Returns a function that builds a diagnostic at an offset of the input.
 *
 * @example
 * const at = createDiagnosticAt(createPositionAt('a\nb'), 'notes.txt')
 * at('text-no-entries', 'error', 'No entry found.', 2)
 * // => { code: 'text-no-entries', severity: 'error', message: 'No entry found.', file: 'notes.txt', line: 2, column: 1 }
 */
export function createDiagnosticAt(positionAt: PositionAt, file: string | undefined): DiagnosticAt {
  return (code, severity, message, offset) => {
    const { line, column } = positionAt(offset)
    const diagnostic: Diagnostic = { code, severity, message }
    if (file !== undefined) diagnostic.file = file
    diagnostic.line = line
    diagnostic.column = column
    return diagnostic
  }
}
