/**
 * Planned files given in pieces (`chunks()`): written piece by piece, in this thread and on
 * the file thread, with the hash the manifest records for whole files; in a build through
 * `runCli` (one thread) and through the built executable (`--jobs 2`, the file thread of a
 * rebuild), with the bytes of the whole-file path.
 */
import { createHash } from 'node:crypto'
import { readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { contentHash, type ManifestEntry } from '../src/build-cache.js'
import { runCli } from '../src/cli.js'
import {
  type FileThread,
  type StagedFiles,
  stageFilesHere,
  startFileThread,
} from '../src/file-thread.js'
import { OutputError, writeStagedChunks } from '../src/write-output.js'
import { japaneseBlog } from './fixtures.js'
import { expectSameOutput, outputFiles } from './output-files.js'
import { quietIo } from './quiet-io.js'
import { assertBuilt, runBin } from './run-bin.js'
import { makeTempDir, sampleProject, writeTree } from './temp-dir.js'

const script = new URL('../dist/file-thread-worker.js', import.meta.url)

const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex')

/** Pieces of text and bytes: Japanese, a character outside the BMP, a piece of raw bytes. */
function pieces(): (string | Uint8Array)[] {
  return [
    '[{"title":"継続学習 𝑥"}',
    `,${JSON.stringify({ text: 'long '.repeat(30_000) })}`, // bigger than the first: a new buffer
    new Uint8Array([0x2c, 0x22, 0xe5, 0xbf, 0x98, 0x22]), // ,"忘"
    ']\n',
  ]
}

const joined = (list: readonly (string | Uint8Array)[]) =>
  Buffer.concat(list.map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece)))

const kinds: [string, (staging: string) => StagedFiles & Partial<Pick<FileThread, 'close'>>][] = [
  ['on the file thread', (staging) => startFileThread(script, staging)],
  ['in this thread', (staging) => stageFilesHere(staging, new Set())],
]

describe('writeStagedChunks', () => {
  it('writes each piece as it comes, text as UTF-8, and shows each piece to onBytes', async () => {
    const staging = await makeTempDir()
    const hash = createHash('sha1')
    let shown = 0
    const result = writeStagedChunks(staging, 'a/b.json', pieces(), new Set(), (bytes) => {
      hash.update(bytes)
      shown += bytes.byteLength
    })
    const written = await readFile(join(staging, 'a/b.json'))
    expect(written.equals(joined(pieces()))).toBe(true)
    expect(result).toEqual({
      target: join(staging, 'a/b.json'),
      size: written.byteLength,
      mtimeMs: (await stat(join(staging, 'a/b.json'))).mtimeMs,
    })
    expect(shown).toBe(written.byteLength)
    expect(hash.digest('hex')).toBe(contentHash(written))
  })

  it('writes each file’s own bytes while one encode buffer serves them all', async () => {
    const staging = await makeTempDir()
    const none = () => undefined
    const made = new Set<string>()
    // Longest first, so a later, shorter text is encoded over an earlier one's bytes; a piece
    // of 6 MB (past the 4 MB kept between writes) and a write made from inside `onBytes`.
    const texts = ['忘却'.repeat(3000), 'abc'.repeat(500), 'x', '']
    for (const [i, text] of texts.entries()) {
      writeStagedChunks(staging, `t${i}.txt`, [text, '\n'], made, none)
    }
    const big = 'é'.repeat(3 * 1024 * 1024)
    writeStagedChunks(staging, 'big.txt', [big], made, none)
    let inner = false
    writeStagedChunks(staging, 'outer.txt', ['outer-1', 'outer-2'], made, () => {
      if (inner) return
      inner = true
      writeStagedChunks(staging, 'inner.txt', ['inner'], made, none)
    })
    writeStagedChunks(staging, 'after.txt', ['ok'], made, none)
    for (const [i, text] of texts.entries()) {
      expect(await readFile(join(staging, `t${i}.txt`), 'utf8')).toBe(`${text}\n`)
    }
    expect(await readFile(join(staging, 'big.txt'), 'utf8')).toBe(big)
    expect(await readFile(join(staging, 'outer.txt'), 'utf8')).toBe('outer-1outer-2')
    expect(await readFile(join(staging, 'inner.txt'), 'utf8')).toBe('inner')
    expect(await readFile(join(staging, 'after.txt'), 'utf8')).toBe('ok')
  })

  it('refuses an unsafe path, and a path written already', async () => {
    const staging = await makeTempDir()
    const none = () => undefined
    expect(() => writeStagedChunks(staging, '../x.json', ['x'], new Set(), none)).toThrow(
      OutputError,
    )
    writeStagedChunks(staging, 'x.json', ['x'], new Set(), none)
    expect(() => writeStagedChunks(staging, 'x.json', ['y'], new Set(), none)).toThrow(
      expect.objectContaining({ code: 'EEXIST' }),
    )
    expect(await readFile(join(staging, 'x.json'), 'utf8')).toBe('x')
  })
})

describe.each(kinds)('writeChunks %s', (_, start) => {
  beforeAll(assertBuilt)

  it('writes a file in pieces with the hash, size and time of the whole', async () => {
    const staging = await makeTempDir()
    const files = start(staging)
    try {
      const many = await files.writeChunks('tags/nlp.json', pieces())
      const one = await files.writeChunks('one.json', ['[{"title":"忘却"}]\n'])
      const none = await files.writeChunks('empty.json', [])
      await files.settle()
      for (const [path, written, expected] of [
        ['tags/nlp.json', many, joined(pieces())],
        ['one.json', one, Buffer.from('[{"title":"忘却"}]\n')],
        ['empty.json', none, Buffer.alloc(0)],
      ] as const) {
        const bytes = await readFile(join(staging, path))
        expect(bytes.equals(expected), path).toBe(true)
        const info = await stat(join(staging, path))
        expect(written, path).toEqual({
          hash: sha1(expected),
          size: expected.byteLength,
          mtimeMs: info.mtimeMs,
        })
        // The hash of the same file written whole.
        expect(written.hash).toBe(
          (await files.write(`whole/${path.replace('/', '-')}`, expected)).hash,
        )
      }
    } finally {
      await files.close?.()
    }
  })

  it('throws a piece’s error (a renderer’s) and an unsafe path at once', async () => {
    const staging = await makeTempDir()
    const files = start(staging)
    try {
      function* failing(): Generator<string> {
        yield 'a'.repeat(70_000)
        yield 'b'
        throw new Error('no paper today')
      }
      expect(() => files.writeChunks('failing.json', failing())).toThrow('no paper today')
      const failingFirst: Iterable<string> = {
        [Symbol.iterator]: () => ({
          next: () => {
            throw new Error('not even one piece')
          },
        }),
      }
      expect(() => files.writeChunks('first.json', failingFirst)).toThrow('not even one piece')
      expect(() => files.writeChunks('../escape.json', ['a', 'b'])).toThrow(OutputError)
      expect(() => files.writeChunks('.paper-notes-cache/x.json', ['a', 'b'])).toThrow(OutputError)
      await files.settle()
    } finally {
      await files.close?.()
    }
  })
})

/**
 * A renderer module whose big file comes only in pieces (its `render()` throws), beside a
 * one-piece chunked file; `chunks()` calls are counted in `globalThis.__paperNotesChunks`.
 */
const chunkingRenderer = `
globalThis.__paperNotesChunks = globalThis.__paperNotesChunks ?? []
function* listing(collection) {
  let piece = '['
  for (const note of collection.notes) {
    piece += JSON.stringify({ id: note.id, title: note.title, pad: '忘却 𝑥 '.repeat(6000) }) + ','
    if (piece.length >= 65536) {
      yield piece
      piece = ''
    }
  }
  yield piece + '"end"]\\n'
  yield new Uint8Array([0x2f, 0x2f, 0x0a]) // "//\\n" as bytes
}
export default {
  name: 'chunking',
  version: '1',
  render(collection) {
    return [...this.plan(collection)].map((file) => ({
      path: file.path, contents: Buffer.concat([...file.chunks()].map((p) => Buffer.from(p))), mediaType: file.mediaType,
    }))
  },
  *plan(collection) {
    yield {
      path: 'chunking/all.json', mediaType: 'application/json',
      dependsOn: { notes: collection.notes, key: '' },
      render() { throw new Error('render() called on a file given in pieces') },
      chunks() { globalThis.__paperNotesChunks.push('chunking/all.json'); return listing(collection) },
    }
    yield {
      path: 'chunking/count.txt', mediaType: 'text/plain',
      dependsOn: { notes: collection.notes, key: '' },
      render() { throw new Error('render() called on a file given in pieces') },
      chunks() { globalThis.__paperNotesChunks.push('chunking/count.txt'); return [String(collection.notes.length) + '\\n'] },
    }
  },
}
`

const chunked = (): string[] => {
  const global = globalThis as { __paperNotesChunks?: string[] }
  global.__paperNotesChunks ??= []
  return global.__paperNotesChunks
}

/** What the chunking renderer writes for notes of these ids and titles, newest first. */
function expectedListing(notes: readonly { id: string; title: string | null }[]): Buffer {
  let text = '['
  for (const note of notes) {
    text += `${JSON.stringify({ id: note.id, title: note.title, pad: '忘却 𝑥 '.repeat(6000) })},`
  }
  return Buffer.concat([Buffer.from(`${text}"end"]\n`), Buffer.from('//\n')])
}

async function manifest(out: string): Promise<Record<string, ManifestEntry>> {
  const text = await readFile(join(out, '.paper-notes-cache/manifest.json'), 'utf8')
  return (JSON.parse(text) as { files: Record<string, ManifestEntry> }).files
}

describe('a build with a renderer whose files come in pieces', () => {
  async function build(cwd: string, out: string, ...extra: string[]) {
    chunked().length = 0
    const run = quietIo(cwd)
    const status = await runCli(
      ['build', 'notes', '--out', out, '--renderers', 'json,./chunking.mjs', '--jobs', '1']
        .concat(['--verbose'])
        .concat(extra),
      run.io,
    )
    expect(status, run.stderr()).toBe(0)
    return { chunked: [...chunked()].sort(), stderr: run.stderr() }
  }

  it('writes the pieces’ bytes with their hash in the manifest, and a rebuild reuses them', async () => {
    const cwd = await sampleProject({ 'chunking.mjs': chunkingRenderer })
    const first = await build(cwd, 'site')
    expect(first.chunked).toEqual(['chunking/all.json', 'chunking/count.txt'])
    const site = join(cwd, 'site')
    const all = await readFile(join(site, 'chunking/all.json'))
    // The notes in the collection's order, as notes.json lists them.
    const notes = JSON.parse(await readFile(join(site, 'notes.json'), 'utf8')) as {
      id: string
      title: string | null
    }[]
    expect(notes.map((note) => note.id).sort()).toEqual(['100', '101', '102'])
    expect(all.equals(expectedListing(notes))).toBe(true)
    expect(all.byteLength).toBeGreaterThan(3 * 65_536) // several pieces
    expect(await readFile(join(site, 'chunking/count.txt'), 'utf8')).toBe('3\n')

    const entries = await manifest(site)
    for (const path of ['chunking/all.json', 'chunking/count.txt', 'notes.json']) {
      const bytes = await readFile(join(site, path))
      expect(entries[path]?.hash, path).toBe(contentHash(bytes))
      expect(entries[path]?.size, path).toBe(bytes.byteLength)
    }

    // Unchanged: both files are taken from the previous build, not written again.
    const again = await build(cwd, 'site')
    expect(again.chunked).toEqual([])
    expect((await readFile(join(site, 'chunking/all.json'))).equals(all)).toBe(true)
    expect((await manifest(site))['chunking/all.json']).toEqual(entries['chunking/all.json'])

    // Touched but not changed: its bytes are hashed again (a megabyte at a time) and match.
    const later = new Date(Date.now() + 60_000)
    await utimes(join(site, 'chunking/all.json'), later, later)
    const touched = await build(cwd, 'site')
    expect(touched.chunked).toEqual([])
    expect((await manifest(site))['chunking/all.json']).toEqual({
      ...entries['chunking/all.json'],
      mtimeMs: (await stat(join(site, 'chunking/all.json'))).mtimeMs,
    })

    // A note edited: written again, in pieces, as a build without a cache writes it.
    await writeFile(
      join(cwd, 'notes/101.md'),
      japaneseBlog.replace('実務でそのまま使える', '実務で使える'),
    )
    const edited = await build(cwd, 'site')
    expect(edited.chunked).toEqual(['chunking/all.json', 'chunking/count.txt'])
    await build(cwd, 'fresh', '--no-cache')
    await expectSameOutput(site, join(cwd, 'fresh'))
    const rewritten = await readFile(join(site, 'notes.json'))
    expect((await manifest(site))['notes.json']?.hash).toBe(contentHash(rewritten))
    expect(rewritten.toString('utf8')).toContain('実務で使える')
  }, 60_000)
})

/** Note `n` of a made-up collection with long comments: notes.json takes several pieces. */
function longNote(n: number): string {
  // Most tags' files take several pieces; `Rare`'s one (so it goes to the file thread whole).
  const tags = ['NLP', 'Evaluation', '日本語'].filter((_, index) => (n + index) % 2 === 0)
  if (n % 40 === 7) tags.push('Rare')
  return `---
title: "[Paper Note] Study ${n} of Forgetting, Author ${n}+, arXiv'25, 2025.${String((n % 12) + 1).padStart(2, '0')}"
date: 2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}
tags: [${tags.map((tag) => JSON.stringify(tag)).join(', ')}]
issue: https://github.com/example/notes/issues/${2000 + n}
---
# URL
- https://arxiv.org/abs/2502.${String(n).padStart(5, '0')}
# Abstract
- ${`We study forgetting in setting ${n}. `.repeat(20)}

<!-- comment -->
${`設定${n}の忘却を調べた長いコメント。`.repeat(40)}
`
}

describe('the built executable with files in pieces', () => {
  beforeAll(assertBuilt)

  const args = (out: string, jobs: number, ...extra: string[]) => [
    'build',
    'notes',
    '--out',
    out,
    '--renderers',
    'json',
    '--jobs',
    String(jobs),
    ...extra,
  ]

  it('writes the same bytes with --jobs 2, and on the file thread of a rebuild, as whole files would be', async () => {
    const cwd = await makeTempDir()
    const files: Record<string, string> = {}
    for (let n = 1; n <= 120; n++) files[`notes/${String(n).padStart(3, '0')}.md`] = longNote(n)
    await writeTree(cwd, files)
    const reference = await runBin(args('reference', 1, '--no-cache'), { cwd })
    expect(reference.code, reference.stderr).toBe(0)
    const notesJson = await readFile(join(cwd, 'reference/notes.json'))
    expect(notesJson.byteLength).toBeGreaterThan(4 * 65_536)

    const threads = await runBin(args('threads', 2), { cwd })
    expect(threads.code, threads.stderr).toBe(0)
    await expectSameOutput(join(cwd, 'reference'), join(cwd, 'threads'))

    // A rebuild with one note edited renders notes.json and a few tag files on the main thread,
    // with the file thread taking the rest.
    await writeFile(join(cwd, 'notes/007.md'), longNote(7).replace('長いコメント', '短いコメント'))
    const rebuild = await runBin(args('threads', 1, '--verbose'), { cwd })
    expect(rebuild.code, rebuild.stderr).toBe(0)
    expect(rebuild.stderr).toMatch(/carried over from the cache/)
    const fresh = await runBin(args('fresh', 1, '--no-cache'), { cwd })
    expect(fresh.code, fresh.stderr).toBe(0)
    await expectSameOutput(join(cwd, 'threads'), join(cwd, 'fresh'))
    const output = await outputFiles(join(cwd, 'threads'))
    const entries = await manifest(join(cwd, 'threads'))
    expect(output.has('tags/rare.json')).toBe(true)
    for (const [path, bytes] of output) {
      if (path.startsWith('.paper-notes-cache/') || path === '.paper-notes-output') continue
      expect(entries[path]?.hash, path).toBe(contentHash(bytes))
    }
    expect(output.get('notes.json')!.toString('utf8')).toContain('短いコメント')
  }, 120_000)
})
