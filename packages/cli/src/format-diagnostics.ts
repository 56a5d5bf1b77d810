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

/** Source lines longer than this are shown as a window around the column. */
const maxShownLength = 120

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * The part of a source line to show: all of it when short, else `maxShownLength` characters
 * around the column, with `…` where it was cut. `caretAt` is the column's index in `text`.
 */
function shownLine(line: string, column: number): { text: string; caretAt: number } {
  const index = Math.min(Math.max(column - 1, 0), line.length)
  if (line.length <= maxShownLength) return { text: line, caretAt: index }
  let start = Math.max(0, Math.min(index - maxShownLength / 2, line.length - maxShownLength))
  if (isLowSurrogate(line, start)) start++
  let end = Math.min(line.length, start + maxShownLength)
  if (isLowSurrogate(line, end)) end++
  const head = start > 0 ? '…' : ''
  const tail = end < line.length ? '…' : ''
  return { text: `${head}${line.slice(start, end)}${tail}`, caretAt: head.length + index - start }
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
 * and line are known, by the source line (a 120-character window around the column when the
 * line is longer) and a caret under the column.
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
  const shown = shownLine(sourceLine, column ?? 1)
  const lines = [head, `${palette.dim(`${gutter} |`)} ${shown.text}`]
  if (column !== undefined && column >= 1) {
    const padding = caretPadding(shown.text.slice(0, shown.caretAt))
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
