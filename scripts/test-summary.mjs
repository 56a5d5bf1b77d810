#!/usr/bin/env node
// Adds up the vitest JSON reports of every package (written by `npm test`) and prints one
// closing line: "N passed, N failed, N skipped". Exits 1 when a report is missing a package
// that has tests, when a test failed, or when no test ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const dirs = [
  ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)),
  join(root, 'examples'),
]
let passed = 0
let failed = 0
let skipped = 0
let missing = 0
for (const dir of dirs.sort()) {
  if (!existsSync(join(dir, 'test'))) continue
  const report = join(dir, 'test-results', 'vitest.json')
  if (!existsSync(report)) {
    console.log(`no test report for ${dir.slice(root.length)}`)
    missing++
    continue
  }
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed += json.numPassedTests
  failed += json.numFailedTests
  skipped += json.numPendingTests + (json.numTodoTests ?? 0)
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || missing > 0 || passed === 0 ? 1 : 0)
