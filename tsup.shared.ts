/**
 * Shared build settings for every package: ESM + CJS + `.d.ts`/`.d.cts`.
 *
 * The unified ecosystem (micromark, mdast-util-*, hast-util-*) ships ESM only. The ESM build
 * keeps every dependency external; the CJS build bundles the ESM-only ones so that
 * `require('@paper-notes/…')` works on every Node >= 20 (not only where `require(esm)` exists).
 * An executable (the CLI's) is bundled whole (`executableConfig`). Every build that bundles
 * third-party code lists it, with its licence, in `dist/THIRD-PARTY-NOTICES.md`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Options } from 'tsup'

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number]

interface PackageJson {
  name?: string
  version?: string
  license?: string
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

/** The folder of the npm package a bundled input (a path relative to the package) belongs to. */
function packageRootOf(packageDir: string, input: string): string | undefined {
  const marker = 'node_modules/'
  const at = input.lastIndexOf(marker)
  if (at === -1) return undefined
  const parts = input.slice(at + marker.length).split('/')
  const length = parts[0]?.startsWith('@') ? 2 : 1
  if (parts.length <= length) return undefined
  return resolve(packageDir, input.slice(0, at + marker.length), ...parts.slice(0, length))
}

const licenceFile = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i

/** The notice of one bundled package: its name, version, licence and licence file(s). */
function packageNotice(root: string): string {
  const manifest = readPackage(join(root, 'package.json'))
  const name = manifest.name ?? root
  const files = readdirSync(root)
    .filter((file) => licenceFile.test(file))
    .sort()
  const texts = files.map((file) => readFileSync(join(root, file), 'utf8').trim())
  const body =
    texts.length > 0
      ? texts.map((text) => `\`\`\`text\n${text}\n\`\`\``).join('\n\n')
      : `(The package ships no licence file; its package.json gives the licence ${manifest.license ?? 'as unknown'}.)`
  return `## ${name} ${manifest.version ?? ''} (${manifest.license ?? 'no licence field'})\n\n${body}\n`
}

/** The roots of the third-party packages bundled so far, by the package being built. */
const bundledRoots = new Map<string, Set<string>>()

/** The notices file each package's `dist/` gets when it bundles third-party code. */
const noticesFile = 'THIRD-PARTY-NOTICES.md'

/**
 * An esbuild plugin that writes `dist/THIRD-PARTY-NOTICES.md`: the name, version, licence and
 * licence text of every npm package whose code a build of the package bundled (from esbuild's
 * metafile, which tsup always asks for), so the published files carry the notices those
 * licences require. Several builds of one package (ESM, CJS, the executable) add to one file.
 */
function thirdPartyNotices(packageDir: string): EsbuildPlugin {
  return {
    name: 'third-party-notices',
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length > 0 || result.metafile === undefined) return
        const roots = bundledRoots.get(packageDir) ?? new Set<string>()
        bundledRoots.set(packageDir, roots)
        for (const input of Object.keys(result.metafile.inputs)) {
          const root = packageRootOf(packageDir, input)
          if (root !== undefined) roots.add(root)
        }
        const target = join(packageDir, 'dist', noticesFile)
        if (roots.size === 0) {
          rmSync(target, { force: true })
          return
        }
        // One section per package and version (a package can be installed in several places).
        const notices = [...new Set([...roots].map(packageNotice))].sort()
        const { name } = readPackage(join(packageDir, 'package.json'))
        const header = `# Third-party notices\n\nThe files in this folder, \`dist/\` of ${name}, include code from the npm packages below, bundled when it was built. Each is listed with its version, licence and licence text.\n`
        // The build that ends first may end before any output is written (tsup writes after
        // its rollup pass), so on a fresh clone `dist/` may not exist yet.
        mkdirSync(dirname(target), { recursive: true })
        writeFileSync(target, [header, ...notices].join('\n'))
      })
    },
  }
}

/**
 * Build configuration of a package's executable entries (ESM): every dependency bundled, the
 * other paper-notes packages too, so that starting it reads a few files instead of resolving
 * and loading some 450 modules (0.5 s against 0.2 s to start `paper-notes build`). The
 * library entries stay unbundled. Bundled CommonJS code gets a `require` for Node's modules.
 */
export function executableConfig(packageDir: string, entry: Record<string, string>): Options {
  return {
    entry,
    format: ['esm'],
    sourcemap: false,
    clean: false,
    dts: false,
    target: 'node20',
    // esbuild's own tree shaking (tsup's `treeshake` runs the bundle through rollup again).
    treeshake: false,
    splitting: true,
    noExternal: [/./],
    banner: {
      js: "import { createRequire as __paperNotesCreateRequire } from 'node:module';\nconst require = __paperNotesCreateRequire(import.meta.url);",
    },
    esbuildPlugins: [thirdPartyNotices(packageDir)],
  }
}

/**
 * Build configuration for the package in `packageDir` with the given entry points.
 *
 * Empties the package's `dist/` when called (when tsup reads the config). tsup's own `clean`
 * is not used: it runs inside one config's build, concurrently with the others, and could
 * remove the notices another config's build has just written.
 */
export function packageConfig(packageDir: string, entry: Record<string, string>): Options[] {
  rmSync(join(packageDir, 'dist'), { recursive: true, force: true })
  const common: Options = {
    esbuildPlugins: [thirdPartyNotices(packageDir)],
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
    { ...common, format: ['esm'] },
    {
      ...common,
      format: ['cjs'],
      noExternal: esmOnly.map((name) => new RegExp(`^${name.replace(/[/.]/g, '\\$&')}(/|$)`)),
    },
  ]
}
