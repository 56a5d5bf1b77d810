#!/usr/bin/env node
// Package checks for every publishable package: publint (package.json and files),
// @arethetypeswrong/cli (types resolve for ESM and CJS consumers), on the packed tarball, and
// the third-party notices (every npm package bundled into `dist/` has its notice there).
// Run after `npm run build`. Exits non-zero when any check reports a problem.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The npm packages whose code a package's `dist/` bundles, from the path comment esbuild puts
 * before each bundled module (`// ../../node_modules/micromark/lib/index.js`), and the ones
 * `dist/THIRD-PARTY-NOTICES.md` has a section for that are missing from it.
 */
function missingNotices(dir) {
  const dist = join(dir, 'dist')
  const bundled = new Set()
  for (const file of readdirSync(dist)) {
    if (!/\.c?js$/.test(file)) continue
    for (const [, path] of readFileSync(join(dist, file), 'utf8').matchAll(/^\/\/ (\S+)$/gm)) {
      const at = path.lastIndexOf('node_modules/')
      if (at === -1) continue
      const parts = path.slice(at + 'node_modules/'.length).split('/')
      bundled.add(parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0])
    }
  }
  const notices = join(dist, 'THIRD-PARTY-NOTICES.md')
  const text = existsSync(notices) ? readFileSync(notices, 'utf8') : ''
  const listed = new Set([...text.matchAll(/^## (\S+) /gm)].map((match) => match[1]))
  return { bundled: bundled.size, missing: [...bundled].filter((name) => !listed.has(name)) }
}

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
  process.stdout.write(`${manifest.name}: third-party notices … `)
  const { bundled, missing } = missingNotices(dir)
  if (missing.length === 0) {
    console.log(`ok (${bundled} bundled package(s))`)
  } else {
    failed++
    console.log('FAILED')
    console.log(
      `dist/ bundles code of ${missing.join(', ')} without a notice in dist/THIRD-PARTY-NOTICES.md`,
    )
  }
}
if (failed > 0) {
  console.error(`${failed} package check(s) failed`)
  process.exit(1)
}
console.log('all package checks passed')
