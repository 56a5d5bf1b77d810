#!/usr/bin/env node
/**
 * Writes the RSS 2.0 feed of one tag of `examples/notes/` to a file (or standard output).
 *
 *   node examples/tag-feed.mjs [tag] [out-file]
 *
 * Without a tag it uses the most used one. The tag can be given by name
 * (`"Catastrophic Forgetting"`) or by slug (`catastrophic-forgetting`).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCollection } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { rssRenderer } from '@paper-notes/render-rss'
import { readNotesFolder } from './read-notes-folder.mjs'

const notesDir = fileURLToPath(new URL('./notes/', import.meta.url))
const { notes } = parseNotes(await readNotesFolder(notesDir))
const collection = createCollection(notes)

const tag = process.argv[2] ? collection.tag(process.argv[2]) : collection.tags[0]
if (tag === undefined) {
  console.error(
    `No tag ${JSON.stringify(process.argv[2])}. Tags: ${collection.tags.map((t) => t.name).join(', ')}`,
  )
  process.exit(1)
}

// The RSS renderer writes a site-wide feed and one per tag: `tags/<slug>.rss.xml`.
const files = await rssRenderer.render(collection, {
  baseUrl: 'https://example.org/paper-notes/',
  siteTitle: 'Paper notes (example)',
})
const feed = files.find((file) => file.path === `tags/${tag.slug}.rss.xml`)
if (feed === undefined) throw new Error(`the RSS renderer wrote no feed for ${tag.name}`)

const outFile = process.argv[3]
if (outFile === undefined) {
  process.stdout.write(feed.contents)
} else {
  await mkdir(dirname(outFile), { recursive: true })
  await writeFile(outFile, feed.contents)
  console.log(`${tag.name}: ${tag.count} notes → ${outFile}`)
}
