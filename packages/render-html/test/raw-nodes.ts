/** Layouts that change a page's content before the default layout writes it (test helpers). */
import type { ElementContent } from 'hast'
import { defaultTemplates, type Templates } from '../src/index.js'

type Layout = Templates['layout']

/** A layout that hands the default one a changed copy of the page content. */
export const layoutWith =
  (change: (content: ElementContent) => ElementContent): Layout =>
  (input, context) =>
    defaultTemplates.layout(
      { ...input, content: change(input.content) as typeof input.content },
      context,
    )

/** `node` with every `raw` node replaced by a new one whose value is `f` of the old. */
export const mapRaw = (node: ElementContent, f: (value: string) => string): ElementContent => {
  const loose = node as unknown as { type: string; value: string }
  if (loose.type === 'raw')
    return { type: 'raw', value: f(loose.value) } as unknown as ElementContent
  if (node.type !== 'element') return node
  return { ...node, children: node.children.map((child) => mapRaw(child, f)) }
}
