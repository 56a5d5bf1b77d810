import { describe, expect, it } from 'vitest'
import {
  appendElement,
  createXmlDocument,
  insertElementsBefore,
  serializeXml,
  XmlDocumentPattern,
  XmlFragmentWriter,
} from '../src/xml-element.js'

/** Values a note can carry into a feed: markup, references, control characters, Japanese. */
const hostileValues = [
  '<script>alert(1)</script> & "quotes" \'single\' ]]>',
  'R&amp;D &#38; &lt;b&gt; 忘却の研究',
  'a\u0000b\u0008c\uFFFEd\uD800e 😀 tab\there\nnewline',
  '',
  'https://example.org/notes/1.html?a=1&b=<2>',
]

describe('XmlFragmentWriter.pattern', () => {
  it('writes what write writes for the same values, call after call', () => {
    const writer = new XmlFragmentWriter()
    const entry = writer.pattern(1, 'entry', {}, (element, slots) => {
      slots.text(element, 'id')
      slots.text(element, 'title', { type: 'text' })
      slots.attribute(element, 'link', { rel: 'alternate', type: 'text/html' }, 'href')
      slots.text(element, 'content', { type: 'html' })
    })
    for (let i = 0; i < hostileValues.length; i++) {
      const value = (k: number) => hostileValues[(i + k) % hostileValues.length] ?? ''
      const [id, title, href, content] = [value(0), value(1), value(2), value(3)]
      const expected = writer.write(1, 'entry', {}, (element) => {
        appendElement(element, 'id', {}, id)
        appendElement(element, 'title', { type: 'text' }, title)
        appendElement(element, 'link', { rel: 'alternate', type: 'text/html', href })
        appendElement(element, 'content', { type: 'html' }, content)
      })
      expect(entry([id, title, href, content])).toBe(expected)
    }
  })

  it('writes what write writes for every value in every kind of slot', () => {
    // Each value in each slot, the others non-empty: every call is written from the template,
    // and each must be what building the element afresh writes.
    const values = [
      ...hostileValues,
      '"double" \'single\' `back` <a href="x">&</a> > < &amp;amp; &#x26; &unknown; & ;',
      ' leading and trailing spaces ',
      '\r\n\t carriage return, CRLF and tab \r',
      '\u0085 \u2028 \u2029 next line and separators',
      ']]> <![CDATA[ x ]]> <!-- c --> <?pi x?>',
      '😀 astral 𠮷 and combining e\u0301',
      '&',
      '<',
      '"',
    ]
    const writer = new XmlFragmentWriter()
    const entry = writer.pattern(2, 'entry', { kind: 'a&"b' }, (element, slots) => {
      slots.text(element, 'id')
      slots.attribute(element, 'link', { rel: 'alternate', type: 'text/html' }, 'href')
      slots.text(element, 'content', { type: 'html' })
      slots.attribute(element, 'link', { href: '', rel: 'related' }, 'href')
    })
    const fixed = 'https://example.org/notes/1.html'
    for (const value of values) {
      for (let slot = 0; slot < 4; slot++) {
        const given = [fixed, fixed, fixed, fixed]
        given[slot] = value
        const [id, alternate, content, related] = given as [string, string, string, string]
        const expected = writer.write(2, 'entry', { kind: 'a&"b' }, (element) => {
          appendElement(element, 'id', {}, id)
          appendElement(element, 'link', { rel: 'alternate', type: 'text/html', href: alternate })
          appendElement(element, 'content', { type: 'html' }, content)
          appendElement(element, 'link', { href: related, rel: 'related' })
        })
        expect(entry(given), `${JSON.stringify(value)} in slot ${slot}`).toBe(expected)
      }
    }
  })

  it('escapes every value and keeps nothing of an earlier call', () => {
    const writer = new XmlFragmentWriter()
    const item = writer.pattern(0, 'item', {}, (element, slots) => {
      slots.text(element, 'title')
      slots.attribute(element, 'link', {}, 'href')
    })
    expect(item(['<b>R&amp;D</b>', 'https://e.org/?a=1&b="2"'])).toBe(
      '<item>\n  <title>&lt;b&gt;R&amp;amp;D&lt;/b&gt;</title>\n  <link href="https://e.org/?a=1&amp;b=&quot;2&quot;"/>\n</item>',
    )
    expect(item(['忘却', ''])).toBe('<item>\n  <title>忘却</title>\n  <link href=""/>\n</item>')
  })

  it('throws when given another number of values than it has slots', () => {
    const writer = new XmlFragmentWriter()
    const item = writer.pattern(0, 'item', {}, (element, slots) => slots.text(element, 'title'))
    expect(() => item([])).toThrow(/0 values for 1 slots/)
    expect(() => item(['a', 'b'])).toThrow(/2 values for 1 slots/)
  })
})

describe('XmlDocumentPattern', () => {
  it('writes what building the document afresh writes, document after document', () => {
    const pattern = new XmlDocumentPattern(
      'rss',
      { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom' },
      1,
      (rss, slots) => {
        const channel = appendElement(rss, 'channel')
        slots.text(channel, 'title')
        slots.attribute(channel, 'atom:link', { href: '', rel: 'self' }, 'href')
        appendElement(channel, 'generator', {}, 'paper-notes')
        return channel
      },
    )
    const writer = new XmlFragmentWriter()
    for (let i = 0; i < hostileValues.length; i++) {
      const title = hostileValues[i] ?? ''
      const href = hostileValues[(i + 1) % hostileValues.length] ?? ''
      const items = hostileValues
        .slice(0, i)
        .map((text) =>
          writer.write(2, 'item', {}, (item) => appendElement(item, 'title', {}, text)),
        )
      const rss = createXmlDocument('rss', {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
      })
      const channel = appendElement(rss, 'channel')
      appendElement(channel, 'title', {}, title)
      appendElement(channel, 'atom:link', { href, rel: 'self' })
      appendElement(channel, 'generator', {}, 'paper-notes')
      const expected = insertElementsBefore(serializeXml(rss), '\n  </channel>', items)
      expect(pattern.render([title, href], items)).toBe(expected)
    }
  })
})
