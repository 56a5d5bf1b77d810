/**
 * The `paper-notes` executable, run from its build (`dist/bin.js`) in a child process: exit
 * statuses, what goes to stdout and stderr, the files written, and the safety of writes.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Note } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import packageJson from '../package.json' with { type: 'json' }
import {
  brokenYaml,
  forgettingEval,
  hostileNote,
  japaneseBlog,
  sparseRehearsal,
} from './fixtures.js'
import { assertBuilt, runBin } from './run-bin.js'
import { makeTempDir, writeTree } from './temp-dir.js'

const summaryPattern =
  /^(build|check|convert)( failed)?: \d+ notes?, \d+ tags?, \d+ files? (written|read), \d+ errors?, \d+ warnings?, \d+ info in \d+\.\d\ds$/m

beforeAll(assertBuilt)
// Each test starts Node (and every package) at least once; leave room for a busy machine.
vi.setConfig({ testTimeout: 60_000 })

/** A project folder with three good notes in `notes/`. */
async function project(extra: Record<string, string> = {}): Promise<string> {
  const cwd = await makeTempDir()
  await writeTree(cwd, {
    'notes/100-sparse-rehearsal.md': sparseRehearsal,
    'notes/101-finetune.md': japaneseBlog,
    'notes/2025/102-forgetting-eval.md': forgettingEval,
    ...extra,
  })
  return cwd
}

async function listTree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort()
}

describe('--version and --help', () => {
  it.each([[[]], [['build']], [['check']], [['convert']]])(
    'prints the version for %j',
    async (command) => {
      const cwd = await makeTempDir()
      const result = await runBin([...command, '--version'], { cwd })
      expect(result).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' })
    },
  )

  it.each([
    [[], ['build', 'check', 'convert']],
    [['build'], ['--out <dir>', '--renderers <list>', '--base-url <url>', '--strict', '--title']],
    [['check'], ['--json', '--format <format>']],
    [['convert'], ['--out <dir>', '--force']],
  ])('prints help for %j', async (command, mentions) => {
    const cwd = await makeTempDir()
    const result = await runBin([...command, '--help'], { cwd })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/^Usage: paper-notes/)
    for (const text of mentions) expect(result.stdout).toContain(text)
  })

  it.each([
    [[], 'Usage: paper-notes'],
    [['publish'], "unknown command 'publish'"],
    [['build', 'notes'], "required option '-o, --out <dir>' not specified"],
    [['check', 'notes', '--frobnicate'], "unknown option '--frobnicate'"],
    [['check', 'notes', '--format', 'docx'], 'Allowed choices are markdown, text, xml, github'],
  ])('exits with status 2 and says why on stderr for %j', async (args, message) => {
    const cwd = await makeTempDir()
    const result = await runBin(args, { cwd })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(message)
  })
})

describe('build', () => {
  it('writes the site, JSON and feeds and ends with the summary line', async () => {
    const cwd = await project()
    const result = await runBin(
      [
        'build',
        'notes',
        '--out',
        'site',
        '--base-url',
        'https://example.org/notes/',
        '--title',
        'My notes',
      ],
      { cwd },
    )
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(summaryPattern)
    expect(lines[0]).toMatch(/^build: 3 notes, \d+ tags, \d+ files written, 0 errors, /)
    expect(lines[1]).toBe(`Open file://${join(cwd, 'site/index.html')} in a browser.`)
    const files = await listTree(join(cwd, 'site'))
    for (const path of [
      'index.html',
      'notes.json',
      'rss.xml',
      'atom.xml',
      'feed.json',
      '.paper-notes-output',
    ]) {
      expect(files).toContain(path)
    }
    const written = Number(/(\d+) files written/.exec(lines[0]!)![1])
    const cache = files.filter((path) => path.startsWith('.paper-notes-cache/'))
    expect(cache).toContain('.paper-notes-cache/manifest.json')
    expect(files).toHaveLength(written + 1 + cache.length) // + the marker file and the cache
    expect(await readFile(join(cwd, 'site/index.html'), 'utf8')).toContain('My notes')
    const notes = JSON.parse(await readFile(join(cwd, 'site/notes.json'), 'utf8')) as {
      id: string
    }[]
    expect(notes.map((note) => note.id)).toEqual(['100', '101', '102'])
    // Plain output off a terminal: no colours, no progress bar.
    expect(result.stdout + result.stderr).not.toContain('\u001b[')
    expect(result.stdout + result.stderr).not.toContain('\r')
  })

  it('is deterministic: the same notes give byte-identical output', async () => {
    const cwd = await project()
    const args = ['--base-url', 'https://example.org/notes/']
    expect((await runBin(['build', 'notes', '--out', 'a', ...args], { cwd })).code).toBe(0)
    expect((await runBin(['build', 'notes', '--out', 'b', ...args], { cwd })).code).toBe(0)
    const files = await listTree(join(cwd, 'a'))
    expect(await listTree(join(cwd, 'b'))).toEqual(files)
    // The cache manifest records each file's modification time (to skip re-hashing untouched
    // files), the input index when the build began reading: everything else in them, and every
    // other file, must be the same bytes.
    const manifest = '.paper-notes-cache/manifest.json'
    const inputIndex = '.paper-notes-cache/inputs.json'
    expect(files).toContain(manifest)
    expect(files).toContain(inputIndex)
    for (const path of files) {
      const [a, b] = await Promise.all([
        readFile(join(cwd, 'a', path)),
        readFile(join(cwd, 'b', path)),
      ])
      if (path === manifest) {
        const withoutTimes = (bytes: Buffer) =>
          bytes.toString('utf8').replace(/"mtimeMs":[\d.]+/g, '')
        expect(withoutTimes(a)).toBe(withoutTimes(b))
        expect(a.toString('utf8')).toMatch(/"mtimeMs":\d/)
      } else if (path === inputIndex) {
        const withoutTime = (bytes: Buffer) => bytes.toString('utf8').replace(/"readAt":\d+/, '')
        expect(withoutTime(a)).toBe(withoutTime(b))
        expect(a.toString('utf8')).toMatch(/"readAt":\d/)
      } else {
        expect(a.equals(b), path).toBe(true)
      }
    }
  })

  it('skips rss with a warning when the default renderers run without --base-url', async () => {
    const cwd = await project()
    const result = await runBin(['build', 'notes', '--out', 'site'], { cwd })
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('Skipping the rss renderer')
    const files = await listTree(join(cwd, 'site'))
    expect(files).toContain('index.html')
    expect(files).toContain('notes.json')
    expect(files).not.toContain('rss.xml')
  })

  it('refuses rss without --base-url, unknown renderers and relative base URLs (status 2)', async () => {
    const cwd = await project()
    const rss = await runBin(['build', 'notes', '--out', 'site', '--renderers', 'html,rss'], {
      cwd,
    })
    expect(rss.code).toBe(2)
    expect(rss.stderr).toContain('The rss renderer needs --base-url')
    const unknown = await runBin(['build', 'notes', '--out', 'site', '--renderers', 'pdf'], { cwd })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown renderer "pdf"')
    const relative = await runBin(['build', 'notes', '-o', 'site', '--base-url', 'notes/'], { cwd })
    expect(relative.code).toBe(2)
    expect(relative.stderr).toContain('--base-url must be an absolute http(s) URL')
    expect(await readdir(cwd)).toEqual(['notes'])
  })

  it('runs only the renderers asked for', async () => {
    const cwd = await project()
    const result = await runBin(['build', 'notes', '--out', 'out', '--renderers', 'json'], { cwd })
    expect(result.code).toBe(0)
    const files = await listTree(join(cwd, 'out'))
    expect(files).toContain('notes.json')
    expect(files.some((path) => path.endsWith('.html'))).toBe(false)
    expect(result.stdout).not.toContain('Open file://')
  })

  it('builds the good notes despite a broken one, and fails with --strict keeping the old output', async () => {
    const cwd = await project({ 'notes/broken.md': brokenYaml })
    const lenient = await runBin(['build', 'notes', '--out', 'site'], { cwd })
    expect(lenient.code).toBe(0)
    expect(lenient.stderr).toMatch(/^notes\/broken\.md:\d+:\d+ {2}error {2}/m)
    const before = await readFile(join(cwd, 'site/notes.json'))
    const notes = JSON.parse(before.toString('utf8')) as { id: string }[]
    expect(notes.map((note) => note.id)).toEqual(expect.arrayContaining(['100', '101', '102']))

    const strict = await runBin(['build', 'notes', '--out', 'site', '--strict'], { cwd })
    expect(strict.code).toBe(1)
    expect(strict.stdout).toMatch(/^build failed: .* 0 files written, [1-9]\d* errors?, /)
    expect(strict.stderr).toContain('--strict')
    expect(strict.stderr).toContain('The previous contents of site were left as they were.')
    expect((await readFile(join(cwd, 'site/notes.json'))).equals(before)).toBe(true)
  })

  it('fails (status 1) on a missing input and writes nothing', async () => {
    const cwd = await project()
    const result = await runBin(['build', 'notes', 'nope.md', '--out', 'site'], { cwd })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'nope.md  error  input-not-found  No such file or directory: nope.md',
    )
    expect(await readdir(cwd)).toEqual(['notes'])
  })

  it('reads notes from standard input with -', async () => {
    const cwd = await makeTempDir()
    const result = await runBin(['build', '-', '--out', 'site', '--renderers', 'json'], {
      cwd,
      input: sparseRehearsal,
    })
    expect(result.code).toBe(0)
    const notes = JSON.parse(await readFile(join(cwd, 'site/notes.json'), 'utf8')) as {
      id: string
      tags: string[]
    }[]
    expect(notes).toHaveLength(1)
    expect(notes[0]!.tags).toContain('PEFT(Adaptor/LoRA)')
  })

  it('does not read its own output back when the output folder is inside an input folder', async () => {
    const cwd = await project()
    const first = await runBin(['build', '.', '--out', 'site', '--renderers', 'json'], { cwd })
    const second = await runBin(['build', '.', '--out', 'site', '--renderers', 'json'], { cwd })
    expect(first.code).toBe(0)
    expect(second.code).toBe(0)
    expect(second.stdout.split('\n')[0]).toMatch(/^build: 3 notes, /)
  })
})

describe('safe writes', () => {
  it('rejects a renderer that writes outside --out, writing nothing', async () => {
    const cwd = await project({
      'evil-renderer.mjs': `export default {
  name: 'evil',
  render: () => [{ path: '../evil.html', contents: 'pwned', mediaType: 'text/html' }],
}
`,
    })
    const result = await runBin(
      ['build', 'notes', '--out', 'site', '--renderers', 'html,./evil-renderer.mjs'],
      { cwd },
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('Refusing to write outside the output folder')
    expect(result.stderr).toContain('"../evil.html"')
    expect(result.stderr).toContain('[unsafe-output-path]')
    expect((await readdir(cwd)).sort()).toEqual(['evil-renderer.mjs', 'notes'])
  })

  it('keeps every file inside --out for a note whose id and tags try to escape', async () => {
    const cwd = await project({ 'notes/hostile.md': hostileNote })
    const out = join(cwd, 'deep/out')
    const result = await runBin(
      ['build', 'notes', '--out', 'deep/out', '--base-url', 'https://example.org/'],
      { cwd },
    )
    // The renderers make file-safe names, so the build succeeds, and nothing lands elsewhere.
    expect(result.code).toBe(0)
    expect((await readdir(cwd)).sort()).toEqual(['deep', 'notes'])
    expect(await readdir(join(cwd, 'deep'))).toEqual(['out'])
    const files = await listTree(out)
    for (const path of files) expect(path.split('/')).not.toContain('..')
    const notes = JSON.parse(await readFile(join(out, 'notes.json'), 'utf8')) as { id: string }[]
    expect(notes.map((note) => note.id)).toContain('../../../escaped')
  })

  it('replaces the output atomically: a failing renderer leaves the previous build intact', async () => {
    const cwd = await project({
      'failing-renderer.mjs': `export const renderer = {
  name: 'failing',
  render() { throw new Error('template exploded') },
}
`,
    })
    const good = await runBin(['build', 'notes', '--out', 'site'], { cwd })
    expect(good.code).toBe(0)
    const before = await listTree(join(cwd, 'site'))
    const index = await readFile(join(cwd, 'site/index.html'))
    const bad = await runBin(
      ['build', 'notes', '--out', 'site', '--renderers', 'html,json,./failing-renderer.mjs'],
      { cwd },
    )
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('The failing renderer failed: template exploded')
    expect(await listTree(join(cwd, 'site'))).toEqual(before)
    expect((await readFile(join(cwd, 'site/index.html'))).equals(index)).toBe(true)
    // No staging folders are left behind.
    expect((await readdir(cwd)).sort()).toEqual(['failing-renderer.mjs', 'notes', 'site'])
  })

  it('refuses to replace a folder it did not write unless --force', async () => {
    const cwd = await project({ 'docs/thesis.tex': '\\documentclass{article}' })
    const refused = await runBin(['build', 'notes', '--out', 'docs'], { cwd })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('[output-dir-not-ours]')
    expect(await readFile(join(cwd, 'docs/thesis.tex'), 'utf8')).toBe('\\documentclass{article}')
    const forced = await runBin(['build', 'notes', '--out', 'docs', '--force'], { cwd })
    expect(forced.code).toBe(0)
    expect(await listTree(join(cwd, 'docs'))).not.toContain('thesis.tex')
  })

  it('refuses to replace the folder holding the inputs, even with --force', async () => {
    const cwd = await project()
    const result = await runBin(['build', 'notes/2025', '--out', 'notes', '--force'], { cwd })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('[unsafe-output-dir]')
    expect(await listTree(join(cwd, 'notes'))).toHaveLength(3)
  })
})

describe('check', () => {
  it('prints compiler-style diagnostics with the source line and a caret, and exits 1', async () => {
    const cwd = await project({ 'notes/broken.md': brokenYaml })
    const result = await runBin(['check', 'notes'], { cwd })
    expect(result.code).toBe(1)
    const lines = result.stdout.split('\n')
    const headIndex = lines.findIndex((line) =>
      /^notes\/broken\.md:\d+:\d+ {2}error {2}/.test(line),
    )
    expect(headIndex).toBeGreaterThanOrEqual(0)
    const [, line, column] = /^notes\/broken\.md:(\d+):(\d+)/.exec(lines[headIndex]!)!.map(Number)
    const sourceLine = brokenYaml.split('\n')[line! - 1]!
    const gutter = String(line).padStart(5)
    expect(lines[headIndex + 1]).toBe(`${gutter} | ${sourceLine}`)
    expect(lines[headIndex + 2]).toBe(`${' '.repeat(gutter.length)} | ${' '.repeat(column! - 1)}^`)
    expect(lines.filter(Boolean).at(-1)).toMatch(summaryPattern)
    expect(lines.filter(Boolean).at(-1)).toMatch(/^check failed: \d+ notes?, .*4 files read, [1-9]/)
  })

  it('exits 0 and prints only the summary for clean notes', async () => {
    const cwd = await project()
    const result = await runBin(['check', 'notes'], { cwd })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^check: 3 notes, \d+ tags, 3 files read, 0 errors, /)
    expect(
      result.stdout
        .trim()
        .split('\n')
        .filter((l) => / {2}(error|warning) {2}/.test(l)),
    ).toEqual([])
  })

  it('prints JSON with --json (summary on stderr, stdout is only JSON)', async () => {
    const cwd = await project({ 'notes/broken.md': brokenYaml })
    const result = await runBin(['check', 'notes', '--json'], { cwd })
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as {
      diagnostics: { code: string; severity: string; file?: string; line?: number }[]
      counts: { error: number; warning: number; info: number }
      notes: number
      files: string[]
      ok: boolean
    }
    expect(report.ok).toBe(false)
    expect(report.files).toEqual([
      'notes/100-sparse-rehearsal.md',
      'notes/101-finetune.md',
      'notes/2025/102-forgetting-eval.md',
      'notes/broken.md',
    ])
    const errors = report.diagnostics.filter((d) => d.severity === 'error')
    expect(errors.length).toBe(report.counts.error)
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((d) => d.file === 'notes/broken.md' && typeof d.line === 'number')).toBe(
      true,
    )
    expect(result.stderr).toMatch(summaryPattern)
  })

  it('checks standard input and reports a missing file as an error', async () => {
    const cwd = await makeTempDir()
    const piped = await runBin(['check', '-'], { cwd, input: japaneseBlog })
    expect(piped.code).toBe(0)
    expect(piped.stdout).toMatch(/^check: 1 note, 3 tags, 1 file read, 0 errors/)
    const missing = await runBin(['check', 'missing.md', '--json'], { cwd })
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout).diagnostics).toEqual([
      {
        code: 'input-not-found',
        severity: 'error',
        message: 'No such file or directory: missing.md',
        file: 'missing.md',
      },
    ])
  })

  it('colours output when FORCE_COLOR is set', async () => {
    const cwd = await project({ 'notes/broken.md': brokenYaml })
    const result = await runBin(['check', 'notes'], { cwd, env: { FORCE_COLOR: '1' } })
    expect(result.stdout).toContain('\x1b[31m')
  })
})

describe('convert', () => {
  it('writes one note-markdown file per note, named from id and title, that check accepts', async () => {
    const cwd = await project()
    const issues = [
      {
        number: 300,
        title: "[Paper Note] Tiny Tags: Labels/Slashes (and Parens), Ken Ito+, EMNLP'24, 2024.10",
        labels: [{ name: 'Selected Papers/Blogs' }, { name: 'PEFT(Adaptor/LoRA)' }],
        createdAt: '2024-11-02T10:00:00Z',
        url: 'https://github.com/example/notes/issues/300',
        body: '# URL\n- https://arxiv.org/abs/2410.00003\n# Abstract\n- Tags can be odd.',
        comments: [
          {
            author: { login: 'ken' },
            body: 'タグ名に記号が入っても大丈夫。',
            createdAt: '2024-11-03T00:00:00Z',
          },
        ],
      },
    ]
    await writeFile(join(cwd, 'issues.json'), JSON.stringify(issues))
    const result = await runBin(
      ['convert', 'issues.json', 'notes/101-finetune.md', '--out', 'converted'],
      {
        cwd,
      },
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^convert: 2 notes, \d+ tags, 2 files written, 0 errors/)
    expect(await listTree(join(cwd, 'converted'))).toEqual([
      '.paper-notes-output',
      '101-llm-3.md',
      '300-tiny-tags-labels-slashes-and-parens.md',
    ])
    const check = await runBin(['check', 'converted'], { cwd })
    expect(check.code).toBe(0)
    expect(check.stdout).toMatch(/^check: 2 notes, /)

    // Round trip: the converted files parse to the same notes as the originals (but `source`).
    const withoutSource = ({ source: _source, ...note }: Note) => note
    const read = async (path: string) => ({
      path,
      contents: await readFile(join(cwd, path), 'utf8'),
    })
    const original = parseNotes([await read('issues.json'), await read('notes/101-finetune.md')])
    const converted = parseNotes([
      await read('converted/101-llm-3.md'),
      await read('converted/300-tiny-tags-labels-slashes-and-parens.md'),
    ])
    expect(converted.diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
    const byId = (notes: Note[]) =>
      Object.fromEntries(notes.map((note) => [note.id, withoutSource(note)]))
    expect(byId(converted.notes)).toEqual(byId(original.notes))
  })
})
