import { defineConfig } from 'tsup'
import { packageConfig } from '../../tsup.shared.ts'

// `bin` is the `paper-notes` executable (package.json `bin`); `index` is the programmatic API.
export default defineConfig(
  packageConfig(import.meta.dirname, { index: 'src/index.ts', bin: 'src/bin.ts' }),
)
