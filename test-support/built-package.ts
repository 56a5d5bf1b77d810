/**
 * Loading the built packages as users do, by package name, in a fresh Node process: as ESM
 * (`import * as name from '@paper-notes/…'`) or as CommonJS (`require`, with Node's
 * `require(esm)` turned off, so the CJS bundle must stand on its own). `npm test` builds first.
 */
import { execFileSync } from 'node:child_process'

/** How the packages are loaded. */
export type ModuleSystem = 'esm' | 'cjs'

/**
 * Runs `script` (an expression, evaluated with the packages bound to the given names) in a new
 * Node process started in `cwd`, and returns what it printed.
 *
 * @example
 * runWithBuiltPackages('cjs', { core: '@paper-notes/core' }, 'core.slugifyTag("NLP")', dir) // => 'nlp\n'
 */
export function runWithBuiltPackages(
  system: ModuleSystem,
  bindings: Readonly<Record<string, string>>,
  script: string,
  cwd: string,
): string {
  const entries = Object.entries(bindings)
  const print = `console.log(eval(${JSON.stringify(script)}))`
  const args =
    system === 'esm'
      ? [
          '--input-type=module',
          '-e',
          `${entries.map(([name, pkg]) => `import * as ${name} from '${pkg}';`).join(' ')} ${print}`,
        ]
      : [
          '--no-experimental-require-module',
          '-e',
          `${entries.map(([name, pkg]) => `const ${name} = require('${pkg}');`).join(' ')} ${print}`,
        ]
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8' })
}
