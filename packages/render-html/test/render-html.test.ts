import {
  createCollection,
  isSafeOutputPath,
  notePagePath,
  parseMarkdown,
  siteUrl,
  tagPagePath,
} from '@paper-notes/core'
import { h } from 'hastscript'
import { describe, expect, it } from 'vitest'
import {
  defaultTemplates,
  htmlRenderer,
  postEmbedScriptUrl,
  renderHtml,
  type Templates,
} from '../src/index.js'
import { makeComment, makeNote } from './note-factory.js'
import { sampleCollection, sampleNotes } from './sample-collection.js'
import {
  elements,
  fileAt,
  internalLinks,
  parsePage,
  select,
  textContent,
  textOf,
} from './site-inspection.js'

describe('renderHtml: files', () => {
  it('writes the stylesheet, the index, one page per tag and one per note', () => {
    const collection = sampleCollection()
    const files = renderHtml(collection)
    const paths = files.map((file) => file.path)
    expect(paths.slice(0, 3)).toEqual(['style.css', 'favicon.svg', 'index.html'])
    for (const tag of collection.tags) expect(paths).toContain(`tags/${tag.slug}.html`)
    for (const note of collection.notes) expect(paths).toContain(`notes/${note.id}.html`)
    // 1 stylesheet + 1 icon + 1 index + 8 tags + 3 notes, nothing else
    expect(collection.tags).toHaveLength(8)
    expect(files).toHaveLength(14)
    expect(new Set(paths).size).toBe(paths.length)
    for (const file of files) {
      expect(isSafeOutputPath(file.path)).toBe(true)
      const extension = file.path.slice(file.path.lastIndexOf('.'))
      expect(file.mediaType).toBe(
        {
          '.css': 'text/css; charset=utf-8',
          '.svg': 'image/svg+xml',
          '.html': 'text/html; charset=utf-8',
        }[extension],
      )
    }
  })

  it('gives tags with spaces, slashes and parentheses file-safe pages', () => {
    const paths = renderHtml(sampleCollection()).map((file) => file.path)
    expect(paths).toContain('tags/supervised-finetuning-sft.html')
    expect(paths).toContain('tags/selected-papers-blogs.html')
    expect(paths).toContain('tags/peft-adaptor-lora.html')
  })

  it('writes notes whose id is not file-safe under core notePagePath', () => {
    const collection = createCollection([makeNote({ id: 'a/b c', tags: ['NLP'] })])
    const files = renderHtml(collection)
    const path = notePagePath('a/b c')
    expect(path).not.toContain(' ')
    expect(files.map((file) => file.path)).toContain(path)
    const card = select(parsePage(fileAt(files, 'tags/nlp.html')), 'h2', 'note-title')[0]!
    expect(select(card, 'a')[0]!.properties.href).toBe(`../${path}`)
  })

  it('renders an empty collection as an index that says so', () => {
    const files = renderHtml(createCollection([]))
    expect(files.map((file) => file.path)).toEqual(['style.css', 'favicon.svg', 'index.html'])
    expect(textOf(fileAt(files, 'index.html'))).toContain('No notes yet.')
  })

  it('ships a stylesheet with dark mode, visible focus, a phone layout and a print layout', () => {
    const css = textOf(fileAt(renderHtml(sampleCollection()), 'style.css'))
    expect(css).toContain('@media (prefers-color-scheme: dark)')
    expect(css).toContain(':focus-visible')
    expect(css).toContain('@media (max-width: 40rem)')
    expect(css).toContain('@media print')
    expect(css).toContain('"Noto Sans JP"')
  })
})

describe('renderHtml: index page', () => {
  const collection = sampleCollection()
  const index = parsePage(fileAt(renderHtml(collection), 'index.html'))

  it('shows the site title, every tag with its count (most used first) and the newest notes', () => {
    expect(textContent(select(index, 'h1')[0]!)).toBe('Paper notes')
    const tagItems = select(select(index, 'ul', 'tag-index')[0]!, 'li')
    expect(tagItems.map((item) => textContent(select(item, 'span', 'tag-name')[0]!))).toEqual(
      collection.tags.map((tag) => tag.name),
    )
    expect(textContent(tagItems[0]!)).toBe('NLP 3 notes')
    expect(select(tagItems[0]!, 'a')[0]!.properties.href).toBe('tags/nlp.html')
    const newest = select(select(index, 'ol', 'note-list')[0]!, 'a')
    expect(newest.map((link) => link.properties.href)).toEqual([
      'notes/4175.html',
      'notes/4100.html',
      'notes/3001.html',
    ])
  })
})

describe('renderHtml: tag pages', () => {
  const collection = sampleCollection()
  const files = renderHtml(collection)

  it('lists the tag notes newest first as cards like the published tag pages', () => {
    const page = parsePage(fileAt(files, 'tags/nlp.html'))
    expect(textContent(select(page, 'h1')[0]!)).toBe('#NLP')
    const cards = select(page, 'article', 'note-card')
    expect(cards).toHaveLength(3)
    const titles = cards.map((card) => select(card, 'h2', 'note-title')[0]!)
    expect(textContent(titles[0]!)).toBe(
      "[Paper Note] Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting, Sunny Sanyal+, ICLR'25, 2025.02",
    )
    expect(titles.map((title) => select(title, 'a')[0]!.properties.href)).toEqual([
      '../notes/4175.html',
      '../notes/4100.html',
      '../notes/3001.html',
    ])
  })

  it('shows tags as links, the issue date, Paper/Blog and issue links, summary and comments', () => {
    const page = parsePage(fileAt(files, 'tags/catastrophic-forgetting.html'))
    const card = select(page, 'article', 'note-card')[0]!
    const tags = select(select(card, 'ul', 'tags')[0]!, 'a')
    expect(tags.map((tag) => [textContent(tag), tag.properties.href])).toEqual([
      ['#NLP', 'nlp.html'],
      ['#Catastrophic Forgetting', 'catastrophic-forgetting.html'],
      ['#Supervised-FineTuning (SFT)', 'supervised-finetuning-sft.html'],
      ['#Selected Papers/Blogs', 'selected-papers-blogs.html'],
    ])
    expect(textContent(select(card, 'p', 'meta')[0]!)).toBe('Issue Date: 2026-01-12')
    const links = select(select(card, 'ul', 'source-links')[0]!, 'a')
    expect(
      links.map((link) => [textContent(link), link.properties.href, link.properties.rel]),
    ).toEqual([
      ['Paper/Blog', 'https://arxiv.org/abs/2502.02797', ['noopener', 'noreferrer']],
      ['Issue', 'https://github.com/example/paper_notes/issues/4175', ['noopener', 'noreferrer']],
    ])
    expect(textContent(select(card, 'section', 'summary')[0]!)).toBe(
      'GPT Summary忘却についての研究。リハーサルを疎にすることで計算量を削減する。',
    )
    const comments = select(card, 'div', 'comment')
    expect(comments).toHaveLength(2)
    const openreview = select(comments[0]!, 'a')[0]!
    expect(openreview.properties.href).toBe('https://openreview.net/forum?id=13HPTmZKbM')
    expect(textContent(comments[1]!)).toContain('易しいサンプルの重みを上げる')
    expect(select(comments[1]!, 'li')).toHaveLength(2)
  })

  it('leaves out the links a note does not have', () => {
    const page = parsePage(fileAt(files, 'tags/one-line-notes.html'))
    const card = select(page, 'article', 'note-card')[0]!
    const links = select(select(card, 'ul', 'source-links')[0]!, 'a')
    expect(links.map((link) => textContent(link))).toEqual(['Paper/Blog'])
    expect(select(card, 'section', 'summary')).toHaveLength(0)
  })

  it('paginates large tags with page links', () => {
    const paged = renderHtml(collection, { pageSize: 2 })
    const paths = paged.map((file) => file.path)
    expect(paths).toContain('tags/nlp.html')
    expect(paths).toContain('tags/nlp/page-2.html')
    expect(paths).not.toContain('tags/nlp/page-3.html')
    const first = parsePage(fileAt(paged, 'tags/nlp.html'))
    const second = parsePage(fileAt(paged, 'tags/nlp/page-2.html'))
    expect(select(first, 'article', 'note-card')).toHaveLength(2)
    expect(select(second, 'article', 'note-card')).toHaveLength(1)
    const secondTitle = select(select(second, 'h2', 'note-title')[0]!, 'a')[0]!
    expect(secondTitle.properties.href).toBe('../../notes/3001.html')
    const firstNav = select(first, 'nav', 'pagination')
    expect(firstNav).toHaveLength(2)
    expect(select(firstNav[0]!, 'a').map((a) => [textContent(a), a.properties.href])).toEqual([
      ['2', 'nlp/page-2.html'],
      ['Older →', 'nlp/page-2.html'],
    ])
    const secondNav = select(second, 'nav', 'pagination')[0]!
    expect(select(secondNav, 'a').map((a) => [textContent(a), a.properties.href])).toEqual([
      ['← Newer', '../nlp.html'],
      ['1', '../nlp.html'],
    ])
    const current = elements(secondNav).filter((el) => el.properties.ariaCurrent === 'page')
    expect(current.map((el) => textContent(el))).toEqual(['2'])
    expect(textContent(select(second, 'p', 'lead')[0]!)).toBe('3 notes, page 2 of 2')
    // a small tag has one page and no page links
    const small = parsePage(fileAt(paged, 'tags/article.html'))
    expect(select(small, 'nav', 'pagination')).toHaveLength(0)
  })

  it('uses 50 notes a page by default', () => {
    const notes = Array.from({ length: 51 }, (_, i) =>
      makeNote({
        id: String(1000 + i),
        titleLine: `Note number ${i}`,
        title: `Note number ${i}`,
        tags: ['Bulk'],
      }),
    )
    const files = renderHtml(createCollection(notes))
    expect(select(parsePage(fileAt(files, 'tags/bulk.html')), 'article', 'note-card')).toHaveLength(
      50,
    )
    const second = parsePage(fileAt(files, 'tags/bulk/page-2.html'))
    const cards = select(second, 'article', 'note-card')
    expect(cards.map((card) => textContent(select(card, 'h2')[0]!))).toEqual(['Note number 0'])
  })
})

describe('renderHtml: note pages', () => {
  const collection = sampleCollection()
  const files = renderHtml(collection)

  it('shows every field of the note', () => {
    const page = parsePage(fileAt(files, 'notes/4175.html'))
    expect(textContent(select(page, 'h1')[0]!)).toBe(
      'Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting',
    )
    expect(textContent(select(page, 'p', 'title-line')[0]!)).toContain("Sunny Sanyal+, ICLR'25")
    const facts = select(page, 'dl', 'facts')[0]!
    const pairs = select(facts, 'dt').map((dt) => textContent(dt))
    expect(pairs).toEqual([
      'Authors',
      'Venue',
      'Published',
      'Issue date',
      'Kind',
      'Tags',
      'Paper/Blog',
      'Issue',
    ])
    const details = select(facts, 'dd').map((dd) => textContent(dd))
    expect(details.slice(0, 5)).toEqual([
      'Sunny Sanyal, Hayden Prairie',
      'ICLR 2025',
      '2025.02',
      '2026-01-12',
      'Paper',
    ])
    const headings = select(page, 'h2').map((heading) => textContent(heading))
    expect(headings).toEqual([
      'Abstract',
      'Translation (by gpt-4o-mini)',
      'Summary (by gpt-4o-mini)',
      'Notes',
      'Comments',
      'Related notes',
    ])
    expect(textContent(select(page, 'section', 'translation')[0]!)).toContain(
      '継続的な指示チューニングにおける忘却を研究する。',
    )
    expect(textContent(select(page, 'section', 'note-section')[0]!)).toContain('追加のメモ')
    const bylines = select(page, 'h3', 'comment-byline').map((heading) => textContent(heading))
    expect(bylines).toEqual(['Comment 1', 'Comment 2 by someone on 2026-01-13'])
    expect(textContent(select(page, 'p', 'source')[0]!)).toBe('Source: markdown (notes/100.md:1:1)')
  })

  it('links resolved related notes and keeps unresolved ones as text', () => {
    const page = parsePage(fileAt(files, 'notes/4175.html'))
    const items = select(select(page, 'section', 'related')[0]!, 'li')
    expect(items).toHaveLength(2)
    const link = select(items[0]!, 'a')[0]!
    expect(link.properties.href).toBe('4100.html')
    expect(textContent(link)).toContain('General-Reasoner')
    expect(select(items[1]!, 'a')).toHaveLength(0)
    expect(textContent(items[1]!)).toBe("[Paper Note] A Paper Nobody Wrote Down, Nobody+, arXiv'24")
  })

  it('lists back-links as "Referenced by"', () => {
    const page = parsePage(fileAt(files, 'notes/4100.html'))
    const section = select(page, 'section', 'backlinks')[0]!
    expect(textContent(select(section, 'h2')[0]!)).toBe('Referenced by')
    expect(select(section, 'a').map((a) => a.properties.href)).toEqual(['4175.html'])
    expect(
      select(parsePage(fileAt(files, 'notes/4175.html')), 'section', 'backlinks'),
    ).toHaveLength(0)
  })

  it('marks English titles and abstracts lang="en" in a Japanese page, not Japanese ones', () => {
    const english = parsePage(fileAt(files, 'notes/4175.html'))
    expect(select(english, 'html')[0]!.properties.lang).toBe('ja')
    expect(select(english, 'h1')[0]!.properties.lang).toBe('en')
    expect(select(english, 'section', 'abstract')[0]!.properties.lang).toBe('en')
    const japanese = parsePage(fileAt(files, 'notes/3001.html'))
    expect(select(japanese, 'h1')[0]!.properties.lang).toBeUndefined()
  })

  it('renders a comment from its tree when it has one, else from its markdown', () => {
    const withTree = makeComment({
      markdown: 'from markdown',
      tree: parseMarkdown('from **tree**'),
    })
    const withoutTree = makeComment({ markdown: 'only *markdown*' })
    const files = renderHtml(createCollection([makeNote({ comments: [withTree, withoutTree] })]))
    const comments = select(parsePage(fileAt(files, 'notes/100.html')), 'article', 'comment')
    expect(textContent(comments[0]!)).toBe('Comment 1from tree')
    expect(select(comments[0]!, 'strong')).toHaveLength(1)
    expect(textContent(comments[1]!)).toBe('Comment 2only markdown')
    expect(select(comments[1]!, 'em')).toHaveLength(1)
  })

  it('shows a changed comment when the same note object is rendered again', () => {
    const comment = makeComment({ markdown: 'first version' })
    const collection = createCollection([makeNote({ comments: [comment] })])
    const commentText = () =>
      textContent(
        select(
          parsePage(fileAt(renderHtml(collection), 'notes/100.html')),
          'article',
          'comment',
        )[0]!,
      )
    expect(commentText()).toBe('Comment 1first version')
    comment.markdown = 'second version'
    expect(commentText()).toBe('Comment 1second version')
  })

  it('lets keyboard users scroll code blocks and tables (tabindex="0")', () => {
    const markdown = '```sh\npip install kappa-train\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |'
    const note = makeNote({
      comments: [makeComment({ markdown })],
      sections: [{ heading: 'Code', markdown }],
    })
    const page = parsePage(fileAt(renderHtml(createCollection([note])), 'notes/100.html'))
    const scrollables = elements(page).filter(
      (el) => el.tagName === 'pre' || el.tagName === 'table',
    )
    expect(scrollables.map((el) => [el.tagName, el.properties.tabIndex])).toEqual([
      ['pre', 0],
      ['table', 0],
      ['pre', 0],
      ['table', 0],
    ])
  })

  it('marks links whose text is their URL, so print does not show the URL twice', () => {
    const comment = makeComment({
      markdown: 'Code: https://example.org/code and [a demo](https://example.org/demo)',
    })
    const page = parsePage(
      fileAt(renderHtml(createCollection([makeNote({ comments: [comment] })])), 'notes/100.html'),
    )
    const links = select(select(page, 'article', 'comment')[0]!, 'a')
    expect(links.map((a) => [textContent(a), a.properties.className])).toEqual([
      ['https://example.org/code', ['bare-url']],
      ['a demo', undefined],
    ])
    const paper = select(select(page, 'dl', 'facts')[0]!, 'a').find(
      (a) => a.properties.href === 'https://arxiv.org/abs/2502.00001',
    )
    expect(paper?.properties.className).toEqual(['bare-url'])
  })

  it('keeps extra fields and says "et al." for a "+" author', () => {
    const note = makeNote({ extra: { reviewer: 'Grace', score: 7 } })
    const page = parsePage(fileAt(renderHtml(createCollection([note])), 'notes/100.html'))
    expect(textContent(select(page, 'dd')[0]!)).toBe('Ada Lovelace et al.')
    const extra = select(page, 'section', 'extra')[0]!
    expect(select(extra, 'dt').map((dt) => textContent(dt))).toEqual(['reviewer', 'score'])
    expect(select(extra, 'dd').map((dd) => textContent(dd))).toEqual(['Grace', '7'])
  })

  it('names a note without any title by its issue date', () => {
    const note = makeNote({
      id: 'abc123',
      titleLine: '',
      title: '',
      tags: ['Catastrophic Forgetting'],
    })
    const files = renderHtml(createCollection([note]))
    expect(textContent(select(parsePage(fileAt(files, 'notes/abc123.html')), 'h1')[0]!)).toBe(
      'Untitled note (2025-03-01)',
    )
  })
})

describe('renderHtml: social posts', () => {
  const collection = sampleCollection()

  it('shows posts as link cards and loads no script by default', () => {
    const files = renderHtml(collection)
    const page = parsePage(fileAt(files, 'notes/4100.html'))
    const cards = select(page, 'p', 'post-card')
    expect(cards).toHaveLength(1)
    const link = select(cards[0]!, 'a')[0]!
    expect(link.properties.href).toBe('https://x.com/example_ai/status/1976000000000000001')
    expect(link.properties.rel).toEqual(['noopener', 'noreferrer'])
    expect(textContent(cards[0]!)).toBe('Post on X x.com/example_ai/status/1976000000000000001')
    // the bare URL paragraph became the card: the URL is not shown twice
    expect(
      select(page, 'a').filter((a) => a.properties.href === link.properties.href),
    ).toHaveLength(1)
    for (const file of files.filter((f) => f.path.endsWith('.html'))) {
      expect(select(parsePage(file), 'script')).toHaveLength(0)
    }
  })

  it('turns the "Loading…" placeholder of a post without URL into a card that says so', () => {
    const page = parsePage(fileAt(renderHtml(collection), 'notes/3001.html'))
    const missing = select(page, 'p', 'post-card-missing')
    expect(missing.map((card) => textContent(card))).toEqual(['Post (link not kept)'])
    expect(textOf(fileAt(renderHtml(collection), 'notes/3001.html'))).not.toContain('Loading…')
  })

  it('with embedPosts, embeds X posts and loads the official script only where needed', () => {
    const files = renderHtml(collection, { embedPosts: true })
    // note 4100 (the one with an X post) and its three tags
    const withPost = [
      'notes/4100.html',
      'tags/nlp.html',
      'tags/posttraining.html',
      'tags/peft-adaptor-lora.html',
    ]
    for (const file of files.filter((f) => f.path.endsWith('.html'))) {
      const scripts = select(parsePage(file), 'script')
      if (withPost.includes(file.path)) {
        expect(
          scripts.map((s) => s.properties.src),
          file.path,
        ).toEqual([postEmbedScriptUrl])
      } else {
        expect(scripts, file.path).toHaveLength(0)
      }
    }
    const quote = select(parsePage(fileAt(files, 'notes/4100.html')), 'blockquote', 'twitter-tweet')
    expect(quote).toHaveLength(1)
    expect(select(quote[0]!, 'a')[0]!.properties.href).toBe(
      'https://x.com/example_ai/status/1976000000000000001',
    )
  })

  it('appends posts that the comment text does not show', () => {
    const comment = makeComment({
      markdown: 'See the thread.',
      posts: [{ url: 'https://bsky.app/profile/example.org/post/3abc?ref=feed#top' }],
    })
    const page = parsePage(
      fileAt(renderHtml(createCollection([makeNote({ comments: [comment] })])), 'notes/100.html'),
    )
    const comments = select(page, 'article', 'comment')
    const children = comments[0]!.children.filter((child) => child.type === 'element')
    expect(children.map((child) => child.tagName)).toEqual(['h3', 'p', 'p'])
    expect(textContent(children[2]!)).toBe('Post on Bluesky bsky.app/profile/example.org/post/3abc')
  })
})

describe('renderHtml: options', () => {
  const collection = sampleCollection()

  it('uses siteTitle in every page title and header', () => {
    const files = renderHtml(collection, { siteTitle: '論文メモ' })
    const index = parsePage(fileAt(files, 'index.html'))
    expect(textContent(select(index, 'title')[0]!)).toBe('論文メモ')
    const tag = parsePage(fileAt(files, 'tags/nlp.html'))
    expect(textContent(select(tag, 'title')[0]!)).toBe('#NLP | 論文メモ')
    expect(textContent(select(tag, 'a', 'site-title')[0]!)).toBe('論文メモ')
  })

  it('adds absolute canonical links only when baseUrl is given', () => {
    const base = 'https://example.org/paper-notes'
    for (const file of renderHtml(collection, { baseUrl: base }).filter((f) =>
      f.path.endsWith('.html'),
    )) {
      const canonical = select(parsePage(file), 'link').filter((link) =>
        String(link.properties.rel).includes('canonical'),
      )
      expect(canonical.map((link) => link.properties.href)).toEqual([siteUrl(base, file.path)])
    }
    const page = parsePage(fileAt(renderHtml(collection, { baseUrl: base }), 'tags/nlp.html'))
    expect(
      select(page, 'link').find((link) => String(link.properties.rel) === 'canonical')?.properties
        .href,
    ).toBe('https://example.org/paper-notes/tags/nlp.html')
    const without = parsePage(fileAt(renderHtml(collection), 'tags/nlp.html'))
    expect(select(without, 'link').map((link) => String(link.properties.rel))).toEqual([
      'icon',
      'stylesheet',
    ])
  })

  it('sets the page language; lang="en" marks appear only in Japanese pages', () => {
    const page = parsePage(fileAt(renderHtml(collection, { lang: 'en' }), 'notes/4175.html'))
    expect(select(page, 'html')[0]!.properties.lang).toBe('en')
    expect(elements(page).filter((el) => el.tagName !== 'html' && el.properties.lang)).toHaveLength(
      0,
    )
  })

  it('rejects a page size that is not a positive integer and a base URL that is not http(s)', () => {
    expect(() => renderHtml(collection, { pageSize: 0 })).toThrow(RangeError)
    expect(() => renderHtml(collection, { pageSize: 2.5 })).toThrow(RangeError)
    expect(() => renderHtml(collection, { baseUrl: 'javascript:alert(1)' })).toThrow(RangeError)
    expect(() => renderHtml(collection, { baseUrl: 'notes/' })).toThrow(RangeError)
  })
})

describe('renderHtml: templates', () => {
  const collection = sampleCollection()

  it('uses a replaced noteCard on tag pages and keeps the other defaults', () => {
    const noteCard: Templates['noteCard'] = (note, context) =>
      h('article', { className: ['my-card'] }, [
        h('a', { href: context.href(notePagePath(note.id)) }, note.title),
      ])
    const files = renderHtml(collection, { templates: { noteCard } })
    const page = parsePage(fileAt(files, 'tags/nlp.html'))
    expect(select(page, 'article', 'note-card')).toHaveLength(0)
    const cards = select(page, 'article', 'my-card')
    expect(cards.map((card) => select(card, 'a')[0]!.properties.href)).toEqual([
      '../notes/4175.html',
      '../notes/4100.html',
      '../notes/3001.html',
    ])
    expect(textContent(select(page, 'h1')[0]!)).toBe('#NLP')
  })

  it('lets a layout wrap the default one', () => {
    const layout: Templates['layout'] = (page, context) => {
      const tree = defaultTemplates.layout(page, context)
      const body = select(tree, 'body')[0]!
      body.children.push(h('p', { className: ['my-footer'] }, `${page.kind}: ${context.path}`))
      return tree
    }
    const files = renderHtml(collection, { templates: { layout } })
    const page = parsePage(fileAt(files, 'notes/4100.html'))
    expect(textContent(select(page, 'p', 'my-footer')[0]!)).toBe('note: notes/4100.html')
  })

  it('lets notePage, tagPage and indexPage be replaced', () => {
    const templates: Partial<Templates> = {
      indexPage: (page) => h('div', `tags: ${page.tags.length}`),
      tagPage: (page) => h('div', `${page.tag.name} ${page.page}/${page.pageCount}`),
      notePage: (note) => h('div', `note ${note.id}`),
    }
    const files = renderHtml(collection, { templates, pageSize: 2 })
    const mainText = (path: string) =>
      textContent(select(parsePage(fileAt(files, path)), 'main')[0]!)
    expect(mainText('index.html')).toBe('tags: 8')
    expect(mainText('tags/nlp/page-2.html')).toBe('NLP 2/2')
    expect(mainText('notes/3001.html')).toBe('note 3001')
  })
})

describe('renderHtml: determinism and links', () => {
  it('gives byte-identical files for the same notes, whatever their input order', () => {
    const first = renderHtml(createCollection(sampleNotes()), { pageSize: 2, embedPosts: true })
    const second = renderHtml(createCollection(sampleNotes().reverse()), {
      pageSize: 2,
      embedPosts: true,
    })
    expect(second.map((file) => file.path)).toEqual(first.map((file) => file.path))
    expect(second.map((file) => textOf(file))).toEqual(first.map((file) => textOf(file)))
  })

  it.each([{ pageSize: 1 }, { pageSize: 2 }, {}])(
    'makes every internal link point at a produced file (%o)',
    (options) => {
      const files = renderHtml(sampleCollection(), options)
      const produced = new Set(files.map((file) => file.path))
      const links = internalLinks(files)
      expect(links.length).toBeGreaterThan(50)
      const broken = links.filter((link) => !produced.has(link.to.replace(/#.*$/, '')))
      expect(broken).toEqual([])
      // every tag page and note page is reachable from some other page
      const targets = new Set(links.map((link) => link.to))
      for (const path of produced) if (path !== 'index.html') expect(targets).toContain(path)
    },
  )

  it('links tags to the same paths as core tagPagePath', () => {
    const collection = sampleCollection()
    const links = internalLinks(renderHtml(collection)).filter((link) => link.from === 'index.html')
    for (const tag of collection.tags) {
      expect(links.map((link) => link.to)).toContain(tagPagePath(tag.slug))
    }
  })
})

describe('htmlRenderer', () => {
  it('is the renderer plugin named "html" and renders what renderHtml renders', async () => {
    expect(htmlRenderer.name).toBe('html')
    const collection = sampleCollection()
    const files = await htmlRenderer.render(collection, { siteTitle: 'X' })
    expect(files).toEqual(renderHtml(collection, { siteTitle: 'X' }))
  })
})
