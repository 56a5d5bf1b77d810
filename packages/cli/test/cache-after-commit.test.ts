/**
 * A build writes its cache's indexes into the new output once it has replaced the old one
 * (`build.ts`): a failure there leaves the new output in place, warns, and leaves a cache no
 * build uses. The failure is a full disk, made by a `writeStagedFile` that refuses one path.
 */
import { existsSync } from 'node:fs'
import { appendFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { runCli } from '../src/cli.js'
import { expectSameOutput, outputFiles } from './output-files.js'
import { buildQuietly, quietIo } from './quiet-io.js'
import { sampleProject } from './temp-dir.js'

/** The path `writeStagedFile` fails to write, if any. */
const refused = vi.hoisted(() => ({ path: undefined as string | undefined }))

vi.mock('../src/write-output.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/write-output.js')>()
  return {
    ...actual,
    writeStagedFile(...args: Parameters<typeof actual.writeStagedFile>) {
      if (args[1] === refused.path) {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
          syscall: 'write',
        })
      }
      return actual.writeStagedFile(...args)
    },
  }
})

const manifest = '.paper-notes-cache/manifest.json'

describe('the cache written after the new output is in place', () => {
  it('warns when it cannot be written, keeps the new output, and is not used next time', async () => {
    const cwd = await sampleProject()
    await buildQuietly(cwd, 'site')
    expect(existsSync(join(cwd, 'site', manifest))).toBe(true)
    await appendFile(join(cwd, 'notes/100.md'), '\n<!-- comment -->\n継続学習の追記。\n')

    // The plan index is written after the piece and input indexes, before the manifest.
    refused.path = '.paper-notes-cache/plan-index.json'
    const run = quietIo(cwd)
    const argv = ['build', 'notes', '--out', 'site', '--base-url', 'https://notes.example.org/']
    try {
      expect(await runCli([...argv, '--jobs', '1'], run.io), run.stderr()).toBe(0)
    } finally {
      refused.path = undefined
    }
    expect(run.stderr()).toContain(
      'warning the output was written, but not its build cache (ENOSPC: no space left on device, write): the next build renders every file',
    )
    expect(run.stdout()).toMatch(/^build: 3 notes, /)
    // The edit is in the output, which is what a build without a cache writes; no manifest,
    // and the replaced folder is gone.
    await buildQuietly(cwd, 'fresh', '--no-cache')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh'))
    expect(existsSync(join(cwd, 'site', manifest))).toBe(false)
    expect((await readdir(cwd)).sort()).toEqual(['fresh', 'notes', 'site'])

    // The next build renders every file, and writes a cache the one after uses.
    const next = await buildQuietly(cwd, 'site')
    const files = [...(await outputFiles(join(cwd, 'site'), { withoutCache: true })).keys()]
    expect(next).toContain(`${files.length - 1} files rendered, 0 carried over from the cache`)
    expect(existsSync(join(cwd, 'site', manifest))).toBe(true)
    expect(await buildQuietly(cwd, 'site')).toMatch(/[1-9]\d* carried over from the cache/)
  })
})
