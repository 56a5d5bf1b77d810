/**
 * Tests of the built bundles, as users load them: ESM `import` and CJS `require` by package
 * name, in a separate Node process (so nothing resolves to TypeScript sources). `npm test`
 * builds first (turbo's `test` task depends on `build`); alone, run `npx tsup` first.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { runWithBuiltPackages } from '../../../test-support/built-package.ts'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const packageDir = fileURLToPath(new URL('..', import.meta.url))

beforeAll(() => {
  if (!existsSync(`${dist}index.js`) || !existsSync(`${dist}index.cjs`)) {
    throw new Error(
      'packages/render-json/dist is missing: run `npx tsup` (npm test builds for you)',
    )
  }
})

const script = `
  const note = { id: '4175', kind: 'paper', titleLine: 'Upweighting Easy Samples, Sunny Sanyal+, ICLR\\'25',
    title: 'Upweighting Easy Samples', authors: ['Sunny Sanyal'], etAl: true, venue: { name: 'ICLR', year: 2025 },
    published: null, issueDate: '2026-01-12', tags: ['PEFT(Adaptor/LoRA)'], links: {}, abstract: null,
    translation: null, summary: { text: '忘却 & <b>' }, sections: [], comments: [],
    source: { format: 'markdown', line: 1, column: 1 } }
  const files = pkg.renderJson(core.createCollection([note]), { baseUrl: 'https://example.org/notes/' })
  JSON.stringify({ paths: files.map((f) => f.path), picked: files.find((f) => f.path === 'feed.json').contents })
`

function check(out: string): void {
  const { paths, picked } = JSON.parse(out) as { paths: string[]; picked: string }
  expect(paths).toEqual([
    'notes.json',
    'tags.json',
    'schema.json',
    'notes.schema.json',
    'feed.json',
    'tags/peft-adaptor-lora.json',
  ])
  expect(JSON.parse(picked)).toEqual({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Paper notes',
    home_page_url: 'https://example.org/notes/',
    feed_url: 'https://example.org/notes/feed.json',
    items: [
      {
        id: 'https://example.org/notes/notes/4175.html',
        url: 'https://example.org/notes/notes/4175.html',
        title: 'Upweighting Easy Samples',
        content_html: '<p>忘却 &#x26; &#x3C;b></p>',
        summary: '忘却 & <b>',
        date_published: '2026-01-12T00:00:00Z',
        tags: ['PEFT(Adaptor/LoRA)'],
      },
    ],
  })
}

describe('@paper-notes/render-json bundles', () => {
  const packages = { core: '@paper-notes/core', pkg: '@paper-notes/render-json' }

  it.each(['esm', 'cjs'] as const)('can be loaded as %s by package name', (system) => {
    const out = runWithBuiltPackages(system, packages, script, packageDir)
    check(out)
  })
})
