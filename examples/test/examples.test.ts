/**
 * Runs every example script with Node, as a user would, against the built packages, and checks
 * what it wrote.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

const run = promisify(execFile)
const examplesDir = fileURLToPath(new URL('..', import.meta.url))
const repoRoot = join(examplesDir, '..')
const packages = ['core', 'parser', 'render-html', 'render-json', 'render-rss', 'cli']

interface NoteJson {
  id: string
  title: string
  tags: string[]
  issueDate: string
  links: { paper?: string; issue?: string }
  comments: { markdown: string }[]
}

// Every test starts Node (and the packages) at least once; leave room for a busy machine.
vi.setConfig({ testTimeout: 60_000 })

const made: string[] = []
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'paper-notes-examples-'))
  made.push(dir)
  return dir
}
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
})

async function node(script: string, args: string[], cwd: string) {
  return run(process.execPath, [join(examplesDir, script), ...args], { cwd, encoding: 'utf8' })
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T
}

/** The `.md` files of examples/notes (each one note). */
async function sampleNoteFiles(): Promise<string[]> {
  return (await readdir(join(examplesDir, 'notes'), { recursive: true })).filter((name) =>
    name.endsWith('.md'),
  )
}

beforeAll(() => {
  const missing = packages.filter(
    (name) => !existsSync(join(repoRoot, 'packages', name, 'dist', 'index.js')),
  )
  if (missing.length > 0) {
    throw new Error(
      `The examples use the built packages; build them first (npm test does): npx turbo run build --filter=@paper-notes/examples... (missing: ${missing.join(', ')})`,
    )
  }
})

describe('build-site.mjs', () => {
  it('builds pages, JSON and feeds for every sample note', async () => {
    const out = join(await tempDir(), 'site')
    const { stdout } = await node('build-site.mjs', [out], examplesDir)
    const notes = await readJson<NoteJson[]>(join(out, 'notes.json'))
    const mdFiles = await sampleNoteFiles()
    expect(mdFiles.length).toBeGreaterThan(0)
    expect(notes.length).toBeGreaterThanOrEqual(mdFiles.length)
    expect(stdout).toContain(`${notes.length} notes,`)
    for (const path of ['index.html', 'rss.xml', 'atom.xml', 'feed.json', 'tags.json']) {
      expect(existsSync(join(out, path)), path).toBe(true)
    }
    const notePages = await readdir(join(out, 'notes'))
    expect(notePages.filter((name) => name.endsWith('.html'))).toHaveLength(notes.length)
    const index = await readFile(join(out, 'index.html'), 'utf8')
    expect(index).toContain('Paper notes (example)')
    const rss = await readFile(join(out, 'rss.xml'), 'utf8')
    expect(rss.match(/<item>/g)?.length).toBe(Math.min(notes.length, 50))
    expect(rss).toContain('https://example.org/paper-notes/')
  })

  it('is deterministic: two builds give byte-identical files', async () => {
    const dir = await tempDir()
    await node('build-site.mjs', [join(dir, 'a')], examplesDir)
    await node('build-site.mjs', [join(dir, 'b')], examplesDir)
    const listFiles = async (root: string) =>
      (await readdir(root, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
        .sort()
    const files = await listFiles(join(dir, 'a'))
    expect(files.length).toBeGreaterThan(10)
    expect(await listFiles(join(dir, 'b'))).toEqual(files)
    for (const file of files) {
      const [a, b] = await Promise.all([
        readFile(join(dir, 'a', file)),
        readFile(join(dir, 'b', file)),
      ])
      expect(a.equals(b), file).toBe(true)
    }
  })
})

describe('tag-feed.mjs', () => {
  it("writes one tag's RSS feed with exactly that tag's notes", async () => {
    const dir = await tempDir()
    await node('build-site.mjs', [join(dir, 'site')], examplesDir)
    const tags = await readJson<{ name: string; slug: string; count: number }[]>(
      join(dir, 'site/tags.json'),
    )
    const notes = await readJson<NoteJson[]>(join(dir, 'site/notes.json'))
    const tag = tags[0]!
    const feedFile = join(dir, 'feed.xml')
    const { stdout } = await node('tag-feed.mjs', [tag.name, feedFile], examplesDir)
    expect(stdout.trim()).toBe(`${tag.name}: ${tag.count} notes → ${feedFile}`)
    const feed = await readFile(feedFile, 'utf8')
    expect(feed.startsWith('<?xml')).toBe(true)
    expect(feed).toContain('<rss')
    const tagged = notes.filter((note) => note.tags.includes(tag.name))
    expect(feed.match(/<item>/g)?.length).toBe(Math.min(tagged.length, 50))
    // The items link to the note pages of exactly the notes with the tag, newest first.
    const linked = [...feed.matchAll(/<link>[^<]*\/notes\/([^</]+)\.html<\/link>/g)].map(
      (m) => m[1],
    )
    expect(linked).toEqual(tagged.slice(0, 50).map((note) => note.id))
  })

  it('accepts a slug, prints to standard output without a file, and fails on an unknown tag', async () => {
    const dir = await tempDir()
    await node('build-site.mjs', [join(dir, 'site')], examplesDir)
    const [tag] = await readJson<{ name: string; slug: string }[]>(join(dir, 'site/tags.json'))
    const { stdout } = await node('tag-feed.mjs', [tag!.slug], examplesDir)
    expect(stdout).toContain('<rss')
    const failure = await node('tag-feed.mjs', ['No Such Tag (at all)'], examplesDir).catch(
      (error: { code: number; stderr: string }) => error,
    )
    expect(failure).toMatchObject({ code: 1 })
    expect((failure as { stderr: string }).stderr).toContain('No tag "No Such Tag (at all)"')
  })
})

describe('custom-renderer.mjs', () => {
  it('builds the site plus a BibTeX file with one entry per note', async () => {
    const out = join(await tempDir(), 'with-bibtex')
    await node('custom-renderer.mjs', [out], examplesDir)
    expect(existsSync(join(out, 'index.html'))).toBe(true)
    const bib = await readFile(join(out, 'notes.bib'), 'utf8')
    const entries = [...bib.matchAll(/^@(\w+)\{([^,\n]+),$/gm)]
    const notePages = (await readdir(join(out, 'notes'))).filter((name) => name.endsWith('.html'))
    expect(entries).toHaveLength(notePages.length)
    const keys = entries.map((entry) => entry[2])
    expect(new Set(keys).size).toBe(keys.length)
    for (const key of keys) expect(key).toMatch(/^note-[A-Za-z0-9_-]+$/)
    // Every entry has a title and a year; braces stay balanced (escaping works).
    for (const block of bib.split(/\n(?=@)/)) {
      expect(block).toMatch(/\n {2}title = \{\{.+\}\},\n/)
      expect(block).toMatch(/\n {2}year = \{\d{4}\},\n/)
      const opens = block.replace(/\\[{}]/g, '').split('{').length
      const closes = block.replace(/\\[{}]/g, '').split('}').length
      expect(opens).toBe(closes)
    }
  })

  it('escapes TeX specials and writes et al. as "and others"', async () => {
    const { bibtexEntry, bibtexText } = (await import(
      join(examplesDir, 'custom-renderer.mjs')
    )) as {
      bibtexText: (text: string) => string
      bibtexEntry: (note: unknown) => string
    }
    expect(bibtexText('50% of {R&D} costs $5 #1 a_b ~x^2 \\o')).toBe(
      '50\\% of \\{R\\&D\\} costs \\$5 \\#1 a\\_b \\textasciitilde{}x\\textasciicircum{}2 \\textbackslash{}o',
    )
    const entry = bibtexEntry({
      id: '4175',
      kind: 'paper',
      titleLine: "[Paper Note] Q&A at 100%, Ada Lovelace+, ICLR'25, 2025.02",
      title: 'Q&A at 100%',
      authors: ['Ada Lovelace'],
      etAl: true,
      venue: { name: 'ICLR', year: 2025 },
      published: { year: 2025, month: 2 },
      issueDate: '2025-03-01',
      tags: ['PEFT(Adaptor/LoRA)'],
      links: { paper: 'https://arxiv.org/abs/2502.00001' },
    })
    expect(entry).toBe(
      [
        '@inproceedings{note-4175,',
        '  title = {{Q\\&A at 100\\%}},',
        '  author = {Ada Lovelace and others},',
        '  year = {2025},',
        '  booktitle = {ICLR},',
        '  url = {https://arxiv.org/abs/2502.00001},',
        '  keywords = {PEFT(Adaptor/LoRA)},',
        '  note = {Noted on 2025-03-01},',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('plugs into the CLI as a renderer module', async () => {
    const dir = await tempDir()
    const out = join(dir, 'site')
    const { stdout } = await run(
      process.execPath,
      [
        join(repoRoot, 'packages/cli/dist/bin.js'),
        'build',
        join(examplesDir, 'notes'),
        '--out',
        out,
        '--renderers',
        `html,${join(examplesDir, 'custom-renderer.mjs')}`,
      ],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    )
    expect(stdout).toMatch(/^build: \d+ notes?, /m)
    const bib = await readFile(join(out, 'notes.bib'), 'utf8')
    const pages = (await readdir(join(out, 'notes'))).filter((name) => name.endsWith('.html'))
    expect(bib.match(/^@\w+\{/gm)).toHaveLength(pages.length)
  })
})

describe('from-github.mjs', () => {
  it('turns the gh issue list JSON into a site and JSON, one note per issue', async () => {
    const out = join(await tempDir(), 'from-github')
    const issues = join(examplesDir, 'github-issues.json')
    const { stdout } = await node('from-github.mjs', [issues, out], examplesDir)
    expect(stdout.trim()).toMatch(/^3 issues → \d+ files in /)
    const notes = await readJson<NoteJson[]>(join(out, 'notes.json'))
    // Newest first, ids are the issue numbers, labels are the tags, createdAt is the date (UTC).
    expect(notes.map((note) => [note.id, note.issueDate])).toEqual([
      ['212', '2025-06-02'],
      ['205', '2025-05-20'],
      ['198', '2025-04-11'],
    ])
    expect(notes[0]!.tags).toEqual(['NLP', 'Catastrophic Forgetting', 'PEFT(Adaptor/LoRA)', 'ACL'])
    expect(notes[0]!.title).toBe('Curriculum Replay for Continual Instruction Tuning')
    expect(notes[0]!.links.issue).toBe('https://github.com/example-user/reading-notes/issues/212')
    expect(notes[0]!.comments).toHaveLength(2)
    expect(notes[1]!.links.paper).toBe('https://blog.example.org/small-models-on-phones')
    expect(notes[2]!.comments).toEqual([])
    for (const note of notes) expect(existsSync(join(out, `notes/${note.id}.html`))).toBe(true)
    // #212 refers to #198 ("関連: #198"), so #198's page links back to #212.
    const page198 = await readFile(join(out, 'notes/198.html'), 'utf8')
    expect(page198).toContain('212.html')
  })
})
