/** `paper-notes convert`: any source format → one note-markdown file per note. */
import { type Note, noteFileId, type RenderedFile } from '@paper-notes/core'
import { stringifyNote } from '@paper-notes/parser'
import type { CliIo } from '../io.js'
import { createRunContext } from '../run-context.js'
import { type OutputRunOptions, startOutputRun } from './output-run.js'

/** Options of `paper-notes convert`. */
export type ConvertOptions = OutputRunOptions

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
  const run = await startOutputRun('convert', inputs, options, createRunContext(io))
  const stop = run.precondition()
  if (stop !== undefined) return stop
  const files: RenderedFile[] = run.read.collection.notes.map((note) => ({
    path: noteFileName(note),
    contents: stringifyNote(note),
    mediaType: 'text/markdown; charset=utf-8',
  }))
  return run.write(files)
}
