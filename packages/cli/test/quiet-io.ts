/**
 * A `CliIo` for running the CLI in process in tests: output kept, not printed, and no
 * standard input.
 */
import type { CliIo } from '../src/io.js'

/**
 * A quiet `CliIo` working in `cwd`, with what the CLI wrote to stdout and stderr.
 *
 * @example
 * const run = quietIo(cwd)
 * expect(await runCli(['check', 'notes'], run.io), run.stderr()).toBe(0)
 */
export function quietIo(cwd: string): { io: CliIo; stdout: () => string; stderr: () => string } {
  const stdout: string[] = []
  const stderr: string[] = []
  const io: CliIo = {
    cwd,
    env: {},
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    readStdin: async () => '',
  }
  return { io, stdout: () => stdout.join(''), stderr: () => stderr.join('') }
}
