// Preloaded into the CLI process by bench/run.mjs (`node --require`): prints the process's
// peak resident set size when it exits, for the memory budget.
process.on('exit', () => {
  process.stdout.write(`\nmax-rss-kb=${process.resourceUsage().maxRSS}\n`)
})
