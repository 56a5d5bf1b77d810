import { createCollection, relativeUrl } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { defaultTemplates, resolveHtmlOptions } from '../src/index.js'
import { createPageContext, hrefLimit, hrefMemoSize } from '../src/page-context.js'

describe('createPageContext: href', () => {
  const collection = createCollection([])
  const options = resolveHtmlOptions({})
  const context = (path: string) => createPageContext(collection, options, defaultTemplates, path)

  it('writes relative URLs from the page folder', () => {
    expect(context('tags/nlp.html').href('notes/12.html')).toBe('../notes/12.html')
    expect(context('tags/nlp/page-2.html').href('notes/12.html')).toBe('../../notes/12.html')
    expect(context('tags/nlp/page-2.html').href('tags/nlp/page-3.html')).toBe('page-3.html')
    expect(context('index.html').href('tags/nlp.html')).toBe('tags/nlp.html')
    expect(context('tags/nlp.html').href('style.css')).toBe('../style.css')
    expect(context('a/b/c.html').href('a/d/')).toBe('../d/')
  })

  it('gives what core’s relativeUrl gives, for any pair of paths', () => {
    const paths = [
      'index.html',
      'style.css',
      'notes/12.html',
      'notes/12.html#comment-2',
      'notes/',
      'tags/nlp.html',
      'tags/nlp/page-2.html',
      'tags/nlp/page-2.html?a=b/c',
      'tags/llm/page-3.html',
      'a/b/c/d.html',
      'a/b/',
      '',
      '/',
      'x//y.html',
    ]
    for (const from of paths) {
      for (const to of paths) {
        expect(context(from).href(to), `${from} → ${to}`).toBe(relativeUrl(from, to))
      }
    }
  })

  it('keeps one entry per pair of folders, however many files it links', () => {
    const page = context('tags/one-folder/page-2.html')
    page.href('notes/0.html')
    const held = hrefMemoSize()
    for (let note = 1; note < 5000; note++) {
      expect(page.href(`notes/${note}.html`)).toBe(`../../notes/${note}.html`)
    }
    expect(hrefMemoSize()).toBe(held)
  })

  it('keeps at most hrefLimit folders and starts in its memo, and still answers right past it', () => {
    // Pages in many folders, each linking pages in many folders.
    let asked = 0
    for (let folder = 0; asked <= hrefLimit + 5000; folder++) {
      const page = context(`tags/tag-${folder}/page-2.html`)
      for (let target = 0; target < 500; target++, asked++) {
        const href = page.href(`tags/tag-${target}/page-3.html`)
        const expected = target === folder ? 'page-3.html' : `../tag-${target}/page-3.html`
        if (target % 97 === 0 || target === folder) expect(href).toBe(expected)
      }
      expect(hrefMemoSize()).toBeLessThanOrEqual(hrefLimit)
    }
    expect(asked).toBeGreaterThan(hrefLimit)
    // Started again at the limit: what was asked since is what it holds.
    expect(hrefMemoSize()).toBeLessThan(hrefLimit)
    expect(context('tags/tag-0/page-2.html').href('notes/1.html')).toBe('../../notes/1.html')
  })
})
