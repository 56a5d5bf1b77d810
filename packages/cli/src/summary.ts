/** The one-line summary every command ends with. */
import type { Severity } from '@paper-notes/core'
import { createPalette, type Palette } from './io.js'

/** What a command did. */
export interface RunSummary {
  /** The command: `build`, `check` or `convert`. */
  command: string
  /** Notes in the collection (after duplicates were merged). */
  notes: number
  /** Distinct tags. */
  tags: number
  /** Files written (`build`, `convert`) or read (`check`). */
  files: number
  /** `written` or `read`. */
  filesVerb: 'written' | 'read'
  /** Diagnostics by severity. */
  diagnostics: Record<Severity, number>
  /** Wall-clock time in milliseconds. */
  elapsedMs: number
  /** `false` when the command failed. */
  ok: boolean
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`
}

/** `0.42s`, or `1m 03.5s` from a minute on. */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`
  const minutes = Math.floor(ms / 60_000)
  const seconds = ((ms % 60_000) / 1000).toFixed(1).padStart(4, '0')
  return `${minutes}m ${seconds}s`
}

/**
 * The summary line, e.g.
 * `build: 12 notes, 30 tags, 57 files written, 0 errors, 1 warning, 2 info in 0.42s`
 * (`build failed: …` when the command failed).
 *
 * @example
 * formatSummary({ command: 'check', notes: 1, tags: 2, files: 1, filesVerb: 'read',
 *   diagnostics: { error: 0, warning: 0, info: 0 }, elapsedMs: 12, ok: true })
 * // => 'check: 1 note, 2 tags, 1 file read, 0 errors, 0 warnings, 0 info in 0.01s'
 */
export function formatSummary(
  summary: RunSummary,
  palette: Palette = createPalette(false),
): string {
  const { error, warning, info } = summary.diagnostics
  const head = summary.ok ? `${summary.command}:` : `${summary.command} failed:`
  const parts = [
    count(summary.notes, 'note'),
    count(summary.tags, 'tag'),
    `${count(summary.files, 'file')} ${summary.filesVerb}`,
    error > 0 ? palette.red(count(error, 'error')) : count(error, 'error'),
    warning > 0 ? palette.yellow(count(warning, 'warning')) : count(warning, 'warning'),
    `${info} info`,
  ]
  const colouredHead = summary.ok ? palette.green(head) : palette.red(head)
  return `${palette.bold(colouredHead)} ${parts.join(', ')} in ${formatElapsed(summary.elapsedMs)}`
}
