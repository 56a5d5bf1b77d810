/** `paper-notes build`: notes → collection → renderers → files in `--out`. */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { countDiagnostics, type RenderedFile, type SourceFormat } from '@paper-notes/core'
import type { CliIo } from '../io.js'
import { readNotes, sourceTexts } from '../read-notes.js'
import { planRenderers } from '../renderers.js'
import { createRunContext, writeDiagnostics } from '../run-context.js'
import { formatSummary } from '../summary.js'
import { OutputError, writeOutput } from '../write-output.js'

/** Options of `paper-notes build`. */
export interface BuildOptions {
  /** The output folder (`--out`). */
  out: string
  /** `--renderers`: comma-separated names or module paths; all built-ins when left out. */
  renderers?: string
  /** `--base-url`. */
  baseUrl?: string
  /** `--title`. */
  title?: string
  /** `--format`. */
  format?: SourceFormat
  /** `--strict`: any error diagnostic fails the build. */
  strict?: boolean
  /** `--force`: replace a non-empty output folder that paper-notes did not write. */
  force?: boolean
  /** `--no-page-tag` sets this to `false`. */
  pageTag?: boolean
  /** `--verbose`: print `info` diagnostics too. */
  verbose?: boolean
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
  const outDir = resolve(io.cwd, options.out)
  const renderers = await planRenderers({
    list: options.renderers,
    baseUrl: options.baseUrl,
    siteTitle: options.title,
    cwd: io.cwd,
    warn: (message) => context.warn(`${err.yellow('warning')} ${message}`),
  })

  const read = await readNotes(inputs, {
    cwd: io.cwd,
    readStdin: io.readStdin,
    format: options.format,
    pageTag: options.pageTag,
    exclude: [outDir],
    progress: context.progress,
  })
  const diagnostics = [...read.diagnostics]
  const counts = countDiagnostics(diagnostics)
  const shown = options.verbose
    ? diagnostics
    : diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')
  writeDiagnostics(context.warn, shown, sourceTexts(read.sources), err)

  let filesWritten = 0
  const finish = (ok: boolean) => {
    context.print(
      formatSummary(
        {
          command: 'build',
          notes: read.collection.notes.length,
          tags: read.collection.tags.length,
          files: filesWritten,
          filesVerb: 'written',
          diagnostics: countDiagnostics(diagnostics),
          elapsedMs: context.elapsed(),
          ok,
        },
        context.out,
      ),
    )
    return ok ? 0 : 1
  }
  const fail = (message: string) => {
    context.warn(`${err.red(err.bold('error'))} ${message}`)
    context.warn(`The previous contents of ${options.out} were left as they were.`)
    return finish(false)
  }

  if (read.inputFailed) return fail('Some inputs could not be read (see above).')
  if (read.sources.length === 0) return fail('No note files found in the inputs.')
  if (options.strict && counts.error > 0) {
    return fail(`${counts.error} error(s) in the notes and --strict is set.`)
  }

  const files: RenderedFile[] = []
  const owners = new Map<string, string>()
  context.progress.start('rendering', renderers.length, 'renderers')
  for (const renderer of renderers) {
    let rendered: RenderedFile[]
    try {
      rendered = await renderer.render(read.collection)
    } catch (error) {
      context.progress.done()
      const message = error instanceof Error ? error.message : String(error)
      return fail(`The ${renderer.name} renderer failed: ${message}`)
    }
    context.progress.tick(1, `${files.length + rendered.length} files`)
    for (const file of rendered) {
      const owner = owners.get(file.path)
      if (owner !== undefined) {
        context.progress.done()
        return fail(
          `The ${owner} and ${renderer.name} renderers both write ${JSON.stringify(file.path)}.`,
        )
      }
      owners.set(file.path, renderer.name)
      files.push(file)
    }
  }
  context.progress.done()

  context.progress.start('writing', files.length, 'files')
  try {
    await writeOutput(outDir, files, {
      cwd: io.cwd,
      force: options.force,
      inputs: read.sources.flatMap((source) =>
        source.absolutePath === undefined ? [] : [source.absolutePath],
      ),
      onFileWritten: () => context.progress.tick(),
    })
  } catch (error) {
    context.progress.done()
    if (error instanceof OutputError) return fail(`${error.message} [${error.code}]`)
    throw error
  }
  context.progress.done()
  filesWritten = files.length
  const status = finish(true)
  if (files.some((file) => file.path === 'index.html')) {
    context.print(`Open ${pathToFileURL(resolve(outDir, 'index.html')).href} in a browser.`)
  }
  return status
}
