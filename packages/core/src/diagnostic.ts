/** How bad a diagnostic is. `error` means the value or input is wrong; `info` is advice. */
export type Severity = 'error' | 'warning' | 'info'

/**
 * A problem found in a value or an input. Errors are data: functions return diagnostics and
 * only throw when the caller asks for it (e.g. the parser's `strict` option).
 */
export interface Diagnostic {
  /** A stable, machine-readable code, e.g. `front-matter-unclosed` or `schema-required`. */
  code: string
  /** How bad it is. */
  severity: Severity
  /** A human-readable explanation. */
  message: string
  /** The input file, when known. */
  file?: string
  /** 1-based line in `file`, when known. */
  line?: number
  /** 1-based column in `file`, when known. */
  column?: number
  /** JSON pointer (RFC 6901) of the offending value, for diagnostics about in-memory values. */
  pointer?: string
  /** The id of the note concerned, when known. */
  noteId?: string
}

/** Counts diagnostics by severity. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 }
  for (const diagnostic of diagnostics) counts[diagnostic.severity]++
  return counts
}
