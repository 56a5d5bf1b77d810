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
import { parseNotes } from '@paper-notes/parser'
import { collectInputs, type InputSource } from './inputs.js'
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
  /** Progress of the parsing phase. */
  progress?: Progress
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
  for (const source of collected.sources) {
    try {
      const result = parseNotes([{ path: source.path, contents: source.contents }], {
        ...(options.format === undefined ? {} : { format: options.format }),
        ...(options.pageTag === undefined ? {} : { pageTag: options.pageTag }),
      })
      notes.push(...result.notes)
      diagnostics.push(...result.diagnostics)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      diagnostics.push({
        code: 'parser-failed',
        severity: 'error',
        message: `The parser failed on this input: ${message}`,
        file: source.path,
      })
    }
    progress?.tick(1, `${notes.length} notes`)
  }
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

/** The map from a diagnostic's `file` to the text shown under it. */
export function sourceTexts(sources: readonly InputSource[]): Map<string, string> {
  return new Map(sources.map((source) => [source.path, source.contents]))
}
