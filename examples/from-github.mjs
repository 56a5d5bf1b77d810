#!/usr/bin/env node
/**
 * Builds a site and JSON from GitHub issues, as exported by
 *
 *   gh issue list --repo <owner>/<notes-repo> --state all --limit 1000 \
 *     --json number,title,labels,createdAt,body,url,comments > github-issues.json
 *
 * (the REST API's `GET /repos/{owner}/{repo}/issues` shape works too). Usage:
 *
 *   node examples/from-github.mjs [issues.json] [out-dir]
 *     (defaults: examples/github-issues.json, examples/out/from-github)
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeOutput } from '@paper-notes/cli'
import { createCollection } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { htmlRenderer } from '@paper-notes/render-html'
import { jsonRenderer } from '@paper-notes/render-json'

const issuesFile =
  process.argv[2] ?? fileURLToPath(new URL('./github-issues.json', import.meta.url))
const outDir = process.argv[3] ?? fileURLToPath(new URL('./out/from-github', import.meta.url))

// Issue title = title line, labels = tags, createdAt = issue date, comments = comments.
const { notes, diagnostics } = parseNotes(
  [{ path: basename(issuesFile), contents: await readFile(issuesFile, 'utf8') }],
  { format: 'github' },
)
for (const d of diagnostics) {
  if (d.severity !== 'info')
    console.error(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`)
}
const collection = createCollection(notes)
const site = { siteTitle: 'Paper notes from GitHub issues' }
const files = [
  ...(await htmlRenderer.render(collection, site)),
  ...(await jsonRenderer.render(collection, { ...site, pretty: true })),
]
await writeOutput(outDir, files, { cwd: process.cwd() })
console.log(`${collection.notes.length} issues → ${files.length} files in ${outDir}`)
