/**
 * The built bundles, as users load them: ESM `import` and CJS `require` by package name.
 * `npm test` builds first (turbo's `test` task depends on `build`); a bare `npx vitest run`
 * without a build skips these with a warning (and fails under CI=true).
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runWithBuiltPackages } from '../../../test-support/built-package.ts'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const packageDir = fileURLToPath(new URL('..', import.meta.url))
const built = existsSync(`${dist}index.js`) && existsSync(`${dist}index.cjs`)
if (!built) {
  const message = 'packages/parser/dist is missing: run `npx tsup` (npm test builds first)'
  if (process.env.CI === 'true') throw new Error(message)
  console.warn(`${message}; skipping the bundle tests`)
}

const script = `
  const text = '---\\ntitle: "KTO: Model Alignment, Kawin Ethayarajh+, N_A, ICML\\'24"\\ndate: 2024-10-27\\ntags: [Alignment]\\n---\\n<!-- comment -->\\nopenreview: https://openreview.net/forum?id=x\\n'
  const { notes, diagnostics } = parser.parseNotes(new TextEncoder().encode(text), { file: 'kto.md' })
  let strict
  try { parser.parseNotes('', { strict: true, file: 'empty.md' }) } catch (error) { strict = error.name + ':' + error.diagnostics[0].code }
  JSON.stringify({ venue: notes[0].venue, label: notes[0].comments[0].links[0].label, diagnostics,
    roundTrip: parser.parseNotes(parser.stringifyNote(notes[0])).notes[0].titleLine, strict,
    title: parser.parseTitleLine('SmolLM2, 2024.11').title })
`
const expected = {
  venue: { name: 'ICML', year: 2024 },
  label: 'openreview',
  diagnostics: [],
  roundTrip: "KTO: Model Alignment, Kawin Ethayarajh+, N_A, ICML'24",
  strict: 'NoteParseError:input-empty',
  title: 'SmolLM2',
}

describe.skipIf(!built)('@paper-notes/parser bundles', () => {
  const packages = { parser: '@paper-notes/parser' }

  it.each(['esm', 'cjs'] as const)('can be loaded as %s by package name', (system) => {
    const out = runWithBuiltPackages(system, packages, script, packageDir)
    expect(JSON.parse(out)).toEqual(expected)
  })
})
