import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect } from 'vitest'

/** Every file below `root`, path → bytes; the build cache too unless `withoutCache`. */
export async function outputFiles(
  root: string,
  { withoutCache = false }: { withoutCache?: boolean } = {},
): Promise<Map<string, Buffer>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  const files = new Map<string, Buffer>()
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name).slice(root.length + 1)
    if (withoutCache && path.startsWith('.paper-notes-cache/')) continue
    files.set(path, await readFile(join(root, path)))
  }
  return files
}

/** Asserts two output folders hold the same files, byte for byte (the build cache aside). */
export async function expectSameOutput(a: string, b: string): Promise<void> {
  const left = await outputFiles(a, { withoutCache: true })
  const right = await outputFiles(b, { withoutCache: true })
  expect([...left.keys()].sort()).toEqual([...right.keys()].sort())
  for (const [path, bytes] of left) {
    expect(bytes.equals(right.get(path)!), `${path} differs`).toBe(true)
  }
}
