/**
 * A `CliIo` for running the CLI in process in tests: output kept, not printed, and no
 * standard input; and a build of a project's `notes` run with it.
 */
import { expect } from 'vitest'
import { runCli } from '../src/cli.js'
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

/**
 * Runs `build notes --out <out> --base-url https://notes.example.org/ --jobs 1 --verbose` (and
 * `extra`) in process in `cwd`, expects it to succeed, and returns what it wrote to stderr.
 *
 * @example
 * expect(await buildQuietly(cwd, 'site')).toContain('files taken from the cache')
 */
export async function buildQuietly(cwd: string, out: string, ...extra: string[]): Promise<string> {
  const run = quietIo(cwd)
  const argv = ['build', 'notes', '--out', out, '--base-url', 'https://notes.example.org/']
  const status = await runCli([...argv, '--jobs', '1', '--verbose', ...extra], run.io)
  expect(status, run.stderr()).toBe(0)
  return run.stderr()
}
