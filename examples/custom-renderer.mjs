#!/usr/bin/env node
/**
 * A third-party renderer written against `@paper-notes/core` alone: a BibTeX file with one
 * entry per note. Run it to build the HTML site plus `notes.bib`:
 *
 *   node examples/custom-renderer.mjs [out-dir]      (default: examples/out/with-bibtex)
 *
 * The default export is the renderer, so the CLI can load it too:
 *
 *   paper-notes build examples/notes --out site --renderers html,./examples/custom-renderer.mjs
 */
import { fileURLToPath, pathToFileURL } from 'node:url'
import { defineRenderer, noteFileId } from '@paper-notes/core'

/** Escapes text for a BibTeX field in braces: TeX's special characters become commands. */
export function bibtexText(text) {
  return text.replace(/[\\{}&%$#_~^]/g, (char) => {
    if (char === '\\') return '\\textbackslash{}'
    if (char === '~') return '\\textasciitilde{}'
    if (char === '^') return '\\textasciicircum{}'
    return `\\${char}`
  })
}

/** A URL for a BibTeX `url` field: braces and backslashes percent-encoded, the rest as is. */
function bibtexUrl(url) {
  return url.replace(/[{}\\]/g, (char) => encodeURIComponent(char))
}

/** The BibTeX entry of one note. */
export function bibtexEntry(note) {
  const year = note.published?.year ?? note.venue?.year ?? Number(note.issueDate.slice(0, 4))
  const venue = note.venue?.name
  const type = note.kind === 'paper' && venue && !/^arxiv$/i.test(venue) ? 'inproceedings' : 'misc'
  const authors = [...note.authors, ...(note.etAl && note.authors.length === 1 ? ['others'] : [])]
  const fields = [
    ['title', `{${bibtexText(note.title || note.titleLine || note.id)}}`],
    ['author', authors.length > 0 ? bibtexText(authors.join(' and ')) : undefined],
    ['year', String(year)],
    [
      type === 'inproceedings' ? 'booktitle' : 'howpublished',
      venue ? bibtexText(venue) : undefined,
    ],
    ['url', note.links.paper ? bibtexUrl(note.links.paper) : undefined],
    ['keywords', note.tags.length > 0 ? bibtexText(note.tags.join(', ')) : undefined],
    ['note', `Noted on ${note.issueDate}`],
  ]
  const body = fields
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `  ${name} = {${value}},`)
    .join('\n')
  return `@${type}{note-${noteFileId(note.id)},\n${body}\n}\n`
}

/** Writes `notes.bib` (or `options.file`): the notes in collection order, newest first. */
export const bibtexRenderer = defineRenderer({
  name: 'bibtex',
  render(collection, options) {
    const contents = collection.notes.map(bibtexEntry).join('\n')
    return [{ path: options?.file ?? 'notes.bib', contents, mediaType: 'application/x-bibtex' }]
  },
})

export default bibtexRenderer

// Run as a script: build the site and the BibTeX file from examples/notes/.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { writeOutput } = await import('@paper-notes/cli')
  const { createCollection } = await import('@paper-notes/core')
  const { parseNotes } = await import('@paper-notes/parser')
  const { htmlRenderer } = await import('@paper-notes/render-html')
  const { readNotesFolder } = await import('./read-notes-folder.mjs')

  const notesDir = fileURLToPath(new URL('./notes/', import.meta.url))
  const outDir = process.argv[2] ?? fileURLToPath(new URL('./out/with-bibtex', import.meta.url))
  const collection = createCollection(parseNotes(await readNotesFolder(notesDir)).notes)
  const files = [
    ...(await htmlRenderer.render(collection, { siteTitle: 'Paper notes (example)' })),
    ...(await bibtexRenderer.render(collection)),
  ]
  await writeOutput(outDir, files, { cwd: process.cwd() })
  console.log(`${collection.notes.length} BibTeX entries and the site → ${outDir}`)
}
