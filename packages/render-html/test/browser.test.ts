/**
 * The site built from `examples/notes/` in headless Chromium: every page crawled (links, console,
 * axe-core), tag pages counted against the collection, screenshots saved to `test-artifacts/`.
 * Skips (with a warning) when Chromium or the example notes are missing; fails under CI=true.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Collection, RenderedFile } from '@paper-notes/core'
import { createCollection, notePagePath, tagPagePath } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultPageSize, renderHtml } from '../src/index.js'
import {
  chromiumPath,
  crawlSite,
  launchChromium,
  newOfflineContext,
  removeSite,
  runAxe,
  serveDirectory,
  writeSite,
} from './browser-harness.js'

const examplesDir = fileURLToPath(new URL('../../../examples/notes/', import.meta.url))
const artifactsDir = fileURLToPath(new URL('../test-artifacts/', import.meta.url))

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => join(dir, name))
}

const exampleFiles = markdownFiles(examplesDir)
const missing = !existsSync(chromiumPath)
  ? `Chromium is not installed at ${chromiumPath}`
  : exampleFiles.length === 0
    ? `there are no example notes (*.md) in ${examplesDir}`
    : undefined

if (missing !== undefined) {
  if (process.env.CI === 'true') {
    describe('site in headless Chromium', () => {
      it('has Chromium and the example notes (required under CI=true)', () => {
        throw new Error(`browser tests cannot run: ${missing}`)
      })
    })
  } else {
    console.warn(`browser.test.ts skipped: ${missing}`)
  }
}

const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const

describe.skipIf(missing !== undefined)('site in headless Chromium', () => {
  let collection: Collection
  let files: RenderedFile[]
  let root: string
  let server: Awaited<ReturnType<typeof serveDirectory>>
  let browser: Browser

  beforeAll(async () => {
    const { notes } = parseNotes(
      exampleFiles.map((path) => ({
        path: relative(examplesDir, path),
        contents: readFileSync(path, 'utf8'),
      })),
    )
    collection = createCollection(notes)
    files = renderHtml(collection, { siteTitle: 'Paper notes (examples)' })
    root = writeSite(files)
    server = await serveDirectory(root)
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (root) removeSite(root)
  })

  it('builds a site with notes and tags from the examples', () => {
    expect(collection.notes.length).toBeGreaterThan(0)
    expect(collection.tags.length).toBeGreaterThan(0)
  })

  it('shows on each tag page the notes the collection gives the tag, in order', async () => {
    const context = await newOfflineContext(browser, server.origin)
    const page = await context.newPage()
    for (const tag of collection.tags) {
      const expected = collection.withTag(tag.slug).map((note) => notePagePath(note.id))
      const pageCount = Math.ceil(expected.length / defaultPageSize)
      const shown: string[] = []
      for (let n = 1; n <= pageCount; n++) {
        await page.goto(`${server.origin}/${tagPagePath(tag.slug, n)}`)
        const hrefs = await page.$$eval('article.note-card h2 a', (links) =>
          links.map((link) => new URL((link as HTMLAnchorElement).href).pathname.slice(1)),
        )
        expect(hrefs.length).toBe(
          Math.min(defaultPageSize, expected.length - (n - 1) * defaultPageSize),
        )
        shown.push(...hrefs)
      }
      expect(shown, tag.name).toEqual(expected)
    }
    await context.close()
  }, 120_000)

  it('reaches every page, with no broken link, console error or serious axe violation', async () => {
    const report = await crawlSite(browser, server.origin)
    expect(report.consoleErrors).toEqual([])
    expect(report.brokenLinks).toEqual([])
    expect(report.seriousViolations).toEqual([])
    const pages = files.filter((file) => file.path.endsWith('.html')).map((file) => file.path)
    expect([...report.visited].sort()).toEqual([...pages].sort())
  }, 300_000)

  it('has no serious axe violation in dark mode or at phone width', async () => {
    const paths = [
      'index.html',
      tagPagePath(collection.tags[0]!.slug),
      notePagePath(collection.notes[0]!.id),
    ]
    for (const [colorScheme, viewport] of [
      ['dark', viewports[0]],
      ['light', viewports[1]],
      ['dark', viewports[1]],
    ] as const) {
      const context = await newOfflineContext(browser, server.origin, { colorScheme, viewport })
      const page = await context.newPage()
      for (const path of paths) {
        await page.goto(`${server.origin}/${path}`)
        const serious = (await runAxe(page)).filter(
          (violation) => violation.impact === 'serious' || violation.impact === 'critical',
        )
        expect(serious, `${path} (${colorScheme}, ${viewport.name})`).toEqual([])
      }
      await context.close()
    }
  }, 120_000)

  it('fits a phone screen without sideways scrolling', async () => {
    const context = await newOfflineContext(browser, server.origin, { viewport: viewports[1] })
    const page = await context.newPage()
    for (const file of files.filter((f) => f.path.endsWith('.html'))) {
      await page.goto(`${server.origin}/${file.path}`)
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width, file.path).toBeLessThanOrEqual(viewports[1].width)
    }
    await context.close()
  }, 120_000)

  it('saves screenshots of the index, a tag page and a note page at desktop and phone widths', async () => {
    mkdirSync(artifactsDir, { recursive: true })
    const richest = [...collection.notes].sort(
      (a, b) =>
        b.comments.reduce((sum, c) => sum + c.markdown.length, 0) -
        a.comments.reduce((sum, c) => sum + c.markdown.length, 0),
    )[0]!
    const shots = [
      { name: 'index', path: 'index.html' },
      { name: 'tag', path: tagPagePath(collection.tags[0]!.slug) },
      { name: 'note', path: notePagePath(richest.id) },
    ]
    for (const viewport of viewports) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await newOfflineContext(browser, server.origin, { viewport, colorScheme })
        const page = await context.newPage()
        for (const shot of shots) {
          await page.goto(`${server.origin}/${shot.path}`)
          const file = join(artifactsDir, `${shot.name}-${viewport.name}-${colorScheme}.png`)
          await page.screenshot({ path: file, fullPage: true })
          expect(statSync(file).size).toBeGreaterThan(10_000)
        }
        await context.close()
      }
    }
  }, 120_000)
})
