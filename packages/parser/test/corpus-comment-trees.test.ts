/**
 * Conformance: every comment of the real corpus gets the tree full GFM gives. Core's
 * `parseMarkdown` hands each text only the GFM extensions whose trigger it holds; the corpus is
 * the real-world check of that choice (its unit test is a property test in core).
 */
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import { corpusFiles, hasCorpus } from '../../../test-support/corpus.ts'
import { parseNotes } from '../src/index.js'

describe.skipIf(!hasCorpus)('corpus: comment trees', () => {
  it('equal full GFM for every comment of every export', () => {
    const { notes } = parseNotes(corpusFiles())
    const comments = notes.flatMap((note) => note.comments)
    // Every export has comments; a reader that lost them would make this test pass vacuously.
    expect(comments.length).toBeGreaterThan(300)
    const differing = comments.filter((comment) => {
      const full = fromMarkdown(comment.markdown, {
        extensions: [gfm()],
        mdastExtensions: [gfmFromMarkdown()],
      })
      return JSON.stringify(full) !== JSON.stringify(comment.tree)
    })
    expect(differing.map((comment) => comment.markdown.slice(0, 80))).toEqual([])
  })
})
