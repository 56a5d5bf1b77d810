/**
 * What a command needs from its surroundings: streams, palettes, a progress bar and a clock.
 */
import type { Diagnostic } from '@paper-notes/core'
import { formatDiagnostics } from './format-diagnostics.js'
import { type CliIo, createPalette, isInteractive, type Palette, useColor } from './io.js'
import { createProgress, type Progress } from './progress.js'

/** A command's view of the terminal. */
export interface RunContext {
  /** Streams, working directory, environment. */
  io: CliIo
  /** Colours for standard output. */
  out: Palette
  /** Colours for standard error. */
  err: Palette
  /** The progress bar (silent off a terminal). */
  progress: Progress
  /** Milliseconds since the command started. */
  elapsed(): number
  /** Writes a line to standard output. */
  print(line: string): void
  /** Writes a line to standard error. */
  warn(line: string): void
}

/** A run context for `io`, its clock started now. */
export function createRunContext(io: CliIo): RunContext {
  const started = performance.now()
  return {
    io,
    out: createPalette(useColor(io.stdout, io.env)),
    err: createPalette(useColor(io.stderr, io.env)),
    progress: createProgress(io.stderr, { enabled: isInteractive(io.stderr, io.env) }),
    elapsed: () => performance.now() - started,
    print: (line) => io.stdout.write(`${line}\n`),
    warn: (line) => io.stderr.write(`${line}\n`),
  }
}

/**
 * Writes diagnostics (with their source lines) to a stream, followed by a blank line, or
 * nothing when there are none.
 */
export function writeDiagnostics(
  write: (line: string) => void,
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
  palette: Palette,
): void {
  if (diagnostics.length === 0) return
  write(`${formatDiagnostics(diagnostics, sources, palette)}\n`)
}
