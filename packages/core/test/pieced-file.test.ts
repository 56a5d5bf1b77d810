import { describe, expect, it } from 'vitest'
import { makeNote } from '../../../test-support/note-factory.ts'
import { type FilePiece, pieceBatchLength, piecedFile, renderPlannedFiles } from '../src/index.js'

const notes = [
  makeNote({ id: '4175', title: '忘却の研究' }),
  makeNote({ id: '4176', title: 'Scaling 𝑥' }),
]

/** One piece per note, counting how many were made. */
function titles() {
  const made: string[] = []
  const file = piecedFile(
    'titles.txt',
    'text/plain; charset=utf-8',
    () => ({ notes, key: '' }),
    function* () {
      yield 'Titles:\n'
      for (const note of notes) {
        yield {
          dependsOn: { notes: [note], key: '' },
          make: () => {
            made.push(note.id)
            return `${note.title}\n`
          },
        } satisfies FilePiece
      }
      yield new TextEncoder().encode('end\n')
    },
  )
  return { file, made }
}

describe('piecedFile', () => {
  it('gives its pieces unmade through pieces(), with what each depends on', () => {
    const { file, made } = titles()
    const pieces = [...(file.pieces?.() ?? [])]
    expect(pieces).toHaveLength(4)
    expect(pieces[0]).toBe('Titles:\n')
    const second = pieces[1] as FilePiece
    expect(second.dependsOn.notes.map((note) => note.id)).toEqual(['4175'])
    expect(made).toEqual([])
    expect(second.make()).toBe('忘却の研究\n')
    expect(made).toEqual(['4175'])
  })

  it('makes every piece for chunks() and render(), text and bytes in order', () => {
    const { file, made } = titles()
    const chunks = [...(file.chunks?.() ?? [])]
    expect(chunks[0]).toBe('Titles:\n忘却の研究\nScaling 𝑥\n')
    expect(new TextDecoder().decode(chunks[1] as Uint8Array)).toBe('end\n')
    expect(chunks).toHaveLength(2)
    expect(made).toEqual(['4175', '4176'])
    const rendered = file.render()
    expect(new TextDecoder().decode(rendered as Uint8Array)).toBe(
      'Titles:\n忘却の研究\nScaling 𝑥\nend\n',
    )
  })

  it(`ends a piece of text at ${pieceBatchLength} characters or more`, () => {
    const line = `${'x'.repeat(999)}\n`
    const file = piecedFile(
      'long.txt',
      'text/plain',
      () => undefined,
      function* () {
        for (let i = 0; i < 200; i++) {
          yield { dependsOn: { notes: [], key: String(i) }, make: () => line }
        }
      },
    )
    const chunks = [...(file.chunks?.() ?? [])] as string[]
    // 65 lines are 65,000 characters, 66 are the first past 65,536.
    expect(chunks.map((chunk) => chunk.length)).toEqual([66_000, 66_000, 66_000, 2_000])
    expect(chunks.join('')).toBe(line.repeat(200))
  })

  it('renders joined as text when every piece is text, through renderPlannedFiles', () => {
    const file = piecedFile(
      'list.json',
      'application/json',
      () => undefined,
      function* () {
        yield '['
        yield { dependsOn: { notes: [notes[0]!], key: 'first' }, make: () => '"4175"' }
        yield { dependsOn: { notes: [notes[1]!], key: 'next' }, make: () => ',"4176"' }
        yield ']\n'
      },
    )
    expect(renderPlannedFiles([file])).toEqual([
      { path: 'list.json', contents: '["4175","4176"]\n', mediaType: 'application/json' },
    ])
  })

  it('renders an empty file from no pieces', () => {
    const file = piecedFile(
      'empty.txt',
      'text/plain',
      () => undefined,
      () => [],
    )
    expect(file.render()).toBe('')
    expect([...(file.chunks?.() ?? [])]).toEqual([])
  })
})
