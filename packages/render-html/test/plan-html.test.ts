import { fileURLToPath } from 'node:url'
import {
  createCollection,
  type Note,
  type PlannedFile,
  parseMarkdown,
  renderPlannedFiles,
} from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import {
  changedButReusable,
  changedPaths,
  describeRendererVersion,
  replaced,
  withEditedContent,
} from '../../../test-support/planned-files.ts'
import {
  defaultTemplates,
  htmlRenderer,
  htmlRendererVersion,
  planHtml,
  renderHtml,
} from '../src/index.js'
import { makeComment, makeNote } from './note-factory.js'
import { sampleNotes } from './sample-collection.js'

/**
 * A comment that links `#3001` and issue 4100 from raw HTML only (an HTML block): `#` written as
 * a character reference, and an `<a>` element.
 */
const htmlReferences =
  '<p>&#35;3001 と <a href="https://github.com/example/paper_notes/issues/4100">これ</a></p>'

/**
 * The sample notes (one of them mentions `#4100` and has related references) and two more:
 * one that refers to others by `#4175`, an issue URL, a related title and an unknown `#9999`,
 * and one that refers to others in raw HTML, so that NLP has three pages at a page size of 2.
 */
function notesWithReferences(): Note[] {
  const markdown =
    '#4175 の続き。#9999 はまだない。\n\n3001 も参照: https://github.com/example/paper_notes/issues/4175\n\n`#3001` はコード。'
  return [
    ...sampleNotes(),
    makeNote({
      id: '4300',
      titleLine: "[Paper Note] Rehearsal-Free Continual Tuning, Grace Hopper+, NeurIPS'25, 2025.09",
      title: 'Rehearsal-Free Continual Tuning',
      authors: ['Grace Hopper'],
      venue: { name: 'NeurIPS', year: 2025 },
      issueDate: '2026-01-20',
      tags: ['NLP', 'Catastrophic Forgetting', 'Continual Learning (CL)'],
      links: { issue: 'https://github.com/example/paper_notes/issues/4300' },
      comments: [
        makeComment({
          markdown,
          tree: parseMarkdown(markdown),
          related: [
            { text: '#4175', issue: 4175 },
            {
              text: "[Paper Note] General-Reasoner: Advancing LLM Reasoning Across All Domains, Xueguang Ma+, arXiv'25, 2025.05",
            },
          ],
        }),
      ],
    }),
    makeNote({
      id: '4301',
      titleLine: '日本語だけのメモ: 継続学習のまとめ',
      title: '日本語だけのメモ: 継続学習のまとめ',
      issueDate: '2026-01-21',
      tags: ['NLP', '日本語 タグ'],
      links: {},
      comments: [makeComment({ markdown: htmlReferences, tree: parseMarkdown(htmlReferences) })],
    }),
  ]
}

/** The note with a comment that now mentions `#3001` and links issue 4300. */
function withNewReferences(note: Note): Note {
  const markdown = '関連: #3001 と https://github.com/example/paper_notes/issues/4300'
  return { ...note, comments: [...note.comments, makeComment({ markdown })] }
}

/** The note with a comment that links `#3001` and issue 4300 from raw HTML only. */
function withHtmlReferences(note: Note): Note {
  const markdown = htmlReferences.replace('/issues/4100', '/issues/4300')
  return {
    ...note,
    comments: [...note.comments, makeComment({ markdown, tree: parseMarkdown(markdown) })],
  }
}

/** The note without its first tag and with a new one. */
function withNewTag(note: Note): Note {
  return { ...note, tags: [...note.tags.slice(1), 'Fresh Tag (新規)'] }
}

/** The note without its first tag and with another tag of the collection instead. */
function withMovedTag(note: Note): Note {
  const other = ['Article', 'NLP', 'PostTraining'].find((tag) => !note.tags.includes(tag))!
  return { ...note, tags: [...note.tags.slice(1), other] }
}

/** The files a host may reuse after note `id` changed: same key, and the note not listed. */
function reusablePaths(before: PlannedFile[], after: PlannedFile[], id: string): string[] {
  const earlier = new Map(before.map((file) => [file.path, file]))
  return after
    .filter(
      (file) =>
        file.dependsOn !== undefined &&
        !file.dependsOn.notes.some((note) => note.id === id) &&
        file.dependsOn.key === earlier.get(file.path)?.dependsOn?.key,
    )
    .map((file) => file.path)
}

describe('planHtml', () => {
  const notes = notesWithReferences()
  const collection = createCollection(notes)
  const options = { pageSize: 2, baseUrl: 'https://example.org/notes/' }

  it('plans the files renderHtml renders, in order, whatever order they are rendered in', () => {
    const planned = [...planHtml(collection, options)]
    const paths = planned.map((file) => file.path)
    expect(paths.slice(0, 3)).toEqual(['style.css', 'favicon.svg', 'index.html'])
    expect(paths).toContain('tags/nlp/page-3.html')
    expect(paths.slice(-collection.notes.length)).toEqual(
      collection.notes.map((note) => `notes/${note.id}.html`),
    )
    // Rendered back to front: the shared cards must not depend on which page asked first.
    const contents = new Map([...planned].reverse().map((file) => [file.path, file.render()]))
    const rendered = renderHtml(collection, options)
    expect(rendered.map((file) => [file.path, file.mediaType])).toEqual(
      planned.map((file) => [file.path, file.mediaType]),
    )
    for (const file of rendered) expect(contents.get(file.path)).toBe(file.contents)
    expect(contents.get('notes/4300.html')).toContain(
      'href="4175.html" title="[Paper Note] Upweighting',
    )
  })

  it('is what htmlRenderer.plan plans, and htmlRenderer.render renders', async () => {
    const viaRenderer = [...(htmlRenderer.plan?.(collection, options) ?? [])]
    expect(renderPlannedFiles(viaRenderer)).toEqual(await htmlRenderer.render(collection, options))
  })

  it('builds no page until its file is rendered', () => {
    let layouts = 0
    let notePages = 0
    const templates = {
      layout: (...args: Parameters<typeof defaultTemplates.layout>) => {
        layouts++
        return defaultTemplates.layout(...args)
      },
      notePage: (...args: Parameters<typeof defaultTemplates.notePage>) => {
        notePages++
        return defaultTemplates.notePage(...args)
      },
    }
    const plan = [...planHtml(collection, { ...options, templates })]
    expect(plan.length).toBeGreaterThan(10)
    expect([layouts, notePages]).toEqual([0, 0])
    plan.find((file) => file.path === 'notes/4100.html')!.render()
    expect([layouts, notePages]).toEqual([1, 1])
    plan.find((file) => file.path === 'index.html')!.render()
    expect([layouts, notePages]).toEqual([2, 1])
  })

  it('checks options when called, before any file is taken', () => {
    expect(() => planHtml(collection, { pageSize: 0 })).toThrow(/pageSize/)
    expect(() => htmlRenderer.plan?.(collection, { baseUrl: 'notes/' })).toThrow(/baseUrl/)
  })

  it('lists the notes a page shows, also those it only links to by title', () => {
    const byPath = new Map([...planHtml(collection, options)].map((file) => [file.path, file]))
    const ids = (path: string) => byPath.get(path)!.dependsOn!.notes.map((note) => note.id)
    // 4300 mentions #4175 and links issue 4175, and its related ref names 4100's title line.
    // `#3001` in code is not linked, but counted: mentions are found in the comment's text
    // without rendering it, conservatively.
    expect(ids('notes/4300.html')).toEqual(['4300', '3001', '4175', '4100'])
    // 4175 mentions #4100; 4300 refers to it (a back-link).
    expect(ids('notes/4175.html')).toEqual(['4175', '4100', '4300'])
    // Back-links in collection order: 4300 (newer) and 4175 both refer to 4100.
    expect(ids('notes/4100.html')).toEqual(['4100', '4300', '4175'])
    expect(ids('index.html')).toEqual(['4301', '4300'])
    // 4301 links #3001 and issue 4100 in raw HTML.
    expect(ids('notes/4301.html')).toEqual(['4301', '3001', '4100'])
    // NLP, newest first, two a page: 4301, 4300 | 4175, 4100 | 3001. The cards of page 1 link
    // to 3001 and 4100 (from 4301's comment) and 4175 (from 4300's).
    expect(ids('tags/nlp.html')).toEqual(['4301', '4300', '3001', '4100', '4175'])
    expect(ids('tags/nlp/page-2.html')).toEqual(['4175', '4100'])
    expect(byPath.get('style.css')!.dependsOn).toEqual({ notes: [], key: '' })
    expect(byPath.get('favicon.svg')!.dependsOn).toEqual({ notes: [], key: '' })
    const keys = new Set([...byPath.values()].map((file) => file.dependsOn!.key))
    expect(keys.size).toBe(byPath.size - 1)
  })

  it('leaves pages without dependsOn when a caller template is in effect', () => {
    const withTemplate = [
      ...planHtml(collection, {
        templates: {
          noteCard: () => ({ type: 'element', tagName: 'p', properties: {}, children: [] }),
        },
      }),
    ]
    expect(withTemplate.filter((file) => file.dependsOn === undefined).map((f) => f.path)).toEqual(
      withTemplate.filter((file) => file.path.endsWith('.html')).map((f) => f.path),
    )
    expect(withTemplate[0]!.dependsOn).toEqual({ notes: [], key: '' })
    // Passing the defaults themselves replaces nothing.
    const withDefaults = [...planHtml(collection, { templates: { ...defaultTemplates } })]
    expect(withDefaults.every((file) => file.dependsOn !== undefined)).toBe(true)
  })

  describe('dependency completeness: every file that changes lists the note or changes its key', () => {
    const before = [...planHtml(collection, options)]
    const ids = notes.map((note) => note.id)

    it.each(ids)('after editing the title, abstract and a comment of note %s', (id) => {
      const after = [...planHtml(replaced(notes, id, withEditedContent), options)]
      expect(changedPaths(before, after)).toContain(`notes/${id}.html`)
      expect(changedButReusable(before, after, id)).toEqual([])
      // Not everything: some tag pages do not show the note, nor link to it.
      expect(reusablePaths(before, after, id)).toContain('style.css')
      expect(
        reusablePaths(before, after, id).filter((path) => path.startsWith('tags/')),
      ).not.toEqual([])
    })

    it.each(ids)('after a comment of note %s starts referring to #3001 and issue 4300', (id) => {
      for (const edit of [withNewReferences, withHtmlReferences]) {
        const after = [...planHtml(replaced(notes, id, edit), options)]
        const page = String(after.find((file) => file.path === `notes/${id}.html`)!.render())
        if (id !== '3001') expect(page).toContain('href="3001.html" title="LLaMA2を3行で訓練"')
        if (id !== '4300')
          expect(page).toMatch(/href="4300\.html"[^>]* title="\[Paper Note\] Rehearsal/)
        expect(changedButReusable(before, after, id)).toEqual([])
      }
    })

    it.each(ids)('after note %s loses a tag and gains a new one', (id) => {
      const after = [...planHtml(replaced(notes, id, withNewTag), options)]
      expect(changedPaths(before, after)).toContain('index.html')
      expect(changedButReusable(before, after, id)).toEqual([])
    })

    it.each(ids)('after note %s moves from one tag to another', (id) => {
      const after = [...planHtml(replaced(notes, id, withMovedTag), options)]
      expect(changedPaths(before, after)).toContain('index.html')
      expect(changedButReusable(before, after, id)).toEqual([])
    })

    it('after a note gets the number another note mentions but could not link (#9999)', () => {
      const renumbered = notes.map((note) => (note.id === '4301' ? { ...note, id: '9999' } : note))
      const after = [...planHtml(createCollection(renumbered), options)]
      const page = String(after.find((file) => file.path === 'notes/4300.html')!.render())
      expect(page).toContain(
        '<a href="9999.html" title="日本語だけのメモ: 継続学習のまとめ">#9999</a>',
      )
      expect(changedPaths(before, after)).toContain('notes/4300.html')
      expect(changedButReusable(before, after, '9999')).toEqual([])
    })

    it('after a note that others link to by #number gets another number', () => {
      // 4100 is mentioned as #4100 by 4175; renumbered, the mention no longer links.
      const renumbered = notes.map((note) => (note.id === '4100' ? { ...note, id: '4099' } : note))
      const after = [...planHtml(createCollection(renumbered), options)]
      expect(changedPaths(before, after)).toContain('notes/4175.html')
      expect(changedButReusable(before, after, '4099')).toEqual([])
    })
  })
})

describeRendererVersion({
  packageName: '@paper-notes/render-html',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  renderer: htmlRenderer,
  version: htmlRendererVersion,
  exportName: 'htmlRenderer',
})
