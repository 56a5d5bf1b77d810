/**
 * Reads every note file (.md .txt .xml .json) below a folder as `{ path, contents }` inputs for
 * `parseNotes`, sorted by path so builds are reproducible. Shared by the example scripts.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

const extensions = ['.md', '.txt', '.xml', '.json']

/** `{ path, contents }` for every note file below `dir`; `path` is `label/<relative path>`. */
export async function readNotesFolder(dir, label = 'notes') {
  const names = (await readdir(dir, { recursive: true }))
    .map((name) => name.split('\\').join('/'))
    .filter((name) => extensions.some((extension) => name.toLowerCase().endsWith(extension)))
    .sort()
  return Promise.all(
    names.map(async (name) => ({
      path: `${label}/${name}`,
      contents: await readFile(join(dir, name), 'utf8'),
    })),
  )
}
