import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { planRenderers } from '../src/renderers.js'
import { UsageError } from '../src/usage-error.js'
import { makeTempDir, writeTree } from './temp-dir.js'

describe('planRenderers', () => {
  it('runs html, json and rss by default, skipping rss with a warning without a base URL', async () => {
    const warnings: string[] = []
    const withoutBase = await planRenderers({ cwd: '/', warn: (m) => warnings.push(m) })
    expect(withoutBase.map((r) => r.name)).toEqual(['html', 'json'])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('--base-url')
    const withBase = await planRenderers({ cwd: '/', baseUrl: 'https://example.org/notes/' })
    expect(withBase.map((r) => r.name)).toEqual(['html', 'json', 'rss'])
  })

  it('takes a comma-separated list, ignoring spaces, empty entries and repeats', async () => {
    const planned = await planRenderers({ cwd: '/', list: ' json, ,html,json ' })
    expect(planned.map((r) => r.name)).toEqual(['json', 'html'])
  })

  it('refuses rss without a base URL, unknown names, an empty list and a bad base URL', async () => {
    await expect(planRenderers({ cwd: '/', list: 'rss' })).rejects.toThrow(UsageError)
    await expect(planRenderers({ cwd: '/', list: 'html,pdf' })).rejects.toThrow(
      'Unknown renderer "pdf"',
    )
    await expect(planRenderers({ cwd: '/', list: ' , ' })).rejects.toThrow('--renderers is empty')
    for (const baseUrl of ['example.org', 'ftp://example.org/', 'javascript:alert(1)']) {
      await expect(planRenderers({ cwd: '/', baseUrl })).rejects.toThrow(
        '--base-url must be an absolute http(s) URL',
      )
    }
  })

  it('loads a renderer module (default export or `renderer`) and passes the site settings', async () => {
    const cwd = await makeTempDir()
    await writeTree(cwd, {
      'titles.mjs': `export default {
  name: 'titles',
  render: (collection, options) => [{ path: 'titles.txt', contents: JSON.stringify(options), mediaType: 'text/plain' }],
}
`,
      'lib/named.mjs': `export const renderer = { name: 'named', render: () => [] }\n`,
      'nothing.mjs': 'export const value = 1\n',
    })
    const planned = await planRenderers({
      cwd,
      list: `./titles.mjs,${join(cwd, 'lib/named.mjs')}`,
      siteTitle: 'ノート',
    })
    expect(planned.map((r) => r.name)).toEqual(['titles', 'named'])
    const { createCollection } = await import('@paper-notes/core')
    const [file] = await planned[0]!.render(createCollection([]))
    expect(JSON.parse(String(file!.contents))).toEqual({ siteTitle: 'ノート' })
    await expect(planRenderers({ cwd, list: './nothing.mjs' })).rejects.toThrow(
      'exports no renderer',
    )
    await expect(planRenderers({ cwd, list: './missing.mjs' })).rejects.toThrow(
      'Cannot load the renderer module ./missing.mjs',
    )
    // A module's options are its own: no cache size is passed to it.
    expect(planned[0]!.withCacheBytes).toBeUndefined()
  })

  it('gives the built-in renderers with small caches: the same files and options key', async () => {
    const { createCollection, renderPlannedFiles } = await import('@paper-notes/core')
    const { makeComment, makeNote } = await import('../../../test-support/note-factory.ts')
    const notes = Array.from({ length: 12 }, (_, index) =>
      makeNote({
        id: String(300 + index),
        title: `Note ${index}`,
        issueDate: `2025-03-${String(index + 1).padStart(2, '0')}`,
        tags: ['NLP', index % 2 === 0 ? 'Even' : 'Odd', index % 3 === 0 ? 'Third' : 'Other'],
        comments: [
          makeComment({ markdown: `元ポスト: note ${index}, see #${300 + ((index + 1) % 12)}` }),
        ],
      }),
    )
    const collection = createCollection(notes)
    const planned = await planRenderers({ cwd: '/', baseUrl: 'https://example.org/' })
    expect(planned.map((r) => r.name)).toEqual(['html', 'json', 'rss'])
    for (const renderer of planned) {
      const small = renderer.withCacheBytes!(0)
      expect(small.name).toBe(renderer.name)
      expect(small.optionsKey).toBe(renderer.optionsKey)
      expect(renderPlannedFiles(small.plan!(collection))).toEqual(
        renderPlannedFiles(renderer.plan!(collection)),
      )
      // The size reaches the renderer, which checks it.
      expect(() => [...renderer.withCacheBytes!(-1).plan!(collection)]).toThrow(/cacheBytes/)
    }
  })
})
