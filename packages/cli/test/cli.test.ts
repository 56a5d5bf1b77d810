/**
 * `runCli` in-process, with streams that claim to be terminals: progress bars and colours,
 * which the tests of the built binary (run through pipes) cannot see.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runCli } from '../src/cli.js'
import type { CliIo } from '../src/io.js'
import { japaneseBlog } from './fixtures.js'
import { makeTempDir, sampleProject } from './temp-dir.js'

function fakeIo(cwd: string, options: { tty: boolean; env?: CliIo['env']; stdin?: string }) {
  const stdout: string[] = []
  const stderr: string[] = []
  const io: CliIo = {
    cwd,
    env: options.env ?? {},
    stdout: { isTTY: options.tty, write: (text: string) => stdout.push(text) },
    stderr: { isTTY: options.tty, write: (text: string) => stderr.push(text) },
    readStdin: async () => options.stdin ?? '',
  }
  return { io, stdout: () => stdout.join(''), stderr: () => stderr.join('') }
}

const project = () => sampleProject()

describe('runCli on a terminal', () => {
  it('shows progress bars for parsing and writing, and colours the summary', async () => {
    const cwd = await project()
    const run = fakeIo(cwd, { tty: true })
    const status = await runCli(['build', 'notes', '--out', 'site'], run.io)
    expect(status).toBe(0)
    const stderr = run.stderr()
    expect(stderr).toContain('\r\u001b[2Kparsing  [')
    expect(stderr).toContain(' 3/3 files, 3 notes')
    expect(stderr).toContain('\r\u001b[2Krendering [')
    expect(stderr).toContain('\r\u001b[2Kwriting  [')
    expect(run.stdout()).toContain('\u001b[')
    expect(stripVTControlCharacters(run.stdout())).toMatch(
      /^build: 3 notes, \d+ tags, \d+ files written, 0 errors, 0 warnings, \d+ info in \d+\.\d\ds\n/,
    )
  })

  it('prints plain lines only under CI, even on a terminal', async () => {
    const cwd = await project()
    const run = fakeIo(cwd, { tty: true, env: { CI: 'true' } })
    expect(await runCli(['check', 'notes'], run.io)).toBe(0)
    expect(run.stdout() + run.stderr()).not.toContain('\u001b[')
    expect(run.stderr()).toBe('')
  })
})

describe('runCli as an API', () => {
  it('returns the exit status and never exits the process', async () => {
    const cwd = await project()
    expect(await runCli(['check', 'missing.md'], fakeIo(cwd, { tty: false }).io)).toBe(1)
    expect(await runCli(['nonsense'], fakeIo(cwd, { tty: false }).io)).toBe(2)
    expect(await runCli(['--version'], fakeIo(cwd, { tty: false }).io)).toBe(0)
  })

  it('reads - through io.readStdin', async () => {
    const cwd = await makeTempDir()
    const run = fakeIo(cwd, { tty: false, stdin: japaneseBlog })
    expect(await runCli(['build', '-', '--out', 'out', '--renderers', 'json'], run.io)).toBe(0)
    const notes = JSON.parse(await readFile(join(cwd, 'out/notes.json'), 'utf8')) as {
      tags: string[]
    }[]
    expect(notes.map((note) => note.tags)).toEqual([['Article', 'One-Line Notes', '日本語']])
  })
})
