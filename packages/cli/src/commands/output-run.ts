/**
 * What `build` and `convert` share: read the inputs, show their diagnostics, refuse to go on
 * when an input failed, nothing was found or `--strict` meets an error, and write the files
 * atomically into `--out`, ending with the summary line. The previous output is left intact
 * whenever the run fails.
 */
import { resolve } from 'node:path'
import { countDiagnostics, type RenderedFile, type SourceFormat } from '@paper-notes/core'
import {
  type ReadNotesOptions,
  type ReadNotesResult,
  readNotes,
  sourceTexts,
} from '../read-notes.js'
import { type RunContext, writeDiagnostics } from '../run-context.js'
import { formatSummary } from '../summary.js'
import { OutputError, writeOutput } from '../write-output.js'

/** The options both commands take. */
export interface OutputRunOptions {
  /** The output folder (`--out`). */
  out: string
  /** `--format`. */
  format?: SourceFormat
  /** `--strict`: any error diagnostic fails the run. */
  strict?: boolean
  /** `--force`: replace a non-empty output folder that paper-notes did not write. */
  force?: boolean
  /** `--no-page-tag` sets this to `false`. */
  pageTag?: boolean
  /** `--verbose`: print `info` diagnostics too. */
  verbose?: boolean
}

/** How a command reads its inputs, beyond the shared options. */
export interface OutputRunReading {
  /** Parses the inputs (see `ReadNotesOptions.parse`). */
  parse?: ReadNotesOptions['parse']
  /** Which input files need not be read (see `ReadNotesOptions.unchanged`). */
  unchanged?: ReadNotesOptions['unchanged']
}

/** A run of `build` or `convert` after its inputs were read. */
export interface OutputRun {
  /** The absolute output folder. */
  outDir: string
  /** The notes, their collection and diagnostics. */
  read: ReadNotesResult
  /**
   * The exit status when the run cannot go on (unreadable input, no note files, `--strict` with
   * errors), after saying why; `undefined` when it can.
   */
  precondition(): number | undefined
  /** Reports a failure (the previous output is kept) and returns exit status 1. */
  fail(message: string): number
  /** Writes the files atomically into `outDir` and returns the exit status. */
  write(files: readonly RenderedFile[]): Promise<number>
  /** Reports success after `files` files were written (by the caller) and returns 0. */
  succeed(files: number): number
}

/** Reads the inputs of `command` and returns what finishes the run. */
export async function startOutputRun(
  command: 'build' | 'convert',
  inputs: readonly string[],
  options: OutputRunOptions,
  context: RunContext,
  reading: OutputRunReading = {},
): Promise<OutputRun> {
  const { io, err } = context
  const outDir = resolve(io.cwd, options.out)
  const read = await readNotes(inputs, {
    cwd: io.cwd,
    readStdin: io.readStdin,
    format: options.format,
    pageTag: options.pageTag,
    exclude: [outDir],
    progress: context.progress,
    ...(reading.parse === undefined ? {} : { parse: reading.parse }),
    ...(reading.unchanged === undefined ? {} : { unchanged: reading.unchanged }),
  })
  const counts = countDiagnostics(read.diagnostics)
  const shown = options.verbose
    ? read.diagnostics
    : read.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')
  writeDiagnostics(context.warn, shown, sourceTexts(read.sources, shown), err)

  const finish = (ok: boolean, files: number) => {
    context.print(
      formatSummary(
        {
          command,
          notes: read.collection.notes.length,
          tags: read.collection.tags.length,
          files,
          filesVerb: 'written',
          diagnostics: counts,
          elapsedMs: context.elapsed(),
          ok,
        },
        context.out,
      ),
    )
    return ok ? 0 : 1
  }
  const fail = (message: string) => {
    context.warn(`${err.red(err.bold('error'))} ${message}`)
    context.warn(`The previous contents of ${options.out} were left as they were.`)
    return finish(false, 0)
  }

  return {
    outDir,
    read,
    fail,
    succeed: (files) => finish(true, files),
    precondition() {
      if (read.inputFailed) return fail('Some inputs could not be read (see above).')
      if (read.sources.length === 0) return fail('No note files found in the inputs.')
      if (options.strict && counts.error > 0) {
        return fail(`${counts.error} error(s) in the notes and --strict is set.`)
      }
      return undefined
    },
    async write(files) {
      context.progress.start('writing', files.length, 'files')
      try {
        await writeOutput(outDir, files, {
          cwd: io.cwd,
          force: options.force,
          inputs: read.sources.flatMap((source) =>
            source.absolutePath === undefined ? [] : [source.absolutePath],
          ),
          onFileWritten: () => context.progress.tick(),
        })
      } catch (error) {
        context.progress.done()
        if (error instanceof OutputError) return fail(`${error.message} [${error.code}]`)
        throw error
      }
      context.progress.done()
      return finish(true, files.length)
    },
  }
}
