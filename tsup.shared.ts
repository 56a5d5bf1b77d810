/**
 * Shared build settings for every package: ESM + CJS + `.d.ts`/`.d.cts`.
 *
 * The unified ecosystem (micromark, mdast-util-*, hast-util-*) ships ESM only. The ESM build
 * keeps every dependency external; the CJS build bundles the ESM-only ones so that
 * `require('@paper-notes/…')` works on every Node >= 20 (not only where `require(esm)` exists).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Options } from 'tsup'

interface PackageJson {
  type?: string
  exports?: unknown
  main?: string
  dependencies?: Record<string, string>
}

function readPackage(path: string): PackageJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PackageJson
}

function hasRequireCondition(exports: unknown): boolean {
  if (exports === null || typeof exports !== 'object') return false
  return Object.entries(exports).some(
    ([key, value]) => key === 'require' || hasRequireCondition(value),
  )
}

/** Node's lookup of `node_modules/<name>/package.json` from `fromDir` upwards. */
function findManifest(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json')
    if (existsSync(candidate)) return candidate
    if (dirname(dir) === dir) return undefined
  }
}

/** Names of the package's runtime dependencies (direct or transitive) that cannot be `require`d. */
function esmOnlyDependencies(packageDir: string): string[] {
  const seen = new Set<string>()
  const esmOnly = new Set<string>()
  const visit = (fromDir: string, name: string) => {
    if (seen.has(name) || name.startsWith('@paper-notes/') || name.startsWith('@types/')) return
    seen.add(name)
    const manifestPath = findManifest(fromDir, name)
    if (manifestPath === undefined) return
    const manifest = readPackage(manifestPath)
    if (manifest.type === 'module' && !hasRequireCondition(manifest.exports)) esmOnly.add(name)
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      visit(join(manifestPath, '..'), dep)
    }
  }
  for (const dep of Object.keys(readPackage(join(packageDir, 'package.json')).dependencies ?? {})) {
    visit(packageDir, dep)
  }
  return [...esmOnly].sort()
}

/** Build configuration for the package in `packageDir` with the given entry points. */
export function packageConfig(packageDir: string, entry: Record<string, string>): Options[] {
  const common: Options = {
    entry,
    sourcemap: false,
    clean: false,
    dts: true,
    target: 'node20',
    treeshake: true,
    splitting: false,
  }
  const esmOnly = esmOnlyDependencies(packageDir)
  return [
    { ...common, format: ['esm'], clean: true },
    {
      ...common,
      format: ['cjs'],
      noExternal: esmOnly.map((name) => new RegExp(`^${name.replace(/[/.]/g, '\\$&')}(/|$)`)),
    },
  ]
}
