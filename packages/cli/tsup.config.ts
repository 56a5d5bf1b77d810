import { defineConfig } from 'tsup'
import { packageConfig } from '../../tsup.shared.ts'

// `bin` is the `paper-notes` executable (package.json `bin`); `index` is the programmatic API.
// The ESM build is split into chunks so that the commands, which the CLI imports only when one
// runs, load the parser and renderers lazily: `paper-notes --help` does not wait for them.
export default defineConfig(
  packageConfig(import.meta.dirname, { index: 'src/index.ts', bin: 'src/bin.ts' }).map((options) =>
    Array.isArray(options.format) && options.format.includes('esm')
      ? { ...options, splitting: true }
      : options,
  ),
)
