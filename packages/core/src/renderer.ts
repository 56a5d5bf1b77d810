/**
 * The renderer contract: a renderer turns a collection into files. It never touches the file
 * system; the caller (or the CLI) writes what it returns.
 */
import type { Collection } from './collection.js'

/** One output file. `path` is relative, uses `/`, and never starts with `/` or contains `..`. */
export interface RenderedFile {
  /** Relative output path, e.g. `tags/catastrophic-forgetting.html`. */
  path: string
  /** Text (UTF-8 when written) or bytes. */
  contents: string | Uint8Array
  /** The IANA media type, e.g. `text/html; charset=utf-8`. */
  mediaType: string
}

/** A pluggable output format. */
export interface Renderer<Options = unknown> {
  /** A short, unique name, e.g. `html`, `json`, `rss`. */
  name: string
  /** Renders the collection. May be async. */
  render(collection: Collection, options?: Options): RenderedFile[] | Promise<RenderedFile[]>
}

/**
 * Declares a renderer with its options type inferred. It returns its argument unchanged and
 * exists for type checking and readability.
 *
 * @example
 * export const bibtex = defineRenderer<{ file?: string }>({
 *   name: 'bibtex',
 *   render(collection, options) {
 *     return [{ path: options?.file ?? 'notes.bib', contents: '…', mediaType: 'application/x-bibtex' }]
 *   },
 * })
 */
export function defineRenderer<Options = unknown>(renderer: Renderer<Options>): Renderer<Options> {
  if (typeof renderer?.name !== 'string' || renderer.name === '') {
    throw new TypeError('defineRenderer: a renderer needs a non-empty `name`')
  }
  if (typeof renderer.render !== 'function') {
    throw new TypeError(`defineRenderer: renderer "${renderer.name}" needs a \`render\` function`)
  }
  return renderer
}

/**
 * Checks that a renderer's output path is safe to write below an output folder: relative,
 * `/`-separated, with no empty, `.` or `..` segment, no backslash, no NUL and no drive letter.
 */
export function isSafeOutputPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /[\\\0]/.test(path) || /^[a-zA-Z]:/.test(path)) {
    return false
  }
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}
