/**
 * The build cache (`--out/.paper-notes-cache/`), through `runCli` in-process (one thread: the
 * worker script exists only in the built `dist/`, see `jobs.test.ts` for threads). A counting
 * renderer module with a `plan` records which files are actually rendered.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../src/cli.js'
import { buildCpus, parsesInThreads, suggestedJobs } from '../src/commands/build.js'
import { japaneseBlog } from './fixtures.js'
import { expectSameOutput, outputFiles } from './output-files.js'
import { buildQuietly, quietIo } from './quiet-io.js'
import { sampleProject, writeTree } from './temp-dir.js'

/** A note whose comments use most of GFM, so rendering from markdown or from a tree can differ. */
const richComments = `---
title: "[Paper Note] Tables, Lists and Links in Comments, Grace Hopper+, NeurIPS'24, 2024.12"
date: 2024-12-24
tags: [Evaluation, Selected Papers/Blogs, PEFT(Adaptor/LoRA)]
issue: https://github.com/example/notes/issues/103
---
# Abstract
- A note written for the cache tests: comments with tables, code and links.

<!-- comment -->
| 手法 | 忘却 |
| --- | ---: |
| **LoRA** | 3.2 |
| *Full* FT | ~~7.9~~ 8.1 |

- [x] 再現済み
- [ ] コード: \`pip install example\`
- see https://example.org/paper?id=1&x=2 and [the blog](https://blog.example.org/a_b)

<!-- comment date="2025-01-02" -->
\`\`\`python
print("<script>alert(1)</script>")
\`\`\`

> 引用: "quoted" text with <b>raw html</b> & an ampersand.
`

/** A renderer module that plans one file per note, an index of all notes, and an undeclared file. */
const countingRenderer = `
globalThis.__paperNotesRenders = globalThis.__paperNotesRenders ?? []
const fileName = (id) => id.replace(/[^A-Za-z0-9-]/g, '_')
export default {
  name: 'counting',
  version: '1',
  render(collection, options) {
    return [...this.plan(collection, options)].map((file) => ({
      path: file.path, contents: file.render(), mediaType: file.mediaType,
    }))
  },
  *plan(collection, options) {
    const made = (path, text) => () => {
      globalThis.__paperNotesRenders.push(path)
      return text()
    }
    for (const note of collection.notes) {
      const path = 'counting/' + fileName(note.id) + '.txt'
      yield {
        path, mediaType: 'text/plain',
        dependsOn: { notes: [note], key: '' },
        render: made(path, () => (options.siteTitle ?? '') + '|' + note.title + '\\n'),
      }
    }
    yield {
      path: 'counting/index.txt', mediaType: 'text/plain',
      dependsOn: { notes: collection.notes, key: String(collection.notes.length) },
      render: made('counting/index.txt', () => collection.notes.map((n) => n.title).join('\\n')),
    }
    yield {
      path: 'counting/undeclared.txt', mediaType: 'text/plain',
      render: made('counting/undeclared.txt', () => 'always rendered\\n'),
    }
  },
}
`

const renders = (): string[] => {
  const global = globalThis as { __paperNotesRenders?: string[] }
  global.__paperNotesRenders ??= []
  return global.__paperNotesRenders
}

const project = () =>
  sampleProject({ 'notes/103.md': richComments, 'counting.mjs': countingRenderer })

const renderers = 'html,json,rss,./counting.mjs'
const baseUrl = 'https://notes.example.org/'

/** Runs a build and returns what the counting renderer rendered, sorted, and the stderr. */
async function build(cwd: string, out: string, ...extra: string[]) {
  renders().length = 0
  const stderr = await buildQuietly(cwd, out, '--renderers', renderers, ...extra)
  return { rendered: [...renders()].sort(), stderr }
}

const everyCountingFile = [
  'counting/100.txt',
  'counting/101.txt',
  'counting/102.txt',
  'counting/103.txt',
  'counting/index.txt',
  'counting/undeclared.txt',
]

describe('the build cache', () => {
  it('re-renders only the files that depend on an edited note, with the output of a --no-cache build', async () => {
    const cwd = await project()
    expect((await build(cwd, 'site')).rendered).toEqual(everyCountingFile)
    const unchanged = await build(cwd, 'site')
    expect(unchanged.rendered).toEqual(['counting/undeclared.txt'])
    expect(unchanged.stderr).toContain('4 of 4 files taken from the cache')

    await writeFile(
      join(cwd, 'notes/101.md'),
      japaneseBlog.replace('実務でそのまま使える', '実務で使える'),
    )
    const edited = await build(cwd, 'site')
    expect(edited.rendered).toEqual([
      'counting/101.txt',
      'counting/index.txt',
      'counting/undeclared.txt',
    ])
    expect(edited.stderr).toContain('3 of 4 files taken from the cache')
    // The parse cache: the previous segment (4 lines, 3 still used) and one of the edited note;
    // beside it the input index, the manifest, the index of the files written from pieces and
    // the plan index.
    const cacheDir = join(cwd, 'site/.paper-notes-cache')
    expect((await readdir(cacheDir)).sort()).toEqual([
      'inputs.json',
      'manifest.json',
      'parsed-1.jsonl',
      'parsed-2.jsonl',
      'pieces.jsonl',
      'plan-index.json',
    ])
    const second = await readFile(join(cacheDir, 'parsed-2.jsonl'), 'utf8')
    expect(second.split('\n')).toHaveLength(1 + 1 + 1)
    expect(second).toContain('実務で使える')
    expect(await readFile(join(cwd, 'site/notes.json'), 'utf8')).toContain('実務で使える')

    await build(cwd, 'fresh', '--no-cache')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh'))
  })

  it('gives the same bytes from cached notes (comment trees without positions) as from freshly parsed ones', async () => {
    const cwd = await project()
    await build(cwd, 'site', '--title', 'First')
    // Every file renders again (new title), every note comes from the cache, its comment trees
    // read back from JSON without their positions.
    const again = await build(cwd, 'site', '--title', 'Notes <& "friends">')
    expect(again.rendered).toEqual(everyCountingFile)
    expect(again.stderr).toContain('4 of 4 files taken from the cache')
    await build(cwd, 'fresh', '--no-cache', '--title', 'Notes <& "friends">')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh'))
    const page = await readFile(join(cwd, 'site/notes/103.html'), 'utf8')
    expect(page).toContain('<table tabindex="0">')
    expect(page).toContain('<td align="right">3.2')
    expect(page).not.toContain('<script>alert')
  })

  it('re-renders everything when --title or --base-url changes', async () => {
    const cwd = await project()
    await build(cwd, 'site')
    expect((await build(cwd, 'site', '--title', 'Other')).rendered).toEqual(everyCountingFile)
    const moved = await build(
      cwd,
      'site',
      '--title',
      'Other',
      '--base-url',
      'https://other.example/',
    )
    expect(moved.rendered).toEqual(everyCountingFile)
    expect(
      (await build(cwd, 'site', '--title', 'Other', '--base-url', 'https://other.example/'))
        .rendered,
    ).toEqual(['counting/undeclared.txt'])
  })

  it('removes the files of a removed note', async () => {
    const cwd = await project()
    await build(cwd, 'site')
    await rm(join(cwd, 'notes/102.md'))
    const after = await build(cwd, 'site')
    expect(after.rendered).toEqual(['counting/index.txt', 'counting/undeclared.txt'])
    const files = await outputFiles(join(cwd, 'site'), { withoutCache: true })
    expect(files.has('counting/102.txt')).toBe(false)
    expect(files.has('counting/100.txt')).toBe(true)
    expect([...files.keys()].some((path) => path.includes('102'))).toBe(false)
  })

  it('survives a corrupt manifest, a foreign one and a corrupt parse entry', async () => {
    const cwd = await project()
    await build(cwd, 'site')
    const manifest = join(cwd, 'site/.paper-notes-cache/manifest.json')
    await writeFile(manifest, '{"format": "paper-notes-build-cache", "files": [tru')
    const corrupt = await build(cwd, 'site')
    expect(corrupt.stderr).toContain(
      'ignoring the build cache: .paper-notes-cache/manifest.json is not valid JSON',
    )
    expect(corrupt.rendered).toEqual(everyCountingFile)

    await writeFile(manifest, JSON.stringify({ format: 'something-else', files: {} }))
    const foreign = await build(cwd, 'site')
    expect(foreign.stderr).toContain('is not a paper-notes manifest')
    expect(foreign.rendered).toEqual(everyCountingFile)

    // The parse cache: a header line, then one line per input file (its entry, a tab, its trees).
    const parseCache = join(cwd, 'site/.paper-notes-cache/parsed-1.jsonl')
    const lines = (await readFile(parseCache, 'utf8')).split('\n')
    expect(lines).toHaveLength(1 + 4 + 1) // header, 4 entries, '' after the last newline
    const [entry, trees] = lines[2]!.split('\t') as [string, string]
    lines[1] = 'not json'
    lines[2] = `${JSON.stringify({ ...JSON.parse(entry), key: 'other' })}\t${trees}`
    lines[3] = lines[3]!.replace('{"key":"', '{"key":"0') // the key of no input
    await writeFile(parseCache, lines.join('\n'))
    const reparsed = await build(cwd, 'site')
    expect(reparsed.stderr).toContain('1 of 4 files taken from the cache')
    expect(reparsed.stderr).toContain(
      'ignoring 1 unreadable line(s) of .paper-notes-cache/parsed-1.jsonl',
    )
    await build(cwd, 'fresh', '--no-cache')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh'))
  })

  it('parses an input again when its cached prose is damaged inside a whole line with --low-memory, and stops without it', async () => {
    const cwd = await project()
    await build(cwd, 'site')
    const parseCache = join(cwd, 'site/.paper-notes-cache/parsed-1.jsonl')
    const lines = (await readFile(parseCache, 'utf8')).split('\n')
    const parts = lines[1]!.split('\t')
    expect(parts).toHaveLength(3) // entry, trees, prose
    parts[2] = '[["damaged"]]'
    lines[1] = parts.join('\t')
    await writeFile(parseCache, lines.join('\n'))

    // In memory, prose is read when a page shows it (every page, with a new title): too late
    // to parse the input again, so the build stops and says what to do.
    const run = quietIo(cwd)
    const args = [
      'build',
      'notes',
      '--out',
      'site',
      '--renderers',
      renderers,
      '--base-url',
      baseUrl,
    ]
    const status = await runCli([...args, '--title', 'Other'], run.io)
    expect(status).toBe(1)
    expect(run.stderr()).toContain('the build cache is damaged')
    expect(run.stderr()).toContain('build again with --no-cache')

    // --low-memory reads it while the inputs are parsed: that input is parsed again, and its
    // fresh parse replaces the damaged line.
    const low = await build(cwd, 'site', '--low-memory', '--title', 'Other')
    expect(low.stderr).toContain('again: the build cache is damaged')
    expect(low.stderr).toContain('3 of 4 files taken from the cache')
    await build(cwd, 'fresh', '--no-cache', '--title', 'Other')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh'))
    const cacheDir = join(cwd, 'site/.paper-notes-cache')
    for (const name of await readdir(cacheDir)) {
      expect(await readFile(join(cacheDir, name), 'utf8')).not.toContain('damaged')
    }
    const next = await build(cwd, 'site', '--low-memory', '--title', 'Other')
    expect(next.stderr).toContain('4 of 4 files taken from the cache')
    expect(next.rendered).toEqual(['counting/undeclared.txt'])
  })

  it('survives a cut-short parse cache and one of another version', async () => {
    const cwd = await project()
    await build(cwd, 'site')
    const parseCache = join(cwd, 'site/.paper-notes-cache/parsed-1.jsonl')
    const text = await readFile(parseCache, 'utf8')
    // Cut in the middle of the third entry: two entries are whole, the third is not.
    const third = text.split('\n').slice(0, 3).join('\n').length + 1
    await writeFile(parseCache, text.slice(0, third + 100))
    const cut = await build(cwd, 'site')
    expect(cut.stderr).toContain(
      'ignoring 1 unreadable line(s) of .paper-notes-cache/parsed-1.jsonl',
    )
    expect(cut.stderr).toContain('2 of 4 files taken from the cache')
    expect(cut.rendered).toEqual(['counting/undeclared.txt'])
    // The build wrote the cache whole again.
    expect((await readFile(parseCache, 'utf8')).split('\n')).toHaveLength(1 + 4 + 1)

    await writeFile(parseCache, text.replace(/"versions":"[^"]*"/, '"versions":"0:0.0.0:0.0.0"'))
    const foreign = await build(cwd, 'site')
    expect(foreign.stderr).toContain(
      'ignoring .paper-notes-cache/parsed-1.jsonl: not a parse cache of this version of paper-notes',
    )
    expect(foreign.stderr).toContain('0 of 4 files taken from the cache')
    await build(cwd, 'fresh', '--no-cache')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh'))
  })

  it('renders a file again when its previous bytes were changed after the build', async () => {
    const cwd = await project()
    await build(cwd, 'site')
    const original = await readFile(join(cwd, 'site/counting/100.txt'), 'utf8')
    expect(original).toMatch(/^\|Sparse Rehearsal for Continual Tuning/)
    await writeFile(join(cwd, 'site/counting/100.txt'), 'tampered\n')
    const after = await build(cwd, 'site')
    expect(after.rendered).toEqual(['counting/100.txt', 'counting/undeclared.txt'])
    expect(await readFile(join(cwd, 'site/counting/100.txt'), 'utf8')).toBe(original)
  })

  it('--no-cache neither reads nor writes the cache', async () => {
    const cwd = await project()
    await build(cwd, 'site')
    const uncached = await build(cwd, 'site', '--no-cache')
    expect(uncached.rendered).toEqual(everyCountingFile)
    expect(uncached.stderr).not.toContain('taken from the cache')
    expect(await readdir(join(cwd, 'site'))).not.toContain('.paper-notes-cache')
    // The next cached build finds no cache: it renders everything.
    expect((await build(cwd, 'site')).rendered).toEqual(everyCountingFile)
  })

  it('refuses a renderer that writes into the cache folder', async () => {
    const cwd = await project()
    await writeTree(cwd, {
      'sneaky.mjs': `export default {
        name: 'sneaky',
        render: () => [{ path: '.paper-notes-cache/manifest.json', contents: '{}', mediaType: 'application/json' }],
      }`,
    })
    const run = quietIo(cwd)
    const status = await runCli(
      ['build', 'notes', '--out', 'site', '--renderers', './sneaky.mjs'],
      run.io,
    )
    expect(status).toBe(1)
    expect(run.stderr()).toContain('[unsafe-output-path]')
    expect(await readdir(cwd)).not.toContain('site')
  })
})

describe('--jobs', () => {
  it.each([['0'], ['-1'], ['1.5'], ['two'], ['']])(
    'is a usage error for %j (status 2)',
    async (jobs) => {
      const cwd = await project()
      const run = quietIo(cwd)
      expect(await runCli(['build', 'notes', '--out', 'site', '--jobs', jobs], run.io)).toBe(2)
      expect(run.stderr()).toContain('--jobs must be a whole number of at least 1')
      expect(await readdir(cwd)).not.toContain('site')
    },
  )

  it('parses in the threads only with a CPU to spare beyond them', () => {
    expect(parsesInThreads(1, 8)).toBe(false)
    expect(parsesInThreads(2, 2)).toBe(false)
    expect(parsesInThreads(3, 2)).toBe(false)
    expect(parsesInThreads(2, 3)).toBe(true)
    expect(parsesInThreads(4, 8)).toBe(true)
  })

  it('plans for PAPER_NOTES_CPUS when it is a positive whole number, else for the machine', () => {
    expect(buildCpus({ PAPER_NOTES_CPUS: '3' })).toBe(3)
    for (const value of [undefined, '', '0', '-2', '1.5', 'four']) {
      expect(buildCpus({ PAPER_NOTES_CPUS: value })).toBe(availableParallelism())
    }
  })

  it('suggests as many jobs as those CPUs, at most 4', () => {
    expect(suggestedJobs({ PAPER_NOTES_CPUS: '1' })).toBe(1)
    expect(suggestedJobs({ PAPER_NOTES_CPUS: '3' })).toBe(3)
    expect(suggestedJobs({ PAPER_NOTES_CPUS: '16' })).toBe(4)
    expect(suggestedJobs({})).toBe(Math.min(availableParallelism(), 4))
  })
})
