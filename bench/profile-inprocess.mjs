// Quick in-process timing of each build stage against the naive baselines (no CLI, no files):
//   node bench/profile-inprocess.mjs [notes=2000]
// Uses the built packages: run `npx tsup` in a package after changing it.
import { createCollection } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { htmlRenderer } from '@paper-notes/render-html'
import { jsonRenderer } from '@paper-notes/render-json'
import { rssRenderer } from '@paper-notes/render-rss'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { generateNotes } from './generate-notes.mjs'
import { createUnifiedProcessor } from './unified-baseline.mjs'

const N = Number(process.argv[2] ?? 2000)
const files = generateNotes(N)
const t = (label, fn) => {
  const s = performance.now()
  const r = fn()
  const ms = performance.now() - s
  console.log(label.padEnd(22), (ms / 1000).toFixed(2) + 's')
  return [r, ms]
}
parseNotes(files.slice(0, 100))
const [, naive] = t('fromMarkdown', () => {
  for (const f of files)
    fromMarkdown(f.contents, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
})
const [parsed, ours] = t('parseNotes', () => parseNotes(files))
console.log('parse ratio', (ours / naive).toFixed(3))
const p = createUnifiedProcessor()
const [, uni] = t('unified html', () => {
  for (const f of files) String(p.processSync(f.contents))
})
const [col] = t('collection', () => createCollection(parsed.notes))
const [, h] = t('html', () => htmlRenderer.render(col, { baseUrl: 'https://x.org/' }))
const [, j] = t('json', () => jsonRenderer.render(col, { baseUrl: 'https://x.org/' }))
const [, r] = t('rss', () => rssRenderer.render(col, { baseUrl: 'https://x.org/' }))
console.log('build ratio', ((ours + h + j + r) / uni).toFixed(3))
