/**
 * The temporary folders of output writes in progress, so that an interrupted run (Ctrl-C) can
 * remove them. Kept apart from `write-output.ts` so the executable can import it without
 * loading the rest of the packages.
 */
import { rmSync } from 'node:fs'

const stagingFolders = new Set<string>()

/** Records a temporary folder a write is filling. */
export function addStagingFolder(path: string): void {
  stagingFolders.add(path)
}

/** Forgets a temporary folder (its write finished or failed and cleaned up). */
export function forgetStagingFolder(path: string): void {
  stagingFolders.delete(path)
}

/**
 * Removes the temporary folders of writes still in progress, synchronously. The executable
 * calls it when interrupted (Ctrl-C), so no `.site.tmp-…` folder is left beside `--out`; the
 * previous output is untouched either way.
 *
 * @example
 * process.once('SIGINT', () => { removeStagingFolders(); process.exit(130) })
 */
export function removeStagingFolders(): void {
  for (const dir of stagingFolders) rmSync(dir, { recursive: true, force: true })
  stagingFolders.clear()
}
