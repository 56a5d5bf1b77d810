import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { japaneseBlog, sparseRehearsal } from './fixtures.js'
import { expectSameOutput } from './output-files.js'
import { buildQuietly } from './quiet-io.js'
import { makeTempDir, sampleProject } from './temp-dir.js'

/** A second file with note 100 in it again (same issue URL): merged by the collection. */
const duplicate = sparseRehearsal
  .replace('# Abstract', '# Abstract\n- Written twice: the duplicate adds this line.')
  .replace('NLP, ', 'NLP, Duplicates, ')

const project = () => sampleProject({ 'notes/zz-100-again.md': duplicate })

/** The note stores' folders left in `dir`. */
async function storeFolders(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('paper-notes-notes-'))
}

describe('build --low-memory', () => {
  let temporary: string
  let saved: string | undefined
  beforeEach(async () => {
    // The note store's folder goes under TMPDIR: one of the test's own, to see it removed.
    saved = process.env.TMPDIR
    temporary = await makeTempDir()
    process.env.TMPDIR = temporary
  })
  afterEach(() => {
    if (saved === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = saved
  })

  it('writes the same files as a build that keeps every note in memory, and cleans up', async () => {
    const cwd = await project()
    const low = await buildQuietly(cwd, 'low', '--low-memory', '--no-cache')
    expect(low).toContain('low memory: note texts kept in a temporary file')
    expect(low).toContain('duplicate-note')
    const high = await buildQuietly(cwd, 'high', '--no-low-memory', '--no-cache')
    expect(high).not.toContain('low memory')
    await expectSameOutput(join(cwd, 'low'), join(cwd, 'high'))
    expect(await storeFolders(temporary)).toEqual([])
  })

  it('rebuilds from its cache with the output of a full build', async () => {
    const cwd = await project()
    await buildQuietly(cwd, 'site', '--low-memory')
    await writeFile(
      join(cwd, 'notes/101.md'),
      japaneseBlog.replace('実務でそのまま使える', '実務で使える'),
    )
    const again = await buildQuietly(cwd, 'site', '--low-memory')
    expect(again).toContain('3 of 4 files taken from the cache')
    await buildQuietly(cwd, 'fresh', '--no-low-memory', '--no-cache')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh'))
    expect(await storeFolders(temporary)).toEqual([])
  })

  it('still shows the line of a diagnostic in an input it let go of', async () => {
    const cwd = await project()
    await mkdir(join(cwd, 'notes'), { recursive: true })
    await writeFile(
      join(cwd, 'notes/103.md'),
      '---\ntitle: "[Paper Note] Broken Date, Ada+, 2025.01"\ndate: 2025-13-45\n---\n# Abstract\n- x\n',
    )
    const stderr = await buildQuietly(cwd, 'site', '--low-memory', '--no-cache')
    expect(stderr).toMatch(/notes\/103\.md:3:\d+/)
    expect(stderr).toContain('date: 2025-13-45')
  })
})
