/**
 * Where the real corpus is, for conformance tests: `../shared/corpus` beside the repository, or
 * the folder `PAPER_NOTES_CORPUS` names. It is read at run time and never copied into the repo.
 *
 * When it is missing, tests that need it skip (`describe.skipIf(!hasCorpus)`) after one warning
 * that says why; under `CI=true` a missing corpus is an error instead, raised when a test file
 * imports this module, so CI cannot pass without running the conformance suites.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The corpus folder, with a trailing slash. */
export const corpusDir: string = (() => {
  const fromEnv = process.env.PAPER_NOTES_CORPUS
  if (fromEnv) return fromEnv.endsWith('/') ? fromEnv : `${fromEnv}/`
  return fileURLToPath(new URL('../../shared/corpus/', import.meta.url))
})()

/** Whether the corpus is there. */
export const hasCorpus: boolean = existsSync(corpusDir)

if (!hasCorpus) {
  const why = `the corpus is missing at ${corpusDir} (set PAPER_NOTES_CORPUS to its folder)`
  if (process.env.CI === 'true') throw new Error(`Corpus tests cannot run under CI: ${why}.`)
  console.warn(`Corpus tests skipped: ${why}.`)
}

/** A corpus file as `parseNotes` takes it. */
export interface CorpusFile {
  /** Relative to the corpus folder, e.g. `xml/Japanese.xml`. */
  path: string
  contents: Uint8Array
}

/** Every file of the given corpus folders (default: all three exports), sorted by path. */
export function corpusFiles(folders: readonly string[] = ['text', 'xml', 'github']): CorpusFile[] {
  return folders.flatMap((folder) =>
    readdirSync(`${corpusDir}${folder}`)
      .sort()
      .map((name) => ({
        path: `${folder}/${name}`,
        contents: readFileSync(`${corpusDir}${folder}/${name}`),
      })),
  )
}
