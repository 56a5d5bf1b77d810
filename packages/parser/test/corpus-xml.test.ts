/**
 * Conformance of the paper-list XML reader on the real exports in `/work/shared/corpus/xml`
 * (read at run time, never copied). Every expected value is read from the source text here with
 * plain string operations, independently of the reader.
 */
import { readFileSync } from 'node:fs'
import type { Note } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { corpusDir as corpus, hasCorpus } from '../../../test-support/corpus.ts'
import { readXmlExport } from '../src/xml-export.js'
import { generated, loose, sections } from './issue-body-oracle.js'

/** Entry counts per file, as the corpus README states them (118 in all). */
const files = {
  'AcademicWriting.xml': 6,
  'AutonomousDriving.xml': 4,
  'BeamSearch.xml': 6,
  'Bias.xml': 7,
  'Catastrophic Forgetting.xml': 17,
  'Citations.xml': 6,
  'Japanese.xml': 72,
} as const

/** The text of `<name>…</name>` in an entry, as written. */
function element(entry: string, name: string): string | undefined {
  const start = entry.indexOf(`<${name}>`)
  const end = entry.indexOf(`</${name}>`)
  return start === -1 || end === -1 ? undefined : entry.slice(start + name.length + 2, end)
}

describe.skipIf(!hasCorpus)('corpus: paper-list XML', () => {
  let total = 0
  for (const [file, count] of Object.entries(files)) {
    describe(file, () => {
      const text = hasCorpus ? readFileSync(`${corpus}xml/${file}`, 'utf8') : ''
      const result = hasCorpus
        ? readXmlExport({ text, file, options: {} })
        : { notes: [], diagnostics: [] }
      const entries = text.split('<paper-entry>').slice(1)
      total += count

      it(`gives exactly ${count} notes, one per entry, and no errors or warnings`, () => {
        expect(entries).toHaveLength(count)
        expect(result.notes).toHaveLength(count)
        expect(result.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')).toEqual(
          [],
        )
      })

      it('matches each entry: id, title line, links, tags, issue date', () => {
        entries.forEach((entry, index) => {
          const note = result.notes[index]!
          const issueLink = element(entry, 'repo-issue-link')!
          expect(note.id).toBe(/\/issues\/(\d+)$/.exec(issueLink)?.[1])
          expect(note.titleLine).toBe(element(entry, 'title')!.trim())
          expect(note.links).toEqual({
            paper: element(entry, 'original-paper-blog-link'),
            issue: issueLink,
          })
          expect(note.tags).toEqual([
            ...new Set(
              element(entry, 'tags')!
                .split(',')
                .map((tag) => tag.trim()),
            ),
          ])
          expect(note.issueDate).toBe(element(entry, 'repo-issue-date'))
        })
      })

      it('matches each entry: authors, abstract, translation and summary with their models', () => {
        entries.forEach((entry, index) => {
          const note = result.notes[index]!
          const body = sections(element(entry, 'issue-body')!)
          const authors = body.get('Authors')
          if (authors !== undefined) {
            expect(note.authors).toEqual(
              authors
                .split('\n')
                .map((line) => line.replace(/^\s*- /, '').trim())
                .filter((line) => line !== ''),
            )
          }
          const abstract = body.get('Abstract')
          expect(note.abstract === null ? null : loose(note.abstract)).toBe(
            abstract === undefined ? null : loose(abstract),
          )
          const loosely = (value: Note['summary']) =>
            value === null ? null : { ...value, text: loose(value.text) }
          expect(loosely(note.translation)).toEqual(generated(body, 'Translation'))
          expect(loosely(note.summary)).toEqual(generated(body, 'Summary'))
        })
      })

      it('gives one comment per <p> of the comment HTML, none for `None`', () => {
        entries.forEach((entry, index) => {
          const html = element(entry, 'maintainer-comment-text')!
          const paragraphs = html.trim() === 'None' ? 0 : html.split('<p>').length - 1
          expect(result.notes[index]!.comments).toHaveLength(paragraphs)
        })
      })

      it('turns every tweet embed into a post with its status URL', () => {
        const embeds = [...text.matchAll(/data-embed='[^']*?href="([^"]+)"/g)].map(
          (match) => match[1],
        )
        const posts = result.notes.flatMap((note) =>
          note.comments.flatMap((comment) => comment.posts.map((post) => post.url)),
        )
        expect(posts).toEqual(embeds)
      })
    })
  }

  it('reads 118 notes in all, as the corpus README says', () => {
    expect(total).toBe(118)
  })

  it('keeps the one decomposed (NFD) title exactly as given', () => {
    const text = readFileSync(`${corpus}xml/Japanese.xml`, 'utf8')
    const titles = [...text.matchAll(/<title>([^\n]*?)<\/title>/g)].map((match) => match[1]!)
    const decomposed = titles.filter((title) => title !== title.normalize('NFC'))
    expect(decomposed).toHaveLength(1)
    const { notes } = readXmlExport({ text, options: {} })
    const note = notes.find(
      (candidate) => candidate.titleLine.normalize('NFC') === decomposed[0]!.normalize('NFC'),
    )
    expect(note?.titleLine).toBe(decomposed[0])
  })
})
