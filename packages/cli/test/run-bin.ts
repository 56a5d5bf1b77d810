/** Runs the BUILT `paper-notes` executable (`dist/bin.js`) in a child process, as a user would. */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The built executable. */
export const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

/** The built executable exists (tests of it fail with a clear message when it does not). */
export function assertBuilt(): void {
  if (!existsSync(binPath)) {
    throw new Error(
      `${binPath} is missing: build the CLI first (npm test does it): cd /work/main && npx turbo run build --filter=@paper-notes/cli...`,
    )
  }
}

/** What a run printed and returned. */
export interface BinResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs `node dist/bin.js …args` (or the executable at `options.bin`) in `cwd`, with `input` on
 * standard input, not on a terminal.
 */
export function runBin(
  args: readonly string[],
  options: { cwd: string; input?: string | Uint8Array; env?: Record<string, string>; bin?: string },
): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...options.env }
    // Colour settings of the environment the tests run in must not leak into the runs.
    for (const name of ['FORCE_COLOR', 'NO_COLOR']) {
      if (options.env?.[name] === undefined) delete env[name]
    }
    const child = spawn(process.execPath, [options.bin ?? binPath, ...args], {
      cwd: options.cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.input ?? '')
  })
}
