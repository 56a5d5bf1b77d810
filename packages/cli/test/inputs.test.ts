import { symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseKey } from '../src/build-cache.js'
import {
  collectInputs,
  decodeText,
  displayPath,
  releaseSource,
  sourceBytes,
  sourceSize,
} from '../src/inputs.js'
import { sourceTexts } from '../src/read-notes.js'
import { makeTempDir, writeTree } from './temp-dir.js'

const noStdin = async (): Promise<string> => {
  throw new Error('stdin must not be read')
}

describe('collectInputs', () => {
  it('walks folders recursively by extension, sorted, skipping dot-entries, node_modules and READMEs', async () => {
    const cwd = await makeTempDir()
    await writeTree(cwd, {
      'notes/b.md': '# b',
      'notes/a.md': '# a',
      'notes/sub/c.xml': '<paper-list/>',
      'notes/sub/d.txt': 'PostTraining',
      'notes/sub/e.json': '[]',
      'notes/sub/image.png': 'not a note',
      'notes/.hidden/x.md': 'hidden',
      'notes/node_modules/y.md': 'dependency',
      'notes/README.md': '# My notes\n\nOne file per paper.',
      'notes/sub/Changelog.md': '# Changes',
      'notes/site/notes.json': '{}',
    })
    const { sources, diagnostics } = await collectInputs(['notes'], {
      cwd,
      readStdin: noStdin,
      exclude: [join(cwd, 'notes/site')],
    })
    expect(diagnostics).toEqual([])
    expect(sources.map((source) => source.path)).toEqual([
      'notes/a.md',
      'notes/b.md',
      'notes/sub/c.xml',
      'notes/sub/d.txt',
      'notes/sub/e.json',
    ])
    expect(sources[0]).toEqual({
      path: 'notes/a.md',
      absolutePath: join(cwd, 'notes/a.md'),
      contents: '# a',
    })
  })

  it('reads a named file whatever its extension, once even when named twice or via a link', async () => {
    const cwd = await makeTempDir()
    await writeTree(cwd, { 'export.notes': 'PostTraining\n' })
    await symlink(join(cwd, 'export.notes'), join(cwd, 'link.notes'))
    const { sources } = await collectInputs(['export.notes', './export.notes', 'link.notes'], {
      cwd,
      readStdin: noStdin,
    })
    expect(sources.map((source) => source.path)).toEqual(['export.notes'])
  })

  it('reads - from standard input once, and decodes bytes as UTF-8 without the BOM', async () => {
    const cwd = await makeTempDir()
    let reads = 0
    const bytes = new TextEncoder().encode('\uFEFF---\ntitle: 日本語\n---\n')
    const { sources } = await collectInputs(['-', '-'], {
      cwd,
      readStdin: async () => {
        reads++
        return bytes
      },
    })
    expect(reads).toBe(1)
    expect(sources).toEqual([{ path: '<stdin>', contents: '---\ntitle: 日本語\n---\n' }])
  })

  it('reports missing inputs and empty folders, and still reads the rest', async () => {
    const cwd = await makeTempDir()
    await writeTree(cwd, { 'ok.md': 'x', 'empty/readme.rst': 'no notes here' })
    const { sources, diagnostics } = await collectInputs(['missing.md', 'empty', 'ok.md'], {
      cwd,
      readStdin: noStdin,
    })
    expect(sources.map((source) => source.path)).toEqual(['ok.md'])
    expect(diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['input-not-found', 'error', 'missing.md'],
      ['input-empty', 'warning', 'empty'],
    ])
    expect(diagnostics[0]!.message).toBe('No such file or directory: missing.md')
  })

  it('warns about invalid UTF-8 and keeps the text with replacement characters', async () => {
    const cwd = await makeTempDir()
    await writeTree(cwd, { 'bad.md': new Uint8Array([0x61, 0xff, 0x62]) })
    const { sources, diagnostics } = await collectInputs(['bad.md'], { cwd, readStdin: noStdin })
    expect(sources[0]!.contents).toBe('a\uFFFDb')
    expect(diagnostics).toMatchObject([
      { code: 'input-encoding', severity: 'warning', file: 'bad.md' },
    ])
  })
})

describe('sources read from files', () => {
  it('hold the UTF-8 bytes without a byte-order mark, which key the cache as the text does', async () => {
    const cwd = await makeTempDir()
    const text = '---\ntitle: "継続学習, Ada+, 2025.01"\n---\n本文\n'
    await writeTree(cwd, {
      'bom.md': new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]),
      'plain.md': text,
      'bad.md': new Uint8Array([0x61, 0xff, 0x62]),
    })
    const { sources } = await collectInputs(['bom.md', 'plain.md', 'bad.md'], {
      cwd,
      readStdin: noStdin,
    })
    const [bom, plain, bad] = sources
    expect(bom!.contents).toBe(text)
    expect(plain!.contents).toBe(text)
    expect(Buffer.from(sourceBytes(bom!)!).toString('utf8')).toBe(text)
    expect(Buffer.from(sourceBytes(plain!)!).toString('utf8')).toBe(text)
    // Not valid UTF-8: no bytes, the text with replacement characters is hashed.
    expect(sourceBytes(bad!)).toBeUndefined()
    const options = { pageTag: true }
    for (const source of [bom!, plain!, bad!]) {
      expect(parseKey(source, options)).toBe(
        parseKey({ path: source.path, contents: source.contents }, options),
      )
    }
    expect(parseKey(bom!, options)).not.toBe(parseKey({ ...plain!, path: 'bom.md' }, {}))
    // A text set afterwards is what is hashed.
    plain!.contents = `${text}Edited.\n`
    expect(sourceBytes(plain!)).toBeUndefined()
    expect(parseKey(plain!, options)).toBe(
      parseKey({ path: 'plain.md', contents: `${text}Edited.\n` }, options),
    )
  })

  it('past heldBytes, and once released, are read again from their files when used', async () => {
    const cwd = await makeTempDir()
    const first = '---\ntitle: "First, Ada+, 2025.01"\n---\n一つ目\n'
    const second = '---\ntitle: "Second, Ada+, 2025.02"\n---\n二つ目\n'
    await writeTree(cwd, {
      'a.md': new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(first, 'utf8')]),
      'b.md': second,
    })
    const firstSize = Buffer.byteLength(first) + 3
    // Room for the first file only.
    const { sources } = await collectInputs(['a.md', 'b.md'], {
      cwd,
      readStdin: noStdin,
      heldBytes: firstSize,
    })
    const [a, b] = sources
    expect(sourceSize(a!)).toBe(firstSize)
    expect(sourceSize(b!)).toBe(Buffer.byteLength(second))
    // Edited on disk after being read: the held file keeps what was read, the other one does not.
    await writeFile(join(cwd, 'a.md'), 'changed a')
    await writeFile(join(cwd, 'b.md'), `${second}追記\n`)
    expect(a!.contents).toBe(first)
    expect(Buffer.from(sourceBytes(a!)!).toString('utf8')).toBe(first)
    expect(b!.contents).toBe(`${second}追記\n`)
    expect(Buffer.from(sourceBytes(b!)!).toString('utf8')).toBe(`${second}追記\n`)
    // Released, the first one is read again too (without its byte-order mark, had it one).
    releaseSource(a!)
    expect(a!.contents).toBe('changed a')
    expect(Buffer.from(sourceBytes(a!)!).toString('utf8')).toBe('changed a')
    // Sources not read from a file of valid UTF-8 keep their text.
    const typed = { path: 'typed.md', contents: 'typed' }
    releaseSource(typed)
    expect(typed.contents).toBe('typed')
    expect(sourceSize(typed)).toBe(5)
  })

  it('share one contents getter, and become plain sources when their contents are set', async () => {
    const cwd = await makeTempDir()
    await writeTree(cwd, { 'a.md': '# a\n', 'b.md': '# b\n' })
    const { sources } = await collectInputs(['a.md', 'b.md'], { cwd, readStdin: noStdin })
    const [a, b] = sources
    const getterOf = (source: object) => Object.getOwnPropertyDescriptor(source, 'contents')?.get
    // No closures of their own: a build of 60,000 notes holds every source to its end.
    expect(getterOf(a!)).toBeTypeOf('function')
    expect(getterOf(a!)).toBe(getterOf(b!))
    expect(Object.keys(a!)).toEqual(['path', 'absolutePath', 'contents'])
    expect(a!.contents).toBe('# a\n')
    a!.contents = 'replaced'
    expect(getterOf(a!)).toBeUndefined()
    expect(a!.contents).toBe('replaced')
    expect(sourceSize(a!)).toBe(8)
    expect(sourceBytes(a!)).toBeUndefined()
    expect(b!.contents).toBe('# b\n')
    expect(sourceBytes(b!)).toBeDefined()
  })

  it('hold the files of a folder only when all of them fit in heldBytes', async () => {
    const cwd = await makeTempDir()
    const note = (n: number) => `---\ntitle: "Note ${n}, Ada+, 2025.01"\n---\n本文 ${n}\n`
    await writeTree(cwd, {
      'small/a.md': note(1),
      'big/a.md': note(2),
      'big/b.md': note(3),
      'big/c.md': note(4),
    })
    const size = Buffer.byteLength(note(1))
    // Room for two files: the folder of one is held, the folder of three is not, not even its
    // first two. What is held keeps what was read; the rest is read again when used.
    const { sources } = await collectInputs(['small', 'big'], {
      cwd,
      readStdin: noStdin,
      heldBytes: 2 * size,
    })
    expect(sources.map((source) => source.path)).toEqual([
      'small/a.md',
      'big/a.md',
      'big/b.md',
      'big/c.md',
    ])
    for (const [index, path] of ['small/a.md', 'big/a.md', 'big/b.md'].entries()) {
      await writeFile(join(cwd, path), `edited ${index}`)
    }
    expect(sources.map((source) => source.contents)).toEqual([
      note(1),
      'edited 1',
      'edited 2',
      note(4),
    ])
    // With room for all four, both folders are held.
    const roomy = await collectInputs(['small', 'big'], { cwd, readStdin: noStdin, heldBytes: 1e6 })
    await writeFile(join(cwd, 'big/c.md'), 'edited 3')
    expect(roomy.sources.map((source) => source.contents)).toEqual([
      'edited 0',
      'edited 1',
      'edited 2',
      note(4),
    ])
  })

  it('give diagnostics the texts of the files they name only, when asked', async () => {
    const sources = [
      { path: 'a.md', contents: 'a' },
      { path: 'b.md', contents: 'b' },
    ]
    expect([...sourceTexts(sources)]).toEqual([
      ['a.md', 'a'],
      ['b.md', 'b'],
    ])
    const diagnostics = [{ code: 'x', severity: 'error' as const, message: 'm', file: 'b.md' }]
    expect([...sourceTexts(sources, diagnostics)]).toEqual([['b.md', 'b']])
  })
})

describe('displayPath and decodeText', () => {
  it('shows paths inside the working directory relative, others absolute', () => {
    expect(displayPath('/home/u/notes/a.md', '/home/u')).toBe('notes/a.md')
    expect(displayPath('/elsewhere/a.md', '/home/u')).toBe('/elsewhere/a.md')
  })
  it('strips the BOM from strings too', () => {
    expect(decodeText('\uFEFFabc')).toEqual({ text: 'abc', ok: true })
  })
})

describe('collectInputs: documentation files', () => {
  it('still reads a README.md named explicitly', async () => {
    const cwd = await makeTempDir()
    await writeTree(cwd, { 'notes/README.md': '# My notes' })
    const { sources } = await collectInputs(['notes/README.md'], { cwd, readStdin: noStdin })
    expect(sources.map((source) => source.path)).toEqual(['notes/README.md'])
  })
})
