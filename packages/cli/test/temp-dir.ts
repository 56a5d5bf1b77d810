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
 * A replaced output folder below `root` (`.site.old-1a2b3c4d`, as `commit` names one) holding
 * a page, a note page and a tag page, and `extra` files; returns its path.
 */
export async function replacedOutput(
  root: string,
  extra: Record<string, string | Uint8Array> = {},
): Promise<string> {
  const old = join(root, '.site.old-1a2b3c4d')
  await writeTree(old, {
    'index.html': '<!doctype html>',
    'notes/4175.html': '継続学習',
    'tags/nlp/page-2.html': 'page 2',
    ...extra,
  })
  return old
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
