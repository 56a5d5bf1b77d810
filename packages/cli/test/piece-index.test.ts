/**
 * Files written from pieces (`piece-index.ts`): pieces copied from the previous build's file
 * where their notes did not change, the index of where each piece stands, and the checks that
 * keep a changed or foreign file from being copied; then through whole builds (`runCli`, one
 * thread), with a renderer module that counts the pieces it makes and with the HTML and JSON
 * renderers (their tag pages and JSON files come in pieces), compared with --no-cache builds.
 */
import { readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FilePiece, Note } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { makeNote } from '../../../test-support/note-factory.ts'
import { noteFingerprint, type PreviousCache } from '../src/build-cache.js'
import { runCli } from '../src/cli.js'
import {
  copyPieces,
  type PieceIndex,
  pieceFingerprint,
  pieceLine,
  piecesFileBytes,
  piecesPath,
  piecesToCopy,
  previousPieceLines,
} from '../src/piece-index.js'
import { japaneseBlog } from './fixtures.js'
import { expectSameOutput } from './output-files.js'
import { quietIo } from './quiet-io.js'
import { makeTempDir, sampleProject, writeTree } from './temp-dir.js'

const notes = [
  makeNote({ id: '4175', title: '継続学習と忘却 𝑥' }),
  makeNote({ id: '4176', title: 'Scaling Laws' }),
  makeNote({ id: '4177', title: 'RAG の評価' }),
]

/** A list of notes as pieces (one per note, made of its title), counting what is made. */
function titlePieces(list: readonly Note[], made: string[]): (string | FilePiece)[] {
  return [
    'titles:\n',
    ...list.map(
      (note): FilePiece => ({
        dependsOn: { notes: [note], key: '' },
        make: () => {
          made.push(note.id)
          return `${note.id} ${note.title}\n`
        },
      }),
    ),
    'end\n',
  ]
}

const text = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]).toString('utf8')

/** Writes `list`'s title pieces as a previous build would have, and its cache as seen by the next. */
async function previousFile(list: readonly Note[], maker = 'maker-1') {
  const outDir = await makeTempDir()
  const index: PieceIndex = { maker, pieces: [] }
  await writeFile(
    join(outDir, 'titles.txt'),
    Buffer.concat([...copyPieces(titlePieces(list, []), undefined, index)]),
  )
  await writeTree(outDir, { [piecesPath]: piecesFileBytes([pieceLine('titles.txt', index)]) })
  const info = await stat(join(outDir, 'titles.txt'))
  const previous: PreviousCache = {
    outDir,
    files: new Map([['titles.txt', { hash: 'x', size: info.size, mtimeMs: info.mtimeMs }]]),
  }
  return { outDir, previous, index }
}

describe('pieceFingerprint', () => {
  it("is a one-note piece's note fingerprint and key, and a SHA-1 for other pieces", () => {
    const [a, b] = notes as [Note, Note]
    expect(pieceFingerprint({ notes: [a], key: 'next' })).toBe(`${noteFingerprint(a)}:next`)
    expect(pieceFingerprint({ notes: [a], key: '' })).toBe(`${noteFingerprint(a)}:`)
    const two = pieceFingerprint({ notes: [a, b], key: 'next' })
    expect(two).toMatch(/^[0-9a-f]{40}$/)
    expect(pieceFingerprint({ notes: [b, a], key: 'next' })).not.toBe(two)
    expect(pieceFingerprint({ notes: [a, b], key: 'first' })).not.toBe(two)
    expect(pieceFingerprint({ notes: [], key: 'x' })).toMatch(/^[0-9a-f]{40}$/)
  })

  it('changes with the content of the note', () => {
    const edited = { ...notes[0]!, title: '継続学習' }
    expect(pieceFingerprint({ notes: [edited], key: '' })).not.toBe(
      pieceFingerprint({ notes: [notes[0]!], key: '' }),
    )
  })
})

describe('copyPieces', () => {
  it('makes every piece without a previous file and records where each stands', () => {
    const made: string[] = []
    const index: PieceIndex = { maker: 'm', pieces: [] }
    const bytes = Buffer.concat([...copyPieces(titlePieces(notes, made), undefined, index)])
    const expected = 'titles:\n4175 継続学習と忘却 𝑥\n4176 Scaling Laws\n4177 RAG の評価\nend\n'
    expect(bytes.toString('utf8')).toBe(expected)
    expect(made).toEqual(['4175', '4176', '4177'])
    expect(index.pieces.map(([fingerprint]) => fingerprint)).toEqual(
      notes.map((note) => `${noteFingerprint(note)}:`),
    )
    // Each recorded range holds that note's line, in bytes ('titles:\n' is 8 of them).
    const lines = notes.map((note) => `${note.id} ${note.title}\n`)
    expect(
      index.pieces.map(([, start, length]) =>
        bytes.subarray(start, start + length).toString('utf8'),
      ),
    ).toEqual(lines)
    expect(index.pieces[0]![1]).toBe(8)
  })

  it('copies the pieces of unchanged notes from the previous file and makes the others', async () => {
    const { previous } = await previousFile(notes)
    const edited = [notes[0]!, { ...notes[1]!, title: 'Scaling Laws, revised' }, notes[2]!]
    const added = makeNote({ id: '4178', title: '新しいノート' })
    const list = [added, ...edited]
    const made: string[] = []
    const index: PieceIndex = { maker: 'maker-1', pieces: [] }
    const old = piecesToCopy(previous, 'titles.txt', 'maker-1')
    expect(old?.ranges.size).toBe(3)
    const copied = text(copyPieces(titlePieces(list, made), old, index))
    expect(copied).toBe(
      text(copyPieces(titlePieces(list, []), undefined, { maker: 'x', pieces: [] })),
    )
    expect(made).toEqual(['4178', '4176'])
    // The new index points at the new bytes.
    const bytes = Buffer.from(copied, 'utf8')
    expect(
      index.pieces.map(([, start, length]) =>
        bytes.subarray(start, start + length).toString('utf8'),
      ),
    ).toEqual(list.map((note) => `${note.id} ${note.title}\n`))
  })

  it('makes every piece again when the previous file changed after the build', async () => {
    const { outDir, previous } = await previousFile(notes)
    const path = join(outDir, 'titles.txt')
    await writeFile(path, (await readFile(path, 'utf8')).replace('Scaling', 'Scalin9'))
    const made: string[] = []
    const old = piecesToCopy(previous, 'titles.txt', 'maker-1')
    const copied = text(copyPieces(titlePieces(notes, made), old, { maker: 'maker-1', pieces: [] }))
    expect(copied).toContain('4176 Scaling Laws')
    expect(made).toEqual(['4175', '4176', '4177'])
    // The same size but another modification time: not trusted either.
    await writeFile(path, (await readFile(path, 'utf8')).replace('Scalin9', 'Scaling'))
    await utimes(path, new Date(2001, 1, 1), new Date(2001, 1, 1))
    const again: string[] = []
    text(copyPieces(titlePieces(notes, again), old, { maker: 'maker-1', pieces: [] }))
    expect(again).toEqual(['4175', '4176', '4177'])
  })

  it('copies a long run of unchanged pieces batch by batch, never holding the run whole', async () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      makeNote({ id: String(10_000 + i), title: `継続学習 ${i} ${'x'.repeat(300)}` }),
    )
    const { outDir, previous } = await previousFile(many)
    const old = piecesToCopy(previous, 'titles.txt', 'maker-1')!
    const chunks = copyPieces(titlePieces(many, []), old, { maker: 'maker-1', pieces: [] })
    const first = chunks.next()
    expect(first.done).toBe(false)
    expect(first.value!.byteLength).toBeLessThanOrEqual(256 * 1024)
    // The rest of the run is read only as the writer asks for it: cut the previous file short
    // now, and the copy notices.
    await writeFile(join(outDir, 'titles.txt'), 'cut')
    expect(() => [...chunks]).toThrow(/changed while pieces of it were copied/)
  })

  it('gives big pieces whole, and each piece in a buffer of its own', () => {
    const long = makeNote({ id: '9000', title: '長い'.repeat(200_000) })
    const chunks = [
      ...copyPieces(titlePieces([long, ...notes], []), undefined, { maker: 'm', pieces: [] }),
    ]
    expect(Buffer.concat(chunks).toString('utf8')).toBe(
      `titles:\n9000 ${long.title}\n${notes.map((note) => `${note.id} ${note.title}\n`).join('')}end\n`,
    )
    const buffers = new Set(chunks.map((chunk) => chunk.buffer))
    expect(buffers.size).toBe(chunks.length)
  })
})

describe('piecesToCopy and previousPieceLines', () => {
  it('gives nothing for another maker, a file without an entry or index, or a range past its end', async () => {
    const { previous, index } = await previousFile(notes)
    expect(piecesToCopy(previous, 'titles.txt', 'maker-2')).toBeUndefined()
    expect(piecesToCopy(previous, 'other.txt', 'maker-1')).toBeUndefined()
    const size = previous.files.get('titles.txt')!.size!
    const past: PieceIndex = { maker: 'maker-1', pieces: [['f:', size - 2, 3]] }
    await writeTree(previous.outDir, {
      [piecesPath]: piecesFileBytes([pieceLine('titles.txt', past)]),
    })
    const reread: PreviousCache = { outDir: previous.outDir, files: previous.files }
    expect(piecesToCopy(reread, 'titles.txt', 'maker-1')).toBeUndefined()
    expect(index.pieces).toHaveLength(3)
  })

  it('reads no lines from an index of other versions, and skips broken lines', async () => {
    const outDir = await makeTempDir()
    const line = pieceLine('a.json', { maker: 'm', pieces: [] })
    await writeTree(outDir, { [piecesPath]: `paper-notes-pieces "0:0.0.0:0.0.0"\n${line}\n` })
    expect(previousPieceLines({ outDir, files: new Map() }).size).toBe(0)
    await writeTree(outDir, { [piecesPath]: piecesFileBytes(['"b.json\tbroken', 'no tab', line]) })
    expect([...previousPieceLines({ outDir, files: new Map() }).keys()]).toEqual(['a.json'])
  })

  it('gives each line as the bytes it was written with, non-ASCII paths and a last line without a newline too', async () => {
    const outDir = await makeTempDir()
    const japanese = pieceLine('tags/継続学習.json', { maker: 'm', pieces: [['f:継続', 0, 12]] })
    const plain = pieceLine('notes.json', { maker: 'm', pieces: [] })
    const text = piecesFileBytes([japanese, plain]).toString('utf8')
    await writeTree(outDir, { [piecesPath]: text.slice(0, -1) }) // without the last newline
    const lines = previousPieceLines({ outDir, files: new Map() })
    expect([...lines.keys()]).toEqual(['tags/継続学習.json', 'notes.json'])
    expect(lines.get('tags/継続学習.json')?.toString('utf8')).toBe(japanese)
    expect(lines.get('notes.json')?.toString('utf8')).toBe(plain)
    // Written again as they are, beside a new line.
    expect(piecesFileBytes([lines.get('notes.json')!, japanese]).toString('utf8')).toBe(
      piecesFileBytes([plain, japanese]).toString('utf8'),
    )
  })
})

/** A renderer module whose one file lists every note as a piece, counting the pieces it makes. */
const piecedRenderer = `
globalThis.__paperNotesPieces = globalThis.__paperNotesPieces ?? []
export default {
  name: 'pieced',
  version: '1',
  render(collection) {
    const file = [...this.plan(collection)][0]
    return [{ path: file.path, contents: file.render(), mediaType: file.mediaType }]
  },
  *plan(collection) {
    const pieces = function* () {
      yield 'notes:\\n'
      for (const note of collection.notes) {
        yield {
          dependsOn: { notes: [note], key: '' },
          make: () => {
            globalThis.__paperNotesPieces.push(note.id)
            return note.id + ' ' + note.title + '\\n'
          },
        }
      }
    }
    const whole = () => [...pieces()].map((p) => (typeof p === 'string' ? p : p.make())).join('')
    yield {
      path: 'pieced/list.txt',
      mediaType: 'text/plain',
      dependsOn: { notes: collection.notes, key: '' },
      render: whole,
      pieces,
    }
  },
}
`

const madePieces = (): string[] => {
  const global = globalThis as { __paperNotesPieces?: string[] }
  global.__paperNotesPieces ??= []
  return global.__paperNotesPieces
}

async function build(cwd: string, out: string, ...extra: string[]) {
  madePieces().length = 0
  const run = quietIo(cwd)
  const args = ['build', 'notes', '--out', out, '--renderers', 'html,json,./pieced.mjs']
  const status = await runCli(
    [...args, '--base-url', 'https://notes.example.org/', '--jobs', '1', ...extra],
    run.io,
  )
  expect(status, run.stderr()).toBe(0)
  return [...madePieces()].sort()
}

describe('a rebuild from pieces', () => {
  it('makes only the pieces of the edited note, with the bytes of a --no-cache build', async () => {
    const cwd = await sampleProject({ 'pieced.mjs': piecedRenderer })
    expect(await build(cwd, 'site')).toEqual(['100', '101', '102'])
    const lines = (await readFile(join(cwd, 'site', piecesPath), 'utf8')).split('\n')
    // The header, pieced/list.txt, notes.json and the tag files, in path order, and a last newline.
    const paths = lines.slice(1, -1).map((line) => JSON.parse(line.slice(0, line.indexOf('\t'))))
    expect(paths).toEqual([...paths].sort())
    expect(paths).toContain('notes.json')
    expect(paths).toContain('pieced/list.txt')
    // The HTML renderer's tag pages come in pieces (one per card), its other pages whole.
    expect(paths.filter((path: string) => path.endsWith('.html')).length).toBeGreaterThan(0)
    expect(paths.every((path: string) => !path.endsWith('.html') || path.startsWith('tags/'))).toBe(
      true,
    )
    expect(lines.at(-1)).toBe('')

    await writeFile(
      join(cwd, 'notes/101.md'),
      japaneseBlog.replace('実務でそのまま使える', '実務で使える'),
    )
    expect(await build(cwd, 'site')).toEqual(['101'])
    expect(await readFile(join(cwd, 'site/notes.json'), 'utf8')).toContain('実務で使える')
    await build(cwd, 'fresh', '--no-cache')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh'))
    // Carried over as it was: an unchanged build keeps the index of the files it links.
    expect(await build(cwd, 'site')).toEqual([])
    const again = await readFile(join(cwd, 'site', piecesPath), 'utf8')
    expect(again.split('\n').length).toBe(lines.length)
  })

  it('makes every piece again after the previous file was edited by hand', async () => {
    const cwd = await sampleProject({ 'pieced.mjs': piecedRenderer })
    await build(cwd, 'site')
    const list = join(cwd, 'site/pieced/list.txt')
    await writeFile(list, (await readFile(list, 'utf8')).replace('notes:', 'NOTES:'))
    await writeFile(
      join(cwd, 'notes/101.md'),
      japaneseBlog.replace('実務でそのまま使える', '実務で使える'),
    )
    expect(await build(cwd, 'site')).toEqual(['100', '101', '102'])
    await build(cwd, 'fresh', '--no-cache')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh'))
  })

  it('makes every piece again when the options change', async () => {
    const cwd = await sampleProject({ 'pieced.mjs': piecedRenderer })
    await build(cwd, 'site')
    const before = await readFile(join(cwd, 'site/notes.json'), 'utf8')
    await build(cwd, 'site', '--title', 'Other notes')
    expect(madePieces().sort()).toEqual(['100', '101', '102'])
    expect(await readFile(join(cwd, 'site/notes.json'), 'utf8')).toBe(before)
  })
})
