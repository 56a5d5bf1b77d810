/** `paper-notes convert`: any source format → one note-markdown file per note. */
import { resolve } from 'node:path'
import {
  countDiagnostics,
  type Note,
  noteFileId,
  type RenderedFile,
  type SourceFormat,
} from '@paper-notes/core'
import { stringifyNote } from '@paper-notes/parser'
import type { CliIo } from '../io.js'
import { readNotes, sourceTexts } from '../read-notes.js'
import { createRunContext, writeDiagnostics } from '../run-context.js'
import { formatSummary } from '../summary.js'
import { OutputError, writeOutput } from '../write-output.js'

/** Options of `paper-notes convert`. */
export interface ConvertOptions {
  /** The output folder (`--out`). */
  out: string
  /** `--format`. */
  format?: SourceFormat
  /** `--force`: replace a non-empty output folder that paper-notes did not write. */
  force?: boolean
  /** `--no-page-tag` sets this to `false`. */
  pageTag?: boolean
  /** `--strict`: any error diagnostic fails the conversion. */
  strict?: boolean
  /** `--verbose`: print `info` diagnostics too. */
  verbose?: boolean
}

/** The ASCII words of a title, lower case, joined by `-`, at most `max` characters. */
export function titleSlug(title: string, max = 60): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= max) return slug
  const cut = slug.slice(0, max)
  const lastDash = cut.lastIndexOf('-')
  return (lastDash > max / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '')
}

/**
 * The file name `convert` gives a note: its file-safe id (core's `noteFileId`), then the ASCII
 * words of its title: `4175-upweighting-easy-samples-in-fine-tuning.md`; just `<id>.md` when the
 * title has no ASCII letters or digits. Distinct ids never share a name.
 *
 * @example
 * noteFileName({ id: '4175', title: 'Upweighting Easy Samples' }) // => '4175-upweighting-easy-samples.md'
 */
export function noteFileName(note: Pick<Note, 'id' | 'title'>): string {
  const slug = titleSlug(note.title)
  return slug === '' ? `${noteFileId(note.id)}.md` : `${noteFileId(note.id)}-${slug}.md`
}

/**
 * Runs `paper-notes convert`: reads the inputs, merges duplicates, and writes each note as note
 * markdown (`stringifyNote`) into `out`, replacing it atomically. Returns the exit status: 0 on
 * success, 1 when the conversion failed (unreadable input, `--strict` with errors, unsafe output).
 *
 * @example
 * const status = await runConvert(['export.xml'], { out: 'notes' }, processIo())
 */
export async function runConvert(
  inputs: readonly string[],
  options: ConvertOptions,
  io: CliIo,
): Promise<number> {
  const context = createRunContext(io)
  const { err } = context
  const outDir = resolve(io.cwd, options.out)
  const read = await readNotes(inputs, {
    cwd: io.cwd,
    readStdin: io.readStdin,
    format: options.format,
    pageTag: options.pageTag,
    exclude: [outDir],
    progress: context.progress,
  })
  const counts = countDiagnostics(read.diagnostics)
  const shown = options.verbose
    ? read.diagnostics
    : read.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')
  writeDiagnostics(context.warn, shown, sourceTexts(read.sources), err)

  let written = 0
  const finish = (ok: boolean) => {
    context.print(
      formatSummary(
        {
          command: 'convert',
          notes: read.collection.notes.length,
          tags: read.collection.tags.length,
          files: written,
          filesVerb: 'written',
          diagnostics: counts,
          elapsedMs: context.elapsed(),
          ok,
        },
        context.out,
      ),
    )
    return ok ? 0 : 1
  }
  const fail = (message: string) => {
    context.warn(`${err.red(err.bold('error'))} ${message}`)
    context.warn(`The previous contents of ${options.out} were left as they were.`)
    return finish(false)
  }
  if (read.inputFailed) return fail('Some inputs could not be read (see above).')
  if (read.sources.length === 0) return fail('No note files found in the inputs.')
  if (options.strict && counts.error > 0) {
    return fail(`${counts.error} error(s) in the notes and --strict is set.`)
  }

  const files: RenderedFile[] = read.collection.notes.map((note) => ({
    path: noteFileName(note),
    contents: stringifyNote(note),
    mediaType: 'text/markdown; charset=utf-8',
  }))
  context.progress.start('writing', files.length, 'files')
  try {
    await writeOutput(outDir, files, {
      cwd: io.cwd,
      force: options.force,
      inputs: read.sources.flatMap((source) =>
        source.absolutePath === undefined ? [] : [source.absolutePath],
      ),
      onFileWritten: () => context.progress.tick(),
    })
  } catch (error) {
    context.progress.done()
    if (error instanceof OutputError) return fail(`${error.message} [${error.code}]`)
    throw error
  }
  context.progress.done()
  written = files.length
  return finish(true)
}
