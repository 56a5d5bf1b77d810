/**
 * The input index (`inputs.json`): a file whose `stat` is as a previous build recorded it, and
 * which had settled before that build read it, is not read again and keeps its parse key; any
 * write (even one whose modification time is set back) or a racy time makes it read. Then
 * through whole builds (`runCli`, one thread), against builds without a cache.
 */
import { readFile, rename, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseKey } from '../src/build-cache.js'
import {
  inputIndexPath,
  inputIndexText,
  parseOptionsKey,
  readInputIndex,
  settledMs,
} from '../src/input-index.js'
import { collectInputs, type InputFileStats, sourceStats } from '../src/inputs.js'
import { japaneseBlog } from './fixtures.js'
import { expectSameOutput } from './output-files.js'
import { buildQuietly } from './quiet-io.js'
import { makeTempDir, sampleProject, writeTree } from './temp-dir.js'

const noStdin = async (): Promise<string> => {
  throw new Error('stdin must not be read')
}

const options = parseOptionsKey({ pageTag: true })

/** A whole second a minute ago: a modification time that `utimes` sets back exactly. */
const aMinuteAgo = Math.floor(Date.now() / 1000) - 60

/**
 * Two note files (modified a minute ago) read with their stats taken, and an index of them as
 * if read at `readAt(latest, earliest)`: `latest` the last time either file was changed,
 * `earliest` the last change of the file changed first.
 */
async function indexed(readAt: (latest: number, earliest: number) => number) {
  const cwd = await makeTempDir()
  await writeTree(cwd, { 'notes/a.md': '# 忘却\n', 'notes/b.md': '# Scaling\n' })
  for (const name of ['a.md', 'b.md'])
    await utimes(join(cwd, 'notes', name), aMinuteAgo, aMinuteAgo)
  const { sources } = await collectInputs(['notes'], {
    cwd,
    readStdin: noStdin,
    unchanged: () => false,
  })
  const keys = sources.map((source) => parseKey(source, { pageTag: true }))
  const outDir = join(cwd, 'site')
  const changed = sources
    .map((source) => sourceStats(source)!)
    .map((stats: InputFileStats) => Math.max(stats.mtimeMs, stats.ctimeMs))
  const text = inputIndexText(
    sources,
    keys,
    options,
    readAt(Math.max(...changed), Math.min(...changed)),
  )
  await writeTree(outDir, { [inputIndexPath]: text })
  return { cwd, outDir, sources, keys }
}

/** The index read back, and which of the files it says are unchanged now. */
async function unchangedNow(cwd: string, outDir: string, read = options) {
  const index = readInputIndex(outDir, read)
  if (index === undefined) return undefined
  const { sources } = await collectInputs(['notes'], {
    cwd,
    readStdin: noStdin,
    unchanged: index.unchanged,
  })
  return { index, sources, unchanged: sources.filter((source) => index.parseKey(source)) }
}

describe('the input index', () => {
  it('takes a settled, untouched file without reading it, with its recorded parse key', async () => {
    const { cwd, outDir, keys } = await indexed((latest) => latest + settledMs + 1)
    const found = await unchangedNow(cwd, outDir)
    expect(found?.unchanged.map((source) => source.path)).toEqual(['notes/a.md', 'notes/b.md'])
    expect(found!.sources.map((source) => found!.index.parseKey(source))).toEqual(keys)
    // Not read when collected: its text is read from the file when first used. (A rename over
    // it is a new file, which the next collect would read: see below.)
    await writeFile(join(cwd, 'notes/a.md.new'), '# 忘れる\n')
    await rename(join(cwd, 'notes/a.md.new'), join(cwd, 'notes/a.md'))
    expect(found!.sources[0]!.contents).toBe('# 忘れる\n')
  })

  it('reads a file changed since, even with its modification time and size set back', async () => {
    const { cwd, outDir } = await indexed((latest) => latest + settledMs + 60_000)
    const path = join(cwd, 'notes/b.md')
    const before = await stat(path)
    await writeFile(path, '# Scalinx\n') // same size
    await utimes(path, aMinuteAgo, aMinuteAgo)
    const after = await stat(path)
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs])
    const found = await unchangedNow(cwd, outDir)
    expect(found?.unchanged.map((source) => source.path)).toEqual(['notes/a.md'])
  })

  it('reads a file changed shortly before the build that recorded it (a racy time)', async () => {
    // Within settledMs of each file's change (the two files' changes can be milliseconds apart
    // on a busy machine: from the later one, the earlier file had settled).
    const { cwd, outDir } = await indexed((_, earliest) => earliest + settledMs - 1)
    expect((await unchangedNow(cwd, outDir))?.unchanged).toEqual([])
  })

  it('reads every file when shown by another path, parsed with other options, or of other versions', async () => {
    const { cwd, outDir } = await indexed((latest) => latest + settledMs + 1)
    // From the parent folder, the files are shown as `<folder>/notes/a.md`.
    const index = readInputIndex(outDir, options)!
    const parent = join(cwd, '..')
    const { sources } = await collectInputs([join(cwd, 'notes')], {
      cwd: parent,
      readStdin: noStdin,
      unchanged: index.unchanged,
    })
    expect(sources.filter((source) => index.parseKey(source))).toEqual([])
    expect(readInputIndex(outDir, parseOptionsKey({ pageTag: false }))).toBeUndefined()
    const file = join(outDir, inputIndexPath)
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace(/"versions":"[^"]*"/, '"versions":"0:0.0.0:0.0.0"'))
    expect(readInputIndex(outDir, options)).toBeUndefined()
    await writeFile(file, text.slice(0, 40))
    expect(readInputIndex(outDir, options)).toBeUndefined()
    expect(readInputIndex(join(cwd, 'nowhere'), options)).toBeUndefined()
  })

  it('takes no stat without `unchanged`, and records none for such sources', async () => {
    const cwd = await makeTempDir()
    await writeTree(cwd, { 'notes/a.md': '# a\n' })
    const { sources } = await collectInputs(['notes'], { cwd, readStdin: noStdin })
    expect(sourceStats(sources[0]!)).toBeUndefined()
    const text = inputIndexText(sources, ['k'], options, Date.now())
    expect(JSON.parse(text).files).toEqual({})
  })
})

/** Moves the recorded time of the last build's reading `ms` later, as if its files had settled. */
async function settle(site: string, ms: number) {
  const file = join(site, inputIndexPath)
  const index = JSON.parse(await readFile(file, 'utf8'))
  index.readAt += ms
  await writeFile(file, JSON.stringify(index))
}

describe('a rebuild with the input index', () => {
  it('reads the edited note only and writes what a build without a cache writes', async () => {
    const cwd = await sampleProject()
    const path = join(cwd, 'notes/101.md')
    await utimes(path, aMinuteAgo, aMinuteAgo)
    await buildQuietly(cwd, 'site')
    const first = JSON.parse(await readFile(join(cwd, 'site', inputIndexPath), 'utf8'))
    expect(Object.keys(first.files).map((path) => path.slice(cwd.length + 1))).toEqual([
      'notes/100.md',
      'notes/101.md',
      'notes/102.md',
    ])
    await settle(join(cwd, 'site'), settledMs + 60_000)
    const before = await stat(path)
    // Edited to the same size, its modification time set back: its status change time tells.
    const edited = japaneseBlog.replace('実務でそのまま使える', '実務でそのまま使へる')
    expect(Buffer.byteLength(edited)).toBe(before.size)
    await writeFile(path, edited)
    await utimes(path, aMinuteAgo, aMinuteAgo)
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs)
    const stderr = await buildQuietly(cwd, 'site')
    expect(stderr).toContain('2 of 3 files taken from the cache')
    expect(await readFile(join(cwd, 'site/notes.json'), 'utf8')).toContain('実務でそのまま使へる')
    await buildQuietly(cwd, 'fresh', '--no-cache')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh'))
  })
})
