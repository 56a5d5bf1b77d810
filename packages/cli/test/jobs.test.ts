/**
 * `build --jobs N` with real worker threads: these run the BUILT executable (`dist/bin.js`),
 * whose `dist/build-worker.js` the threads load (from source, builds stay in one thread).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { brokenYaml, hostileNote } from './fixtures.js'
import { expectSameOutput, outputFiles } from './output-files.js'
import { assertBuilt, runBin } from './run-bin.js'
import { makeTempDir, writeTree } from './temp-dir.js'

const tags = [
  'NLP',
  'Catastrophic Forgetting',
  'PEFT(Adaptor/LoRA)',
  'Selected Papers/Blogs',
  '日本語',
  'Reinforcement Learning',
  'Evaluation',
]

/** Note `n` of a made-up collection: enough files for the build to use its worker threads. */
function note(n: number): string {
  const picked = tags.filter((_, index) => (n + index) % 3 === 0)
  const related = n > 1 ? `\n関連:\n- #${n - 1}\n` : ''
  return `---
title: "[Paper Note] Study ${n} of Forgetting in Tuning, Author ${n}+, arXiv'25, 2025.${String((n % 12) + 1).padStart(2, '0')}"
date: 2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}
tags: [${picked.map((tag) => JSON.stringify(tag)).join(', ')}]
issue: https://github.com/example/notes/issues/${1000 + n}
---
# URL
- https://arxiv.org/abs/2501.${String(n).padStart(5, '0')}
# Abstract
- We study forgetting in setting ${n}: **bold** claims, \`code\`, and [a link](https://example.org/${n}).
# Translation (by gpt-4o-mini)
- 設定${n}における忘却を調べる。

<!-- comment -->
| run | score |
| --- | ---: |
| ${n} | ${n * 3} |
${related}`
}

async function project(): Promise<string> {
  const cwd = await makeTempDir()
  const files: Record<string, string> = {}
  for (let n = 1; n <= 90; n++) files[`notes/${String(n).padStart(3, '0')}.md`] = note(n)
  files['notes/500-broken.md'] = brokenYaml
  files['notes/501-hostile.md'] = hostileNote
  // Two notes with one issue URL: a duplicate diagnostic from the collection.
  files['notes/502-duplicate.md'] = note(7)
  await writeTree(cwd, files)
  return cwd
}

/** Standard error without the lines that differ by design (timings, thread info). */
function diagnosticsOf(stderr: string): string {
  return stderr
    .split('\n')
    .filter(
      (line) =>
        !/^info (read and parsed|parsing in|rendering in|rendered in|\d+ files rendered)/.test(
          line,
        ),
    )
    .join('\n')
}

const args = (out: string, jobs: number, ...extra: string[]) => [
  'build',
  'notes',
  '--out',
  out,
  '--base-url',
  'https://notes.example.org/',
  '--jobs',
  String(jobs),
  '--verbose',
  ...extra,
]

describe('build --jobs', () => {
  beforeAll(assertBuilt)

  it('writes byte-identical output and the same diagnostics, in the same order, for 1, 2 and 3 threads', async () => {
    const cwd = await project()
    const one = await runBin(args('one', 1, '--no-cache'), { cwd })
    // Two threads on 2 CPUs parse in the main thread only; three on 8 parse in all three.
    const two = await runBin(args('two', 2, '--no-cache'), { cwd, env: { PAPER_NOTES_CPUS: '2' } })
    const three = await runBin(args('three', 3, '--no-cache'), {
      cwd,
      env: { PAPER_NOTES_CPUS: '8' },
    })
    for (const result of [one, two, three]) expect(result.code, result.stderr).toBe(0)
    expect(one.stderr).not.toContain('rendering in')
    expect(two.stderr).toContain('info rendering in 2 threads')
    expect(two.stderr).not.toContain('parsing in')
    expect(three.stderr).toContain('info parsing in 3 threads')
    expect(three.stderr).toContain('info rendering in 3 threads')
    expect(one.stderr).toContain('notes/500-broken.md:4:21  error')
    expect(one.stderr).toContain('duplicate')
    expect(diagnosticsOf(two.stderr)).toBe(diagnosticsOf(one.stderr))
    expect(diagnosticsOf(three.stderr)).toBe(diagnosticsOf(one.stderr))
    expect(two.stdout.replace(/ in \d+\.\d+s/, '')).toBe(
      one.stdout.replace(/ in \d+\.\d+s/, '').replace('/one/', '/two/'),
    )
    await expectSameOutput(join(cwd, 'one'), join(cwd, 'two'))
    await expectSameOutput(join(cwd, 'one'), join(cwd, 'three'))
  }, 120_000)

  it('rebuilds from the cache in threads with the bytes of a one-thread build without cache', async () => {
    const cwd = await project()
    expect((await runBin(args('site', 2), { cwd })).code).toBe(0)
    await writeFile(
      join(cwd, 'notes/042.md'),
      note(42).replace('Study 42 of', 'Edited study 42 of'),
    )
    const rebuild = await runBin(args('site', 2), { cwd })
    expect(rebuild.code, rebuild.stderr).toBe(0)
    expect(rebuild.stderr).toContain('92 of 93 files taken from the cache')
    const fresh = await runBin(args('fresh', 1, '--no-cache'), { cwd })
    expect(fresh.code).toBe(0)
    const site = await outputFiles(join(cwd, 'site'))
    const expected = await outputFiles(join(cwd, 'fresh'))
    for (const [path, bytes] of expected) {
      expect(site.get(path)?.equals(bytes), `${path} differs`).toBe(true)
    }
    expect(await readFile(join(cwd, 'site/notes.json'), 'utf8')).toContain('Edited study 42 of')
  }, 120_000)

  it('fails cleanly when a renderer in a worker writes outside --out: old output kept, no staging folder left', async () => {
    const cwd = await project()
    await writeTree(cwd, {
      'evil.mjs': `export default {
        name: 'evil',
        render: () => [{ path: '../evil.txt', contents: 'x', mediaType: 'text/plain' }],
      }`,
    })
    expect((await runBin(args('site', 1), { cwd })).code).toBe(0)
    const before = await outputFiles(join(cwd, 'site'))
    // Without the cache: with it, the few stale files would render in one thread.
    const result = await runBin(
      args('site', 2, '--renderers', 'json,html,./evil.mjs', '--no-cache'),
      { cwd },
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('info rendering in 2 threads')
    expect(result.stderr).toContain('"../evil.txt"')
    expect(result.stderr).toContain('[unsafe-output-path]')
    expect((await readdir(cwd)).sort()).toEqual(['evil.mjs', 'notes', 'site'])
    const after = await outputFiles(join(cwd, 'site'))
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
  }, 120_000)

  it('fails when a renderer plans other files in a worker than in the main thread', async () => {
    const cwd = await project()
    await writeTree(cwd, {
      'moody.mjs': `import { isMainThread } from 'node:worker_threads'
      const file = (path) => ({ path, mediaType: 'text/plain', render: () => path })
      export default {
        name: 'moody',
        render: async () => [],
        plan: () => (isMainThread ? [file('a.txt'), file('b.txt')] : [file('a.txt'), file('c.txt')]),
      }`,
    })
    const result = await runBin(args('site', 2, '--renderers', 'json,./moody.mjs', '--no-cache'), {
      cwd,
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'The moody renderer failed: it planned other files in a worker thread than in the main thread',
    )
    expect((await readdir(cwd)).sort()).toEqual(['moody.mjs', 'notes'])
  }, 120_000)
})
