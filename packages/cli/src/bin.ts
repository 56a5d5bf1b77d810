#!/usr/bin/env node
/** The `paper-notes` executable: runs the CLI on this process's arguments and streams. */
import { runCli } from './cli.js'
import { processIo } from './io.js'

runCli(process.argv.slice(2), processIo()).then((status) => {
  process.exitCode = status
})
