import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml'
import { readPlainFrontMatter } from '../src/front-matter-yaml.js'
import { parseNotes } from '../src/parse-notes.js'

/**
 * What the `yaml` package makes of front matter text (lines start at file line 2): data, key
 * positions and value starts (after an opening quote), or `undefined` when it reports any
 * error or warning or the text is not a mapping.
 */
function readWithYamlPackage(yaml: string) {
  const lineCounter = new LineCounter()
  const document = parseDocument(yaml, { lineCounter })
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined
  if (!isMap(document.contents)) return undefined
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return { line: line + 1, column: col }
  }
  const keyPositions = new Map<string, { line: number; column: number }>()
  const valueStarts = new Map<string, { line: number; column: number }>()
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key)) return undefined
    const key = String(pair.key.value)
    keyPositions.set(key, at(pair.key.range?.[0] ?? 0))
    const value = pair.value
    if (isScalar(value) || (value !== null && typeof value === 'object' && 'range' in value)) {
      const node = value as { range?: [number, number, number]; type?: string }
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'
      valueStarts.set(key, at((node.range?.[0] ?? 0) + (quoted ? 1 : 0)))
    }
  }
  return { data: document.toJS() as Record<string, unknown>, keyPositions, valueStarts }
}

describe('readPlainFrontMatter', () => {
  it('reads the usual front matter, with positions in the file', () => {
    const yaml = [
      'title: "[Paper Note] 大規模言語モデルの推論: A Survey, Ada Lovelace+, ICLR\'25 Oral, 2025.01"',
      'date: 2025-01-02',
      'tags: ["Large Language Model (LLM)", "Reasoning/Chain-of-Thought", "論文", Article]',
      'issue: https://github.com/example/paper_notes/issues/1234#issuecomment-1',
      'id: 1234',
      'kind: paper',
      "venue: 'ICLR''25'",
    ].join('\n')
    // The single-quoted venue holds an escaped quote: not simple, so `yaml` must read it all.
    expect(readPlainFrontMatter(yaml)).toBeUndefined()
    const simple = yaml.replace("venue: 'ICLR''25'", "venue: ICLR'25")
    const read = readPlainFrontMatter(simple)
    expect(read?.data).toEqual({
      title: "[Paper Note] 大規模言語モデルの推論: A Survey, Ada Lovelace+, ICLR'25 Oral, 2025.01",
      date: '2025-01-02',
      tags: ['Large Language Model (LLM)', 'Reasoning/Chain-of-Thought', '論文', 'Article'],
      issue: 'https://github.com/example/paper_notes/issues/1234#issuecomment-1',
      id: 1234,
      kind: 'paper',
      venue: "ICLR'25",
    })
    expect(read?.keyPositions.get('title')).toEqual({ line: 2, column: 1 })
    expect(read?.keyPositions.get('venue')).toEqual({ line: 8, column: 1 })
    // The title's text starts after `title: "`.
    expect(read?.valueStarts.get('title')).toEqual({ line: 2, column: 9 })
    expect(read?.valueStarts.get('date')).toEqual({ line: 3, column: 7 })
  })

  it.each([
    ['a comment line', 'title: "A"\n# note\ndate: 2025-01-02'],
    ['a blank line', 'title: "A"\n\ndate: 2025-01-02'],
    ['an escape in double quotes', 'title: "A \\"B\\""'],
    ['a block list', 'tags:\n  - a\n  - b'],
    ['a block list at the key’s indentation', 'tags:\n- a'],
    ['a nested map', 'venue: { name: ICLR, year: 2025 }'],
    ['a duplicate key', 'title: "A"\ntitle: "B"'],
    ['a null word', 'venue: null'],
    ['a boolean word', 'draft: true'],
    ['a tilde', 'venue: ~'],
    ['a leading zero', 'id: 0123'],
    ['a signed number', 'id: -1'],
    ['a float', 'published: 2025.05'],
    ['a plain value with a colon and space', 'title: KTO: Model Alignment'],
    ['a URL ending in a colon', 'url: https://example.org/a:'],
    ['a trailing comma in a flow list', 'tags: [a, b,]'],
    ['a null item in a flow list', 'tags: [a, null]'],
    ['a number in a flow list', 'tags: [a, 1]'],
    ['a tab after the colon', 'title:\t"A"'],
    ['trailing spaces', 'title: "A"  '],
    ['an indented key', ' title: "A"'],
    ['an anchor', 'title: &t "A"'],
    ['a control character in quotes', 'title: "A\u0007B"'],
    ['a lone surrogate in quotes', 'title: "A\ud800B"'],
    ['no text', ''],
  ])('leaves %s to the yaml package', (_, yaml) => {
    expect(readPlainFrontMatter(yaml)).toBeUndefined()
  })

  // Building blocks around what YAML treats specially.
  const keyText = fc.oneof(
    fc.constantFrom('title', 'date', 'tags', 'issue', 'url', 'id', 'kind', 'venue', 'published'),
    fc.constantFrom('extra-key', 'read_by', 'null', 'true', 'TRUE', 'a1', '_x', '1a', 'k k', 'x?'),
  )
  const keyWeighted = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('title', 'date', 'tags', 'issue', 'url', 'id', 'x-y') },
    { weight: 1, arbitrary: keyText },
  )
  // Fragments that keep a value simple, and fragments YAML reads specially.
  const safeFragment = fc.constantFrom(
    'a',
    'Z',
    '1',
    ' ',
    'Large Language Model',
    '(LLM)',
    '/',
    '.',
    '-',
    '+',
    '論文',
    '😀',
    '\u00a0',
    '\u3000',
    '#',
    ': ',
    ',',
    'https://',
  )
  const riskyFragment = fc.constantFrom(
    '0',
    '  ',
    '\t',
    ':',
    ' #',
    '[',
    ']',
    '{',
    '}',
    '"',
    "'",
    "''",
    '\\',
    '\\"',
    '(',
    ')',
    '&',
    '*',
    '!',
    '|',
    '>',
    '%',
    '@',
    '`',
    '?',
    '~',
    'null',
    'true',
    'http://x.org/a?b=1&c#d',
    '2025-01-02',
    '\u2028',
    '\u0085',
    '\ufeff',
    '\u0001',
    '\u007f',
  )
  const fragment = fc.oneof(
    { weight: 6, arbitrary: safeFragment },
    { weight: 1, arbitrary: riskyFragment },
  )
  const text = fc.array(fragment, { maxLength: 5 }).map((parts) => parts.join(''))
  const scalarText = fc.oneof(
    text,
    text.map((inner) => `"${inner}"`),
    text.map((inner) => `'${inner}'`),
    fc.constantFrom('2025-01-02', '2025-1-2', '1234', '0', '12.5', '-3', '.inf', '~'),
    fc.constantFrom('https://example.org/a_b?c=1#d', 'http://x.org:', 'Article', "ICLR'25"),
  )
  const listText = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom('', ' ', '  '), scalarText, fc.constantFrom('', ' ')), {
        maxLength: 4,
      }),
      fc.constantFrom('', ',', ' ,'),
    )
    .map(
      ([items, tail]) =>
        `[${items.map(([before, item, after]) => before + item + after).join(',')}${tail}]`,
    )
  const valueText = fc.oneof(
    { weight: 3, arbitrary: scalarText },
    { weight: 2, arbitrary: listText },
    { weight: 1, arbitrary: fc.constant('') },
  )
  const line = fc.oneof(
    {
      weight: 12,
      arbitrary: fc.tuple(keyWeighted, fc.constantFrom(': ', ': ', ':', ':  '), valueText),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.constantFrom('', '# x', '  - a', '- a', '...'),
        fc.constant(''),
        fc.constant(''),
      ),
    },
  )
  const yamlText = fc
    .array(line, { minLength: 1, maxLength: 4 })
    .map((lines) => lines.map(([key, colon, value]) => key + colon + value).join('\n'))

  it('agrees with the yaml package whenever it reads a text (data, key and value positions)', () => {
    let read = 0
    fc.assert(
      fc.property(yamlText, (yaml) => {
        const plain = readPlainFrontMatter(yaml)
        if (plain === undefined) return
        read++
        const oracle = readWithYamlPackage(yaml)
        expect(oracle, yaml).toBeDefined()
        expect(plain.data).toEqual(oracle?.data)
        expect(Object.keys(plain.data)).toEqual(Object.keys(oracle?.data ?? {}))
        expect([...plain.keyPositions]).toEqual([...(oracle?.keyPositions ?? [])])
        expect([...plain.valueStarts]).toEqual([...(oracle?.valueStarts ?? [])])
      }),
      { numRuns: 10_000 },
    )
    // The generator must reach the fast path often enough for the comparison to mean something.
    expect(read).toBeGreaterThan(600)
  })

  it('gives parseNotes the same notes and diagnostics as reading with the yaml package', () => {
    const file = (front: string) =>
      `---\n${front}\n---\n# URL\n- https://example.org/paper\n\n<!-- comment -->\n読んだ。\n`
    // An unusual but valid way to write the same data makes parseNotes take the yaml path.
    const plain = file(
      'title: "Reasoning Survey, Ada+, N_A, 2025.01"\ndate: 2025-01-02\ntags: [a/b, "c (d)"]\nid: 12\nnote: hello',
    )
    const viaYaml = file(
      'title: "Reasoning Survey, Ada+, N_A, 2025.01"\ndate: 2025-01-02\ntags:\n- a/b\n- c (d)\nid: 12\nnote: hello',
    )
    expect(readPlainFrontMatter(plain.split('---\n')[1]!.trimEnd())).toBeDefined()
    expect(readPlainFrontMatter(viaYaml.split('---\n')[1]!.trimEnd())).toBeUndefined()
    const a = parseNotes([{ path: 'notes/a.md', contents: plain }])
    const b = parseNotes([{ path: 'notes/a.md', contents: viaYaml }])
    // The files differ only in the tags' layout (two more lines), so everything after them moves.
    expect(a.notes[0]?.tags).toEqual(['a/b', 'c (d)'])
    expect(a.notes[0]?.extra).toEqual({ note: 'hello' })
    expect(a.notes[0]?.id).toBe('12')
    expect({ ...a.notes[0], source: undefined, comments: undefined, body: undefined }).toEqual({
      ...b.notes[0],
      source: undefined,
      comments: undefined,
      body: undefined,
    })
    expect(a.diagnostics).toEqual([])
    expect(b.diagnostics).toEqual([])
  })
})
