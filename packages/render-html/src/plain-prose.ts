/**
 * Prose without any markdown syntax (most abstracts, translations and summaries) as the hast
 * markdown would give for it, without parsing it: each block of lines is a `<p>` of its text.
 */
import type { ElementContent } from 'hast'

/**
 * A line markdown (CommonMark and GFM) reads as plain text: it starts with a letter (so it
 * starts no block: no heading, list, quote, code, table, HTML or indentation), ends with no
 * whitespace (no hard break, nothing trimmed), and has no character that can start inline
 * syntax (escapes, code, emphasis, strikethrough, links, images, autolinks, HTML, character
 * references, table cells, e-mail autolinks) and no control character.
 */
const plainLine = /^\p{L}(?:[^\\`*_[\]<>&~|@\p{Cc}]*[^\\`*_[\]<>&~|@\p{Cc}\s])?$/u
/** GFM's literal autolinks without `@`: `http://…`, `https://…` and `www.…`. */
const literalAutolink = /:\/\/|www\./i

/**
 * The paragraphs of `text` as hast (`<p>` elements separated by `'\n'` text nodes, as
 * `mdast-util-to-hast` writes them), or `undefined` when `text` has anything markdown could read
 * as syntax (then it must be parsed). Lines are separated by `\n`; empty lines separate
 * paragraphs.
 *
 * @example
 * plainProseParagraphs('忘却を軽減する手法。\n\nIt works.')
 * // => [<p>忘却を軽減する手法。</p>, '\n', <p>It works.</p>]
 * plainProseParagraphs('**bold**') // => undefined
 */
export function plainProseParagraphs(text: string): ElementContent[] | undefined {
  if (literalAutolink.test(text)) return undefined
  const out: ElementContent[] = []
  let lines: string[] = []
  const endParagraph = () => {
    if (lines.length === 0) return
    if (out.length > 0) out.push({ type: 'text', value: '\n' })
    out.push({
      type: 'element',
      tagName: 'p',
      properties: {},
      children: [{ type: 'text', value: lines.join('\n') }],
    })
    lines = []
  }
  for (const line of text.split('\n')) {
    if (line === '') endParagraph()
    else if (plainLine.test(line)) lines.push(line)
    else return undefined
  }
  endParagraph()
  return out.length > 0 ? out : undefined
}
