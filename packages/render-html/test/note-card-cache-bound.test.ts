import type { Note, RenderedFile } from '@paper-notes/core'
import { createCollection, notePagePath, renderPlannedFiles, tagPagePath } from '@paper-notes/core'
import type { ElementContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import { describe, expect, it } from 'vitest'
import { defaultTemplates, planHtml, resolveHtmlOptions, type Templates } from '../src/index.js'
import { defaultCardCacheBytes, NoteCardCache } from '../src/note-card-cache.js'
import { createPageContext, type PageContext } from '../src/page-context.js'
import { planHtmlWithCardCache } from '../src/render-html.js'
import { makeComment, makeNote } from './note-factory.js'
import { layoutWith, mapRaw } from './raw-nodes.js'
import { parsePage, select, textOf } from './site-inspection.js'

const tagNames = [
  'NLP',
  'Catastrophic Forgetting',
  'Supervised-FineTuning (SFT)',
  'Selected Papers/Blogs',
  'PEFT(Adaptor/LoRA)',
  '推論',
]

/**
 * Fifty notes on six tags (each note on two to four of them), with comments that link other
 * notes by `#id` and by issue URL, so that cards have links that differ per folder.
 */
function manyNotes(): Note[] {
  return Array.from({ length: 50 }, (_, i) => {
    const id = String(5000 + i)
    return makeNote({
      id,
      titleLine: `[Paper Note] Sparse Rehearsal ${i} for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02`,
      title: `Sparse Rehearsal ${i} for Continual Tuning`,
      issueDate: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      tags: tagNames.filter((_, t) => (i + t) % 3 === 0 || t === i % tagNames.length),
      links: {
        paper: `https://arxiv.org/abs/2502.${10000 + i}`,
        issue: `https://github.com/example/notes/issues/${id}`,
      },
      comments: [
        makeComment({
          markdown: `忘却の研究 ${i}。関連: #${5000 + ((i + 7) % 50)}\n\nhttps://github.com/example/notes/issues/${5000 + ((i + 3) % 50)}`,
        }),
      ],
    })
  })
}

/** A caller's card: links to its note and tags, and (for every third note) its page's path. */
const customCard: Templates['noteCard'] = (note, context) =>
  h('article', { className: ['my-card'], dataNote: note.id }, [
    h('h2', [h('a', { href: context.href(notePagePath(note.id)) }, note.title)]),
    h(
      'ul',
      note.tags.map((tag) => h('li', [h('a', { href: context.href(tagPagePath(tag)) }, tag)])),
    ),
    Number(note.id) % 3 === 0 ? h('p', { className: ['shown-on'] }, context.path) : undefined,
  ])

/** {@link customCard}, counting how many cards it builds. */
function countingCard(): { noteCard: Templates['noteCard']; calls: () => number } {
  let calls = 0
  return {
    noteCard: (note, context) => {
      calls++
      return customCard(note, context)
    },
    calls: () => calls,
  }
}

/** The site of `notes` with the card cache bounded to `maxBytes` (the default when undefined). */
function site(
  notes: readonly Note[],
  options: Parameters<typeof planHtmlWithCardCache>[1],
  maxBytes?: number,
): RenderedFile[] {
  return renderPlannedFiles(
    planHtmlWithCardCache(createCollection([...notes]), options, { maxBytes }),
  )
}

const bytesOf = (files: readonly RenderedFile[]) => files.map((file) => [file.path, textOf(file)])

/** The tag pages' contexts of a collection, in the order the renderer writes them. */
function tagPageContexts(notes: readonly Note[], pageSize: number) {
  const collection = createCollection([...notes])
  const options = resolveHtmlOptions({ pageSize })
  return collection.tags.flatMap((tag) => {
    const tagged = collection.withTag(tag.slug)
    return Array.from({ length: Math.ceil(tagged.length / pageSize) }, (_, n) => ({
      context: createPageContext(
        collection,
        options,
        defaultTemplates,
        tagPagePath(tag.slug, n + 1),
      ),
      notes: tagged.slice(n * pageSize, (n + 1) * pageSize),
    }))
  })
}

describe('NoteCardCache: bounded', () => {
  it('writes the same bytes with a tiny bound as with the default one and with none', () => {
    const notes = manyNotes()
    for (const options of [{ pageSize: 4 }, { pageSize: 4, templates: { noteCard: customCard } }]) {
      const unbounded = site(notes, options, Number.POSITIVE_INFINITY)
      const tiny = site(notes, options, 1)
      expect(bytesOf(tiny)).toEqual(bytesOf(unbounded))
      expect(bytesOf(site(notes, options))).toEqual(bytesOf(unbounded))
      // Not a vacuous comparison: many tag pages, in two folders, full of cards.
      const tagPages = tiny.filter((file) => file.path.startsWith('tags/'))
      expect(tagPages.filter((file) => file.path.includes('/page-')).length).toBeGreaterThan(10)
      const cardClass = options.templates ? 'my-card' : 'note-card'
      const cards = tagPages.flatMap((file) => select(parsePage(file), 'article', cardClass))
      expect(cards.length).toBeGreaterThan(100)
    }
  })

  it('writes the bytes of pages built without any card cache, with a tiny bound', () => {
    const notes = manyNotes()
    // A tagPage handed a copy of its context finds no cache: it builds and writes every card
    // as a hast tree, as pages were written before cards were cached.
    const uncached: Templates['tagPage'] = (page, context) =>
      defaultTemplates.tagPage(page, { ...context })
    for (const noteCard of [defaultTemplates.noteCard, customCard]) {
      const cached = site(notes, { pageSize: 4, templates: { noteCard } }, 1)
      const direct = site(notes, { pageSize: 4, templates: { noteCard, tagPage: uncached } })
      expect(bytesOf(cached)).toEqual(bytesOf(direct))
    }
  })

  it('builds a dropped card again when a page asks for it, and keeps every card under the default bound', () => {
    const notes = manyNotes()
    const builds = (maxBytes?: number) => {
      const card = countingCard()
      site(notes, { pageSize: 4, templates: { noteCard: card.noteCard } }, maxBytes)
      return card.calls()
    }
    const unbounded = builds(Number.POSITIVE_INFINITY)
    expect(builds()).toBe(unbounded)
    expect(builds(1)).toBeGreaterThan(unbounded)
  })

  it('is bounded by the cacheBytes option: the same bytes, cards built again', () => {
    const notes = manyNotes()
    const render = (cacheBytes?: number) => {
      const card = countingCard()
      const options = {
        pageSize: 4,
        templates: { noteCard: card.noteCard },
        ...(cacheBytes === undefined ? {} : { cacheBytes }),
      }
      const files = renderPlannedFiles(planHtml(createCollection([...notes]), options))
      return { calls: card.calls(), bytes: bytesOf(files) }
    }
    const byDefault = render()
    const none = render(0)
    expect(none.bytes).toEqual(byDefault.bytes)
    expect(none.calls).toBeGreaterThan(byDefault.calls)
    expect(render(defaultCardCacheBytes).calls).toBe(byDefault.calls)
    expect(() => render(-1)).toThrow(
      /cacheBytes` must be a whole number of bytes, 0 or more \(got -1\)/,
    )
    expect(() => render(1.5)).toThrow(RangeError)
  })

  it('holds at most its bound of strings after every card', () => {
    const pages = tagPageContexts(manyNotes(), 4)
    const maxBytes = 20_000
    const bounded = new NoteCardCache({ maxBytes })
    const unbounded = new NoteCardCache({ maxBytes: Number.POSITIVE_INFINITY })
    let cards = 0
    for (const { context, notes } of pages) {
      for (const note of notes) {
        const html = (bounded.card(note, context) as unknown as { value: string }).value
        expect(bounded.bytes).toBeLessThanOrEqual(maxBytes)
        expect((unbounded.card(note, context) as unknown as { value: string }).value).toBe(html)
        cards++
      }
    }
    expect(cards).toBeGreaterThan(100)
    expect(bounded.bytes).toBeGreaterThan(0)
    // The bound did bind: everything would have taken several times more.
    expect(unbounded.bytes).toBeGreaterThan(3 * maxBytes)
  })
})

describe('NoteCardCache: trust after cards are dropped', () => {
  /** A cache that keeps nothing, the card of `first` on the first page, then every other card. */
  function droppedCard() {
    const pages = tagPageContexts(manyNotes(), 4)
    const cache = new NoteCardCache({ maxBytes: 1 })
    const [first] = pages
    const note = first!.notes[0]!
    const node = cache.card(note, first!.context) as unknown as { readonly value: string }
    for (const { context, notes } of pages.slice(1)) {
      for (const other of notes) cache.card(other, context)
    }
    expect(cache.bytes).toBe(0)
    return { cache, node, note, context: first!.context, pages }
  }

  it('trusts a card node it returned, and a copy of its HTML, after the card was dropped', () => {
    const { cache, node } = droppedCard()
    expect(cache.trusts(node)).toBe(true)
    expect(cache.trusts({ value: node.value })).toBe(true)
    expect(cache.trusts({ value: `${node.value.slice(0, -1)}` })).toBe(false)
  })

  it('without recordsCopies, trusts its own card nodes only, not a copy of their HTML', () => {
    const [first] = tagPageContexts(manyNotes(), 4)
    const note = first!.notes[0]!
    const recording = new NoteCardCache()
    const notRecording = new NoteCardCache({ recordsCopies: false })
    const kept = recording.card(note, first!.context) as unknown as { readonly value: string }
    const node = notRecording.card(note, first!.context) as unknown as { readonly value: string }
    // The same card either way.
    expect(node.value).toBe(kept.value)
    expect(notRecording.trusts(node)).toBe(true)
    expect(notRecording.trusts({ value: node.value })).toBe(false)
    expect(recording.trusts({ value: kept.value })).toBe(true)
  })

  it('trusts no other HTML: a changed card, the card for a page it never made, a script', () => {
    const { cache, node, note, context } = droppedCard()
    const elsewhere: PageContext = createPageContext(
      context.collection,
      context.options,
      context.templates,
      'x/y/z/page.html',
    )
    const notMade = toHtml(defaultTemplates.noteCard(note, elsewhere))
    expect(notMade).not.toBe(node.value)
    expect(cache.trusts({ value: notMade })).toBe(false)
    expect(
      cache.trusts({ value: node.value.replace('</article>', '<script>x</script></article>') }),
    ).toBe(false)
    expect(cache.trusts({ value: '<script>alert(1)</script>' })).toBe(false)
    // One code unit changed in the middle: the fingerprint reads one code unit in 16, so 15 of
    // these 16 values have the card's fingerprint. None is trusted: the card is built again and
    // compared.
    const middle = Math.floor(node.value.length / 2)
    expect(middle).toBeGreaterThan(200)
    for (let i = middle; i < middle + 16; i++) {
      const other = node.value[i] === 'x' ? 'y' : 'x'
      expect(
        cache.trusts({ value: node.value.slice(0, i) + other + node.value.slice(i + 1) }),
      ).toBe(false)
    }
    expect(cache.trusts({ value: '' })).toBe(false)
  })

  it('writes a template’s own raw node with a card’s HTML as HTML, with a tiny bound', () => {
    const notes = manyNotes()
    for (const noteCard of [defaultTemplates.noteCard, customCard]) {
      const plain = site(notes, { pageSize: 4, templates: { noteCard } }, 1)
      const copied = site(
        notes,
        {
          pageSize: 4,
          templates: { noteCard, layout: layoutWith((content) => mapRaw(content, (v) => v)) },
        },
        1,
      )
      expect(bytesOf(copied)).toEqual(bytesOf(plain))
      const page = copied.find((file) => file.path === 'tags/nlp/page-2.html')!
      const cardClass = noteCard === customCard ? 'my-card' : 'note-card'
      expect(select(parsePage(page), 'article', cardClass)).toHaveLength(4)
    }
  })

  it('writes a foreign raw node as text, with a tiny bound', () => {
    const notes = manyNotes()
    const collection = createCollection(notes)
    const note = collection.withTag('nlp')[0]!
    // The card of a note on the page it is on, but as a page in another folder would have it.
    const misplaced = toHtml(
      defaultTemplates.noteCard(
        note,
        createPageContext(collection, resolveHtmlOptions({}), defaultTemplates, 'x/y/page.html'),
      ),
    )
    const foreign: ElementContent[] = [
      { type: 'raw', value: '<script>alert(1)</script>' } as unknown as ElementContent,
      { type: 'raw', value: misplaced } as unknown as ElementContent,
    ]
    const tagPage: Templates['tagPage'] = (page, context) =>
      h('div', [defaultTemplates.tagPage(page, context), ...foreign])
    const files = site(notes, { pageSize: 4, templates: { tagPage } }, 1)
    const html = textOf(files.find((file) => file.path === 'tags/nlp.html')!)
    expect(html).not.toContain('<script>alert(1)')
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>')
    expect(html).not.toContain(misplaced)
    expect(
      select(parsePage(files.find((file) => file.path === 'tags/nlp.html')!), 'article'),
    ).toHaveLength(4)
  })
})

describe('NoteCardCache: notes whose fields are read back on each access', () => {
  it('writes the same bytes with a tiny bound when comments are new objects every time', () => {
    const notes = manyNotes()
    const light = notes.map((note) => {
      const { comments, ...rest } = note
      return Object.defineProperty({ ...rest }, 'comments', {
        enumerable: true,
        get: () => structuredClone(comments),
      }) as Note
    })
    expect(light[0]!.comments[0]).not.toBe(light[0]!.comments[0])
    expect(bytesOf(site(light, { pageSize: 4 }, 1))).toEqual(bytesOf(site(notes, { pageSize: 4 })))
  })
})
