import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach } from 'vitest'
import { forgettingEval, japaneseBlog, sparseRehearsal } from './fixtures.js'

const made: string[] = []

/** A fresh temporary folder, removed after the test. */
export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'paper-notes-cli-'))
  made.push(dir)
  return dir
}

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
})

/** Writes `files` (relative path → contents) below `root`, creating folders. */
export async function writeTree(
  root: string,
  files: Record<string, string | Uint8Array>,
): Promise<void> {
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true })
    await writeFile(join(root, path), contents)
  }
}

/**
 * A fresh temporary folder holding the three sample notes (`notes/100.md`, `101.md`, `102.md`:
 * `sparseRehearsal`, `japaneseBlog`, `forgettingEval`) and `extra` files.
 */
export async function sampleProject(
  extra: Record<string, string | Uint8Array> = {},
): Promise<string> {
  const cwd = await makeTempDir()
  await writeTree(cwd, {
    'notes/100.md': sparseRehearsal,
    'notes/101.md': japaneseBlog,
    'notes/102.md': forgettingEval,
    ...extra,
  })
  return cwd
}
