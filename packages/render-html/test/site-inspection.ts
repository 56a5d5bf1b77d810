import type { RenderedFile } from '@paper-notes/core'
import type { Element, Nodes, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'

/** The text of a rendered file. */
export function textOf(file: RenderedFile): string {
  return typeof file.contents === 'string' ? file.contents : new TextDecoder().decode(file.contents)
}

/** A rendered HTML file parsed the way a browser would. */
export function parsePage(file: RenderedFile): Root {
  return fromHtml(textOf(file))
}

/** Every element of a tree, in document order. */
export function elements(tree: Nodes): Element[] {
  const out: Element[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'element') out.push(node)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return out
}

/** The elements with this tag name and (optionally) class. */
export function select(tree: Nodes, tagName: string, className?: string): Element[] {
  return elements(tree).filter(
    (element) =>
      element.tagName === tagName &&
      (className === undefined ||
        (Array.isArray(element.properties.className) &&
          element.properties.className.includes(className))),
  )
}

/** The text content of a node. */
export function textContent(node: Nodes): string {
  if (node.type === 'text') return node.value
  if ('children' in node) return node.children.map((child) => textContent(child)).join('')
  return ''
}

/** The file named `path`, or a thrown error. */
export function fileAt(files: readonly RenderedFile[], path: string): RenderedFile {
  const file = files.find((candidate) => candidate.path === path)
  if (!file) throw new Error(`no file ${path} among ${files.map((f) => f.path).join(', ')}`)
  return file
}

/**
 * Every internal link of every page (`href`/`src` that is not absolute and not a bare
 * `#fragment`), resolved to a site path, with the page it is on.
 */
export function internalLinks(files: readonly RenderedFile[]): { from: string; to: string }[] {
  const links: { from: string; to: string }[] = []
  for (const file of files) {
    if (!file.path.endsWith('.html')) continue
    for (const element of elements(parsePage(file))) {
      for (const name of ['href', 'src'] as const) {
        const value = element.properties[name]
        if (typeof value !== 'string' || value.startsWith('#')) continue
        if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) continue
        const resolved = new URL(value, `https://site.invalid/${file.path}`)
        links.push({ from: file.path, to: decodeURIComponent(resolved.pathname.slice(1)) })
      }
    }
  }
  return links
}
