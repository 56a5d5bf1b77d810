/**
 * The plan reads a comment's tree for references only when its markdown has a `#`, `&`, a
 * backslash or `/issues/` (`treeMayAddReferences`): without them, the strings of the mdast of the
 * markdown hold no `#` and no `/issues/` (checked here on markdown using most of GFM), so the
 * tree adds no reference; with them it may.
 */
import { parseMarkdown } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { treeMayAddReferences } from '../src/plan-dependencies.js'

/** Every `value` and `url` of a tree, as the plan collects them. */
function treeStrings(node: unknown, out: string[] = []): string[] {
  if (node === null || typeof node !== 'object') return out
  const { value, url, children } = node as { value?: unknown; url?: unknown; children?: unknown }
  if (typeof value === 'string') out.push(value)
  if (typeof url === 'string') out.push(url)
  if (Array.isArray(children)) for (const child of children) treeStrings(child, out)
  return out
}

const withoutMarkers = [
  '元ポスト: https://x.com/someone/status/1234567890',
  'www.github.com/example/notes/pull/12 と example@example.org',
  '[関連ノート][ref] と [link](https://github.com/example/notes/pulls?q=is%3Aissue)\n\n[ref]: https://github.com/example/notes/wiki/issue-12 "Issue 12"',
  '| 手法 | 忘却 |\n| --- | ---: |\n| **Replay** 12 | ~~7.9~~ 8.1 |',
  '- [x] 再現 1\n- [ ] コード: `issues/12`\n\n```ts\nconst issue = 12\n```',
  'Footnote[^1] *1*23 and <span>raw 12</span> <!-- 12 -->\n\n[^1]: see issue 12',
  '![図](https://example.org/issues.png) https://github.com/example/notes/issues',
]

const withMarkers: [string, string][] = [
  ['&#35;123', '#'],
  ['\\#123 at a line start', '#'],
  ['[a](https://github.com/example/notes&#x2F;issues/5)', '/issues/'],
  ['[a](https://github.com/example/notes\\/issues\\/5)', '/issues/'],
  ['#*1*23', '#'],
]

describe('treeMayAddReferences', () => {
  it('is false only for markdown whose tree holds no # and no /issues/', () => {
    for (const markdown of withoutMarkers) {
      expect(treeMayAddReferences(markdown), markdown).toBe(false)
      const strings = treeStrings(parseMarkdown(markdown))
      expect(strings.length, markdown).toBeGreaterThan(0)
      for (const text of strings) {
        expect(text.includes('#') || text.includes('/issues/'), `${markdown}: ${text}`).toBe(false)
      }
    }
  })

  it('is true for markdown whose tree writes a # or an /issues/ by a reference or an escape', () => {
    for (const [markdown, made] of withMarkers) {
      expect(treeMayAddReferences(markdown), markdown).toBe(true)
      expect(treeStrings(parseMarkdown(markdown)).join(''), markdown).toContain(made)
    }
    expect(treeMayAddReferences('see https://github.com/example/notes/issues/5')).toBe(true)
  })
})
