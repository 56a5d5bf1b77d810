import { describe, expect, it } from 'vitest'
import { makeComment, makeNote } from '../../../test-support/note-factory.ts'
import {
  createCollection,
  defineRenderer,
  fileDependencies,
  isSafeOutputPath,
  noDependencies,
  noteOutline,
  type PlannedFile,
  plannedFile,
  type Renderer,
  renderPlannedFiles,
} from '../src/index.js'

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
    expect(() =>
      defineRenderer({ name: 'x', render: () => [], plan: 'files' } as unknown as Renderer),
    ).toThrow(/plan/)
  })
})

describe('renderPlannedFiles', () => {
  it('renders each planned file once, in plan order', () => {
    const calls: string[] = []
    const planned = (path: string, text: string): PlannedFile => ({
      path,
      mediaType: 'text/plain',
      render() {
        calls.push(path)
        return text
      },
    })
    const files = renderPlannedFiles([planned('b.txt', 'B'), planned('a.txt', 'A')])
    expect(files).toEqual([
      { path: 'b.txt', contents: 'B', mediaType: 'text/plain' },
      { path: 'a.txt', contents: 'A', mediaType: 'text/plain' },
    ])
    expect(calls).toEqual(['b.txt', 'a.txt'])
  })

  it('renders lazily, so a generator plan is consumed file by file', () => {
    const order: string[] = []
    function* plan(): Generator<PlannedFile> {
      for (const name of ['x', 'y']) {
        order.push(`plan ${name}`)
        yield {
          path: `${name}.txt`,
          mediaType: 'text/plain',
          render: () => {
            order.push(`render ${name}`)
            return name
          },
        }
      }
    }
    renderPlannedFiles(plan())
    expect(order).toEqual(['plan x', 'render x', 'plan y', 'render y'])
  })
})

describe('plannedFile', () => {
  it('works dependsOn out only when it is first read, and only once', () => {
    const notes = [makeNote({ id: '4175' })]
    let calls = 0
    const file = plannedFile(
      'tags/nlp.json',
      'application/json',
      () => {
        calls += 1
        return fileDependencies(notes, { slug: 'nlp' })
      },
      () => '[]\n',
    )
    expect(file.path).toBe('tags/nlp.json')
    expect(file.mediaType).toBe('application/json')
    expect(file.render()).toBe('[]\n')
    expect(calls).toBe(0)
    const first = file.dependsOn
    expect(first?.notes).toEqual(notes)
    expect(file.dependsOn).toBe(first)
    expect(calls).toBe(1)
  })

  it('keeps an undefined answer too, without asking again', () => {
    let calls = 0
    const file = plannedFile(
      'page.html',
      'text/html',
      () => {
        calls += 1
        return undefined
      },
      () => '<p>x</p>',
    )
    expect(file.dependsOn).toBeUndefined()
    expect(file.dependsOn).toBeUndefined()
    expect(calls).toBe(1)
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

describe('fileDependencies', () => {
  const a = makeNote({ id: '1' })
  const b = makeNote({ id: '2' })

  it('lists the notes and keys them by their ids in order and by what else is read', () => {
    const deps = fileDependencies([a, b], { slug: 'nlp' })
    expect(deps.notes).toEqual([a, b])
    expect(fileDependencies([a, b], { slug: 'nlp' }).key).toBe(deps.key)
    expect(fileDependencies([b, a], { slug: 'nlp' }).key).not.toBe(deps.key)
    expect(fileDependencies([a], { slug: 'nlp' }).key).not.toBe(deps.key)
    expect(fileDependencies([a, b], { slug: 'cv' }).key).not.toBe(deps.key)
  })

  it('has a frozen empty value for files that read nothing', () => {
    expect(noDependencies).toEqual({ notes: [], key: '' })
    expect(Object.isFrozen(noDependencies)).toBe(true)
  })
})

describe('noteOutline', () => {
  it('is the note without its prose, each comment cut to its related references', () => {
    const related = [{ text: '#101', issue: 101 }]
    const note = makeNote({
      sections: [{ heading: 'Notes', markdown: 'Kept verbatim.' }],
      comments: [
        makeComment({ markdown: '関連:\n- #101', related }),
        makeComment({ markdown: 'Only prose.' }),
      ],
      extra: { reviewer: 'someone' },
    })
    const {
      abstract: _a,
      translation: _t,
      summary: _s,
      sections: _sections,
      comments: _c,
      ...kept
    } = note
    expect(noteOutline(note)).toEqual({ ...kept, comments: [{ related }, { related: [] }] })
    expect(JSON.stringify(noteOutline(note))).not.toContain('忘却')
    expect(JSON.stringify(noteOutline(note))).not.toContain('Only prose')
  })
})
