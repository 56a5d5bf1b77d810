// The templates example of README.md, kept in step with it: if this breaks, fix the README too.
import { createCollection, notePagePath } from '@paper-notes/core'
import { h } from 'hastscript'
import { expect, it } from 'vitest'
import { defaultTemplates, markdownContent, renderHtml, type Templates } from '../src/index.js'
import { sampleNotes } from './sample-collection.js'
import { fileAt, parsePage, select, textContent } from './site-inspection.js'

it('runs the README templates example', () => {
  const notes = sampleNotes()

  // A shorter card on tag pages: date, linked title and summary only.
  const noteCard: Templates['noteCard'] = (note, context) =>
    h('article', { className: ['note-card'] }, [
      h('p', { className: ['meta'] }, note.issueDate),
      h('h2', [h('a', { href: context.href(notePagePath(note.id)) }, note.title)]),
      ...(note.summary ? markdownContent(note.summary.text) : []),
    ])

  // The default layout, plus a line in every page's body.
  const layout: Templates['layout'] = (page, context) => {
    const tree = defaultTemplates.layout(page, context)
    const html = tree.children.find((node) => node.type === 'element')
    const body = html?.children.find((node) => node.type === 'element' && node.tagName === 'body')
    if (body?.type === 'element') body.children.push(h('p', 'Notes are my own.'))
    return tree
  }

  const files = renderHtml(createCollection(notes), { templates: { noteCard, layout } })

  const tagPage = parsePage(fileAt(files, 'tags/posttraining.html'))
  const card = select(tagPage, 'article', 'note-card')[0]!
  expect(textContent(select(card, 'p', 'meta')[0]!)).toBe('2025-10-12')
  expect(select(select(card, 'h2')[0]!, 'a')[0]!.properties.href).toBe('../notes/4100.html')
  expect(select(card, 'section')).toHaveLength(0)
  for (const file of files.filter((f) => f.path.endsWith('.html'))) {
    const body = select(parsePage(file), 'body')[0]!
    const last = body.children.filter((node) => node.type === 'element').at(-1)!
    expect(textContent(last)).toBe('Notes are my own.')
  }
})
