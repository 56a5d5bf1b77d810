/**
 * The front half every command shares: read the inputs, parse each one, build the collection.
 */
import {
  type Collection,
  createCollection,
  type Diagnostic,
  type Note,
  type SourceFormat,
} from '@paper-notes/core'
import type { ParsedFile } from './build-cache.js'
import { type CollectInputsOptions, collectInputs, type InputSource } from './inputs.js'
import { parseSource } from './parse-source.js'
import type { Progress } from './progress.js'

/** Options of {@link readNotes}. */
export interface ReadNotesOptions {
  /** The working directory. */
  cwd: string
  /** Reads standard input, for the input `-`. */
  readStdin: () => Promise<Uint8Array | string>
  /** Force a source format instead of detecting it. */
  format?: SourceFormat
  /** Text export: add the page's tag to its notes (default `true`). */
  pageTag?: boolean
  /** Absolute paths of folders not to read (the output folder). */
  exclude?: readonly string[]
  /**
   * Says which input files are unchanged since an earlier run read them, from their `stat`:
   * those are not read now (see `collectInputs`). Without it, every file is read.
   */
  unchanged?: CollectInputsOptions['unchanged']
  /** Progress of the parsing phase. */
  progress?: Progress
  /**
   * Parses the inputs, one result per source in order (the build's cache and worker threads);
   * by default each is parsed in this thread with `parseSource`. Calls `parsed` with the number
   * of files and of notes each time some are done.
   */
  parse?: (
    sources: readonly InputSource[],
    parsed: (files: number, notes: number) => void,
  ) => Promise<ParsedFile[]>
}

/** What {@link readNotes} found. */
export interface ReadNotesResult {
  /** The inputs that were read, with their text (for diagnostics with a caret). */
  sources: InputSource[]
  /** Every note parsed, before duplicates were merged. */
  notes: Note[]
  /** The collection built from them. */
  collection: Collection
  /** Input problems, then parser diagnostics, then the collection's. */
  diagnostics: Diagnostic[]
  /** `true` when an input could not be read (a missing file, say): the run cannot be trusted. */
  inputFailed: boolean
}

/**
 * Reads and parses the inputs (files, folders, `-`) and builds their collection. One input
 * that makes the parser throw becomes a `parser-failed` error; the other inputs are still read.
 *
 * @example
 * const { collection, diagnostics } = await readNotes(['notes/'], { cwd: process.cwd(), readStdin })
 */
export async function readNotes(
  inputs: readonly string[],
  options: ReadNotesOptions,
): Promise<ReadNotesResult> {
  const collected = await collectInputs(inputs, options)
  const diagnostics: Diagnostic[] = [...collected.diagnostics]
  const notes: Note[] = []
  const progress = options.progress
  progress?.start('parsing', collected.sources.length, 'files')
  const parseOptions = { format: options.format, pageTag: options.pageTag }
  let parsedNotes = 0
  const parsed = options.parse
    ? await options.parse(collected.sources, (files, count) => {
        parsedNotes += count
        progress?.tick(files, `${parsedNotes} notes`)
      })
    : collected.sources.map((source) => {
        const result = parseSource(source, parseOptions)
        progress?.tick(1, `${notes.length + result.notes.length} notes`)
        notes.push(...result.notes)
        return result
      })
  if (options.parse) {
    for (const result of parsed) notes.push(...result.notes)
  }
  for (const result of parsed) diagnostics.push(...result.diagnostics)
  progress?.done()
  const collection = createCollection(notes)
  diagnostics.push(...collection.diagnostics)
  return {
    sources: collected.sources,
    notes,
    collection,
    diagnostics,
    inputFailed: collected.diagnostics.some((diagnostic) => diagnostic.severity === 'error'),
  }
}

/**
 * The map from a diagnostic's `file` to the text shown under it: of every source, or with
 * `diagnostics` only of the files they name (a source's text is decoded when first read).
 */
export function sourceTexts(
  sources: readonly InputSource[],
  diagnostics?: readonly Diagnostic[],
): Map<string, string> {
  const named =
    diagnostics === undefined
      ? undefined
      : new Set(diagnostics.map((diagnostic) => diagnostic.file))
  return new Map(
    sources
      .filter((source) => named === undefined || named.has(source.path))
      .map((source) => [source.path, source.contents]),
  )
}
