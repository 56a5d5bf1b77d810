/**
 * Tests of the built bundles, as users load them: ESM `import`, CJS `require`, and the ESM
 * bundle in a context with no Node globals (as in a browser, a worker or an edge runtime).
 * `npm test` builds first (turbo's `test` task depends on `build`).
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { runWithBuiltPackages } from '../../../test-support/built-package.ts'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const packageDir = fileURLToPath(new URL('..', import.meta.url))

beforeAll(() => {
  if (!existsSync(`${dist}index.js`) || !existsSync(`${dist}index.cjs`)) {
    throw new Error('packages/core/dist is missing: run `npm run build` (npm test does it for you)')
  }
})

const script = `
  const notes = [{ id: '1', kind: 'paper', titleLine: 'T, A+, ICLR\\'25', title: 'T', authors: ['A'], etAl: true,
    venue: { name: 'ICLR', year: 2025 }, published: null, issueDate: '2025-01-02', tags: ['Catastrophic Forgetting'],
    links: {}, abstract: null, translation: null, summary: null, sections: [], comments: [],
    source: { format: 'markdown', line: 1, column: 1 } }]
  const collection = core.createCollection(notes)
  JSON.stringify({ slug: collection.tags[0].slug, valid: core.validateNotes(notes).valid,
    invalid: core.validateNotes([{ ...notes[0], issueDate: '2025-02-30' }]).diagnostics[0].pointer,
    html: core.toSafeHtml('<b onclick="x()">hi</b>') })
`
const expected = {
  slug: 'catastrophic-forgetting',
  valid: true,
  invalid: '/0/issueDate',
  html: '<p><b>hi</b></p>',
}

describe('@paper-notes/core bundles', () => {
  const packages = { core: '@paper-notes/core' }

  it.each(['esm', 'cjs'] as const)('can be loaded as %s by package name', (system) => {
    const out = runWithBuiltPackages(system, packages, script, packageDir)
    expect(JSON.parse(out)).toEqual(expected)
  })

  it('runs with no Node globals, no DOM and no Node built-ins (worker bundle in a bare VM context)', async () => {
    // platform "neutral" fails on any import of a Node built-in; the "worker" condition picks the
    // builds meant for web workers and edge runtimes (no `document`).
    const result = await build({
      entryPoints: [`${dist}index.js`],
      bundle: true,
      platform: 'neutral',
      conditions: ['worker', 'import'],
      mainFields: ['module', 'main'],
      format: 'iife',
      globalName: 'core',
      write: false,
      logLevel: 'silent',
    })
    const code = result.outputFiles[0]!.text
    const context: Record<string, unknown> = {}
    runInNewContext(code, context)
    expect(context.process).toBeUndefined()
    expect(context.Buffer).toBeUndefined()
    expect(context.document).toBeUndefined()
    expect(JSON.parse(runInNewContext(script, context) as string)).toEqual(expected)
  })
})
