/**
 * Serves a rendered site from a temp dir over `node:http` and drives headless Chromium through
 * it (playwright-core): crawls every page, collects console errors and broken links, runs axe.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, normalize, sep } from 'node:path'
import type { RenderedFile } from '@paper-notes/core'
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core'

/** Where the brief says Chromium is installed. */
export const chromiumPath = '/usr/bin/chromium'

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/** Writes the files below a new temp dir and returns it. */
export function writeSite(files: readonly RenderedFile[]): string {
  const root = mkdtempSync(join(tmpdir(), 'paper-notes-html-'))
  for (const file of files) {
    const path = join(root, ...file.path.split('/'))
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, file.contents)
  }
  return root
}

const mediaTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
}

/** A static file server for `root` on 127.0.0.1 (random port); every request is recorded. */
export async function serveDirectory(
  root: string,
): Promise<{ origin: string; requested: string[]; close(): Promise<void> }> {
  const requested: string[] = []
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    requested.push(pathname)
    const path = normalize(join(root, pathname === '/' ? 'index.html' : pathname))
    if (!path.startsWith(root + sep) || !existsSync(path)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    const extension = path.slice(path.lastIndexOf('.'))
    response.writeHead(200, { 'content-type': mediaTypes[extension] ?? 'application/octet-stream' })
    response.end(readFileSync(path))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requested,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Removes a temp dir made by {@link writeSite}. */
export function removeSite(root: string): void {
  rmSync(root, { recursive: true, force: true })
}

/** A 1×1 transparent PNG, the stand-in for every image from another site. */
const blankPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)

/**
 * A browser context that answers every request to another origin itself (images with a blank
 * PNG, anything else with an empty 204), so pages are tested offline and a site's own errors are
 * not hidden among third-party failures.
 */
export async function newOfflineContext(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options)
  await context.route(
    (url) => url.origin !== origin,
    (route) =>
      route.request().resourceType() === 'image'
        ? route.fulfill({ status: 200, contentType: 'image/png', body: blankPng })
        : route.fulfill({ status: 204, body: '' }),
  )
  return context
}

/** One axe violation, reduced to what a report needs. */
export interface AxeViolation {
  id: string
  impact: string | null | undefined
  help: string
  targets: string[]
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** Runs axe-core in the page and returns its violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource })
  return page.evaluate(async () => {
    interface AxeResult {
      violations: {
        id: string
        impact?: string | null
        help: string
        nodes: { target: unknown[] }[]
      }[]
    }
    const axe = (globalThis as unknown as { axe: { run(): Promise<AxeResult> } }).axe
    const result = await axe.run()
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }))
  })
}

/** What crawling a site found. */
export interface CrawlReport {
  /** Site paths of the pages visited. */
  visited: string[]
  /** Console errors and uncaught exceptions, with their page. */
  consoleErrors: string[]
  /** Same-origin links (and stylesheets, icons, images) that do not answer 200. */
  brokenLinks: string[]
  /** Serious and critical axe violations, with their page. */
  seriousViolations: string[]
}

/**
 * Visits `index.html` and every same-origin page linked from a visited page, checking each link
 * target, console output and (unless `axe` is false) accessibility.
 */
export async function crawlSite(
  browser: Browser,
  origin: string,
  options: { axe?: boolean; colorScheme?: 'light' | 'dark' } = {},
): Promise<CrawlReport> {
  const context = await newOfflineContext(browser, origin, {
    colorScheme: options.colorScheme ?? 'light',
  })
  const page = await context.newPage()
  const report: CrawlReport = {
    visited: [],
    consoleErrors: [],
    brokenLinks: [],
    seriousViolations: [],
  }
  let current = ''
  page.on('console', (message) => {
    if (message.type() === 'error') report.consoleErrors.push(`${current}: ${message.text()}`)
  })
  page.on('pageerror', (error) => report.consoleErrors.push(`${current}: ${error.message}`))
  page.on('response', (response) => {
    if (response.url().startsWith(origin) && response.status() !== 200) {
      report.brokenLinks.push(`${current}: ${response.url()} answered ${response.status()}`)
    }
  })
  const queue = ['index.html']
  const seen = new Set(queue)
  const checked = new Map<string, number>()
  while (queue.length > 0) {
    current = queue.shift()!
    const response = await page.goto(`${origin}/${current}`, { waitUntil: 'load' })
    report.visited.push(current)
    if (response?.status() !== 200) continue
    const targets = await page.$$eval('a[href], link[href], img[src]', (nodes) =>
      nodes.map((node) =>
        node instanceof HTMLImageElement ? node.src : (node as HTMLAnchorElement).href,
      ),
    )
    for (const target of targets) {
      if (!target.startsWith(`${origin}/`)) continue
      const path = decodeURIComponent(new URL(target).pathname.slice(1))
      if (!checked.has(path)) {
        const status = (await page.request.get(`${origin}/${path}`)).status()
        checked.set(path, status)
      }
      if (checked.get(path) !== 200) report.brokenLinks.push(`${current} → ${path}`)
      else if (path.endsWith('.html') && !seen.has(path)) {
        seen.add(path)
        queue.push(path)
      }
    }
    if (options.axe !== false) {
      for (const violation of await runAxe(page)) {
        if (violation.impact === 'serious' || violation.impact === 'critical') {
          report.seriousViolations.push(
            `${current}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.targets.slice(0, 3).join(', ')}`,
          )
        }
      }
    }
  }
  await context.close()
  return report
}
