/**
 * The examples run against the BUILT packages (their `dist/` entry points, as a downstream
 * project would get them from npm), so this config keeps the shared settings but drops the
 * alias that points `@paper-notes/*` at the TypeScript sources.
 */
import { defineConfig } from 'vitest/config'
import shared from '../vitest.shared.ts'

export default defineConfig({ ...shared, resolve: {} })
