/**
 * Conformance of the GitHub issues JSON reader on the real exports in
 * `/work/shared/corpus/github`, and agreement between formats: the same note read from XML and
 * from GitHub JSON, and the text export against the XML export of the same tag. The corpus is
 * read at run time, never copied; expected values come from the source text.
 */
import { readFileSync } from 'node:fs'
import type { Comment, Note } from '@paper-notes/core'
import { describe, expect, it } from 'vitest'
import { corpusDir as corpus, hasCorpus } from '../../../test-support/corpus.ts'
import { readGithubJson } from '../src/github-json.js'
import { readTextExport } from '../src/text-export.js'
import { readXmlExport } from '../src/xml-export.js'
import { generated, loose, sections } from './issue-body-oracle.js'

interface SourceIssue {
  number: number
  title: string
  labels: { name: string }[]
  created_at?: string
  createdAt?: string
  body: string
  html_url?: string
  url?: string
  pull_request?: unknown
  comments: { body: string }[]
}

/** The JSON files, the XML file each was made from, and their note counts (corpus README). */
const pairs = [
  {
    json: 'catastrophic-forgetting.rest.json',
    xml: 'Catastrophic Forgetting.xml',
    count: 17,
    pulls: 1,
  },
  { json: 'japanese.gh.json', xml: 'Japanese.xml', count: 72, pulls: 0 },
] as const

const read = (folder: string, file: string) => readFileSync(`${corpus}${folder}/${file}`, 'utf8')

/** The `# Authors` list of a body, read with plain string operations. */
function authorsOf(body: string): string[] | undefined {
  const start = body.indexOf('# Authors\n')
  if (start === -1) return undefined
  const rest = body.slice(start + '# Authors\n'.length)
  const end = rest.search(/^# /m)
  return (end === -1 ? rest : rest.slice(0, end))
    .split('\n')
    .map((line) => line.replace(/^\s*- /, '').trim())
    .filter((line) => line !== '')
}

/**
 * What two readings of one comment must share. The markdown itself differs by construction (the
 * XML holds HTML, GitHub the author's markdown), as do author and date (only GitHub has them),
 * so the comparison is on what was extracted: posts (twitter.com and x.com are the same post),
 * images, link URLs and labels (the XML export's autolinker kept a closing `)` or `,` that GFM leaves out)
 * and the issue numbers of related notes.
 */
function extracted(comment: Comment) {
  const url = (value: string) =>
    value.replace('https://twitter.com/', 'https://x.com/').replace(/[),]+$/, '')
  return {
    posts: comment.posts.map((post) => ({ ...post, url: post.url && url(post.url) })),
    images: comment.images.map((image) => image.url),
    links: comment.links.map((link) => [url(link.url), link.label]),
    related: comment.related.map((reference) => reference.issue),
  }
}

function withoutSourceAndComments(note: Note) {
  const { source: _source, comments: _comments, ...rest } = note
  return rest
}

describe.skipIf(!hasCorpus)('corpus: GitHub issues JSON', () => {
  for (const { json, xml, count, pulls } of pairs) {
    describe(json, () => {
      const text = hasCorpus ? read('github', json) : '[]'
      const issues = (JSON.parse(text) as SourceIssue[]).filter(
        (issue) => !('pull_request' in issue),
      )
      const result = hasCorpus
        ? readGithubJson({ text, file: json, options: {} })
        : { notes: [], diagnostics: [] }

      it(`gives exactly ${count} notes and skips ${pulls} pull request(s) with an info`, () => {
        expect(issues).toHaveLength(count)
        expect(result.notes).toHaveLength(count)
        expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(
          Array(pulls).fill('github-pull-request-skipped'),
        )
      })

      it('matches each issue: id, title line, tags, issue date, issue link, authors, comment count', () => {
        issues.forEach((issue, index) => {
          const note = result.notes[index]!
          expect(note.id).toBe(String(issue.number))
          expect(note.titleLine).toBe(issue.title)
          expect(note.tags).toEqual(issue.labels.map((label) => label.name))
          expect(note.issueDate).toBe(
            new Date(issue.created_at ?? issue.createdAt!).toISOString().slice(0, 10),
          )
          expect(note.links.issue).toBe(issue.html_url ?? issue.url)
          const authors = authorsOf(issue.body)
          if (authors) expect(note.authors).toEqual(authors)
          expect(note.comments).toHaveLength(issue.comments.length)
          expect(note.comments.map((comment) => comment.markdown)).toEqual(
            issue.comments.map((c) => c.body),
          )
        })
      })

      it('matches each issue body: paper link, abstract, translation and summary with models', () => {
        issues.forEach((issue, index) => {
          const note = result.notes[index]!
          expect(note.links.paper).toBe(/https?:\/\/\S+/.exec(issue.body)?.[0])
          const body = sections(issue.body)
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

      it('gives each issue the line and column where it starts in the JSON', () => {
        const lines = text.split('\n')
        for (const note of result.notes) {
          const line = lines[note.source.line - 1]!
          expect(line.slice(note.source.column - 1).startsWith('{')).toBe(true)
          const rest = lines.slice(note.source.line - 1, note.source.line + 2).join('\n')
          expect(rest).toMatch(new RegExp(`"number":\\s*${note.id}\\b`))
        }
      })

      it(`reads every note like its form in ${xml}, apart from source and comment formatting`, () => {
        const fromXml = readXmlExport({ text: read('xml', xml), file: xml, options: {} }).notes
        expect(fromXml.map((note) => note.id).sort()).toEqual(
          result.notes.map((note) => note.id).sort(),
        )
        for (const note of result.notes) {
          const twin = fromXml.find((candidate) => candidate.id === note.id)!
          expect(withoutSourceAndComments(note)).toEqual(withoutSourceAndComments(twin))
          expect(note.comments.map(extracted)).toEqual(twin.comments.map(extracted))
        }
      })
    })
  }
})

describe.skipIf(!hasCorpus)('corpus: text export against the XML export of the same tag', () => {
  it('finds each note of text/000 in Catastrophic Forgetting.xml: same date, most tags shared', () => {
    const textNotes = readTextExport({
      text: read('text', '000_42670d995a5e6f19.txt'),
      options: {},
    }).notes
    const xmlNotes = readXmlExport({
      text: read('xml', 'Catastrophic Forgetting.xml'),
      options: {},
    }).notes
    expect(textNotes).toHaveLength(13)
    for (const note of textNotes) {
      const shared = (candidate: Note) =>
        note.tags.filter((tag) => candidate.tags.includes(tag)).length / note.tags.length
      const best = Math.max(
        ...xmlNotes.filter((candidate) => candidate.issueDate === note.issueDate).map(shared),
        0,
      )
      expect(best, `${note.issueDate} ${note.tags.join(', ')}`).toBeGreaterThanOrEqual(0.6)
    }
  })
})
