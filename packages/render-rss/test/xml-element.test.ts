import { describe, expect, it } from 'vitest'
import { appendElement, XmlFragmentWriter } from '../src/xml-element.js'

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
      const [id, title, href, content] = [0, 1, 2, 3].map(
        (k) => hostileValues[(i + k) % hostileValues.length]!,
      )
      const expected = writer.write(1, 'entry', {}, (element) => {
        appendElement(element, 'id', {}, id)
        appendElement(element, 'title', { type: 'text' }, title)
        appendElement(element, 'link', { rel: 'alternate', type: 'text/html', href })
        appendElement(element, 'content', { type: 'html' }, content)
      })
      expect(entry([id, title, href, content])).toBe(expected)
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
