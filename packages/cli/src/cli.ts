/**
 * The `paper-notes` command line, built with commander: `build`, `check`, `convert`.
 */
import type { SourceFormat } from '@paper-notes/core'
import { Command, CommanderError, Option } from 'commander'
import { version } from '../package.json'
import { type CliIo, createPalette, processIo, useColor } from './io.js'
import { UsageError } from './usage-error.js'

/** Exit statuses of the `paper-notes` command. */
export const exitCodes = {
  /** Everything went well. */
  ok: 0,
  /** `check` found an error, or a build or conversion failed. */
  failure: 1,
  /** The command line was wrong (unknown option, missing `--out`, `rss` without `--base-url`). */
  usage: 2,
} as const

const formats: SourceFormat[] = ['markdown', 'text', 'xml', 'github']

function formatOption(): Option {
  return new Option(
    '-f, --format <format>',
    'source format of every input (default: detected from the extension and content)',
  ).choices(formats)
}

function pageTagOption(): Option {
  return new Option(
    '--no-page-tag',
    "text export: do not add the page's own tag to every note on the page",
  )
}

/**
 * The commander program for `paper-notes`, writing to `io`. The commands (and with them the
 * parser and renderers) are imported when one runs, so `--help` and `--version` start fast. Its actions store their exit
 * status through `setStatus`; parse errors throw a `CommanderError` (exit override is on).
 */
export function createProgram(io: CliIo, setStatus: (status: number) => void): Command {
  const program = new Command('paper-notes')
  program
    .description(
      'Build a static site, JSON and RSS/Atom feeds from paper notes; check notes; convert exports to note markdown.',
    )
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print help')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => {
        const palette = createPalette(useColor(io.stderr, io.env))
        write(palette.red(text))
      },
    })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `
Examples:
  paper-notes build notes/ --out site --base-url https://example.org/notes/
  paper-notes check notes/ --json
  gh issue list --json number,title,labels,createdAt,body,url,comments | paper-notes convert - --out imported/

Exit status: 0 success, 1 errors found or the run failed, 2 wrong command line.`,
    )

  program
    .command('build')
    .summary('build the site, JSON and feeds from notes')
    .description(
      `Parse the inputs, build the collection, run the renderers and write their files into --out.\n\nInputs are files, folders (read recursively: .md .txt .xml .json) or - for standard input. The output folder is replaced atomically: files are written beside it first, so a failed build leaves the previous output as it was. A build cache in --out/.paper-notes-cache/ (parsed notes and a manifest of output fingerprints) lets the next build skip unchanged inputs and files; it is invalidated by any change of version, options or renderers, and --no-cache turns it off. Do not publish the .paper-notes-cache folder. Without --renderers, html, json and rss run, and rss is skipped with a warning when there is no --base-url; asking for rss without --base-url is an error.`,
    )
    .argument('<inputs...>', 'note files, folders, or - for standard input')
    .requiredOption('-o, --out <dir>', 'output folder (replaced on every build)')
    .option(
      '-r, --renderers <list>',
      'comma-separated renderers: html, json, rss, or a module path (./bibtex.mjs)',
    )
    .option('--base-url <url>', 'absolute URL the site is published at (needed for feeds)')
    .option('--title <title>', 'site title')
    .addOption(formatOption())
    .option('--strict', 'fail the build when any note has an error')
    .option('--force', 'replace a non-empty --out folder that paper-notes did not write')
    .addOption(pageTagOption())
    .option(
      '-j, --jobs <n>',
      'threads to parse and render in (default 1: no worker threads; try the number of CPUs)',
    )
    .option(
      '--no-cache',
      'neither read nor write the build cache (.paper-notes-cache/ in --out), render everything',
    )
    .option(
      '--low-memory',
      'keep note texts in a temporary file while building (slower, ~2 KB of memory per note); on by default for inputs over 64 MB',
    )
    .option('--no-low-memory', 'keep every parsed note in memory, whatever the size of the inputs')
    .option('--verbose', 'also print info diagnostics')
    .version(version, '-V, --version', 'print the version')
    .action(async (inputs: string[], options) => {
      const { runBuild } = await import('./commands/build.js')
      setStatus(await runBuild(inputs, options, io))
    })

  program
    .command('check')
    .summary('report problems in notes, like a compiler')
    .description(
      `Parse the inputs and print every diagnostic as file:line:col  severity  code  message, with the source line and a caret under the column, then a summary. Exit status 1 when any diagnostic is an error, 0 otherwise.`,
    )
    .argument('<inputs...>', 'note files, folders, or - for standard input')
    .option('--json', 'print the diagnostics and counts as JSON')
    .addOption(formatOption())
    .addOption(pageTagOption())
    .version(version, '-V, --version', 'print the version')
    .action(async (inputs: string[], options) => {
      const { runCheck } = await import('./commands/check.js')
      setStatus(await runCheck(inputs, options, io))
    })

  program
    .command('convert')
    .summary('convert any source format to note markdown, one file per note')
    .description(
      `Read notes in any source format (note markdown, text export, XML export, GitHub issues JSON) and write each as a note-markdown file named <id>-<title>.md into --out, replacing the folder atomically. Parsing a converted file gives back the same note.`,
    )
    .argument('<inputs...>', 'note files, folders, or - for standard input')
    .requiredOption('-o, --out <dir>', 'output folder (replaced on every run)')
    .addOption(formatOption())
    .option('--strict', 'fail when any note has an error')
    .option('--force', 'replace a non-empty --out folder that paper-notes did not write')
    .addOption(pageTagOption())
    .option('--verbose', 'also print info diagnostics')
    .version(version, '-V, --version', 'print the version')
    .action(async (inputs: string[], options) => {
      const { runConvert } = await import('./commands/convert.js')
      setStatus(await runConvert(inputs, options, io))
    })

  return program
}

/**
 * Runs the `paper-notes` command line with `argv` (the arguments after the program name) and
 * returns the exit status (see {@link exitCodes}). It never calls `process.exit`.
 *
 * @example
 * import { processIo, runCli } from '@paper-notes/cli'
 *
 * process.exitCode = await runCli(['check', 'notes/', '--json'], processIo())
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let status: number = exitCodes.ok
  const program = createProgram(io, (next) => {
    status = next
  })
  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage
    }
    const palette = createPalette(useColor(io.stderr, io.env))
    if (error instanceof UsageError) {
      io.stderr.write(`${palette.red('error:')} ${error.message}\n`)
      return exitCodes.usage
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
    io.stderr.write(`${palette.red('error:')} unexpected failure: ${message}\n`)
    return exitCodes.failure
  }
  return status
}
