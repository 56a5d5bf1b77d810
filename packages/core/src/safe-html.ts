/**
 * Note content → safe HTML, shared by every renderer: mdast → hast (`mdast-util-to-hast`), raw
 * HTML inside the markdown parsed for real (`hast-util-raw`), then `hast-util-sanitize` with
 * GitHub's schema, so no `<script>`, no `on*` attribute, no `style`, and no `javascript:` or
 * `data:` URL survives from a note. After sanitizing, external links get
 * `rel="noopener noreferrer"` and images `loading="lazy"`.
 */
import type { Element, Root as HastRoot } from 'hast'
import { raw } from 'hast-util-raw'
import { defaultSchema, sanitize } from 'hast-util-sanitize'
import { toHtml } from 'hast-util-to-html'
import type { Root as MdastRoot } from 'mdast'
import { toHast } from 'mdast-util-to-hast'
import { visit } from 'unist-util-visit'
import { parseMarkdown } from './markdown.js'

/** Options of {@link toSafeHast} and {@link toSafeHtml}. */
export interface SafeHtmlOptions {
  /**
   * Prefix for `id` and `name` attributes from the content, so they cannot clobber the page's
   * own (default `user-content-`).
   */
  clobberPrefix?: string
}

const externalUrl = /^(?:https?:)?\/\//i

function hasRaw(tree: HastRoot): boolean {
  let found = false
  visit(tree, 'raw', () => {
    found = true
    return false
  })
  return found
}

/**
 * Turns markdown (or an mdast root) into a sanitized hast root, ready to be placed in a page.
 *
 * @example
 * toSafeHast('[x](javascript:alert(1)) <img src=x onerror=alert(1)>')
 * // the link keeps its text but loses its href; the image loses onerror
 */
export function toSafeHast(input: string | MdastRoot, options: SafeHtmlOptions = {}): HastRoot {
  const mdast = typeof input === 'string' ? parseMarkdown(input) : input
  let hast = toHast(mdast, { allowDangerousHtml: true }) as HastRoot
  if (hasRaw(hast)) hast = raw(hast) as HastRoot
  const clean = sanitize(hast, {
    ...defaultSchema,
    clobberPrefix: options.clobberPrefix ?? 'user-content-',
  }) as HastRoot
  visit(clean, 'element', (node: Element) => {
    if (node.tagName === 'a' && typeof node.properties.href === 'string') {
      if (externalUrl.test(node.properties.href)) node.properties.rel = ['noopener', 'noreferrer']
    } else if (node.tagName === 'img') {
      node.properties.loading = 'lazy'
      node.properties.decoding = 'async'
    }
  })
  return clean
}

/**
 * Turns markdown (or an mdast root) into a sanitized HTML string.
 *
 * @example
 * toSafeHtml('**bold** <script>alert(1)</script>') // => '<p><strong>bold</strong> </p>'
 */
export function toSafeHtml(input: string | MdastRoot, options: SafeHtmlOptions = {}): string {
  return toHtml(toSafeHast(input, options))
}
