/** The published entry points: the built ESM and CommonJS bundles load and run the CLI. */
import { createRequire } from 'node:module'
import { beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../package.json' with { type: 'json' }
import { assertBuilt } from './run-bin.js'

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
})
