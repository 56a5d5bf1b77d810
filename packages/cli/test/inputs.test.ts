import { symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectInputs, decodeText, displayPath } from '../src/inputs.js'
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
