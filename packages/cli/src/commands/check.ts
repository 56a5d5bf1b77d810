/** `paper-notes check`: parse the inputs and report every diagnostic, like a compiler. */
import { countDiagnostics, type Diagnostic, type SourceFormat } from '@paper-notes/core'
import { sortDiagnostics } from '../format-diagnostics.js'
import type { CliIo } from '../io.js'
import { readNotes, sourceTexts } from '../read-notes.js'
import { createRunContext, writeDiagnostics } from '../run-context.js'
import { formatSummary } from '../summary.js'

/** Options of `paper-notes check`. */
export interface CheckOptions {
  /** `--json`: print the report as JSON on standard output. */
  json?: boolean
  /** `--format`. */
  format?: SourceFormat
  /** `--no-page-tag` sets this to `false`. */
  pageTag?: boolean
}

/** The report `paper-notes check --json` prints. */
export interface CheckReport {
  /** Every diagnostic, sorted by file, line and column. */
  diagnostics: Diagnostic[]
  /** Diagnostics by severity. */
  counts: { error: number; warning: number; info: number }
  /** Notes in the collection (duplicates merged). */
  notes: number
  /** Distinct tags. */
  tags: number
  /** Input files read. */
  files: string[]
  /** `true` when there is no error. */
  ok: boolean
}

/**
 * Runs `paper-notes check` and returns its exit status: 1 when any diagnostic is an error
 * (including an input that cannot be read), else 0. Output goes to standard output: the
 * diagnostics with their source lines and the summary line, or with `json` a
 * {@link CheckReport} (the summary line then goes to standard error).
 *
 * @example
 * const status = await runCheck(['notes/'], { json: true }, processIo())
 */
export async function runCheck(
  inputs: readonly string[],
  options: CheckOptions,
  io: CliIo,
): Promise<number> {
  const context = createRunContext(io)
  const read = await readNotes(inputs, {
    cwd: io.cwd,
    readStdin: io.readStdin,
    format: options.format,
    pageTag: options.pageTag,
    progress: context.progress,
  })
  const counts = countDiagnostics(read.diagnostics)
  const ok = counts.error === 0
  const summary = {
    command: 'check',
    notes: read.collection.notes.length,
    tags: read.collection.tags.length,
    files: read.sources.length,
    filesVerb: 'read' as const,
    diagnostics: counts,
    elapsedMs: context.elapsed(),
    ok,
  }
  if (options.json) {
    const report: CheckReport = {
      diagnostics: sortDiagnostics(read.diagnostics),
      counts,
      notes: summary.notes,
      tags: summary.tags,
      files: read.sources.map((source) => source.path),
      ok,
    }
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    context.warn(formatSummary(summary, context.err))
  } else {
    writeDiagnostics(
      context.print,
      read.diagnostics,
      sourceTexts(read.sources, read.diagnostics),
      context.out,
    )
    context.print(formatSummary(summary, context.out))
  }
  return ok ? 0 : 1
}
