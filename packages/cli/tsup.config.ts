import { defineConfig } from 'tsup'
import { executableConfig, packageConfig } from '../../tsup.shared.ts'

// `index` is the programmatic API: ESM and CommonJS, its dependencies left to the installer.
// `bin` is the `paper-notes` executable (package.json `bin`), `build-worker` the entry of the
// worker threads of `build --jobs N` and `file-thread-worker` the one of the thread that links
// and writes a build's files. They are bundled with every dependency (see `executableConfig`),
// split into chunks so that the commands, which the CLI imports only when one runs, load the
// parser and renderers lazily: `paper-notes --help` does not wait for them. The CommonJS bundle
// (`bin.cjs`) builds in one thread.
// The parser's package.json (its version keys the build cache) is inlined, not imported.
const inlined = /^@paper-notes\/parser\/package\.json$/

const here = import.meta.dirname

export default defineConfig([
  ...packageConfig(here, { index: 'src/index.ts', bin: 'src/bin.ts' })
    .map((options) => ({ ...options, noExternal: [...(options.noExternal ?? []), inlined] }))
    .map((options) =>
      Array.isArray(options.format) && options.format.includes('esm')
        ? { ...options, entry: { index: 'src/index.ts' } }
        : options,
    ),
  executableConfig(here, {
    bin: 'src/bin.ts',
    'build-worker': 'src/build-worker.ts',
    'file-thread-worker': 'src/file-thread-worker.ts',
  }),
])
