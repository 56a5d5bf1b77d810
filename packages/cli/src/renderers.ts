/**
 * Which renderers a build runs: the three built in (`html`, `json`, `rss`) by name, and
 * third-party renderers loaded from a module path (`./bibtex.mjs`).
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Collection, PlannedFile, RenderedFile, Renderer } from '@paper-notes/core'
import { htmlRenderer } from '@paper-notes/render-html'
import { jsonRenderer } from '@paper-notes/render-json'
import { rssRenderer } from '@paper-notes/render-rss'
import { UsageError } from './usage-error.js'

/** Site-wide settings given on the command line, passed to every renderer. */
export interface SiteSettings {
  /** The absolute URL the site is published at (`--base-url`). */
  baseUrl?: string
  /** The site's title (`--title`). */
  siteTitle?: string
}

/** A renderer ready to run with the build's settings. */
export interface PlannedRenderer {
  /** The renderer's name (`html`, or the module's renderer name). */
  name: string
  /** The renderer's output version (`undefined`: its files are never taken from the cache). */
  version?: string
  /** The options it runs with, as JSON: part of every file's cache fingerprint. */
  optionsKey: string
  /** Renders the collection. */
  render(collection: Collection): Promise<RenderedFile[]>
  /** Plans its files one by one, when the renderer can (see core's `Renderer.plan`). */
  plan?: (collection: Collection) => Iterable<PlannedFile>
  /** Its plan's `dependsOn` reads only the outline and the listed notes (core's `Renderer.plansFromOutline`). */
  plansFromOutline?: boolean
  /**
   * The same renderer with its caches kept to `bytes` (the built-in renderers' `cacheBytes`
   * option): the same files, byte for byte, and the same {@link optionsKey}, so the build cache
   * does not tell the two apart. Absent for renderer modules, whose options are their own.
   */
  withCacheBytes?: (bytes: number) => PlannedRenderer
}

/** A renderer with the settings it runs with, as the build uses it. */
function withSettings<Options extends object>(
  renderer: Renderer<Options>,
  options: Options,
  optionsKey: string = JSON.stringify(options),
): PlannedRenderer {
  const plan = renderer.plan
  return {
    name: renderer.name,
    ...(renderer.version === undefined ? {} : { version: renderer.version }),
    optionsKey,
    ...(renderer.plansFromOutline === true ? { plansFromOutline: true } : {}),
    render: async (collection) => renderer.render(collection, options),
    ...(plan === undefined
      ? {}
      : { plan: (collection: Collection) => plan.call(renderer, collection, options) }),
  }
}

/** {@link withSettings} for a built-in renderer, whose options take `cacheBytes`. */
function withBuiltinSettings<Options extends { cacheBytes?: number }>(
  renderer: Renderer<Options>,
  options: Options,
): PlannedRenderer {
  const optionsKey = JSON.stringify(options)
  return {
    ...withSettings(renderer, options, optionsKey),
    withCacheBytes: (bytes) =>
      withSettings(renderer, { ...options, cacheBytes: bytes }, optionsKey),
  }
}

/** The names of the built-in renderers, in the order they run. */
export const builtinRendererNames: readonly string[] = ['html', 'json', 'rss']

function builtin(name: string, settings: SiteSettings): PlannedRenderer | undefined {
  const { baseUrl, siteTitle } = settings
  const defined = <T extends object>(value: T) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
  switch (name) {
    case 'html':
      return withBuiltinSettings(htmlRenderer, defined({ siteTitle, baseUrl }))
    case 'json':
      return withBuiltinSettings(jsonRenderer, defined({ siteTitle, baseUrl }))
    case 'rss': {
      if (baseUrl === undefined) {
        throw new UsageError(
          'The rss renderer needs --base-url (feeds must link to absolute URLs), e.g. --base-url https://example.org/notes/',
        )
      }
      return withBuiltinSettings(rssRenderer, defined({ baseUrl, siteTitle }))
    }
    default:
      return undefined
  }
}

function isModuleSpecifier(entry: string): boolean {
  return /^\.{0,2}\//.test(entry) || /\.(?:m|c)?js$/.test(entry) || /^[A-Za-z]:[\\/]/.test(entry)
}

function isRenderer(value: unknown): value is Renderer<SiteSettings> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { render?: unknown }).render === 'function'
  )
}

/** Imports a renderer module: its default export, or an export named `renderer`. */
async function loadRendererModule(
  specifier: string,
  cwd: string,
  settings: SiteSettings,
): Promise<PlannedRenderer> {
  const url = pathToFileURL(resolve(cwd, specifier)).href
  let loaded: Record<string, unknown>
  try {
    loaded = (await import(url)) as Record<string, unknown>
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new UsageError(`Cannot load the renderer module ${specifier}: ${message}`)
  }
  const candidate = [loaded['default'], loaded['renderer']].find(isRenderer)
  if (candidate === undefined) {
    throw new UsageError(
      `${specifier} exports no renderer (a default export or an export named \`renderer\` with \`name\` and \`render\`).`,
    )
  }
  return withSettings(candidate, { ...settings })
}

/** Options of {@link planRenderers}. */
export interface PlanRenderersOptions extends SiteSettings {
  /** The `--renderers` list as given (comma-separated), or `undefined` for the default. */
  list?: string
  /** Where module paths are resolved from. */
  cwd: string
  /** Told when the default list drops `rss` for want of a base URL. */
  warn?: (message: string) => void
}

/**
 * The renderers a build runs. `list` is comma-separated built-in names (`html,json,rss`) and
 * renderer module paths (`./bibtex.mjs`). Without a list, all three built-ins run, except
 * `rss` when there is no base URL (with a warning); asking for `rss` by name without
 * `--base-url` is a {@link UsageError}, as are unknown names.
 *
 * @example
 * const renderers = await planRenderers({ list: 'html,./bibtex.mjs', cwd: process.cwd() })
 */
export async function planRenderers(options: PlanRenderersOptions): Promise<PlannedRenderer[]> {
  const settings: SiteSettings = { baseUrl: options.baseUrl, siteTitle: options.siteTitle }
  if (options.baseUrl !== undefined) {
    let url: URL | undefined
    try {
      url = new URL(options.baseUrl)
    } catch {
      url = undefined
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new UsageError(
        `--base-url must be an absolute http(s) URL, got ${JSON.stringify(options.baseUrl)}`,
      )
    }
  }
  if (options.list === undefined) {
    const names = builtinRendererNames.filter((name) => name !== 'rss' || options.baseUrl)
    if (options.baseUrl === undefined) {
      options.warn?.(
        'Skipping the rss renderer: feeds need --base-url (the site address). Pass --base-url to get RSS and Atom feeds.',
      )
    }
    return names.map((name) => builtin(name, settings)!)
  }
  const entries = options.list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (entries.length === 0) throw new UsageError('--renderers is empty')
  const planned: PlannedRenderer[] = []
  const seen = new Set<string>()
  for (const entry of entries) {
    if (seen.has(entry)) continue
    seen.add(entry)
    if (isModuleSpecifier(entry)) {
      planned.push(await loadRendererModule(entry, options.cwd, settings))
      continue
    }
    const renderer = builtin(entry, settings)
    if (renderer === undefined) {
      throw new UsageError(
        `Unknown renderer ${JSON.stringify(entry)}: use ${builtinRendererNames.join(', ')}, or a module path such as ./my-renderer.mjs`,
      )
    }
    planned.push(renderer)
  }
  return planned
}
