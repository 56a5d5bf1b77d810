/**
 * The CLI's connection to the outside world, passed in rather than taken from `process`, so that
 * tests (and other programs) can run the CLI in-process with their own streams and directory.
 */
import picocolors from 'picocolors'

/** A stream the CLI writes text to. */
export interface OutputStream {
  /** Writes text. */
  write(text: string): unknown
  /** `true` when the stream is a terminal (enables colours and progress bars). */
  isTTY?: boolean
  /** The terminal width in columns, when known. */
  columns?: number
}

/** Everything the CLI reads from or writes to, besides the file system. */
export interface CliIo {
  /** Where command output goes (`check` diagnostics, summaries, `--json`). */
  stdout: OutputStream
  /** Where progress, build diagnostics and errors go. */
  stderr: OutputStream
  /** Reads all of standard input (for the input `-`). */
  readStdin: () => Promise<Uint8Array | string>
  /** The directory relative paths are resolved against. */
  cwd: string
  /** Environment variables (`CI`, `NO_COLOR`, `FORCE_COLOR`). */
  env: Readonly<Record<string, string | undefined>>
}

/** The colour functions the CLI uses; identity functions when colours are off. */
export type Palette = ReturnType<typeof picocolors.createColors>

function isTruthyEnv(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value !== 'false'
}

/**
 * Whether a stream is an interactive terminal: a TTY, and not under `CI`.
 * Progress bars only run on an interactive terminal.
 */
export function isInteractive(stream: OutputStream, env: CliIo['env']): boolean {
  return stream.isTTY === true && !isTruthyEnv(env['CI'])
}

/**
 * Whether to colour output written to `stream`: `NO_COLOR` turns colours off, `FORCE_COLOR`
 * turns them on, otherwise only on an interactive terminal.
 */
export function useColor(stream: OutputStream, env: CliIo['env']): boolean {
  if (isTruthyEnv(env['NO_COLOR'])) return false
  if (isTruthyEnv(env['FORCE_COLOR'])) return true
  return isInteractive(stream, env)
}

/** A palette with colours on or off. */
export function createPalette(enabled: boolean): Palette {
  return picocolors.createColors(enabled)
}

/**
 * The `CliIo` of the running Node.js process.
 *
 * @example
 * const code = await runCli(process.argv.slice(2), processIo())
 */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    readStdin: async () => {
      const chunks: Uint8Array[] = []
      for await (const chunk of process.stdin) {
        chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk)
      }
      return Buffer.concat(chunks)
    },
  }
}
