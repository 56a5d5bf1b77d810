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
    throw new Error('packages/render-rss/dist is missing: run `npx tsup` (npm test builds for you)')
  }
})

const script = `
  const note = { id: '4175', kind: 'paper', titleLine: 'Upweighting Easy Samples, Sunny Sanyal+, ICLR\\'25',
    title: 'Upweighting Easy Samples', authors: ['Sunny Sanyal'], etAl: true, venue: { name: 'ICLR', year: 2025 },
    published: null, issueDate: '2026-01-12', tags: ['PEFT(Adaptor/LoRA)'], links: {}, abstract: null,
    translation: null, summary: { text: '忘却 & <b>' }, sections: [], comments: [],
    source: { format: 'markdown', line: 1, column: 1 } }
  const files = pkg.renderFeeds(core.createCollection([note]), { baseUrl: 'https://example.org/notes/' })
  JSON.stringify({ paths: files.map((f) => f.path), picked: files.find((f) => f.path === 'rss.xml').contents })
`

function check(out: string): void {
  const { paths, picked } = JSON.parse(out) as { paths: string[]; picked: string }
  expect(paths).toEqual([
    'rss.xml',
    'atom.xml',
    'tags/peft-adaptor-lora.rss.xml',
    'tags/peft-adaptor-lora.atom.xml',
  ])
  expect(picked).toContain(
    [
      '    <item>',
      '      <title>Upweighting Easy Samples</title>',
      '      <link>https://example.org/notes/notes/4175.html</link>',
      '      <guid isPermaLink="true">https://example.org/notes/notes/4175.html</guid>',
      '      <pubDate>Mon, 12 Jan 2026 00:00:00 GMT</pubDate>',
      '      <category>PEFT(Adaptor/LoRA)</category>',
      '      <description>&lt;p&gt;忘却 &amp;#x26; &amp;#x3C;b&gt;&lt;/p&gt;</description>',
      '    </item>',
    ].join('\n'),
  )
}

describe('@paper-notes/render-rss bundles', () => {
  const packages = { core: '@paper-notes/core', pkg: '@paper-notes/render-rss' }

  it.each(['esm', 'cjs'] as const)('can be loaded as %s by package name', (system) => {
    const out = runWithBuiltPackages(system, packages, script, packageDir)
    check(out)
  })
})
