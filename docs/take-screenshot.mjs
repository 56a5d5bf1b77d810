#!/usr/bin/env node
/**
 * Takes the README's picture: builds nothing itself; run `npm run demo` first, then
 *
 *   node docs/take-screenshot.mjs [page] [out.png]
 *
 * (defaults: site/tags/catastrophic-forgetting.html, a tag page of the sample notes, and
 * docs/screenshot.png)
 *
 * Uses Debian's Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH) through playwright-core.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'

const page = resolve(process.argv[2] ?? 'site/tags/catastrophic-forgetting.html')
const out = resolve(process.argv[3] ?? 'docs/screenshot.png')
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(page)) throw new Error(`${page} does not exist: run npm run demo first`)
if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}`)

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
try {
  const tab = await browser.newPage({
    viewport: { width: 1100, height: 820 },
    deviceScaleFactor: 1,
  })
  await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' })
  await tab.screenshot({ path: out })
  console.log(`${out}`)
} finally {
  await browser.close()
}
