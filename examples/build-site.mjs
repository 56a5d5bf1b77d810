#!/usr/bin/env node
/**
 * Builds the whole site (HTML pages, JSON, RSS/Atom feeds) from `examples/notes/` with the
 * packages' APIs, the way a project would in its own build script.
 *
 *   node examples/build-site.mjs [out-dir]      (default: examples/out/site)
 */
import { fileURLToPath } from 'node:url'
import { writeOutput } from '@paper-notes/cli'
import { countDiagnostics, createCollection } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { htmlRenderer } from '@paper-notes/render-html'
import { jsonRenderer } from '@paper-notes/render-json'
import { rssRenderer } from '@paper-notes/render-rss'
import { readNotesFolder } from './read-notes-folder.mjs'

const notesDir = fileURLToPath(new URL('./notes/', import.meta.url))
const outDir = process.argv[2] ?? fileURLToPath(new URL('./out/site', import.meta.url))
const site = { siteTitle: 'Paper notes (example)', baseUrl: 'https://example.org/paper-notes/' }

// 1. Parse: every note file, with diagnostics (file:line:column) for anything malformed.
const { notes, diagnostics } = parseNotes(await readNotesFolder(notesDir))
for (const d of diagnostics) {
  if (d.severity !== 'info')
    console.error(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`)
}

// 2. Index: sort, count tags, resolve related notes, merge duplicates.
const collection = createCollection(notes)

// 3. Render: each renderer returns files ({ path, contents, mediaType }) and writes nothing.
const files = [
  ...(await htmlRenderer.render(collection, site)),
  ...(await jsonRenderer.render(collection, { ...site, pretty: true })),
  ...(await rssRenderer.render(collection, site)),
]

// 4. Write: the CLI's writer checks every path stays inside outDir and replaces it atomically.
await writeOutput(outDir, files, { cwd: process.cwd() })

const counts = countDiagnostics([...diagnostics, ...collection.diagnostics])
console.log(
  `${collection.notes.length} notes, ${collection.tags.length} tags → ${files.length} files in ${outDir} (${counts.error} errors, ${counts.warning} warnings)`,
)
