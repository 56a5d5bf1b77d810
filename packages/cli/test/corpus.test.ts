/**
 * The built binary on the real corpus (`../shared/corpus`, read at run time, never copied):
 * every export format in one build. Skips with a message when the corpus is missing; fails
 * then under CI.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { corpusDir as corpus, hasCorpus } from '../../../test-support/corpus.ts'
import { assertBuilt, runBin } from './run-bin.js'
import { makeTempDir } from './temp-dir.js'

describe.skipIf(!hasCorpus)('paper-notes on the corpus', () => {
  beforeAll(assertBuilt)

  it('builds the text, XML and GitHub exports together with no error and merges duplicates', async () => {
    const cwd = await makeTempDir()
    const inputs = ['text', 'xml', 'github'].map((name) => join(corpus, name))
    const result = await runBin(
      ['build', ...inputs, '--out', 'site', '--base-url', 'https://example.org/notes/'],
      { cwd },
    )
    expect(result.code).toBe(0)
    const summary =
      /^build: (\d+) notes, (\d+) tags, (\d+) files written, 0 errors, (\d+) warnings?, /m.exec(
        result.stdout,
      )
    expect(summary).not.toBeNull()
    const [, notes, tags, files] = summary!.map(Number)
    // The GitHub files hold the same notes as the XML files: they merge (README of the corpus).
    expect(result.stderr).toContain('duplicate-note')
    const notesJson = JSON.parse(await readFile(join(cwd, 'site/notes.json'), 'utf8')) as unknown[]
    expect(notesJson).toHaveLength(notes!)
    const tagsJson = JSON.parse(await readFile(join(cwd, 'site/tags.json'), 'utf8')) as unknown[]
    expect(tagsJson).toHaveLength(tags!)
    const written = (
      await readdir(join(cwd, 'site'), { recursive: true, withFileTypes: true })
    ).filter(
      (entry) =>
        entry.isFile() && !join(entry.parentPath, entry.name).includes('/.paper-notes-cache/'),
    )
    expect(written).toHaveLength(files! + 1) // + the marker file (the build cache left out)
    expect(await readdir(cwd)).toEqual(['site'])
  }, 180_000)

  it('checks each export format without an error', async () => {
    const cwd = await makeTempDir()
    for (const format of ['text', 'xml', 'github']) {
      const result = await runBin(['check', join(corpus, format), '--json'], { cwd })
      expect(result.code, format).toBe(0)
      const report = JSON.parse(result.stdout) as { counts: { error: number }; notes: number }
      expect(report.counts.error, format).toBe(0)
      expect(report.notes, format).toBeGreaterThan(0)
    }
  }, 180_000)
})
