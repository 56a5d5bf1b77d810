/**
 * Shared test settings: inside the monorepo, `@paper-notes/*` imports resolve to each package's
 * TypeScript source, so a package's tests never wait for (or race with) another package's build.
 * Tests of the built bundles import `../dist/…` explicitly.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const packages = ['core', 'parser', 'render-html', 'render-json', 'render-rss', 'cli']

export default defineConfig({
  resolve: {
    alias: packages.map((name) => ({
      find: new RegExp(`^@paper-notes/${name}$`),
      replacement: fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
    })),
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    passWithNoTests: true,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
})
