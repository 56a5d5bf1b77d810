import { describe, expect, it } from 'vitest'
import { makeNote } from '../../../test-support/note-factory.ts'
import {
  chunkedFile,
  fileDependencies,
  type PlannedFile,
  plannedFile,
  renderPlannedFiles,
} from '../src/index.js'

/** The bytes a host writes for a file given in pieces: each piece as UTF-8, one after another. */
function written(file: PlannedFile): Uint8Array {
  const encoder = new TextEncoder()
  const pieces = [...(file.chunks?.() ?? [])].map((piece) =>
    typeof piece === 'string' ? encoder.encode(piece) : piece,
  )
  const bytes = new Uint8Array(pieces.reduce((size, piece) => size + piece.byteLength, 0))
  let offset = 0
  for (const piece of pieces) {
    bytes.set(piece, offset)
    offset += piece.byteLength
  }
  return bytes
}

const asBytes = (contents: string | Uint8Array) =>
  typeof contents === 'string' ? new TextEncoder().encode(contents) : contents

describe('chunkedFile', () => {
  it('gives its pieces through chunks() and joins them in render()', () => {
    const pieces = ['[', '"忘却"', ',', '"𝑥"', ']\n']
    const file = chunkedFile(
      'list.json',
      'application/json',
      () => undefined,
      () => pieces,
    )
    expect(file.path).toBe('list.json')
    expect(file.mediaType).toBe('application/json')
    expect([...(file.chunks?.() ?? [])]).toEqual(pieces)
    expect(file.render()).toBe('["忘却","𝑥"]\n')
    expect(written(file)).toEqual(asBytes(file.render()))
  })

  it('joins pieces that are partly bytes into the UTF-8 bytes of the whole', () => {
    const encoder = new TextEncoder()
    const file = chunkedFile(
      'mixed.txt',
      'text/plain',
      () => undefined,
      function* () {
        yield 'ノート: '
        yield encoder.encode('bytes, ')
        yield 'then text 𝑥'
        yield new Uint8Array([0x0a])
      },
    )
    const rendered = file.render()
    expect(rendered).toBeInstanceOf(Uint8Array)
    expect(new TextDecoder().decode(rendered as Uint8Array)).toBe('ノート: bytes, then text 𝑥\n')
    expect(written(file)).toEqual(rendered)
  })

  it('renders an empty file from no pieces', () => {
    const file = chunkedFile(
      'empty.txt',
      'text/plain',
      () => undefined,
      () => [],
    )
    expect(file.render()).toBe('')
    expect(written(file)).toEqual(new Uint8Array())
  })

  it('works dependsOn out lazily, once, as plannedFile does', () => {
    const notes = [makeNote({ id: '4175' })]
    let calls = 0
    const file = chunkedFile(
      'tags/nlp.json',
      'application/json',
      () => {
        calls += 1
        return fileDependencies(notes, { slug: 'nlp' })
      },
      () => ['[]\n'],
    )
    expect(file.render()).toBe('[]\n')
    expect(calls).toBe(0)
    const first = file.dependsOn
    expect(first?.notes).toEqual(notes)
    expect(file.dependsOn).toBe(first)
    expect(calls).toBe(1)
  })

  it('makes its pieces anew on each call, from a generator', () => {
    let made = 0
    const file = chunkedFile(
      'count.txt',
      'text/plain',
      () => undefined,
      function* () {
        made += 1
        yield 'a'
        yield 'b'
      },
    )
    expect(made).toBe(0)
    expect(file.render()).toBe('ab')
    expect([...(file.chunks?.() ?? [])]).toEqual(['a', 'b'])
    expect(made).toBe(2)
  })
})

describe('renderPlannedFiles with chunked files', () => {
  it('renders a chunked file joined, beside files without chunks, in plan order', () => {
    const plan: PlannedFile[] = [
      plannedFile(
        'a.txt',
        'text/plain',
        () => undefined,
        () => 'A',
      ),
      chunkedFile(
        'b.txt',
        'text/plain',
        () => undefined,
        () => ['B', '1', '2'],
      ),
    ]
    expect(plan[0]!.chunks).toBeUndefined()
    expect(renderPlannedFiles(plan)).toEqual([
      { path: 'a.txt', contents: 'A', mediaType: 'text/plain' },
      { path: 'b.txt', contents: 'B12', mediaType: 'text/plain' },
    ])
  })
})
