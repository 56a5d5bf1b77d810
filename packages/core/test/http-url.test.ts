import { describe, expect, it } from 'vitest'
import { checkBaseUrl, safeHttpUrl } from '../src/index.js'

describe('safeHttpUrl', () => {
  it('keeps absolute http(s) URLs, normalised', () => {
    expect(safeHttpUrl(' https://arxiv.org/abs/2502.02797 ')).toBe(
      'https://arxiv.org/abs/2502.02797',
    )
    expect(safeHttpUrl('HTTP://Example.org')).toBe('http://example.org/')
  })

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    '/relative/path',
    'notes/1.html',
    'mailto:a@example.org',
    'http://',
    'https://',
    'file:///etc/passwd',
    '',
  ])('rejects %j', (url) => {
    expect(safeHttpUrl(url)).toBeUndefined()
  })

  it('passes undefined through', () => {
    expect(safeHttpUrl(undefined)).toBeUndefined()
  })
})

describe('checkBaseUrl', () => {
  const context = {
    caller: '@paper-notes/render-rss',
    example: 'renderFeeds(c, { baseUrl: "https://example.org/" })',
  }

  it('returns a valid base URL unchanged', () => {
    expect(checkBaseUrl('https://example.org/notes', context)).toBe('https://example.org/notes')
  })

  it.each([
    [undefined, /is required/],
    ['', /non-empty string/],
    [42, /non-empty string/],
    ['/notes/', /is not an absolute URL/],
    ['ftp://example.org/', /uses ftp: but must use http: or https:/],
  ])('rejects %j with a message that names the caller and the fix', (value, problem) => {
    expect(() => checkBaseUrl(value, context)).toThrow(TypeError)
    expect(() => checkBaseUrl(value, context)).toThrow(problem)
    expect(() => checkBaseUrl(value, context)).toThrow(
      /^@paper-notes\/render-rss: `baseUrl` .*e\.g\. renderFeeds/,
    )
  })
})
