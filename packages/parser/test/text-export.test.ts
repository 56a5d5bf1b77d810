import { describe, expect, it } from 'vitest'
import { findTrailingTags, isTagName, segmentTextExport } from '../src/export-text-segments.js'
import { parseNotes } from '../src/parse-notes.js'
import { readTextExport } from '../src/text-export.js'
import { garbage as randomText } from './garbage.js'

/** Layout B: tags on their own line or before `Issue Date:`, title lines, a shared line. */
const layoutB = `Continual Learning

#NLP #Supervised-FineTuning (SFT) #Selected Papers/Blogs
Issue Date: 2025-03-04 [Paper Note] Gentle Replay for Forgetful Models, Ada Lovelace+, ICLR'25, 2025.02 GPT Summary- 忘却を抑える新しいリプレイ手法を提案。 Comment

元ポスト:

Loading…

openreview: https://openreview.net/forum?id=abc123



#Article #PEFT(Adaptor/LoRA) #Blog Issue Date: 2025-02-01 Tuning Adapters Gently, Example Lab, 2025.01 Comment

image

#Pocket #NLP Issue Date: 2025-01-15 Quiet Gradients, Grace Hopper+, N_A, ACL'24 GPT Summary- 静かな勾配について。 #Article #Tutorial Issue Date: 2025-01-10 学習率の話, 研究室ブログ, 2025.01 Comment

日本語のコメント。
</div>`

/** Layout A: a link-button line, no title lines. */
const layoutA = `Catastrophic Forgetting


Paper/Blog Link My Issue
#ComputerVision #One-Line Notes Issue Date: 2026-01-12 GPT Summary- 破滅的忘却を軽減する。 Comment

Sparse rehearsal works.

# A heading the author wrote



Paper/Blog Link My Issue
#Article #Survey Issue Date: 2025-12-01 Comment

image
`

describe('isTagName / findTrailingTags', () => {
  it('accepts tag names with spaces, slashes, parentheses and non-ASCII', () => {
    for (const name of [
      'Supervised-FineTuning (SFT)',
      'Selected Papers/Blogs',
      'PEFT(Adaptor/LoRA)',
      '日本語',
    ]) {
      expect(isTagName(name)).toBe(true)
    }
  })

  it('rejects sentences', () => {
    expect(isTagName('1 approach works well.')).toBe(false)
    expect(isTagName('これは文です。')).toBe(false)
    expect(isTagName('')).toBe(false)
  })

  it('finds the tag run that ends a line after another entry’s text', () => {
    const segment = 'データを公開。 #Pocket #NLP #Supervised-FineTuning (SFT) '
    const run = findTrailingTags(segment)
    expect(run.tags).toEqual(['Pocket', 'NLP', 'Supervised-FineTuning (SFT)'])
    expect(segment.slice(run.start)).toBe('#Pocket #NLP #Supervised-FineTuning (SFT) ')
  })

  it('stops at a `#` that starts a sentence rather than a tag', () => {
    const run = findTrailingTags('we rank #1 in the benchmark. #NLP ')
    expect(run.tags).toEqual(['NLP'])
  })

  it('finds no run when the text has no tags', () => {
    expect(findTrailingTags('plain text').tags).toEqual([])
  })
})

describe('segmentTextExport', () => {
  it('reads layout B: page tag, tags, title line, summary, comment', () => {
    const { pageTag, entries, problems } = segmentTextExport(layoutB)
    expect(problems).toEqual([])
    expect(pageTag).toBe('Continual Learning')
    expect(entries).toHaveLength(4)
    const [first, second] = entries
    expect(first?.tags).toEqual(['NLP', 'Supervised-FineTuning (SFT)', 'Selected Papers/Blogs'])
    expect(first?.issueDate).toBe('2025-03-04')
    expect(first?.titleLine).toBe(
      "[Paper Note] Gentle Replay for Forgetful Models, Ada Lovelace+, ICLR'25, 2025.02",
    )
    expect(first?.summary).toBe('忘却を抑える新しいリプレイ手法を提案。')
    expect(first?.comment).toBe(
      '元ポスト:\n\nLoading…\n\nopenreview: https://openreview.net/forum?id=abc123',
    )
    expect(layoutB.slice(first!.offset).startsWith('#NLP #Supervised')).toBe(true)

    expect(second?.tags).toEqual(['Article', 'PEFT(Adaptor/LoRA)', 'Blog'])
    expect(second?.titleLine).toBe('Tuning Adapters Gently, Example Lab, 2025.01')
    expect(second?.summary).toBeNull()
    expect(second?.comment).toBe('image')
  })

  it('splits two entries that share a line, the first without a comment', () => {
    const { entries } = segmentTextExport(layoutB)
    const third = entries[2]!
    const fourth = entries[3]!
    expect(third.tags).toEqual(['Pocket', 'NLP'])
    expect(third.titleLine).toBe("Quiet Gradients, Grace Hopper+, N_A, ACL'24")
    expect(third.summary).toBe('静かな勾配について。')
    expect(third.comment).toBeNull()
    expect(fourth.tags).toEqual(['Article', 'Tutorial'])
    expect(fourth.titleLine).toBe('学習率の話, 研究室ブログ, 2025.01')
    expect(
      layoutB.slice(fourth.offset).startsWith('#Article #Tutorial Issue Date: 2025-01-10'),
    ).toBe(true)
  })

  it('does not keep the trailing </div> remnant as comment text', () => {
    const fourth = segmentTextExport(layoutB).entries[3]!
    expect(fourth.comment).toBe('日本語のコメント。')
  })

  it('reads layout A: no title lines, the link-button line starts the entry', () => {
    const { pageTag, entries, problems } = segmentTextExport(layoutA)
    expect(problems).toEqual([])
    expect(pageTag).toBe('Catastrophic Forgetting')
    expect(entries.map((entry) => entry.titleLine)).toEqual(['', ''])
    expect(entries[0]?.tags).toEqual(['ComputerVision', 'One-Line Notes'])
    expect(entries[0]?.summary).toBe('破滅的忘却を軽減する。')
    expect(entries[0]?.comment).toBe('Sparse rehearsal works.\n\n# A heading the author wrote')
    expect(layoutA.slice(entries[1]!.offset).startsWith('Paper/Blog Link My Issue\n#Article')).toBe(
      true,
    )
    expect(entries[1]?.summary).toBeNull()
    expect(entries[1]?.comment).toBe('image')
  })

  it('reports an export with no entries', () => {
    const { entries, problems } = segmentTextExport('Lonely Tag\n\nnothing here\n')
    expect(entries).toEqual([])
    expect(problems.map((problem) => problem.code)).toEqual(['text-no-entries'])
  })

  it('reports an invalid issue date and keeps reading the next entry', () => {
    const text =
      'T\n\n#A Issue Date: 2025-13-40 X Comment\n\nc\n\n#B Issue Date: 2025-01-02 Y Comment\n\nd\n'
    const { entries, problems } = segmentTextExport(text)
    expect(entries.map((entry) => entry.validDate)).toEqual([false, true])
    expect(problems.map((problem) => problem.code)).toEqual(['text-invalid-issue-date'])
    expect(entries[1]?.comment).toBe('d')
  })
})

describe('readTextExport', () => {
  it('turns every entry into a note with the page tag added', () => {
    const { notes, diagnostics } = readTextExport({ text: layoutB, file: 'cl.txt', options: {} })
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([])
    expect(notes).toHaveLength(4)
    expect(notes.map((note) => note.tags.at(-1))).toEqual(Array(4).fill('Continual Learning'))
    const first = notes[0]!
    expect(first.tags).toEqual([
      'NLP',
      'Supervised-FineTuning (SFT)',
      'Selected Papers/Blogs',
      'Continual Learning',
    ])
    expect(first.issueDate).toBe('2025-03-04')
    expect(first.title).toBe('Gentle Replay for Forgetful Models')
    expect(first.authors).toEqual(['Ada Lovelace'])
    expect(first.venue).toEqual({ name: 'ICLR', year: 2025 })
    expect(first.summary).toEqual({ text: '忘却を抑える新しいリプレイ手法を提案。' })
    expect(first.links).toEqual({})
    expect(first.source).toEqual({ format: 'text', file: 'cl.txt', line: 3, column: 1 })
  })

  it('makes the comment text one comment with placeholder posts and images', () => {
    const { notes } = readTextExport({ text: layoutB, options: {} })
    expect(notes.map((note) => note.comments.length)).toEqual([1, 1, 0, 1])
    const comment = notes[0]!.comments[0]!
    expect(comment.posts).toEqual([{}])
    expect(comment.links).toEqual([
      { url: 'https://openreview.net/forum?id=abc123', label: 'openreview' },
    ])
    expect(notes[1]!.comments[0]!.images).toEqual([{ alt: 'image' }])
    expect(notes[1]!.kind).toBe('article')
  })

  it('gives stable hash ids (no issue numbers in this format), distinct per note', () => {
    const once = readTextExport({ text: layoutB, options: {} }).notes.map((note) => note.id)
    const twice = readTextExport({ text: layoutB, options: {} }).notes.map((note) => note.id)
    expect(once).toEqual(twice)
    expect(new Set(once).size).toBe(4)
    for (const id of once) expect(id).toMatch(/^[0-9a-f]{16}$/)
  })

  it('reads CRLF line endings like LF', () => {
    const lf = readTextExport({ text: layoutB, options: {} }).notes
    const crlf = readTextExport({ text: layoutB.replace(/\n/g, '\r\n'), options: {} }).notes
    expect(
      crlf.map((note) => [note.id, note.tags, note.titleLine, note.comments[0]?.markdown]),
    ).toEqual(lf.map((note) => [note.id, note.tags, note.titleLine, note.comments[0]?.markdown]))
  })

  it('leaves the page tag out with pageTag: false', () => {
    const { notes } = readTextExport({ text: layoutB, options: { pageTag: false } })
    expect(notes[0]?.tags).toEqual(['NLP', 'Supervised-FineTuning (SFT)', 'Selected Papers/Blogs'])
  })

  it('reads layout A with empty title lines', () => {
    const { notes } = readTextExport({ text: layoutA, options: {} })
    expect(notes.map((note) => [note.titleLine, note.title, note.kind])).toEqual([
      ['', '', 'paper'],
      ['', '', 'article'],
    ])
    expect(notes[0]?.source.line).toBe(4)
  })
})

describe('readTextExport on bad input', () => {
  it('reports an export with no entries, with its position', () => {
    const { notes, diagnostics } = readTextExport({
      text: '\n\nLonely Tag\nno entries at all\n',
      file: 'empty.txt',
      options: {},
    })
    expect(notes).toEqual([])
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'text-no-entries',
        severity: 'error',
        file: 'empty.txt',
        line: 3,
        column: 1,
      }),
    ])
  })

  it('skips an entry with an invalid date and keeps its neighbours', () => {
    const text =
      'T\n\n#A Issue Date: 2025-01-01 One, Ann+, 2025.01 Comment\n\nfirst\n\n' +
      '#B Issue Date: 2025-02-31 Two, Bob+, 2025.02 Comment\n\nsecond\n\n' +
      '#C Issue Date: 2025-03-01 Three, Cy+, 2025.03 Comment\n\nthird\n'
    const { notes, diagnostics } = readTextExport({ text, options: {} })
    expect(notes.map((note) => note.comments[0]?.markdown)).toEqual(['first', 'third'])
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'text-invalid-issue-date', line: 7, column: 4 }),
    ])
  })

  it('reads 50 MB of garbage quickly without crashing', () => {
    const text = garbage(50 * 1024 * 1024)
    const started = performance.now()
    const { notes, diagnostics } = readTextExport({ text, options: {} })
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(notes).toEqual([])
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain('text-no-entries')
  })

  it('stays linear when markers are everywhere', () => {
    const unit = '#Tag #Another tag Issue Date: 2025-01-01 x GPT Summary- y #'
    const text = `Page\n${unit.repeat(80_000)}`
    const started = performance.now()
    const { notes } = readTextExport({ text, options: {} })
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(notes).toHaveLength(80_000)
  })
})

/** Deterministic pseudo-random text (see `garbage.ts`) with this reader's characters. */
function garbage(size: number): string {
  return randomText(size, 'abcXYZ019 #<>&;:"\'{}[](),.-_/\\\n\t日本語テキスト…—', 42)
}

describe('parseNotes with a text export', () => {
  it('detects the format from the content and from the .txt extension', () => {
    const fromContent = parseNotes(layoutB)
    expect(fromContent.notes.map((note) => note.source.format)).toEqual(Array(4).fill('text'))
    const fromFile = parseNotes([
      { path: 'pages/continual.txt', contents: new TextEncoder().encode(layoutA) },
    ])
    expect(fromFile.notes.map((note) => note.source.file)).toEqual(
      Array(2).fill('pages/continual.txt'),
    )
  })

  it('passes pageTag: false through to the reader', () => {
    const { notes } = parseNotes(layoutA, { pageTag: false })
    expect(notes[0]?.tags).toEqual(['ComputerVision', 'One-Line Notes'])
  })

  it('throws in strict mode when an entry is broken, carrying the diagnostics', () => {
    expect(() =>
      parseNotes('T\n\n#A Issue Date: 2025-02-30 X Comment\n\nc\n', { strict: true }),
    ).toThrow(/text-invalid-issue-date/)
  })
})
