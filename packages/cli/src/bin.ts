#!/usr/bin/env node
/** The `paper-notes` executable: runs the CLI on this process's arguments and streams. */
import { runCli } from './cli.js'
import { processIo } from './io.js'
import { removeStagingFolders } from './staging-folders.js'

// Ctrl-C: leave no temporary output folder behind (the previous output is untouched anyway).
process.once('SIGINT', () => {
  removeStagingFolders()
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K')
  process.stderr.write('Interrupted; the previous output was left as it was.\n')
  process.exit(130)
})

runCli(process.argv.slice(2), processIo()).then((status) => {
  process.exitCode = status
})
