import { noteContentHtml as coreNoteContentHtml } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { makeComment, makeNote, sampleNotes } from '../../../test-support/note-factory.ts'
import { noteContentHtml } from '../src/note-content-html.js'

describe('noteContentHtml (from the comment tree)', () => {
  it('gives the same HTML as core, which parses the markdown again', () => {
    for (const note of sampleNotes()) {
      expect(noteContentHtml(note)).toBe(coreNoteContentHtml(note))
    }
  })

  it('uses the tree: a comment whose tree says something else shows the tree', () => {
    const note = makeNote({
      summary: undefined,
      links: {},
      comments: [
        makeComment({
          markdown: 'markdown text',
          tree: {
            type: 'root',
            children: [{ type: 'paragraph', children: [{ type: 'text', value: 'tree text' }] }],
          },
        }),
      ],
    })
    expect(noteContentHtml(note)).toBe('<p>tree text</p>')
  })

  it('parses the markdown of a comment that has no tree (serialized notes)', () => {
    const { tree: _tree, ...comment } = makeComment({
      markdown: '論文の **要点** と <script>alert(1)</script> [link](javascript:alert(2))',
    })
    const note = makeNote({ summary: undefined, links: {}, comments: [comment] })
    expect(noteContentHtml(note)).toBe('<p>論文の <strong>要点</strong> と  <a>link</a></p>')
  })
})
