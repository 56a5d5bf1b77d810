/**
 * The parse cache file (`parsed.jsonl`): what goes in comes back out (notes, diagnostics, comment
 * trees without positions, parsed when first read, note fingerprints), and damaged lines or files
 * are ignored.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Note } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { noteFingerprint, parseKey, withoutTrees } from '../src/build-cache.js'
import {
  DamagedParseCacheError,
  maxParseCacheSegments,
  parseCacheLine,
  parseCacheSegmentPath,
  readParseCache,
  segmentsToKeep,
  takeParsed,
  writeParseCache,
  writeParseSegment,
} from '../src/parse-cache.js'
import { parseSource } from '../src/parse-source.js'
import { noteOutlineHash } from '../src/plan-index.js'
import { japaneseBlog, sparseRehearsal } from './fixtures.js'
import { makeTempDir } from './temp-dir.js'

/** A note with two comments (a GFM table, a code block), tags with spaces, slashes and parentheses. */
const tableNote = `---
title: "[Paper Note] Rehearsal Tables, Ada Lovelace+, ICLR'25, 2025.02"
date: 2025-02-03
tags: [Continual Learning, Selected Papers/Blogs, PEFT(Adaptor/LoRA)]
issue: https://github.com/example/notes/issues/120
---
# Abstract
- Rehearsal buffers compared in one table.

<!-- comment -->
| 手法 | 忘却率 |
| --- | ---: |
| **Replay** | 2.1 |

<!-- comment date="2025-02-04" -->
\`\`\`ts
const a = 1 < 2
\`\`\`
`

const options = { pageTag: true }
const parseCachePath = parseCacheSegmentPath(1)
const sources = [
  { path: 'notes/120.md', contents: tableNote },
  { path: 'notes/100.md', contents: sparseRehearsal },
  { path: 'notes/101.md', contents: japaneseBlog },
]

/** Deletes every `position` below a value (what the cache leaves out of comment trees). */
function stripPositions(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (name, inner) => (name === 'position' ? undefined : inner)),
  )
}

/** The entry of a cache line, its trees and its prose (the parts between tabs), as JSON values. */
function lineParts(line: string): {
  entry: Record<string, unknown>
  trees: unknown
  prose: unknown
} {
  const [entry, trees, prose, ...rest] = line.split('\t')
  expect(rest).toEqual([])
  return { entry: JSON.parse(entry!), trees: JSON.parse(trees!), prose: JSON.parse(prose!) }
}

/** A cache line of the given parts. */
function lineOf(parts: { entry: unknown; trees: unknown; prose: unknown }): string {
  return [parts.entry, parts.trees, parts.prose].map((part) => JSON.stringify(part)).join('\t')
}

/**
 * Writes a cache of `sources` into a fresh output folder and returns the folder; `fingerprinted`:
 * with the notes' fingerprints and outline hashes worked out before.
 */
async function cachedFolder(fingerprinted = false) {
  const outDir = await makeTempDir()
  mkdirSync(join(outDir, '.paper-notes-cache'))
  const entries = sources.map((source) => {
    const parsed = parseSource(source, options)
    if (fingerprinted) {
      for (const note of parsed.notes) {
        noteFingerprint(note)
        noteOutlineHash(note)
      }
    }
    return { key: parseKey(source, options), parsed }
  })
  writeParseSegment(join(outDir, parseCachePath), entries)
  return { outDir, entries }
}

describe('the parse cache', () => {
  it('gives back the notes and diagnostics, with comment trees without positions', async () => {
    const { outDir, entries } = await cachedFolder()
    const { cache, reason } = readParseCache(outDir)
    expect(reason).toBeUndefined()
    expect(cache?.lines.size).toBe(3)
    for (const { key, parsed } of entries) {
      const back = takeParsed(cache!, key)!
      expect(back.diagnostics).toEqual(parsed.diagnostics)
      expect(back.notes.map(withoutTrees)).toEqual(parsed.notes.map(withoutTrees))
      back.notes.forEach((note, index) => {
        const fresh = parsed.notes[index]!
        expect(note.comments.map((comment) => comment.tree)).toEqual(
          fresh.comments.map((comment) => stripPositions(comment.tree)),
        )
      })
    }
    const table = takeParsed(cache!, entries[0]!.key)!.notes[0]!
    expect(table.comments).toHaveLength(2)
    expect(table.comments[0]!.tree?.children[0]?.type).toBe('table')
    expect(JSON.stringify(table.comments[0]!.tree)).not.toContain('position')
    expect(table.tags).toEqual([
      'Continual Learning',
      'Selected Papers/Blogs',
      'PEFT(Adaptor/LoRA)',
    ])
  })

  it('keeps note fingerprints worked out before writing, equal to hashing the note again', async () => {
    const { outDir, entries } = await cachedFolder(true)
    const line = readFileSync(join(outDir, parseCachePath), 'utf8').split('\n')[1]!
    const recorded = lineParts(line).entry.fingerprints as string[]
    expect(recorded).toEqual(entries[0]!.parsed.notes.map((note) => noteFingerprint(note)))
    expect(recorded[0]).toMatch(/^[0-9a-f]{40}$/)

    const back = takeParsed(readParseCache(outDir).cache!, entries[0]!.key)!.notes[0]!
    // The same hash as a note parsed afresh (a different object, so not memoized).
    const fresh = parseSource(sources[0]!, options).notes[0]!
    expect(noteFingerprint(back)).toBe(noteFingerprint(fresh))
    // An edited note has another fingerprint.
    const edited = parseSource(
      { path: 'notes/120.md', contents: tableNote.replace('2.1', '2.4') },
      options,
    ).notes[0]!
    expect(noteFingerprint(edited)).not.toBe(noteFingerprint(fresh))
  })

  it('records no fingerprint a build did not work out', async () => {
    const { outDir } = await cachedFolder(false)
    const line = readFileSync(join(outDir, parseCachePath), 'utf8').split('\n')[1]!
    expect(lineParts(line).entry.fingerprints).toEqual([null])
    expect(lineParts(line).entry.outlines).toEqual([null])
  })

  it('ignores a cut-short last line, lines without a key, and malformed entries', async () => {
    const { outDir, entries } = await cachedFolder()
    const path = join(outDir, parseCachePath)
    const lines = readFileSync(path, 'utf8').split('\n')
    // Entry 0: its note's comments are not a list; entry 1: fine; entry 2: cut short.
    const first = lineParts(lines[1]!)
    ;(first.entry.notes as { comments: unknown }[])[0]!.comments = 'none'
    lines[1] = lineOf(first)
    const cut = lines[3]!.slice(0, 200)
    writeFileSync(path, `${lines.slice(0, 3).join('\n')}\nnot an entry\n${cut}`)
    const { cache, reason } = readParseCache(outDir)
    expect(reason).toBe(`ignoring 2 unreadable line(s) of ${parseCachePath}`)
    expect(takeParsed(cache!, entries[0]!.key)).toBeUndefined()
    expect(takeParsed(cache!, entries[1]!.key)?.notes[0]?.id).toBe(entries[1]!.parsed.notes[0]!.id)
    expect(takeParsed(cache!, entries[2]!.key)).toBeUndefined()
    expect(takeParsed(cache!, 'no-such-key')).toBeUndefined()
  })

  it('parses the trees when a comment first reads its tree, and leaves out trees it cannot read', async () => {
    const { outDir, entries } = await cachedFolder()
    const back = takeParsed(readParseCache(outDir).cache!, entries[0]!.key)!.notes[0]!
    const [table, code] = back.comments as [Note['comments'][0], Note['comments'][0]]
    // Not parsed yet: each comment's tree is a getter, in the place a tree would be.
    expect(Object.getOwnPropertyDescriptor(table, 'tree')?.get).toBeDefined()
    expect(Object.keys(table).at(-1)).toBe('tree')
    expect(code.tree?.children[0]?.type).toBe('code')
    // Read once: every comment of the entry now holds its tree as a plain property.
    expect(Object.getOwnPropertyDescriptor(table, 'tree')?.value?.children[0]?.type).toBe('table')
    // A tree set before it is read replaces the cached one.
    const other = takeParsed(readParseCache(outDir).cache!, entries[0]!.key)!.notes[0]!
    other.comments[0]!.tree = { type: 'root', children: [] }
    expect(other.comments[0]!.tree).toEqual({ type: 'root', children: [] })
    expect(other.comments[1]!.tree?.children[0]?.type).toBe('code')

    // Trees that do not fit the comments (one tree for two comments): the notes come back
    // without them, as notes read from JSON do, and renderers build them from the markdown.
    const path = join(outDir, parseCachePath)
    const lines = readFileSync(path, 'utf8').split('\n')
    const first = lineParts(lines[1]!)
    lines[1] = lineOf({ ...first, trees: [[null]] })
    writeFileSync(path, lines.join('\n'))
    const bare = takeParsed(readParseCache(outDir).cache!, entries[0]!.key)!.notes[0]!
    expect(bare.comments.map((comment) => comment.tree)).toEqual([undefined, undefined])
    expect(bare.comments.map((comment) => 'tree' in comment)).toEqual([false, false])
    expect(withoutTrees(bare)).toEqual(withoutTrees(entries[0]!.parsed.notes[0]!))
  })

  it('keeps each note’s prose apart, parsed when a prose field is first read, in its place', async () => {
    const { outDir, entries } = await cachedFolder(true)
    const line = readFileSync(join(outDir, parseCachePath), 'utf8').split('\n')[1]!
    const { entry, prose } = lineParts(line)
    const fresh = entries[0]!.parsed.notes[0]!
    const [stored] = entry.notes as Record<string, unknown>[]
    expect([stored!.abstract, stored!.translation, stored!.summary, stored!.sections]).toEqual([
      null,
      null,
      null,
      null,
    ])
    expect(prose).toEqual([[fresh.abstract, fresh.translation, fresh.summary, fresh.sections]])
    expect(fresh.abstract).toContain('Rehearsal buffers')
    expect(entry.outlines).toEqual([noteOutlineHash(fresh)])

    const back = takeParsed(readParseCache(outDir).cache!, entries[0]!.key)!.notes[0]!
    // Not parsed yet: a getter in the place of each field; the outline is known without it.
    expect(Object.getOwnPropertyDescriptor(back, 'abstract')?.get).toBeDefined()
    expect(Object.keys(back)).toEqual(Object.keys(fresh))
    expect(noteOutlineHash(back)).toBe(noteOutlineHash(fresh))
    expect(Object.getOwnPropertyDescriptor(back, 'abstract')?.get).toBeDefined()
    // Read once: every prose field is a plain property again, and the note serializes as the
    // freshly parsed one does.
    expect(back.summary).toEqual(fresh.summary)
    expect(Object.getOwnPropertyDescriptor(back, 'abstract')?.value).toBe(fresh.abstract)
    expect(JSON.stringify(withoutTrees(back))).toBe(JSON.stringify(withoutTrees(fresh)))
    // A field set before it is read replaces the cached one.
    const other = takeParsed(readParseCache(outDir).cache!, entries[0]!.key)!.notes[0]!
    other.abstract = 'Replaced.'
    expect(other.abstract).toBe('Replaced.')
    expect(other.translation).toEqual(fresh.translation)
  })

  it('takes a line without prose as no entry, and says so when prose is damaged inside a line', async () => {
    const { outDir, entries } = await cachedFolder()
    const path = join(outDir, parseCachePath)
    const lines = readFileSync(path, 'utf8').split('\n')
    const first = lineParts(lines[1]!)
    const second = lineParts(lines[2]!)
    // The layout before the prose was kept apart: an entry and its trees.
    lines[1] = `${JSON.stringify(first.entry)}\t${JSON.stringify(first.trees)}`
    lines[2] = lineOf({ ...second, prose: [['only one field']] })
    writeFileSync(path, lines.join('\n'))
    const { cache } = readParseCache(outDir)
    expect(takeParsed(cache!, entries[0]!.key)).toBeUndefined()
    const damaged = takeParsed(cache!, entries[1]!.key)!.notes[0]!
    expect(damaged.id).toBe(entries[1]!.parsed.notes[0]!.id)
    expect(() => damaged.abstract).toThrow(DamagedParseCacheError)
    expect(() => damaged.abstract).toThrow('build again with --no-cache')
  })

  it('ignores a whole file of another format or version, or none at all', async () => {
    const { outDir, entries } = await cachedFolder()
    const path = join(outDir, parseCachePath)
    const text = readFileSync(path, 'utf8')
    writeFileSync(path, text.replace(/"versions":"[^"]*"/, '"versions":"0:0.0.0:0.0.0"'))
    expect(readParseCache(outDir)).toEqual({
      reason: `ignoring ${parseCachePath}: not a parse cache of this version of paper-notes`,
    })
    writeFileSync(path, text.slice(text.indexOf('\n') + 1)) // no header
    expect(readParseCache(outDir).cache).toBeUndefined()
    const empty = await makeTempDir()
    expect(readParseCache(empty).reason).toContain('no parse cache')
    expect(entries).toHaveLength(3)
  })

  it('writes one line per key, copying lines taken from the previous cache as they are', async () => {
    const outDir = await makeTempDir()
    mkdirSync(join(outDir, '.paper-notes-cache'))
    const parsed = parseSource(sources[1]!, options)
    const key = parseKey(sources[1]!, options)
    const copied = parseCacheLine('k2', parseSource(sources[2]!, options))
    writeParseSegment(join(outDir, parseCachePath), [
      { key, parsed },
      { key, parsed },
      { key: 'k2', parsed: { notes: [], diagnostics: [] }, line: copied },
    ])
    const lines = readFileSync(join(outDir, parseCachePath), 'utf8').split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[1]).toBe(parseCacheLine(key, parsed))
    expect(lines[2]).toBe(copied)
    expect(lines[3]).toBe('')
    const cache = readParseCache(outDir).cache!
    const notes: Note[] = takeParsed(cache, key)!.notes
    expect(notes.map((note) => note.id)).toEqual(parsed.notes.map((note) => note.id))
    // The copied line is used under its own key, whatever the entry's notes say.
    expect(takeParsed(cache, 'k2')!.notes.map((note) => note.id)).toEqual(['101'])
  })
})

describe('writing the parse cache into a new output folder', () => {
  /** A previous output folder with a cache of `sources`, and a fresh staging folder. */
  async function previousAndStaging() {
    const { outDir, entries } = await cachedFolder()
    const staging = await makeTempDir()
    return { outDir, entries, staging, previous: readParseCache(outDir).cache! }
  }

  const segments = (dir: string) =>
    readdirSync(join(dir, '.paper-notes-cache')).filter((name) => name.startsWith('parsed-'))

  it('links the previous segment and writes only the inputs parsed anew into another', async () => {
    const { outDir, entries, staging, previous } = await previousAndStaging()
    const editedSource = { path: 'notes/100.md', contents: `${sparseRehearsal}\nEdited.\n` }
    const edited = {
      key: parseKey(editedSource, options),
      parsed: parseSource(editedSource, options),
    }
    const now = [
      { ...entries[0]!, line: previous.lines.get(entries[0]!.key)! },
      edited,
      { ...entries[2]!, line: previous.lines.get(entries[2]!.key)! },
    ]
    expect(writeParseCache(staging, now, previous)).toEqual({ linked: [1], written: 2, entries: 1 })
    expect(segments(staging).sort()).toEqual(['parsed-1.jsonl', 'parsed-2.jsonl'])
    // Linked: the same file (inode) as the previous build's.
    expect(statSync(join(staging, parseCacheSegmentPath(1))).ino).toBe(
      statSync(join(outDir, parseCacheSegmentPath(1))).ino,
    )
    const again = readParseCache(staging).cache!
    expect(takeParsed(again, edited.key)?.notes[0]?.abstract).toBe(edited.parsed.notes[0]!.abstract)
    expect(takeParsed(again, entries[0]!.key)?.notes[0]?.id).toBe('120')
    expect(again.segments.map((segment) => segment.keys.length)).toEqual([3, 1])
  })

  it('links and writes nothing new when every input came from the cache', async () => {
    const { entries, staging, previous } = await previousAndStaging()
    const same = entries.map((entry) => ({ ...entry, line: previous.lines.get(entry.key)! }))
    expect(writeParseCache(staging, same, previous)).toEqual({ linked: [1], entries: 0 })
    expect(segments(staging)).toEqual(['parsed-1.jsonl'])
  })

  it('says beforehand which segments it will link (a build keeps only the other lines)', async () => {
    const { entries, previous } = await previousAndStaging()
    const all = new Set(entries.map((entry) => entry.key))
    expect(segmentsToKeep(previous, all).map((segment) => segment.number)).toEqual([1])
    expect(segmentsToKeep(previous, new Set([entries[0]!.key, 'new', 'newer']))).toHaveLength(1)
    // 3 kept lines for 1 in use: one segment is written instead.
    expect(segmentsToKeep(previous, new Set([entries[1]!.key]))).toEqual([])
    expect(segmentsToKeep(undefined, all)).toEqual([])
  })

  it('writes one segment when most lines of the old ones are no longer used', async () => {
    const { entries, staging, previous } = await previousAndStaging()
    // Only one of the three inputs is left: 3 kept lines for 1 in use.
    const one = [{ ...entries[1]!, line: previous.lines.get(entries[1]!.key)! }]
    expect(writeParseCache(staging, one, previous)).toEqual({ linked: [], written: 1, entries: 1 })
    const again = readParseCache(staging).cache!
    expect([...again.lines.keys()]).toEqual([entries[1]!.key])
    expect(again.lines.get(entries[1]!.key)).toBe(previous.lines.get(entries[1]!.key))
  })

  /** A previous output folder with `count` segments of one input each. */
  async function segmentedFolder(count: number) {
    const outDir = await makeTempDir()
    mkdirSync(join(outDir, '.paper-notes-cache'))
    for (let number = 1; number <= count; number++) {
      const source = {
        path: `notes/${200 + number}.md`,
        contents: tableNote.replace('issues/120', `issues/${200 + number}`),
      }
      const entry = { key: parseKey(source, options), parsed: parseSource(source, options) }
      writeParseSegment(join(outDir, parseCacheSegmentPath(number)), [entry])
    }
    const previous = readParseCache(outDir).cache!
    const entries = [...previous.lines].map(([key, line]) => ({
      key,
      parsed: { notes: [], diagnostics: [] },
      line,
    }))
    return { previous, entries }
  }

  it(`links up to ${maxParseCacheSegments - 1} segments, and writes one rather than ${maxParseCacheSegments}`, async () => {
    const below = await segmentedFolder(maxParseCacheSegments - 1)
    expect(below.entries).toHaveLength(maxParseCacheSegments - 1)
    const linked = await makeTempDir()
    expect(writeParseCache(linked, below.entries, below.previous)).toEqual({
      linked: Array.from({ length: maxParseCacheSegments - 1 }, (_, index) => index + 1),
      entries: 0,
    })

    const at = await segmentedFolder(maxParseCacheSegments)
    const staging = await makeTempDir()
    expect(writeParseCache(staging, at.entries, at.previous)).toEqual({
      linked: [],
      written: 1,
      entries: maxParseCacheSegments,
    })
    expect(segments(staging)).toEqual(['parsed-1.jsonl'])
    const again = readParseCache(staging).cache!
    expect([...again.lines.keys()].sort()).toEqual([...at.previous.lines.keys()].sort())
    const ids = [...again.lines.keys()].map((key) => takeParsed(again, key)?.notes[0]?.id)
    expect(ids.sort()).toEqual(
      Array.from({ length: maxParseCacheSegments }, (_, index) => String(201 + index)),
    )
  })

  it('writes a segment with unreadable lines again instead of linking it', async () => {
    const { outDir, entries, staging } = await previousAndStaging()
    const path = join(outDir, parseCacheSegmentPath(1))
    writeFileSync(path, `${readFileSync(path, 'utf8')}cut {"key":"`)
    const previous = readParseCache(outDir).cache!
    const same = entries.map((entry) => ({ ...entry, line: previous.lines.get(entry.key)! }))
    expect(writeParseCache(staging, same, previous)).toEqual({ linked: [], written: 1, entries: 3 })
    expect(readParseCache(staging).reason).toBeUndefined()
  })
})
