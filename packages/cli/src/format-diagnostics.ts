/**
 * Diagnostics for humans, the way compilers print them:
 *
 * ```
 * notes/a.md:3:7  error  front-matter-date  Invalid issue date "2025-13-01".
 *     3 | date: 2025-13-01
 *       |       ^
 * ```
 */
import type { Diagnostic, Severity } from '@paper-notes/core'
import { createPalette, type Palette } from './io.js'

/** Options of {@link formatDiagnostic}. */
export interface FormatDiagnosticOptions {
  /** The text of the diagnostic's file, to show the offending line and a caret. */
  source?: string
  /** Colours to use; plain text when left out. */
  palette?: Palette
}

/** Characters that take two columns on a terminal (CJK, fullwidth forms, emoji). */
const wide =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u

/** The run of spaces (tabs kept as tabs) that lines a caret up under `prefix` on a terminal. */
function caretPadding(prefix: string): string {
  let padding = ''
  for (const char of prefix) {
    if (char === '\t') padding += '\t'
    else if (wide.test(char)) padding += '  '
    else if (/\p{M}/u.test(char)) continue
    else padding += ' '
  }
  return padding
}

/** `file:line:col` (as much of it as is known), `<input>` when there is no file. */
export function formatLocation(diagnostic: Diagnostic): string {
  let location = diagnostic.file ?? '<input>'
  if (diagnostic.line !== undefined) {
    location += `:${diagnostic.line}`
    if (diagnostic.column !== undefined) location += `:${diagnostic.column}`
  }
  return location
}

function colorSeverity(severity: Severity, palette: Palette): string {
  if (severity === 'error') return palette.red(palette.bold(severity))
  if (severity === 'warning') return palette.yellow(palette.bold(severity))
  return palette.cyan(severity)
}

/**
 * One diagnostic as `file:line:col  severity  code  message`, followed, when the source text
 * and line are known, by the source line and a caret under the column.
 *
 * @example
 * formatDiagnostic(
 *   { code: 'front-matter-date', severity: 'error', message: 'Bad date.', file: 'a.md', line: 2, column: 7 },
 *   { source: '---\ndate: 2025-13-01\n---\n' },
 * )
 * // a.md:2:7  error  front-matter-date  Bad date.
 * //     2 | date: 2025-13-01
 * //       |       ^
 */
export function formatDiagnostic(
  diagnostic: Diagnostic,
  options: FormatDiagnosticOptions = {},
): string {
  const palette = options.palette ?? createPalette(false)
  const head = [
    palette.bold(formatLocation(diagnostic)),
    colorSeverity(diagnostic.severity, palette),
    palette.dim(diagnostic.code),
    diagnostic.message,
  ].join('  ')
  const { line, column } = diagnostic
  if (options.source === undefined || line === undefined || line < 1) return head
  const sourceLine = options.source.split(/\r\n|\r|\n/)[line - 1]
  if (sourceLine === undefined) return head
  const gutter = String(line).padStart(5)
  const lines = [head, `${palette.dim(`${gutter} |`)} ${sourceLine}`]
  if (column !== undefined && column >= 1) {
    const padding = caretPadding(sourceLine.slice(0, column - 1))
    lines.push(`${palette.dim(`${' '.repeat(gutter.length)} |`)} ${padding}${palette.red('^')}`)
  }
  return lines.join('\n')
}

/**
 * Every diagnostic, formatted with {@link formatDiagnostic}, in file, line and column order,
 * separated by blank lines. `sources` maps a diagnostic's `file` to its text.
 */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  palette?: Palette,
): string {
  return sortDiagnostics(diagnostics)
    .map((diagnostic) =>
      formatDiagnostic(diagnostic, {
        source: diagnostic.file === undefined ? undefined : sources.get(diagnostic.file),
        palette,
      }),
    )
    .join('\n\n')
}

/** Diagnostics in a stable order: by file, line, column, then code; the sort is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const compareText = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0)
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.code, b.code),
  )
}
