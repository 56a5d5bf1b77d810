/** `paper-notes build`: notes → collection → renderers → files in `--out`. */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { RenderedFile } from '@paper-notes/core'
import type { CliIo } from '../io.js'
import { planRenderers } from '../renderers.js'
import { createRunContext } from '../run-context.js'
import { type OutputRunOptions, startOutputRun } from './output-run.js'

/** Options of `paper-notes build`. */
export interface BuildOptions extends OutputRunOptions {
  /** `--renderers`: comma-separated names or module paths; all built-ins when left out. */
  renderers?: string
  /** `--base-url`. */
  baseUrl?: string
  /** `--title`. */
  title?: string
}

/**
 * Runs `paper-notes build` and returns its exit status: 0 when the output was written, 1 when
 * the build failed (unreadable input, `--strict` with errors, a renderer failure, an unsafe
 * output path). Usage errors throw a `UsageError` (exit status 2).
 *
 * @example
 * const status = await runBuild(['notes/'], { out: 'site', baseUrl: 'https://example.org/' }, processIo())
 */
export async function runBuild(
  inputs: readonly string[],
  options: BuildOptions,
  io: CliIo,
): Promise<number> {
  const context = createRunContext(io)
  const { err } = context
  const renderers = await planRenderers({
    list: options.renderers,
    baseUrl: options.baseUrl,
    siteTitle: options.title,
    cwd: io.cwd,
    warn: (message) => context.warn(`${err.yellow('warning')} ${message}`),
  })
  const run = await startOutputRun('build', inputs, options, context)
  const stop = run.precondition()
  if (stop !== undefined) return stop

  const files: RenderedFile[] = []
  const owners = new Map<string, string>()
  context.progress.start('rendering', renderers.length, 'renderers')
  for (const renderer of renderers) {
    let rendered: RenderedFile[]
    try {
      rendered = await renderer.render(run.read.collection)
    } catch (error) {
      context.progress.done()
      const message = error instanceof Error ? error.message : String(error)
      return run.fail(`The ${renderer.name} renderer failed: ${message}`)
    }
    context.progress.tick(1, `${files.length + rendered.length} files`)
    for (const file of rendered) {
      const owner = owners.get(file.path)
      if (owner !== undefined) {
        context.progress.done()
        return run.fail(
          `The ${owner} and ${renderer.name} renderers both write ${JSON.stringify(file.path)}.`,
        )
      }
      owners.set(file.path, renderer.name)
      files.push(file)
    }
  }
  context.progress.done()

  const status = await run.write(files)
  if (status === 0 && files.some((file) => file.path === 'index.html')) {
    context.print(`Open ${pathToFileURL(resolve(run.outDir, 'index.html')).href} in a browser.`)
  }
  return status
}
