import { defineConfig } from 'tsup'
import { packageConfig } from '../../tsup.shared.ts'

// `bin` is the `paper-notes` executable (package.json `bin`); `index` is the programmatic API;
// `build-worker` is the entry of the worker threads of `build --jobs N` and `file-thread-worker`
// the one of the thread that links and writes a build's files (ESM only: the CommonJS bundle
// builds in one thread). The ESM build is split into chunks so that the commands, which
// the CLI imports only when one runs, load the parser and renderers lazily: `paper-notes --help`
// does not wait for them.
// The parser's package.json (its version keys the build cache) is inlined, not imported.
const inlined = /^@paper-notes\/parser\/package\.json$/

export default defineConfig(
  packageConfig(import.meta.dirname, { index: 'src/index.ts', bin: 'src/bin.ts' })
    .map((options) => ({ ...options, noExternal: [...(options.noExternal ?? []), inlined] }))
    .map((options) =>
      Array.isArray(options.format) && options.format.includes('esm')
        ? {
            ...options,
            entry: {
              index: 'src/index.ts',
              bin: 'src/bin.ts',
              'build-worker': 'src/build-worker.ts',
              'file-thread-worker': 'src/file-thread-worker.ts',
            },
            splitting: true,
          }
        : options,
    ),
)
