/**
 * Dependency completeness on the real exports in `/work/shared/corpus` (read with
 * `@paper-notes/parser`): real comments mention other notes as `#1234`, link their issue URLs and
 * name them in related references. For notes that others point at (and a few that point at
 * others), edit the note and check that every page that changes says so in its `dependsOn`.
 */
import { type Collection, createCollection, type Note, parseMarkdown } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { corpusFiles, hasCorpus } from '../../../test-support/corpus.ts'
import { planHtml } from '../src/index.js'

/** The note with its title, abstract and first comment (added when it has none) edited. */
function withEditedContent(note: Note): Note {
  const markdown = `${note.comments[0]?.markdown ?? ''}\n\n追記: 読み直した。`
  const first = {
    markdown,
    tree: parseMarkdown(markdown),
    posts: [],
    images: [],
    links: [],
    related: [],
  }
  return {
    ...note,
    title: `${note.title} (revised)`,
    titleLine: note.titleLine === '' ? '' : `${note.titleLine} (revised)`,
    abstract: `${note.abstract ?? ''} Revised abstract.`.trim(),
    comments:
      note.comments.length > 0
        ? [{ ...note.comments[0]!, markdown, tree: first.tree }, ...note.comments.slice(1)]
        : [first],
  }
}

describe.skipIf(!hasCorpus)('corpus: dependsOn of planned pages', () => {
  let notes: Note[]
  let collection: Collection
  let before: Map<string, { contents: string; key: string | undefined }>
  const options = { pageSize: 20 }

  beforeAll(() => {
    notes = [...createCollection(parseNotes(corpusFiles()).notes).notes]
    collection = createCollection(notes)
    before = new Map(
      [...planHtml(collection, options)].map((file) => [
        file.path,
        { contents: String(file.render()), key: file.dependsOn?.key },
      ]),
    )
  }, 120_000)

  /** Notes that other notes point at, by related reference or `#1234`, in id order. */
  function pointedAt(): string[] {
    const mentioned = new Set<string>()
    for (const note of collection.notes) {
      for (const target of collection.related(note.id)) mentioned.add(target.id)
      for (const comment of note.comments) {
        for (const match of comment.markdown.matchAll(/#(\d+)/g)) {
          if (collection.get(match[1]!)) mentioned.add(match[1]!)
        }
      }
    }
    return [...mentioned].sort()
  }

  /** Notes that point at other notes, in id order. */
  function pointingAtOthers(): string[] {
    return collection.notes
      .filter((note) => collection.related(note.id).length > 0)
      .map((note) => note.id)
      .sort()
  }

  it('has notes that point at other notes', () => {
    expect(pointedAt().length).toBeGreaterThan(0)
    expect(pointingAtOthers().length).toBeGreaterThan(0)
  })

  it('flags every changed page after a note that points or is pointed at is edited', () => {
    const ids = [...new Set([...pointedAt().slice(0, 8), ...pointingAtOthers().slice(0, 8)])]
    for (const id of ids) {
      const edited = createCollection(
        notes.map((note) => (note.id === id ? withEditedContent(note) : note)),
      )
      const missed: string[] = []
      let changed = 0
      for (const file of planHtml(edited, options)) {
        const previous = before.get(file.path)
        if (previous === undefined || previous.contents === file.render()) continue
        changed++
        const depends = file.dependsOn
        if (depends === undefined || depends.notes.some((note) => note.id === id)) continue
        if (depends.key !== previous.key) continue
        missed.push(file.path)
      }
      expect({ id, missed }).toEqual({ id, missed: [] })
      expect(changed).toBeGreaterThan(1)
    }
  }, 120_000)
})
