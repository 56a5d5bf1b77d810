import { describe, expect, it } from 'vitest'
import { makeComment, makeNote } from '../../../test-support/note-factory.ts'
import { smallHash } from '../src/hash.js'
import { compareNotes, createCollection, normalizeTitle, type RelatedRef } from '../src/index.js'

const note = makeNote

describe('createCollection: order and lookup', () => {
  it('sorts newest issue date first, ties by id descending (numeric for issue numbers)', () => {
    const collection = createCollection([
      note({ id: '9', issueDate: '2025-01-02', titleLine: 'A' }),
      note({ id: '10', issueDate: '2025-01-02', titleLine: 'B' }),
      note({ id: '200', issueDate: '2024-12-31', titleLine: 'C' }),
      note({ id: '3', issueDate: '2025-06-01', titleLine: 'D' }),
    ])
    expect(collection.notes.map((n) => n.id)).toEqual(['3', '10', '9', '200'])
    expect([...collection.notes].sort(compareNotes)).toEqual(collection.notes)
  })

  it('finds notes by id and returns undefined for unknown ids', () => {
    const collection = createCollection([
      note({ id: '1', titleLine: 'A' }),
      note({ id: 'abc', titleLine: 'B' }),
    ])
    expect(collection.get('abc')?.titleLine).toBe('B')
    expect(collection.get('nope')).toBeUndefined()
  })

  it('is read-only', () => {
    const collection = createCollection([note()])
    expect(Object.isFrozen(collection)).toBe(true)
    expect(Object.isFrozen(collection.notes)).toBe(true)
    expect(Object.isFrozen(collection.tags)).toBe(true)
  })
})

describe('createCollection: tags', () => {
  const collection = createCollection([
    note({ id: '1', titleLine: 'A', tags: ['NLP', 'PEFT(Adaptor/LoRA)', '日本語'] }),
    note({ id: '2', titleLine: 'B', tags: ['NLP', 'Catastrophic Forgetting'] }),
    note({ id: '3', titleLine: 'C', tags: ['Catastrophic Forgetting', 'NLP', 'Bias'] }),
    note({ id: '4', titleLine: 'D', tags: ['peft adaptor lora'] }),
  ])

  it('counts tags, most used first, ties by name', () => {
    expect(collection.tags.map((t) => [t.name, t.count])).toEqual([
      ['NLP', 3],
      ['Catastrophic Forgetting', 2],
      ['Bias', 1],
      ['PEFT(Adaptor/LoRA)', 1],
      ['peft adaptor lora', 1],
      ['日本語', 1],
    ])
  })

  it('gives each tag a unique slug, assigned in name order', () => {
    const slugs = Object.fromEntries(collection.tags.map((t) => [t.name, t.slug]))
    expect(slugs['Catastrophic Forgetting']).toBe('catastrophic-forgetting')
    expect(slugs['PEFT(Adaptor/LoRA)']).toBe('peft-adaptor-lora')
    expect(slugs['peft adaptor lora']).toBe('peft-adaptor-lora-2')
    expect(slugs['日本語']).toMatch(/^tag-[0-9a-f]{8}$/)
    expect(new Set(Object.values(slugs)).size).toBe(collection.tags.length)
  })

  it('lists a tag’s notes newest first, by name or slug', () => {
    expect(collection.withTag('NLP').map((n) => n.id)).toEqual(['3', '2', '1'])
    expect(collection.withTag('catastrophic-forgetting').map((n) => n.id)).toEqual(['3', '2'])
    expect(collection.tag('peft-adaptor-lora-2')?.name).toBe('peft adaptor lora')
    expect(collection.withTag('Unknown')).toEqual([])
  })
})

describe('createCollection: related references and back-links', () => {
  const target = note({
    id: '4175',
    titleLine:
      "[Paper Note] Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting, Sunny Sanyal+, ICLR'25, 2025.02",
    title: 'Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting',
    links: { issue: 'https://github.com/example/notes/issues/4175' },
  })
  const other = note({
    id: 'h1',
    titleLine:
      "KTO: Model Alignment as Prospect Theoretic Optimization, Kawin Ethayarajh+, N_A, ICML'24",
    title: 'KTO: Model Alignment as Prospect Theoretic Optimization',
    issueDate: '2024-02-01',
    links: {},
  })
  const third = note({
    id: '12',
    titleLine: 'Stanford Alpaca: An Instruction-following LLaMA Model, Taori +, 2023.03',
    title: 'Stanford Alpaca: An Instruction-following LLaMA Model',
    issueDate: '2023-03-20',
    links: {},
  })

  const referring = (id: string, related: RelatedRef[]) =>
    note({
      id,
      titleLine: `Referrer ${id}`,
      issueDate: '2025-09-01',
      comments: [makeComment({ related })],
    })

  it('resolves by issue number', () => {
    const collection = createCollection([target, referring('1', [{ text: '#4175', issue: 4175 }])])
    expect(collection.related('1').map((n) => n.id)).toEqual(['4175'])
  })

  it('resolves by issue URL when the number is given only in the URL', () => {
    const ref = { text: 'see', url: 'https://github.com/example/notes/issues/4175' }
    expect(createCollection([target]).resolve(ref)?.id).toBe('4175')
  })

  it('resolves by exact title line, comparing NFC forms', () => {
    const collection = createCollection([
      other,
      referring('1', [{ text: other.titleLine.normalize('NFD') }]),
    ])
    expect(collection.related('1').map((n) => n.id)).toEqual(['h1'])
  })

  it('resolves by normalised title when the wording differs only in case and punctuation', () => {
    const collection = createCollection([
      third,
      referring('1', [{ text: 'stanford alpaca — an instruction following llama model' }]),
    ])
    expect(collection.related('1').map((n) => n.id)).toEqual(['12'])
  })

  it('prefers the issue number over a title that names another note', () => {
    const collection = createCollection([
      target,
      other,
      referring('1', [{ text: other.titleLine, issue: 4175 }]),
    ])
    expect(collection.related('1').map((n) => n.id)).toEqual(['4175'])
  })

  it('leaves unknown references unresolved and ignores self-references', () => {
    const self = note({
      id: '77',
      titleLine: 'Self',
      comments: [
        makeComment({
          related: [
            { text: '#77', issue: 77 },
            { text: '#999', issue: 999 },
          ],
        }),
      ],
    })
    const collection = createCollection([self])
    expect(collection.related('77')).toEqual([])
    expect(collection.resolve({ text: '#999', issue: 999 })).toBeUndefined()
  })

  it('resolves each of two normalised titles whose hashes collide to its own note', () => {
    // Found by search: the title index keys notes by this 32-bit hash and checks what it finds.
    expect(smallHash('paper 168883')).toBe(smallHash('paper 554800'))
    const first = note({
      id: '1',
      titleLine: 'Paper 168883, Ann Lee+, 2024.01',
      title: 'Paper 168883',
    })
    const second = note({
      id: '2',
      titleLine: 'Paper 554800, Bo Kim+, 2024.02',
      title: 'Paper 554800',
    })
    for (const notes of [
      [first, second],
      [second, first],
    ]) {
      const collection = createCollection(notes)
      expect(collection.resolve({ text: 'PAPER 168883!' })?.id).toBe('1')
      expect(collection.resolve({ text: 'paper: 554800' })?.id).toBe('2')
      expect(collection.resolve({ text: 'paper 554801' })).toBeUndefined()
    }
  })

  it('resolves a normalised title shared by two notes to the first in collection order', () => {
    const newer = note({
      id: '20',
      titleLine: 'Same Work, A+, 2024.05',
      title: 'Same Work',
      issueDate: '2025-02-01',
    })
    const older = note({
      id: '10',
      titleLine: 'Same Work (v2), B+, 2024.06',
      title: 'Same work',
      issueDate: '2025-01-01',
    })
    expect(createCollection([older, newer]).resolve({ text: 'same   WORK' })?.id).toBe('20')
  })

  it('gives frozen empty lists for notes without related notes or back-links', () => {
    const collection = createCollection([note({ id: '5', titleLine: 'Alone' })])
    expect(collection.related('5')).toEqual([])
    expect(collection.backlinks('5')).toEqual([])
    expect(Object.isFrozen(collection.related('5'))).toBe(true)
    expect(Object.isFrozen(collection.backlinks('nope'))).toBe(true)
  })

  it('computes back-links in collection order, each referrer once', () => {
    const collection = createCollection([
      target,
      third,
      referring('1', [{ text: '#4175', issue: 4175 }, { text: target.titleLine }]),
      note({
        id: '2',
        titleLine: 'Later referrer',
        issueDate: '2025-10-01',
        comments: [
          makeComment({ related: [{ text: '#4175', issue: 4175 }, { text: third.title }] }),
        ],
      }),
    ])
    expect(collection.backlinks('4175').map((n) => n.id)).toEqual(['2', '1'])
    expect(collection.backlinks('12').map((n) => n.id)).toEqual(['2'])
    expect(collection.related('1').map((n) => n.id)).toEqual(['4175'])
    expect(collection.backlinks('1')).toEqual([])
  })
})

describe('createCollection: duplicates', () => {
  it('merges notes with the same id, keeping the first and filling gaps from the second', () => {
    const first = note({
      id: '5',
      abstract: null,
      tags: ['A'],
      comments: [makeComment({ markdown: 'one' })],
    })
    const second = note({
      id: '5',
      abstract: 'From the second copy.',
      tags: ['A', 'B'],
      comments: [makeComment({ markdown: 'one' }), makeComment({ markdown: 'two' })],
      source: { format: 'xml', file: 'b.xml', line: 40, column: 3 },
    })
    const collection = createCollection([first, second])
    expect(collection.notes).toHaveLength(1)
    const merged = collection.get('5')!
    expect(merged.abstract).toBe('From the second copy.')
    expect(merged.tags).toEqual(['A', 'B'])
    expect(merged.comments.map((c) => c.markdown)).toEqual(['one', 'two'])
    expect(merged.source.file).toBe('notes/100.md')
    expect(collection.diagnostics).toEqual([
      expect.objectContaining({
        code: 'duplicate-note',
        severity: 'warning',
        file: 'b.xml',
        line: 40,
        column: 3,
        noteId: '5',
      }),
    ])
  })

  it('merges notes with the same issue date and title line, and finds the merged note by either id', () => {
    const a = note({ id: 'hash-a', titleLine: 'Same Title, Someone+, 2024.01', tags: ['X'] })
    const b = note({ id: '321', titleLine: 'Same Title, Someone+, 2024.01', tags: ['Y'] })
    const collection = createCollection([a, b])
    expect(collection.notes).toHaveLength(1)
    expect(collection.get('321')).toBe(collection.get('hash-a'))
    expect(collection.get('321')!.tags).toEqual(['X', 'Y'])
    expect(collection.resolve({ text: '#321', issue: 321 })?.id).toBe('hash-a')
  })

  it('merges a third copy that has the id of a duplicate already merged', () => {
    const a = note({ id: 'hash-a', titleLine: 'Same Title, Someone+, 2024.01', tags: ['X'] })
    const b = note({ id: '321', titleLine: 'Same Title, Someone+, 2024.01', tags: ['Y'] })
    const c = note({ id: '321', titleLine: 'Other Title, Someone+, 2024.01', tags: ['Z'] })
    const collection = createCollection([a, b, c])
    expect(collection.notes.map((n) => n.id)).toEqual(['hash-a'])
    expect(collection.get('321')!.tags).toEqual(['X', 'Y', 'Z'])
    expect(collection.diagnostics.map((d) => d.noteId)).toEqual(['321', '321'])
  })

  it('does not merge title-less notes of the same day', () => {
    const collection = createCollection([
      note({ id: 'x1', titleLine: '', title: '' }),
      note({ id: 'x2', titleLine: '', title: '' }),
    ])
    expect(collection.notes).toHaveLength(2)
    expect(collection.diagnostics).toEqual([])
  })
})

describe('normalizeTitle', () => {
  it('drops the prefix, case and punctuation', () => {
    expect(normalizeTitle('[Paper Note] KTO: Model  Alignment!')).toBe('kto model alignment')
    expect(normalizeTitle('ＬＬａＭＡ２を３行で訓練')).toBe('llama2を3行で訓練')
  })
})
