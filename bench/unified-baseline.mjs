/**
 * The benchmark's baseline: a note's markdown to sanitized HTML the obvious way with `unified`
 * (`remark-parse`, `remark-gfm`, `remark-rehype`, `rehype-sanitize`, `rehype-stringify`), note
 * by note. One definition for every measure that compares against it.
 */
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'

/** A frozen processor; `String(processor.processSync(markdown))` is the HTML of one note. */
export function createUnifiedProcessor() {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype)
    .use(rehypeSanitize)
    .use(rehypeStringify)
    .freeze()
}
