/** The published entry points: the built ESM and CommonJS bundles load and run the CLI. */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../package.json' with { type: 'json' }
import { assertBuilt, runBin } from './run-bin.js'
import { makeTempDir } from './temp-dir.js'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const exampleNotes = fileURLToPath(new URL('../../../examples/notes/', import.meta.url))

interface CliModule {
  runCli: (argv: string[], io: unknown) => Promise<number>
  exitCodes: { ok: number; failure: number; usage: number }
}

function captureIo() {
  const out: string[] = []
  return {
    out,
    io: {
      cwd: process.cwd(),
      env: {},
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => out.push(text) },
      readStdin: async () => '',
    },
  }
}

describe('the built package', () => {
  beforeAll(assertBuilt)

  it('is importable as ESM and runs', async () => {
    // The path is computed so that neither the test alias nor the type checker looks at it.
    const entry = new URL(`../${packageJson.exports['.'].import.default}`, import.meta.url).href
    const cli = (await import(/* @vite-ignore */ entry)) as CliModule
    const { io, out } = captureIo()
    expect(await cli.runCli(['--version'], io)).toBe(cli.exitCodes.ok)
    expect(out.join('')).toBe(`${packageJson.version}\n`)
  })

  it('is requirable as CommonJS by package name and runs', async () => {
    const require = createRequire(import.meta.url)
    const cli = require('@paper-notes/cli') as CliModule
    const { io, out } = captureIo()
    expect(await cli.runCli(['nonsense'], io)).toBe(2)
    expect(out.join('')).toContain("unknown command 'nonsense'")
  })

  it('declares the paper-notes executable', () => {
    expect(packageJson.bin).toEqual({ 'paper-notes': './dist/bin.js' })
  })

  it('runs as an executable from a copy of its ESM files alone, without node_modules', async () => {
    // The executable and its threads bundle every dependency: copied to a folder no
    // node_modules is above, they still build (in two threads), and rebuild from the cache
    // (which hands the files, and then the replaced output, to the file thread).
    const root = await makeTempDir()
    const copy = join(root, 'dist')
    for (const file of readdirSync(dist).filter((name) => name.endsWith('.js'))) {
      cpSync(join(dist, file), join(copy, file))
    }
    expect(existsSync(join(root, 'node_modules'))).toBe(false)
    const bin = join(copy, 'bin.js')
    const site = join(root, 'site')
    const args = ['build', exampleNotes, '--out', site, '--base-url', 'https://example.org/']
    const first = await runBin([...args, '--jobs', '2', '--no-cache'], { cwd: root, bin })
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const full = await runBin(args, { cwd: root, bin })
    expect(full.code).toBe(0)
    const rebuild = await runBin([...args, '--verbose'], { cwd: root, bin })
    expect(rebuild.code).toBe(0)
    expect(rebuild.stderr).toMatch(/carried over from the cache/)
    // The file thread deleted the replaced output before the rebuild ended.
    expect(readdirSync(root).sort()).toEqual(['dist', 'site'])
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('<!doctype html>')
    expect(existsSync(join(site, 'rss.xml'))).toBe(true)
  })

  it('carries the notices of the packages its executable bundles', () => {
    const notices = readFileSync(join(dist, 'THIRD-PARTY-NOTICES.md'), 'utf8')
    // commander's `exports` hide its package.json: it is beside its main file.
    const main = createRequire(import.meta.url).resolve('commander')
    const commander = JSON.parse(readFileSync(join(dirname(main), 'package.json'), 'utf8')) as {
      version: string
    }
    expect(notices).toContain(`## commander ${commander.version} (MIT)`)
    expect(notices).toMatch(/^## micromark \S+ \(MIT\)$/m)
    expect(notices).toContain('Permission is hereby granted, free of charge')
    // Its own packages are not third-party.
    expect(notices).not.toMatch(/^## @paper-notes\//m)
  })
})
