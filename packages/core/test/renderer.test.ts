import { describe, expect, it } from 'vitest'
import { makeNote } from '../../../test-support/note-factory.ts'
import { createCollection, defineRenderer, isSafeOutputPath, type Renderer } from '../src/index.js'

describe('defineRenderer', () => {
  it('returns a renderer whose output the caller can use', async () => {
    const titles = defineRenderer<{ file?: string }>({
      name: 'titles',
      render: (collection, options) => [
        {
          path: options?.file ?? 'titles.txt',
          contents: collection.notes.map((n) => n.title).join('\n'),
          mediaType: 'text/plain',
        },
      ],
    })
    const files = await titles.render(createCollection([makeNote()]), { file: 'out.txt' })
    expect(files).toEqual([
      {
        path: 'out.txt',
        contents: 'Sparse Rehearsal for Continual Tuning',
        mediaType: 'text/plain',
      },
    ])
  })

  it('rejects a renderer without a name or render function', () => {
    expect(() => defineRenderer({ name: '', render: () => [] })).toThrow(/name/)
    expect(() => defineRenderer({ name: 'x' } as unknown as Renderer)).toThrow(/render/)
  })
})

describe('isSafeOutputPath', () => {
  it.each(['index.html', 'tags/nlp.html', 'tags/nlp/page-2.html', 'a.b/c'])(
    'accepts %s',
    (path) => {
      expect(isSafeOutputPath(path)).toBe(true)
    },
  )
  it.each([
    '',
    '/etc/passwd',
    '../x',
    'a/../../x',
    'a//b',
    './a',
    'a\\..\\b',
    'C:/x',
    'a\0b',
    'a/',
  ])('rejects %j', (path) => {
    expect(isSafeOutputPath(path)).toBe(false)
  })
})
