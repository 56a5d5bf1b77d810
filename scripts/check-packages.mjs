#!/usr/bin/env node
// Package checks for every publishable package: publint (package.json and files) and
// @arethetypeswrong/cli (types resolve for ESM and CJS consumers), on the packed tarball.
// Run after `npm run build`. Exits non-zero when any check reports a problem.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const packagesDir = join(root, 'packages')
let failed = 0
for (const name of readdirSync(packagesDir).sort()) {
  const dir = join(packagesDir, name)
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  if (manifest.private) continue
  for (const [tool, args] of [
    ['publint', ['publint', '--strict', dir]],
    ['attw', ['attw', '--pack', dir, '--format', 'ascii']],
  ]) {
    process.stdout.write(`${manifest.name}: ${tool} … `)
    try {
      const out = execFileSync('npx', ['--no-install', ...args], {
        cwd: root,
        encoding: 'utf8',
        stdio: 'pipe',
      })
      console.log('ok')
      if (process.argv.includes('--verbose')) console.log(out)
    } catch (error) {
      failed++
      console.log('FAILED')
      console.log(String(error.stdout ?? ''), String(error.stderr ?? ''))
    }
  }
}
if (failed > 0) {
  console.error(`${failed} package check(s) failed`)
  process.exit(1)
}
console.log('all package checks passed')
