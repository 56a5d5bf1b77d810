/**
 * Putting a file of the previous output into the new one: a hard link when the file system
 * allows it, else a copy. Node modules only, so the file thread can use it without loading the
 * rest of the CLI.
 */
import { constants, copyFileSync, linkSync } from 'node:fs'

/**
 * Hard-links `from` at `target`, or copies it there when linking fails for another reason than
 * `target` existing (a file system without hard links, another device). Never overwrites.
 *
 * @example
 * linkOrCopy('/abs/site/notes/4175.html', '/abs/.site.tmp-x/notes/4175.html')
 */
export function linkOrCopy(from: string, target: string): void {
  try {
    linkSync(from, target)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error
    copyFileSync(from, target, constants.COPYFILE_EXCL)
  }
}
