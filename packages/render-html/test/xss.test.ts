import type { Note, RenderedFile } from '@paper-notes/core'
import { createCollection, isSafeOutputPath, notePagePath, parseMarkdown } from '@paper-notes/core'
import type { Element } from 'hast'
import { describe, expect, it } from 'vitest'
import { postEmbedScriptUrl, renderHtml } from '../src/index.js'
import { makeComment, makeNote } from './note-factory.js'
import { elements, fileAt, parsePage, select, textContent } from './site-inspection.js'

/** Script-injection attempts, from classic to parser-confusion tricks. */
const payloads: string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '  javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '[click](data:text/html,<script>alert(1)</script>)',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml,<svg onload=alert(1)>)',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="color:red">x</p>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<style>@import 'javascript:alert(1)';</style>",
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>',
  '<isindex action=javascript:alert(1) type=image>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<img src="x" alt="" onerror="alert(1)">',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<template><script>alert(1)</script></template>',
  '<!--<script>alert(1)//-->',
  '<scr<script>ipt>alert(1)</script>',
  '<img """><script>alert(1)</script>">',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="javas&#99;ript:alert(1)">x</a>',
  '<img src=1 onerror=alert`1`>',
  '<textarea><script>alert(1)</script></textarea>',
  '<xmp><script>alert(1)</script></xmp>',
  '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<a href="https://ok.example/" onclick="alert(1)">x</a>',
  'https://x.com/a/status/1"><script>alert(1)</script>',
  'https://example.org/" onmouseover="alert(1)',
  '<a id="main" name="main" href="#">clobber</a>',
  '</title><script>alert(1)</script>',
  '</textarea></style></noscript><script>alert(1)</script>',
]

/** One note with the payload in every field that can hold text or a URL. */
function hostileNote(payload: string, index: number): Note {
  const markdown = `before\n\n${payload}\n\nafter`
  return makeNote({
    id: index % 5 === 0 ? payload : `x${index}`,
    issueDate: `2025-01-${String((index % 28) + 1).padStart(2, '0')}`,
    titleLine: payload,
    title: payload,
    authors: [payload],
    etAl: false,
    venue: { name: payload, qualifier: payload },
    tags: [payload, 'XSS payloads'],
    links: { paper: payload, issue: payload },
    abstract: payload,
    translation: { text: payload, model: payload },
    summary: { text: payload, model: payload },
    sections: [{ heading: payload, markdown: payload }],
    comments: [
      makeComment({
        markdown: payload,
        author: payload,
        date: payload,
        posts: [{ url: payload, platform: payload }],
        images: [{ url: payload, alt: payload }],
        links: [{ url: payload, label: payload, text: payload }],
        related: [{ text: payload, url: payload, titleLine: payload }],
      }),
      makeComment({ markdown, tree: parseMarkdown(markdown) }),
      makeComment({ markdown: `[link](${payload}) ![image](${payload}) <${payload}>` }),
    ],
    extra: { [payload]: payload },
  })
}

const urlAttributes = ['href', 'src', 'action', 'formAction', 'xLinkHref', 'poster', 'cite']
const dangerousScheme = /^(?:javascript|vbscript|data):/

/** What a browser would see as the URL's scheme: no whitespace or control characters. */
function schemeView(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers strip these from URLs
  return value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase()
}

/** Every problem found in one page. */
function findInjections(file: RenderedFile, embedPosts: boolean): string[] {
  const problems: string[] = []
  for (const element of elements(parsePage(file))) {
    const where = `${file.path} <${element.tagName}>`
    if (['script', 'iframe', 'object', 'embed'].includes(element.tagName)) {
      const allowed =
        embedPosts &&
        element.tagName === 'script' &&
        element.properties.src === postEmbedScriptUrl &&
        element.children.length === 0
      if (!allowed) problems.push(`${where}: forbidden element`)
    }
    if (['style', 'base', 'form', 'button', 'textarea', 'frame'].includes(element.tagName)) {
      problems.push(`${where}: element from content`)
    }
    if (element.tagName === 'meta' && element.properties.httpEquiv !== undefined) {
      problems.push(`${where}: meta http-equiv`)
    }
    for (const [name, value] of Object.entries(element.properties)) {
      if (name.toLowerCase().startsWith('on')) problems.push(`${where}: attribute ${name}`)
      if (name === 'style') problems.push(`${where}: style attribute`)
      if (name === 'srcDoc') problems.push(`${where}: srcdoc attribute`)
      if (urlAttributes.includes(name)) {
        const values = Array.isArray(value) ? value : [value]
        for (const one of values) {
          if (dangerousScheme.test(schemeView(String(one)))) {
            problems.push(`${where}: ${name}=${String(one)}`)
          }
        }
      }
    }
  }
  return problems
}

const notes = payloads.map(hostileNote)
const collection = createCollection(notes)

describe('XSS: no payload survives into any page', () => {
  it('has a checker that catches each kind of injection', () => {
    const page = (html: string): RenderedFile => ({
      path: 'bad.html',
      contents: `<!doctype html><html><head><title>t</title></head><body>${html}</body></html>`,
      mediaType: 'text/html; charset=utf-8',
    })
    const bad = [
      '<script>alert(1)</script>',
      '<iframe></iframe>',
      '<object></object>',
      '<embed>',
      '<img src=x onerror=alert(1)>',
      '<a href=" JavaScript:alert(1)">x</a>',
      '<a href="java&#10;script:alert(1)">x</a>',
      '<a href="data:text/html,x">x</a>',
      '<form action="vbscript:x"></form>',
      '<p style="color:red">x</p>',
      '<meta http-equiv="refresh" content="0">',
      `<script src="${postEmbedScriptUrl}"></script>`,
    ]
    for (const html of bad) expect(findInjections(page(html), false), html).not.toEqual([])
    expect(
      findInjections(page(`<script async src="${postEmbedScriptUrl}"></script>`), true),
    ).toEqual([])
    expect(findInjections(page('<a href="https://ok.example/">ok</a>'), false)).toEqual([])
  })

  it('has at least 50 payloads, each in its own note', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(50)
    expect(new Set(payloads).size).toBe(payloads.length)
    expect(collection.notes).toHaveLength(payloads.length)
  })

  for (const embedPosts of [false, true]) {
    it(`leaves no script, handler, dangerous URL, style or refresh (embedPosts: ${embedPosts})`, () => {
      const files = renderHtml(collection, { embedPosts, pageSize: 7 })
      const pages = files.filter((file) => file.path.endsWith('.html'))
      // index + one page per note + the pages of every tag
      expect(pages.length).toBeGreaterThan(payloads.length + 1)
      for (const file of files) expect(isSafeOutputPath(file.path), file.path).toBe(true)
      const problems = pages.flatMap((file) => findInjections(file, embedPosts))
      expect(problems).toEqual([])
    })
  }

  it('allows exactly the official embed script, and only with embedPosts', () => {
    const post = makeComment({
      markdown: 'https://x.com/someone/status/123',
      posts: [{ url: 'https://x.com/someone/status/123', platform: 'x' }],
    })
    const with123 = createCollection([...notes, makeNote({ id: '9999', comments: [post] })])
    const page = fileAt(renderHtml(with123, { embedPosts: true }), 'notes/9999.html')
    expect(select(parsePage(page), 'script').map((s) => s.properties.src)).toEqual([
      postEmbedScriptUrl,
    ])
    const plain = fileAt(renderHtml(with123), 'notes/9999.html')
    expect(select(parsePage(plain), 'script')).toEqual([])
  })

  it('shows payloads in titles, authors and tags as text, escaped rather than dropped', () => {
    const files = renderHtml(collection)
    for (const [index, payload] of payloads.entries()) {
      const note = notes[index]!
      const page = parsePage(fileAt(files, notePagePath(note.id)))
      const main = select(page, 'main')[0]!
      expect(textContent(select(main, 'h1')[0]!)).toBe(payload.trim())
      const facts = select(main, 'dl', 'facts')[0]!
      const authors = select(facts, 'dd')[0]!
      expect(textContent(authors)).toBe(payload)
      const tags = select(facts, 'a', 'tag').map((a) => textContent(a))
      expect(tags).toContain(`#${payload}`)
    }
  })

  it('escapes a hostile site title and never puts unsafe note URLs into hrefs', () => {
    const siteTitle = '</title><script>alert(1)</script>'
    const files = renderHtml(collection, { siteTitle })
    const index = parsePage(fileAt(files, 'index.html'))
    expect(textContent(select(index, 'title')[0]!)).toBe(siteTitle)
    expect(select(index, 'script')).toEqual([])
    const hrefs = files
      .filter((file) => file.path.endsWith('.html'))
      .flatMap((file) => select(parsePage(file), 'a'))
      .map((a: Element) => a.properties.href)
      .filter((href): href is string => typeof href === 'string' && /^[a-z]+:/i.test(href))
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//)
  })
})
