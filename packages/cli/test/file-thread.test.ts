/**
 * The file thread of a build (the built `dist/file-thread-worker.js`) and its in-thread twin:
 * the same files, hashes and failures either way.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  type FileThread,
  type StagedFiles,
  stageFilesHere,
  startFileThread,
} from '../src/file-thread.js'
import { OutputError } from '../src/write-output.js'
import { assertBuilt } from './run-bin.js'
import { makeTempDir, replacedOutput, writeTree } from './temp-dir.js'

async function listTree(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = []
  const entries = await readdir(root, { withFileTypes: true })
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix + entry.name
    if (entry.isDirectory()) out.push(...(await listTree(join(root, entry.name), `${rel}/`)))
    else out.push(rel)
  }
  return out
}

const script = new URL('../dist/file-thread-worker.js', import.meta.url)

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex')

const kinds: [string, (staging: string) => StagedFiles & Partial<Pick<FileThread, 'close'>>][] = [
  ['on the file thread', (staging) => startFileThread(script, staging)],
  ['in this thread', (staging) => stageFilesHere(staging, new Set())],
]

describe('the file thread backlog', () => {
  beforeAll(assertBuilt)

  it('asks a writer to wait while more than 32 MB wait to be written, until most are', async () => {
    const staging = await makeTempDir()
    const files = startFileThread(script, staging)
    try {
      expect(files.backlog()).toBeUndefined()
      const big = 'x'.repeat(20 * 1024 * 1024)
      const first = files.write('a.json', big)
      expect(files.backlog()).toBeUndefined() // 20 MB in flight
      const second = files.write('b.json', big)
      const wait = files.backlog() // 40 MB in flight
      expect(wait).toBeInstanceOf(Promise)
      let waited = false
      await Promise.all([
        wait!.then(() => {
          waited = true
        }),
        first,
        second,
      ])
      expect(waited).toBe(true)
      expect(files.backlog()).toBeUndefined()
      await files.settle()
      expect((await stat(join(staging, 'b.json'))).size).toBe(big.length)
    } finally {
      await files.close()
    }
  })
})

describe('the file thread remove', () => {
  beforeAll(assertBuilt)

  it('deletes a folder tree after the links queued before it, and reports when it is done', async () => {
    const root = await makeTempDir()
    const old = await replacedOutput(root)
    const staging = join(root, 'staging')
    const files = startFileThread(script, staging)
    try {
      // Still in the batch, not sent: remove sends it first.
      files.link('notes/4175.html', join(old, 'notes/4175.html'))
      await files.remove(old)
      expect(await readdir(root)).toEqual(['staging'])
      expect(await readFile(join(staging, 'notes/4175.html'), 'utf8')).toBe('継続学習')
      await files.settle()
    } finally {
      await files.close()
    }
  })
})

describe.each(kinds)('staged files %s', (_, start) => {
  beforeAll(() => {
    assertBuilt()
    expect(fileURLToPath(script)).toMatch(/file-thread-worker\.js$/)
  })

  it('writes text as UTF-8 and bytes as they are, reporting hash, size and time, and links files', async () => {
    const previous = await makeTempDir()
    await writeTree(previous, { 'tags/nlp/page-2.html': '<p>自然言語 2</p>' })
    const staging = await makeTempDir()
    const files = start(staging)
    try {
      files.link('tags/nlp/page-2.html', join(previous, 'tags/nlp/page-2.html'))
      const text = await files.write('tags/nlp.json', '[{"title":"継続学習"}]\n')
      const bytes = await files.write('favicon.ico', new Uint8Array([0, 1, 2, 255]))
      await files.settle()
      expect(await listTree(staging)).toEqual([
        'favicon.ico',
        'tags/nlp/page-2.html',
        'tags/nlp.json',
      ])
      const json = await stat(join(staging, 'tags/nlp.json'))
      expect(text).toEqual({
        hash: sha1('[{"title":"継続学習"}]\n'),
        size: json.size,
        mtimeMs: json.mtimeMs,
      })
      expect(json.size).toBe(Buffer.byteLength('[{"title":"継続学習"}]\n'))
      expect(bytes.hash).toBe(
        createHash('sha1')
          .update(new Uint8Array([0, 1, 2, 255]))
          .digest('hex'),
      )
      expect([...(await readFile(join(staging, 'favicon.ico')))]).toEqual([0, 1, 2, 255])
      const linked = await stat(join(staging, 'tags/nlp/page-2.html'))
      expect(linked.ino).toBe((await stat(join(previous, 'tags/nlp/page-2.html'))).ino)
    } finally {
      await files.close?.()
    }
  })

  it('refuses unsafe paths at once, and reports a failed write and a failed link', async () => {
    const previous = await makeTempDir()
    await writeTree(previous, { 'a.html': 'a', 'b.html': 'b' })
    const staging = await makeTempDir()
    const files = start(staging)
    try {
      expect(() => files.link('../escape.html', join(previous, 'a.html'))).toThrow(OutputError)
      expect(() => files.write('.paper-notes-cache/manifest.json', '{}')).toThrow(OutputError)
      await files.write('a.html', 'written first')
      // A second write of one path fails (files are created exclusively).
      let failure: unknown
      try {
        await files.write('a.html', 'written twice')
      } catch (error) {
        failure = error
      }
      expect(failure).toMatchObject({ code: 'EEXIST', syscall: 'open' })
      files.link('a.html', join(previous, 'a.html')) // exists already: EEXIST
      files.link('b.html', join(previous, 'b.html'))
      await expect(files.settle()).rejects.toMatchObject({ code: 'EEXIST' })
      // Every other link finished before settle threw.
      expect(await readFile(join(staging, 'b.html'), 'utf8')).toBe('b')
      expect(await readFile(join(staging, 'a.html'), 'utf8')).toBe('written first')
      expect(await readdir(staging)).not.toContain('escape.html')
    } finally {
      await files.close?.()
    }
  })
})
