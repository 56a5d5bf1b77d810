import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RenderedFile } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { removeReplacedOutput } from '../src/remove-tree.js'
import { removeStagingFolders } from '../src/staging-folders.js'
import {
  checkOutputPaths,
  OutputError,
  openOutputStaging,
  outputMarkerFile,
  stageLinks,
  writeOutput,
  writeStagedFile,
} from '../src/write-output.js'
import { makeTempDir, replacedOutput, writeTree } from './temp-dir.js'

const file = (path: string, contents = `<p>${path}</p>`): RenderedFile => ({
  path,
  contents,
  mediaType: 'text/html; charset=utf-8',
})

async function listTree(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = []
  for (const entry of (await readdir(root, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const rel = prefix + entry.name
    if (entry.isDirectory()) out.push(...(await listTree(join(root, entry.name), `${rel}/`)))
    else out.push(rel)
  }
  return out
}

async function expectOutputError(promise: Promise<unknown>, code: string): Promise<OutputError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(OutputError)
  expect((error as OutputError).code).toBe(code)
  return error as OutputError
}

describe('writeOutput', () => {
  it('writes text and bytes below the folder, with the marker file', async () => {
    const cwd = await makeTempDir()
    const result = await writeOutput(
      'site',
      [
        file('index.html', '<h1>ノート</h1>'),
        file('tags/catastrophic-forgetting.html'),
        { path: 'img/x.bin', contents: new Uint8Array([1, 2, 3]), mediaType: 'image/x' },
      ],
      { cwd },
    )
    expect(result).toEqual({ outDir: join(cwd, 'site'), written: 3 })
    expect(await listTree(join(cwd, 'site'))).toEqual([
      outputMarkerFile,
      'img/x.bin',
      'index.html',
      'tags/catastrophic-forgetting.html',
    ])
    expect(await readFile(join(cwd, 'site/index.html'), 'utf8')).toBe('<h1>ノート</h1>')
    expect([...(await readFile(join(cwd, 'site/img/x.bin')))]).toEqual([1, 2, 3])
    // No staging or retired folders are left beside the output.
    expect(await readdir(cwd)).toEqual(['site'])
  })

  it('replaces a previous build completely (stale files go)', async () => {
    const cwd = await makeTempDir()
    await writeOutput('site', [file('index.html', 'old'), file('notes/1.html')], { cwd })
    await writeOutput('site', [file('index.html', 'new')], { cwd })
    expect(await listTree(join(cwd, 'site'))).toEqual([outputMarkerFile, 'index.html'])
    expect(await readFile(join(cwd, 'site/index.html'), 'utf8')).toBe('new')
    expect(await readdir(cwd)).toEqual(['site'])
  })

  it.each([
    '../evil.html',
    'notes/../../evil.html',
    '/etc/evil.html',
    'tags\\..\\..\\evil.html',
    'C:/evil.html',
    'a//b.html',
    './index.html',
    '',
    outputMarkerFile,
  ])('refuses the path %j and writes nothing, leaving the previous output intact', async (bad) => {
    const cwd = await makeTempDir()
    await writeOutput('site', [file('index.html', 'previous')], { cwd })
    const error = await expectOutputError(
      writeOutput('site', [file('index.html', 'next'), file(bad)], { cwd }),
      'unsafe-output-path',
    )
    expect(error.paths).toEqual([bad])
    expect(await readFile(join(cwd, 'site/index.html'), 'utf8')).toBe('previous')
    expect((await readdir(cwd)).sort()).toEqual(['site'])
  })

  it('refuses two files with one path, and a path that is both a file and a folder', async () => {
    const cwd = await makeTempDir()
    await expectOutputError(
      writeOutput('site', [file('a.html'), file('a.html')], { cwd }),
      'duplicate-output-path',
    )
    await expectOutputError(
      writeOutput('site', [file('tags/x'), file('tags/x/page-2.html')], { cwd }),
      'output-path-clash',
    )
    expect(await readdir(cwd)).toEqual([])
  })

  it('keeps the previous output when writing fails half-way', async () => {
    const cwd = await makeTempDir()
    await writeOutput('site', [file('index.html', 'previous')], { cwd })
    const poisoned = {
      path: 'b.html',
      get contents(): string {
        throw new Error('disk full')
      },
      mediaType: 'text/html',
    } as RenderedFile
    const error = await expectOutputError(
      writeOutput('site', [file('a.html'), poisoned], { cwd }),
      'output-write-failed',
    )
    expect(error.message).toContain('disk full')
    expect(await listTree(join(cwd, 'site'))).toEqual([outputMarkerFile, 'index.html'])
    expect(await readdir(cwd)).toEqual(['site'])
  })

  it('leaves no staging folder when interrupted mid-write (removeStagingFolders)', async () => {
    const cwd = await makeTempDir()
    await writeOutput('site', [file('index.html', 'previous')], { cwd })
    let calls = 0
    await expectOutputError(
      writeOutput('site', [file('a.html'), file('b.html'), file('c.html')], {
        cwd,
        onFileWritten: () => {
          // What the executable's SIGINT handler does, after the first file.
          if (++calls === 1) removeStagingFolders()
        },
      }),
      'output-write-failed',
    )
    expect(calls).toBe(1)
    expect(await readdir(cwd)).toEqual(['site'])
    expect(await readFile(join(cwd, 'site/index.html'), 'utf8')).toBe('previous')
  })

  it('refuses to replace a non-empty folder it did not write, unless forced', async () => {
    const cwd = await makeTempDir()
    await writeTree(cwd, { 'docs/thesis.tex': 'precious' })
    const error = await expectOutputError(
      writeOutput('docs', [file('index.html')], { cwd }),
      'output-dir-not-ours',
    )
    expect(error.message).toContain('--force')
    expect(await readFile(join(cwd, 'docs/thesis.tex'), 'utf8')).toBe('precious')
    await writeOutput('docs', [file('index.html')], { cwd, force: true })
    expect(await listTree(join(cwd, 'docs'))).toEqual([outputMarkerFile, 'index.html'])
  })

  it('writes into an existing empty folder', async () => {
    const cwd = await makeTempDir()
    await mkdir(join(cwd, 'site'))
    await writeOutput('site', [file('index.html')], { cwd })
    expect(await listTree(join(cwd, 'site'))).toEqual([outputMarkerFile, 'index.html'])
  })

  it('never replaces the working directory, a parent of it, or a folder holding an input', async () => {
    const cwd = await makeTempDir()
    const project = join(cwd, 'project')
    await writeTree(project, { 'notes/a.md': 'note', [outputMarkerFile]: '' })
    for (const out of ['.', '..']) {
      await expectOutputError(
        writeOutput(out, [file('index.html')], { cwd: project, force: true }),
        'unsafe-output-dir',
      )
    }
    await expectOutputError(
      writeOutput('notes', [file('index.html')], {
        cwd: project,
        force: true,
        inputs: [join(project, 'notes/a.md')],
      }),
      'unsafe-output-dir',
    )
    expect(await readFile(join(project, 'notes/a.md'), 'utf8')).toBe('note')
  })

  it('refuses an output path that is a file', async () => {
    const cwd = await makeTempDir()
    await writeFile(join(cwd, 'site'), 'a file')
    await expectOutputError(writeOutput('site', [file('index.html')], { cwd }), 'unsafe-output-dir')
    expect((await stat(join(cwd, 'site'))).isFile()).toBe(true)
  })
})

describe('openOutputStaging', () => {
  it('hands the replaced folder to retire on commit, whole, instead of removing it', async () => {
    const cwd = await makeTempDir()
    await writeOutput('site', [file('index.html', 'old'), file('notes/1.html', 'note 1')], { cwd })
    const staging = await openOutputStaging('site', { cwd })
    await staging.write('index.html', 'new')
    const retired: string[] = []
    await staging.commit({ retire: (dir) => retired.push(dir) })
    expect(await readFile(join(cwd, 'site/index.html'), 'utf8')).toBe('new')
    expect(retired).toHaveLength(1)
    const [replaced] = retired as [string]
    expect(replaced).toMatch(/[/\\]\.site\.old-[0-9a-f]{8}$/)
    expect(await listTree(replaced)).toEqual([outputMarkerFile, 'index.html', 'notes/1.html'])
    expect(await readFile(join(replaced, 'notes/1.html'), 'utf8')).toBe('note 1')
    removeReplacedOutput(replaced)
    expect(await readdir(cwd)).toEqual(['site'])
  })

  it('calls no retire when there was no output to replace', async () => {
    const cwd = await makeTempDir()
    const staging = await openOutputStaging('site', { cwd })
    await staging.write('index.html', 'first')
    const retired: string[] = []
    await staging.commit({ retire: (dir) => retired.push(dir) })
    expect(retired).toEqual([])
    expect(await listTree(join(cwd, 'site'))).toEqual([outputMarkerFile, 'index.html'])
    expect(await readdir(cwd)).toEqual(['site'])
  })
})

describe('checkOutputPaths', () => {
  it('accepts clean relative paths, including non-ASCII and dotted names', () => {
    expect(() =>
      checkOutputPaths('/tmp/site', [
        'tags/日本語.html',
        'feeds/tag.rss.xml',
        '..hidden-but-inside.html',
      ]),
    ).not.toThrow()
  })
})

describe('stageLinks', () => {
  it('links files into new folders in the background, each the same file as its source', async () => {
    const previous = await makeTempDir()
    await writeTree(previous, {
      'tags/continual-learning/page-2.html': '<p>継続学習 2</p>',
      'tags/peft-adaptor-lora.html': '<p>PEFT(Adaptor/LoRA)</p>',
    })
    const staging = await makeTempDir()
    const links = stageLinks(staging, new Set())
    for (const path of ['tags/continual-learning/page-2.html', 'tags/peft-adaptor-lora.html']) {
      links.add(path, join(previous, path))
    }
    // A file written meanwhile into a folder a link is making.
    writeStagedFile(staging, 'tags/continual-learning.html', '<p>継続学習</p>', new Set())
    await links.settle()
    expect(await listTree(staging)).toEqual([
      'tags/continual-learning/page-2.html',
      'tags/continual-learning.html',
      'tags/peft-adaptor-lora.html',
    ])
    const linked = await stat(join(staging, 'tags/continual-learning/page-2.html'))
    expect(linked.ino).toBe((await stat(join(previous, 'tags/continual-learning/page-2.html'))).ino)
    expect(await readFile(join(staging, 'tags/peft-adaptor-lora.html'), 'utf8')).toBe(
      '<p>PEFT(Adaptor/LoRA)</p>',
    )
  })

  it('refuses an unsafe path at once and reports a failed link only when settled', async () => {
    const previous = await makeTempDir()
    await writeTree(previous, { 'a.html': 'a', 'b.html': 'b' })
    const staging = await makeTempDir()
    const links = stageLinks(staging, new Set())
    expect(() => links.add('../escape.html', join(previous, 'a.html'))).toThrow(OutputError)
    expect(() => links.add('.paper-notes-cache/manifest.json', join(previous, 'a.html'))).toThrow(
      /Refusing to write outside the output folder/,
    )
    writeStagedFile(staging, 'a.html', 'written first', new Set())
    links.add('a.html', join(previous, 'a.html')) // exists already: EEXIST
    links.add('b.html', join(previous, 'b.html'))
    links.add('c.html', join(previous, 'missing.html')) // no source: ENOENT from the copy
    await expect(links.settle()).rejects.toMatchObject({ code: 'EEXIST' })
    // Every other link finished before settle threw.
    expect(await readFile(join(staging, 'b.html'), 'utf8')).toBe('b')
    expect(await readFile(join(staging, 'a.html'), 'utf8')).toBe('written first')
    expect(await readdir(staging)).not.toContain('escape.html')
  })
})

describe('removeReplacedOutput', () => {
  it('removes a folder tree with its files, empty folders and links, not what the links point to', async () => {
    const root = await makeTempDir()
    const old = await replacedOutput(root, { '.paper-notes-cache/manifest.json': '{}' })
    await mkdir(join(old, 'empty/inner'), { recursive: true })
    await writeFile(join(root, 'kept.txt'), 'outside')
    await symlink(join(root, 'kept.txt'), join(old, 'link.txt'))
    await symlink(root, join(old, 'tags/folder-link'))
    removeReplacedOutput(old)
    expect(await readdir(root)).toEqual(['kept.txt'])
    expect(await readFile(join(root, 'kept.txt'), 'utf8')).toBe('outside')
  })

  it('does nothing for a folder that is gone', async () => {
    const root = await makeTempDir()
    expect(() => removeReplacedOutput(join(root, 'missing'))).not.toThrow()
  })
})
