/**
 * Deletes a replaced output folder. It imports nothing but Node's own modules, so the file
 * thread (`file-thread-worker.ts`) can delete one while the main thread writes the build cache.
 */
import { readdirSync, rmdirSync, rmSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Deletes a replaced output folder, synchronously: the promise version of `rm` walks the
 * thousands of entries with a round trip through the thread pool for each, about twice the CPU
 * time of `rmSync` (measured). Walked here with the entries' types from the directory listings,
 * which spares `rmSync`'s `lstat` of every entry (a 9,000-file site: ~0.10–0.15 s against
 * ~0.17–0.21 s); anything this walk cannot remove (an entry that changed under it, a file
 * Windows keeps) is left to `rmSync`, which also retries. Symbolic links are removed, not
 * followed.
 *
 * @example
 * removeReplacedOutput('/abs/.site.old-1a2b3c4d')
 */
export function removeReplacedOutput(dir: string): void {
  try {
    removeTree(dir)
  } catch {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  }
}

function removeTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) removeTree(path)
    else unlinkSync(path)
  }
  rmdirSync(dir)
}
