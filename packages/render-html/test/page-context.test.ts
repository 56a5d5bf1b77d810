import { createCollection } from '@paper-notes/core'
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
  })

  it('keeps at most hrefLimit URLs in its memo, and still answers right past it', () => {
    // Every tag folder links its notes: many folders times many notes, as in a large site.
    let asked = 0
    for (let folder = 0; asked <= hrefLimit + 5000; folder++) {
      const page = context(`tags/tag-${folder}/page-2.html`)
      for (let note = 0; note < 5000; note++, asked++) {
        const href = page.href(`notes/${note}.html`)
        if (note % 997 === 0) expect(href).toBe(`../../notes/${note}.html`)
      }
      expect(hrefMemoSize()).toBeLessThanOrEqual(hrefLimit)
    }
    expect(asked).toBeGreaterThan(hrefLimit)
    // Started again at the limit: what was asked since is what it holds.
    expect(hrefMemoSize()).toBeLessThan(hrefLimit)
    expect(context('tags/tag-0/page-2.html').href('notes/1.html')).toBe('../../notes/1.html')
  })
})
