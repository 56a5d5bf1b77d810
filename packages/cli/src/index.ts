export { createProgram, exitCodes, runCli } from './cli.js'
export type { BuildOptions } from './commands/build.js'
export { defaultJobs, parseJobs, runBuild, suggestedJobs } from './commands/build.js'
export type { CheckOptions, CheckReport } from './commands/check.js'
export { runCheck } from './commands/check.js'
export type { ConvertOptions } from './commands/convert.js'
export { noteFileName, runConvert, titleSlug } from './commands/convert.js'
export type { OutputRunOptions } from './commands/output-run.js'
export type { FormatDiagnosticOptions } from './format-diagnostics.js'
export {
  formatDiagnostic,
  formatDiagnostics,
  formatLocation,
  sortDiagnostics,
} from './format-diagnostics.js'
export type { CollectedInputs, CollectInputsOptions, InputSource } from './inputs.js'
export { collectInputs, decodeText, displayPath, noteFileExtensions, stdinName } from './inputs.js'
export type { CliIo, OutputStream, Palette } from './io.js'
export { createPalette, isInteractive, processIo, useColor } from './io.js'
export type { Progress, ProgressOptions } from './progress.js'
export { createProgress, formatProgressLine } from './progress.js'
export type { ReadNotesOptions, ReadNotesResult } from './read-notes.js'
export { readNotes, sourceTexts } from './read-notes.js'
export { removeReplacedOutput } from './remove-tree.js'
export type { PlannedRenderer, PlanRenderersOptions, SiteSettings } from './renderers.js'
export { builtinRendererNames, planRenderers } from './renderers.js'
export type { RunContext } from './run-context.js'
export { createRunContext, writeDiagnostics } from './run-context.js'
export { removeStagingFolders } from './staging-folders.js'
export type { RunSummary } from './summary.js'
export { formatElapsed, formatSummary } from './summary.js'
export { UsageError } from './usage-error.js'
export type {
  CommitOptions,
  OutputStaging,
  WriteOutputOptions,
  WriteOutputResult,
} from './write-output.js'
export {
  cacheFolder,
  checkOutputPaths,
  OutputError,
  openOutputStaging,
  outputMarkerFile,
  writeOutput,
} from './write-output.js'
