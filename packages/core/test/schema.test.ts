import { describe, expect, expectTypeOf, it } from 'vitest'
import { makeComment, makeNote } from '../../../test-support/note-factory.ts'
import {
  isNote,
  type Note,
  noteSchema,
  notesSchema,
  parseMarkdown,
  validateNote,
  validateNotes,
} from '../src/index.js'

describe('noteSchema / notesSchema', () => {
  it('are JSON Schema 2020-12 documents with an $id and nothing JSON cannot hold', () => {
    expect(noteSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(noteSchema.$id).toMatch(/^https:\/\/.+note\.json$/)
    expect(notesSchema.$id).toMatch(/notes\.json$/)
    expect(JSON.parse(JSON.stringify(noteSchema))).toEqual(noteSchema)
    expect(Object.getOwnPropertySymbols(noteSchema)).toEqual([])
  })

  it('lists exactly the fields of the model as required or optional properties', () => {
    const properties = noteSchema.properties as Record<string, unknown>
    expect(Object.keys(properties).sort()).toEqual(
      [
        'abstract',
        'authors',
        'comments',
        'etAl',
        'extra',
        'id',
        'issueDate',
        'kind',
        'links',
        'published',
        'sections',
        'source',
        'summary',
        'tags',
        'title',
        'titleLine',
        'translation',
        'venue',
      ].sort(),
    )
    expect(noteSchema.required).not.toContain('extra')
    expect(noteSchema.required).toContain('issueDate')
  })

  it('derives the Note type from the same schema (a typed note validates)', () => {
    const note: Note = makeNote()
    expectTypeOf(note.venue).toEqualTypeOf<{
      name: string
      year?: number
      qualifier?: string
    } | null>()
    expectTypeOf(note.kind).toEqualTypeOf<'paper' | 'article'>()
    expect(validateNote(note)).toEqual({ valid: true, diagnostics: [] })
  })
})

describe('validateNotes', () => {
  it('accepts valid notes, with comments carrying mdast trees', () => {
    const comment = makeComment({
      markdown: 'openreview: https://openreview.net/forum?id=abc',
      tree: parseMarkdown('openreview: https://openreview.net/forum?id=abc'),
      links: [{ url: 'https://openreview.net/forum?id=abc', label: 'openreview' }],
      author: 'someone',
      date: '2025-03-02',
    })
    const notes = [
      makeNote({ comments: [comment] }),
      makeNote({ id: '101', venue: null, published: null }),
    ]
    expect(validateNotes(notes)).toEqual({ valid: true, diagnostics: [] })
  })

  it('reports a missing required field with its JSON pointer', () => {
    const { issueDate: _, ...rest } = makeNote()
    const result = validateNotes([makeNote(), rest])
    expect(result.valid).toBe(false)
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'schema-required',
        severity: 'error',
        pointer: '/1/issueDate',
      }),
    ])
  })

  it('rejects a date that does not exist, pointing at it', () => {
    const result = validateNotes([makeNote({ issueDate: '2025-02-30' })])
    expect(result.valid).toBe(false)
    expect(result.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['schema-format', '/0/issueDate'],
    ])
  })

  it('points into nested values: venue year, tag type, comment post', () => {
    const bad = {
      ...makeNote(),
      venue: { name: 'ICLR', year: '2025' },
      tags: ['NLP', 3],
      comments: [{ ...makeComment(), posts: [{ url: 42 }] }],
    }
    const pointers = validateNote(bad).diagnostics.map((d) => d.pointer)
    expect(pointers).toContain('/venue/year')
    expect(pointers).toContain('/tags/1')
    expect(pointers).toContain('/comments/0/posts/0/url')
  })

  it('rejects unknown properties, escaping the pointer token', () => {
    const result = validateNote({ ...makeNote(), 'issue/date': '2025-01-01' })
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'schema-additionalProperties', pointer: '/issue~1date' }),
    ])
  })

  it('rejects a kind outside the enumeration and duplicate tags', () => {
    const result = validateNote({ ...makeNote(), kind: 'blog', tags: ['NLP', 'NLP'] })
    const pointers = result.diagnostics.map((d) => d.pointer)
    expect(pointers).toContain('/kind')
    expect(pointers).toContain('/tags')
    expect(result.valid).toBe(false)
  })

  it('rejects a value that is not a list', () => {
    const result = validateNotes({ notes: [] })
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'schema-type', pointer: '' }),
    ])
  })

  it('isNote narrows unknown values', () => {
    const value: unknown = makeNote()
    expect(isNote(value)).toBe(true)
    expect(isNote({ id: '1' })).toBe(false)
  })
})
