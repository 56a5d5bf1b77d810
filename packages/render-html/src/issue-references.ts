/**
 * References to other notes in a comment, as links to their pages: `#1234` in the text, and links
 * to a note's issue URL, when the collection has that note.
 */
import type { Element, ElementContent } from 'hast'
import { hastElement, hastText } from './hast-element.js'

/** Where an issue reference leads: the link's `href` and a tooltip (`title`). */
export interface IssueReferenceTarget {
  /** The note page, relative to the current page. */
  href: string
  /** The target note's title. */
  title: string
}

const issueReference = /(?<![\p{L}\p{N}_&/#])#(\d+)\b/gu
const untouched = new Set(['a', 'code', 'pre', 'script', 'style'])

function linkText(
  value: string,
  target: (issue: number) => IssueReferenceTarget | undefined,
): ElementContent[] | undefined {
  // Most text has no `#` at all: no need to run the pattern.
  if (!value.includes('#')) return undefined
  const out: ElementContent[] = []
  let last = 0
  for (const match of value.matchAll(issueReference)) {
    const found = target(Number(match[1]))
    if (!found) continue
    if (match.index > last) out.push({ type: 'text', value: value.slice(last, match.index) })
    out.push(hastElement('a', { href: found.href, title: found.title }, [hastText(match[0])]))
    last = match.index + match[0].length
  }
  if (last === 0) return undefined
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) })
  return out
}

/**
 * The nodes with every `#<number>` in their text that `target` resolves turned into a link
 * (not inside links, code or preformatted text), and every link whose URL `targetOfUrl`
 * resolves (e.g. another note's issue URL) pointed at that note's page instead. The input is not
 * changed: elements on the way to a change are copied, everything else is shared.
 *
 * @example
 * linkIssueReferences([{ type: 'text', value: 'See #104.' }], (n) =>
 *   n === 104 ? { href: '104.html', title: 'Preference tuning' } : undefined)
 * // => ['See ', <a href="104.html" title="Preference tuning">#104</a>, '.']
 */
export function linkIssueReferences(
  nodes: readonly ElementContent[],
  target: (issue: number) => IssueReferenceTarget | undefined,
  targetOfUrl: (url: string) => IssueReferenceTarget | undefined = () => undefined,
): ElementContent[] {
  let changed = false
  const out: ElementContent[] = []
  for (const node of nodes) {
    if (
      node.type === 'element' &&
      node.tagName === 'a' &&
      typeof node.properties.href === 'string'
    ) {
      const found = targetOfUrl(node.properties.href)
      if (found) {
        changed = true
        const { rel: _rel, ...properties } = node.properties
        out.push({ ...node, properties: { ...properties, href: found.href, title: found.title } })
        continue
      }
    }
    if (node.type === 'text') {
      const linked = linkText(node.value, target)
      if (linked) {
        changed = true
        out.push(...linked)
        continue
      }
    } else if (node.type === 'element' && !untouched.has(node.tagName)) {
      const children = linkIssueReferences(node.children, target, targetOfUrl)
      if (children !== node.children) {
        changed = true
        out.push({ ...node, children } satisfies Element)
        continue
      }
    }
    out.push(node)
  }
  return changed ? out : (nodes as ElementContent[])
}
