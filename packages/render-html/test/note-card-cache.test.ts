import type { Note } from '@paper-notes/core'
import { notePagePath, relativeUrl } from '@paper-notes/core'
import type { ElementContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import { describe, expect, it } from 'vitest'
import { defaultTemplates, renderHtml, resolveHtmlOptions, type Templates } from '../src/index.js'
import { linkKey } from '../src/note-card-cache.js'
import { layoutWith, mapRaw } from './raw-nodes.js'
import { sampleCollection } from './sample-collection.js'
import { fileAt, parsePage, select, textContent, textOf } from './site-inspection.js'

/** The tag pages of a render (`tags/<slug>.html` and `tags/<slug>/page-<n>.html`). */
function tagPages(files: ReturnType<typeof renderHtml>) {
  return files.filter((file) => file.path.startsWith('tags/'))
}

/** Every `data-note` of the cards with this class on a page, in order. */
function cardNotes(file: ReturnType<typeof renderHtml>[number], className: string): string[] {
  return select(parsePage(file), 'article', className).map((card) =>
    String(card.properties.dataNote),
  )
}

describe('renderHtml: note cards are built once per render', () => {
  it('uses a replaced noteCard on every tag page, with links right for the page’s folder', () => {
    const collection = sampleCollection()
    const calls: string[] = []
    const noteCard: Templates['noteCard'] = (note, context) => {
      calls.push(note.id)
      return h('article', { className: ['my-card'], dataNote: note.id }, [
        h('a', { href: context.href(notePagePath(note.id)) }, note.title),
      ])
    }
    // pageSize 1: NLP's three notes are on tags/nlp.html, tags/nlp/page-2.html and page-3.html.
    const files = renderHtml(collection, { templates: { noteCard }, pageSize: 1 })
    const pages = tagPages(files)
    expect(pages.map((file) => file.path)).toContain('tags/nlp/page-3.html')
    let shown = 0
    for (const file of pages) {
      const page = parsePage(file)
      expect(select(page, 'article', 'note-card'), file.path).toHaveLength(0)
      const cards = select(page, 'article', 'my-card')
      expect(cards, file.path).toHaveLength(1)
      const id = String(cards[0]!.properties.dataNote)
      const inFolder = file.path.split('/').length === 3
      expect(select(cards[0]!, 'a')[0]!.properties.href, file.path).toBe(
        `${inFolder ? '../../' : '../'}notes/${id}.html`,
      )
      expect(textContent(cards[0]!)).toBe(collection.get(id)!.title)
      shown++
    }
    expect(cardNotes(fileAt(files, 'tags/nlp.html'), 'my-card')).toEqual(['4175'])
    expect(cardNotes(fileAt(files, 'tags/nlp/page-2.html'), 'my-card')).toEqual(['4100'])
    expect(cardNotes(fileAt(files, 'tags/nlp/page-3.html'), 'my-card')).toEqual(['3001'])
    // Built once per note and folder depth whose links differ, not once per page.
    const builds = new Set(
      pages.flatMap((file) =>
        cardNotes(file, 'my-card').map((id) => `${id} ${file.path.split('/').length}`),
      ),
    )
    expect(calls).toHaveLength(builds.size)
    expect(calls.length).toBeLessThan(shown)
  })

  it('gives a noteCard that reads context.path its own page’s path on every page', () => {
    const noteCard: Templates['noteCard'] = (note, context) =>
      h('article', { className: ['my-card'], dataNote: note.id }, [
        h('p', { className: ['shown-on'] }, context.path),
      ])
    const files = renderHtml(sampleCollection(), { templates: { noteCard } })
    const pages = tagPages(files)
    expect(pages.length).toBeGreaterThan(5)
    for (const file of pages) {
      const shownOn = select(parsePage(file), 'p', 'shown-on').map((p) => textContent(p))
      expect(shownOn.length, file.path).toBeGreaterThan(0)
      for (const path of shownOn) expect(path).toBe(file.path)
    }
  })

  it('keeps one render’s templates out of the next render of the same notes', () => {
    const collection = sampleCollection()
    const card =
      (className: string): Templates['noteCard'] =>
      (note: Note) =>
        h('article', { className: [className], dataNote: note.id }, note.title)
    const before = renderHtml(collection)
    const first = renderHtml(collection, { templates: { noteCard: card('card-a') } })
    const defaults = renderHtml(collection)
    const second = renderHtml(collection, { templates: { noteCard: card('card-b') } })

    const nlp = (files: ReturnType<typeof renderHtml>) => fileAt(files, 'tags/nlp.html')
    expect(cardNotes(nlp(first), 'card-a')).toEqual(['4175', '4100', '3001'])
    expect(cardNotes(nlp(second), 'card-b')).toEqual(['4175', '4100', '3001'])
    expect(cardNotes(nlp(second), 'card-a')).toEqual([])
    expect(cardNotes(nlp(defaults), 'card-a')).toEqual([])
    expect(select(parsePage(nlp(defaults)), 'article', 'note-card')).toHaveLength(3)
    // The default render after a customised one is byte-identical to the one before it.
    expect(defaults.map((file) => textOf(file))).toEqual(before.map((file) => textOf(file)))
  })

  it('keeps the cards when a tagPage wraps the default one and copies its tree', () => {
    const tagPage: Templates['tagPage'] = (page, context) =>
      h('section', { className: ['wrapped'] }, [
        structuredClone(defaultTemplates.tagPage(page, context)),
      ])
    const files = renderHtml(sampleCollection(), { templates: { tagPage } })
    const page = parsePage(fileAt(files, 'tags/nlp.html'))
    expect(select(page, 'section', 'wrapped')).toHaveLength(1)
    const cards = select(page, 'article', 'note-card')
    expect(cards).toHaveLength(3)
    expect(select(cards[0]!, 'a', 'tag').length).toBeGreaterThan(0)
  })

  it('writes raw nodes from templates as escaped text, as before', () => {
    const raw = { type: 'raw', value: '<script>alert(1)</script>' } as unknown as ElementContent
    const tagPage: Templates['tagPage'] = (page, context) =>
      h('div', [defaultTemplates.tagPage(page, context), raw])
    const notePage: Templates['notePage'] = (note) => h('div', [note.title, raw])
    const files = renderHtml(sampleCollection(), { templates: { tagPage, notePage } })
    for (const path of ['tags/nlp.html', 'notes/4175.html']) {
      const html = textOf(fileAt(files, path))
      expect(html, path).not.toContain('<script>alert(1)')
      expect(html, path).toContain('&#x3C;script>alert(1)&#x3C;/script>')
    }
    expect(select(parsePage(fileAt(files, 'tags/nlp.html')), 'article', 'note-card')).toHaveLength(
      3,
    )
  })
})

describe('renderHtml: the default note card, built once and linked per folder', () => {
  it('is on every tag page exactly the card noteCard builds for that page', () => {
    const collection = sampleCollection()
    // pageSize 1 puts cards both in tags/ and in tags/<slug>/; 4175's comment links #4100.
    const options = { pageSize: 1 }
    const files = renderHtml(collection, options)
    const resolved = resolveHtmlOptions(options)
    let compared = 0
    for (const file of tagPages(files)) {
      const context = {
        collection,
        options: resolved,
        templates: defaultTemplates,
        path: file.path,
        href: (to: string) => relativeUrl(file.path, to),
      }
      const titleLinks = select(parsePage(file), 'h2', 'note-title').map((title) =>
        select(title, 'a')[0]!.properties.href?.toString(),
      )
      expect(titleLinks.length, file.path).toBeGreaterThan(0)
      for (const href of titleLinks) {
        const id = /notes\/([\w-]+)\.html$/.exec(href ?? '')![1]!
        const expected = toHtml(defaultTemplates.noteCard(collection.get(id)!, context))
        expect(textOf(file), `${id} on ${file.path}`).toContain(expected)
        compared++
      }
    }
    // Each note once on each of its tags: 4 + 3 + 3.
    expect(compared).toBe(10)
    const nested = parsePage(fileAt(files, 'tags/nlp/page-2.html'))
    expect(select(nested, 'h2', 'note-title')[0]!.children[0]).toMatchObject({
      properties: { href: '../../notes/4100.html' },
    })
    const top = parsePage(fileAt(files, 'tags/catastrophic-forgetting.html'))
    const issueLink = select(top, 'a').find((a) => a.properties.title !== undefined)
    expect(issueLink?.properties.href).toBe('../notes/4100.html')
  })
})

describe('renderHtml: the raw nodes a page writes as HTML', () => {
  it('writes its cards, and copies of them with the same HTML, as HTML', () => {
    const collection = sampleCollection()
    const plain = tagPages(renderHtml(collection))
    const copied = tagPages(
      renderHtml(collection, {
        templates: { layout: layoutWith((content) => structuredClone(content)) },
      }),
    )
    expect(copied.map((file) => file.contents)).toEqual(plain.map((file) => file.contents))
    expect(cardNotes(copied[0]!, 'note-card').length).toBeGreaterThan(0)
  })

  it('writes a raw node whose HTML is not a card’s as text, and keeps card nodes from change', () => {
    const collection = sampleCollection()
    const changed = tagPages(
      renderHtml(collection, {
        templates: {
          layout: layoutWith((content) => mapRaw(content, (v) => `${v}<script>x</script>`)),
        },
      }),
    )
    for (const file of changed) {
      expect(String(file.contents), file.path).not.toContain('<script>x</script>')
      expect(String(file.contents), file.path).toContain('&#x3C;script>x&#x3C;/script>')
      expect(cardNotes(file, 'note-card'), file.path).toEqual([])
    }
    let frozen = false
    renderHtml(collection, {
      templates: {
        layout: layoutWith((content) => {
          const find = (node: ElementContent): void => {
            if ((node as unknown as { type: string }).type === 'raw')
              frozen ||= Object.isFrozen(node)
            if (node.type === 'element') node.children.forEach(find)
          }
          find(content)
          return content
        }),
      },
    })
    expect(frozen).toBe(true)
  })
})

describe('linkKey', () => {
  const directories = [
    '',
    'tags/',
    'notes/',
    'tags/a/',
    'tags/b/',
    'tags/ab/',
    'tags/a/x/',
    'tags/b/x/',
    'x/y/z/',
  ]
  const targetSets = [
    ['notes/1.html', 'tags/a.html', 'tags/b.html', 'index.html'],
    ['tags/a/page-2.html', 'notes/2.html'],
    ['tags/a/x/deep.html'],
    ['tags/ab.html', 'tags/b/page-3.html'],
    [],
  ]

  it('gives two folders the same key only when every link is the same from both', () => {
    let shared = 0
    for (const targets of targetSets) {
      for (const one of directories) {
        for (const other of directories) {
          if (linkKey(one, targets) !== linkKey(other, targets)) continue
          if (one !== other) shared++
          const links = (directory: string) =>
            targets.map((target) => relativeUrl(`${directory}page.html`, target))
          expect(links(other), `${one} / ${other}: ${targets.join(' ')}`).toEqual(links(one))
        }
      }
    }
    // Sibling folders do share keys (tags/a/ and tags/b/ for the cards' usual links).
    expect(shared).toBeGreaterThan(10)
    expect(linkKey('tags/a/', targetSets[0]!)).toBe(linkKey('tags/b/', targetSets[0]!))
    expect(linkKey('tags/a/', targetSets[1]!)).not.toBe(linkKey('tags/b/', targetSets[1]!))
  })
})
