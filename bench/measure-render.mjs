#!/usr/bin/env node
/**
 * Renderer CPU time and output identity, for speed work on the renderers (issue #8).
 *
 *   node bench/measure-render.mjs [--notes 2000] [--rounds 5] [--baseline DIR]
 *   node bench/measure-render.mjs --write-hashes FILE   # every output file's sha256, to FILE
 *   node bench/measure-render.mjs --check-hashes FILE   # compare with FILE, exit 1 on a difference
 *
 * Timing: generates `--notes` notes (`generate-notes.mjs`), runs parseNotes and createCollection
 * once, then interleaves rounds: each round renders a fresh copy of the notes with each renderer
 * (HTML, JSON, RSS, as a build does), and the best CPU seconds (`process.cpuUsage()`, user +
 * system) per renderer are printed. With `--baseline DIR` (a `node_modules` folder holding other
 * builds of `@paper-notes/core` and the renderers, e.g. copies of the committed `dist` folders
 * with links to everything else in `node_modules`, but not to `node_modules/node_modules`, a link to
 * itself that ES module resolution would follow to the work tree's core: the script checks), the
 * baseline's renderers run in the same rounds, A, B, A, B…, on their own copies, and the ratio
 * new / baseline is printed.
 *
 * Hashes: renders the generated notes, a few hostile notes written here, and (when present) the
 * corpus at `../shared/corpus` with every renderer and two sets of options (a base URL in a
 * subfolder; every other option changed: pretty JSON with trees, Japanese pages, limits), and records each file's bytes as sha256; `--check-hashes` says which differ.
 * Uses the BUILT packages: run `npx tsup` in a package after changing it.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { generateNotes } from './generate-notes.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const corpusDir = join(here, '../../shared/corpus')

const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    baseline: { type: 'string' },
    'write-hashes': { type: 'string' },
    'check-hashes': { type: 'string' },
  },
})

/**
 * Throws when the renderers of a baseline folder would load another build of core than the
 * folder's own, which would make the A/B compare one core twice. ES module resolution looks for
 * `node_modules/@paper-notes/core` in every folder from the importing file up, including inside
 * `node_modules` folders: a `node_modules/node_modules` link back to the work tree (easy to copy
 * along with "links to everything else") is found before the baseline's own core.
 */
function checkBaselineCore(nodeModules) {
  const own = realpathSync(join(nodeModules, '@paper-notes/core'))
  for (const name of ['render-html', 'render-json', 'render-rss']) {
    let dir = join(nodeModules, '@paper-notes', name, 'dist')
    let found
    while (found === undefined) {
      const candidate = join(dir, 'node_modules/@paper-notes/core')
      if (existsSync(join(candidate, 'package.json'))) found = realpathSync(candidate)
      else if (dirname(dir) === dir) break
      else dir = dirname(dir)
    }
    if (found !== own) {
      throw new Error(`--baseline: @paper-notes/${name} there loads core from ${found}, not ${own}`)
    }
  }
}

async function loadBuild(nodeModules) {
  if (nodeModules !== undefined) checkBaselineCore(nodeModules)
  const load = (name) =>
    nodeModules === undefined
      ? import(name)
      : import(pathToFileURL(join(nodeModules, name, 'dist/index.js')).href)
  const [core, html, json, rss] = await Promise.all([
    load('@paper-notes/core'),
    load('@paper-notes/render-html'),
    load('@paper-notes/render-json'),
    load('@paper-notes/render-rss'),
  ])
  return {
    createCollection: core.createCollection,
    renderers: [html.htmlRenderer, json.jsonRenderer, rss.rssRenderer],
  }
}

const { parseNotes } = await import('@paper-notes/parser')
const current = await loadBuild(undefined)

function cpuSeconds(fn) {
  const start = process.cpuUsage()
  fn()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

/** Notes that try to break out of their place, in English and Japanese, with odd tags. */
const hostileNotes = [
  {
    path: 'notes/h1.md',
    contents: `---
title: "<script>alert(1)</script> & \\"quotes\\" ]]> — 忘却の研究, Ann Lee+, ACL'25, 2025.03"
date: 2025-03-01
tags: ["Catastrophic Forgetting", "NLP/LLM", "Scaling (laws)", "a&b <c>"]
issue: https://github.com/example/paper_notes/issues/9001
---
# URL
- javascript:alert(1)
# Abstract
- ]]> <b>not bold</b> & &amp; 日本語の要約。
# Summary (by gpt-4o-mini)
- 要約 <img src=x onerror=alert(1)> ]]>

<!-- comment author="someone" date="2025-03-02" -->
[click](javascript:alert(1)) <script>alert(2)</script> <img src="https://example.org/a.png" onerror="x"> **太字**

<!-- comment author="someone" date="2025-03-03" -->
<div style="color:red" onclick="x">raw div</div><iframe src="https://evil.example"></iframe> \`code <x>\`
`,
  },
  {
    path: 'notes/h2.md',
    contents: `---
title: ""
date: 2024-12-31
tags: ["Catastrophic Forgetting", "Scaling (laws)"]
issue: https://github.com/example/paper_notes/issues/9002
---
# Summary (by gpt-4o-mini)
- ${'長い要約の文章です。'.repeat(20)}

<!-- comment author="someone" date="2025-01-01" -->
Related: #9001 and https://github.com/example/paper_notes/issues/9001 <br> line<br/>break

| a | b |
|---|---|
| <u>x</u> | [y](https://example.org/?a=1&b=2) |
`,
  },
]

function corpusFiles() {
  if (!existsSync(corpusDir)) return []
  const sets = []
  for (const folder of ['text', 'xml', 'github']) {
    const dir = join(corpusDir, folder)
    const files = readdirSync(dir)
      .sort()
      .map((name) => ({
        path: `${folder}/${name}`,
        contents: readFileSync(join(dir, name), 'utf8'),
      }))
    sets.push({ name: `corpus-${folder}`, files })
  }
  return sets
}

const optionSets = [
  { name: 'base', options: { baseUrl: 'https://notes.example.org/sub/' } },
  {
    name: 'other',
    options: {
      baseUrl: 'https://example.org/',
      siteTitle: 'Notes <&> "ノート"',
      lang: 'ja',
      pageSize: 7,
      embedPosts: true,
      includeTrees: true,
      pretty: true,
      feedLimit: 13,
      limit: 13,
      description: 'Feeds & <things>',
    },
  },
]

async function outputHashes(noteCount) {
  const sets = [
    { name: 'generated', files: generateNotes(noteCount) },
    { name: 'hostile', files: hostileNotes },
    ...corpusFiles(),
  ]
  const hashes = {}
  for (const set of sets) {
    const collection = current.createCollection(parseNotes(set.files).notes)
    for (const { name, options } of optionSets) {
      for (const renderer of current.renderers) {
        for (const file of await renderer.render(collection, options)) {
          const bytes =
            typeof file.contents === 'string' ? Buffer.from(file.contents) : file.contents
          hashes[`${set.name}/${name}/${renderer.name}/${file.path}`] = createHash('sha256')
            .update(bytes)
            .digest('hex')
        }
      }
    }
  }
  return hashes
}

const noteCount = Number(values.notes)
if (values['write-hashes'] !== undefined || values['check-hashes'] !== undefined) {
  const hashes = await outputHashes(noteCount)
  const count = Object.keys(hashes).length
  if (values['write-hashes'] !== undefined) {
    writeFileSync(values['write-hashes'], `${JSON.stringify(hashes, null, 1)}\n`)
    console.log(`wrote ${count} file hashes to ${values['write-hashes']}`)
  } else {
    const expected = JSON.parse(readFileSync(values['check-hashes'], 'utf8'))
    const differing = []
    for (const key of new Set([...Object.keys(expected), ...Object.keys(hashes)])) {
      if (expected[key] !== hashes[key]) differing.push(key)
    }
    console.log(`${count} files, ${differing.length} differ`)
    for (const key of differing.slice(0, 30)) console.log(`  ${key}`)
    if (differing.length > 0) process.exitCode = 1
  }
} else {
  const files = generateNotes(noteCount)
  const { notes } = parseNotes(files)
  const builds = [{ label: 'new', build: current }]
  if (values.baseline !== undefined) {
    builds.push({ label: 'baseline', build: await loadBuild(values.baseline) })
  }
  const runs = []
  for (const { label, build } of builds) {
    for (const renderer of build.renderers) runs.push({ label, build, renderer, best: Infinity })
  }
  // Each round renders fresh copies of the notes (so nothing kept per note object from an
  // earlier round helps), HTML, JSON then RSS as a build does. The first round is a warm-up.
  const rounds = Number(values.rounds)
  for (let round = 0; round <= rounds; round++) {
    for (const { label, build } of builds) {
      const collection = build.createCollection(structuredClone(notes))
      for (const run of runs.filter((each) => each.label === label)) {
        let pending
        const seconds = cpuSeconds(() => {
          pending = run.renderer.render(collection, optionSets[0].options)
        })
        await pending
        if (round > 0) run.best = Math.min(run.best, seconds)
      }
    }
  }
  console.log(`${noteCount} notes, best of ${rounds} rounds, CPU seconds`)
  for (const { label } of builds) {
    const mine = runs.filter((run) => run.label === label)
    const total = mine.reduce((sum, run) => sum + run.best, 0)
    const parts = mine.map((run) => `${run.renderer.name} ${run.best.toFixed(3)}`).join('  ')
    console.log(`${label.padEnd(9)} ${parts}  total ${total.toFixed(3)}`)
  }
  if (builds.length === 2) {
    for (const renderer of current.renderers) {
      const [a, b] = runs.filter((run) => run.renderer.name === renderer.name)
      console.log(`${renderer.name}: new / baseline ${(a.best / b.best).toFixed(3)}`)
    }
  }
}
