import { createCollection } from '@paper-notes/core'
import type { ElementContent } from 'hast'
import { describe, expect, it } from 'vitest'
import { linkIssueReferences, markdownContent, renderHtml } from '../src/index.js'
import { makeComment, makeNote } from './note-factory.js'
import { sampleCollection } from './sample-collection.js'
import { fileAt, parsePage, select, textContent } from './site-inspection.js'

const known = (issue: number) =>
  issue === 104
    ? { href: '104.html', title: 'Preference Tuning Without a Reward Model' }
    : undefined

describe('linkIssueReferences', () => {
  it('links the references it can resolve and keeps the rest of the text', () => {
    const nodes = linkIssueReferences(
      markdownContent('See #104 and #999, not C#104 or a#104.'),
      known,
    )
    const paragraph = nodes[0]!
    expect(paragraph.type === 'element' && paragraph.tagName).toBe('p')
    const links = select(paragraph, 'a')
    expect(links.map((a) => [textContent(a), a.properties.href, a.properties.title])).toEqual([
      ['#104', '104.html', 'Preference Tuning Without a Reward Model'],
    ])
    expect(textContent(paragraph)).toBe('See #104 and #999, not C#104 or a#104.')
  })

  it('leaves links, inline code and code blocks alone', () => {
    const source = '[#104](https://example.org/104) `#104`\n\n```\n#104\n```'
    const nodes = markdownContent(source)
    const linked = linkIssueReferences(nodes, known)
    expect(linked).toBe(nodes)
  })

  it('copies only the elements on the way to a new link', () => {
    const nodes: ElementContent[] = markdownContent('First #104\n\nSecond paragraph')
    const linked = linkIssueReferences(nodes, known)
    expect(linked).not.toBe(nodes)
    expect(linked[0]).not.toBe(nodes[0])
    expect(linked.at(-1)).toBe(nodes.at(-1))
  })
})

describe('issue references in rendered comments', () => {
  it('links "#4100" in a comment to that note, relative to each page', () => {
    const files = renderHtml(sampleCollection())
    const fromNote = select(parsePage(fileAt(files, 'notes/4175.html')), 'article', 'comment')[1]!
    const fromTag = select(parsePage(fileAt(files, 'tags/nlp.html')), 'div', 'comment')[1]!
    for (const [comment, href] of [
      [fromNote, '4100.html'],
      [fromTag, '../notes/4100.html'],
    ] as const) {
      const link = select(comment, 'a').find((a) => textContent(a) === '#4100')
      expect(link?.properties.href).toBe(href)
      expect(String(link?.properties.title)).toContain('General-Reasoner')
    }
  })

  it("points links to another note's issue URL at that note's page", () => {
    // note 4175 of the sample collection has this issue URL; other/repo#1 is no note of it
    expect(sampleCollection().get('4175')?.links.issue).toBe(
      'https://github.com/example/paper_notes/issues/4175',
    )
    const referring = makeComment({
      markdown:
        'Follows [the forgetting note](https://github.com/example/paper_notes/issues/4175) and [another repo](https://github.com/other/repo/issues/1).',
    })
    const collection = createCollection([
      ...sampleCollection().notes,
      makeNote({
        id: '5000',
        issueDate: '2026-02-01',
        titleLine: 'Follow-up',
        title: 'Follow-up',
        comments: [referring],
      }),
    ])
    const page = parsePage(fileAt(renderHtml(collection), 'notes/5000.html'))
    const links = select(select(page, 'article', 'comment')[0]!, 'a')
    expect(links.map((a) => [textContent(a), a.properties.href, a.properties.rel])).toEqual([
      ['the forgetting note', '4175.html', undefined],
      ['another repo', 'https://github.com/other/repo/issues/1', ['noopener', 'noreferrer']],
    ])
  })

  it('does not link a note to itself or to issues the collection does not have', () => {
    const note = makeNote({
      id: '100',
      comments: [makeComment({ markdown: 'Same as #100, unlike #5.' })],
    })
    const page = parsePage(fileAt(renderHtml(createCollection([note])), 'notes/100.html'))
    const comment = select(page, 'article', 'comment')[0]!
    expect(select(comment, 'a')).toEqual([])
    expect(textContent(comment)).toContain('Same as #100, unlike #5.')
  })
})
