/**
 * The plan index (`.paper-notes-cache/plan-index.json`): a rebuild takes over the fingerprints
 * of files whose notes did not change, for renderers that plan from the outline, without working
 * out their `dependsOn`. A renderer module counts whose `dependsOn` is worked out.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Note, noteOutline } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { describe, expect, it } from 'vitest'
import type { PreviousCache } from '../src/build-cache.js'
import { fingerprintCarrier, outlineDigest, planIndexText } from '../src/plan-index.js'
import type { PlannedRenderer } from '../src/renderers.js'
import { forgettingEval, japaneseBlog, sparseRehearsal } from './fixtures.js'
import { expectSameOutput } from './output-files.js'
import { buildQuietly } from './quiet-io.js'
import { makeTempDir, sampleProject, writeTree } from './temp-dir.js'

/**
 * A renderer module: one file per note (listing the note and the notes it relates to, keyed by
 * their titles, which are outline) and one index of every note. `plansFromOutline` comes from
 * the module's name, so one source makes both kinds.
 */
const plannerSource = (outline: boolean) => `
globalThis.__paperNotesPlanned = globalThis.__paperNotesPlanned ?? []
const fileName = (id) => id.replace(/[^A-Za-z0-9-]/g, '_')
export default {
  name: 'planner',
  version: '1',
  plansFromOutline: ${outline},
  render(collection) {
    return [...this.plan(collection)].map((file) => ({
      path: file.path, contents: file.render(), mediaType: file.mediaType,
    }))
  },
  *plan(collection) {
    const planned = (path, notes, key, text) => ({
      path,
      mediaType: 'text/plain',
      get dependsOn() {
        globalThis.__paperNotesPlanned.push(path)
        return { notes, key }
      },
      render: text,
    })
    for (const note of collection.notes) {
      const related = collection.related(note.id)
      yield planned(
        'planner/' + fileName(note.id) + '.txt',
        [note, ...related],
        related.map((other) => other.title).join('|'),
        () => note.title + ': ' + (note.abstract ?? '') + ' / ' + related.map((other) => other.abstract).join(' / ') + '\\n',
      )
    }
    yield planned(
      'planner/index.txt',
      collection.notes,
      String(collection.notes.length),
      () => collection.notes.map((n) => n.id + ' ' + n.title).join('\\n') + '\\n',
    )
  },
}
`

const planned = (): string[] => {
  const global = globalThis as { __paperNotesPlanned?: string[] }
  global.__paperNotesPlanned ??= []
  return global.__paperNotesPlanned
}

const renderers = 'html,json,rss,./planner.mjs'
/** Runs a build; returns the planner's files whose `dependsOn` was worked out, and the stderr. */
async function build(cwd: string, out: string, ...extra: string[]) {
  planned().length = 0
  const stderr = await buildQuietly(cwd, out, '--renderers', renderers, ...extra)
  return { planned: [...planned()].sort(), stderr }
}

const everyPlannerFile = [
  'planner/100.txt',
  'planner/101.txt',
  'planner/102.txt',
  'planner/index.txt',
]

describe('the plan index', () => {
  it('works out the dependsOn of only the files that list a changed note, with the output of a --no-cache build', async () => {
    const cwd = await sampleProject({ 'planner.mjs': plannerSource(true) })
    expect((await build(cwd, 'site')).planned).toEqual(everyPlannerFile)
    const unchanged = await build(cwd, 'site')
    expect(unchanged.planned).toEqual([])
    expect(unchanged.stderr).toContain('planning from the previous plan index: 0 note(s) changed')

    // 101's abstract is prose: 100 lists it (its comment relates to #101), 102 does not.
    await writeFile(join(cwd, 'notes/101.md'), japaneseBlog.replace('短いまとめ', '長いまとめ'))
    const prose = await build(cwd, 'site')
    expect(prose.stderr).toContain('planning from the previous plan index: 1 note(s) changed')
    expect(prose.planned).toEqual(['planner/100.txt', 'planner/101.txt', 'planner/index.txt'])
    await build(cwd, 'fresh', '--no-cache')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh'))

    // A new title is outline: every file is planned again, and 100's file (keyed by the titles
    // of the notes it relates to) is rendered again.
    await writeFile(join(cwd, 'notes/101.md'), japaneseBlog.replace('LLMを3行', 'LLMを4行'))
    const title = await build(cwd, 'site')
    expect(title.stderr).toContain('planning every file: no plan index of the same outline')
    expect(title.planned).toEqual(everyPlannerFile)
    await build(cwd, 'fresh2', '--no-cache')
    await expectSameOutput(join(cwd, 'site'), join(cwd, 'fresh2'))
  })

  it('plans every file of a renderer that does not plan from the outline', async () => {
    const cwd = await sampleProject({ 'planner.mjs': plannerSource(false) })
    await build(cwd, 'site')
    await writeFile(join(cwd, 'notes/102.md'), forgettingEval.replace('often', 'usually'))
    expect((await build(cwd, 'site')).planned).toEqual(everyPlannerFile)
  })

  it('plans every file again when the index is corrupt, cut short or of another outline', async () => {
    const cwd = await sampleProject({ 'planner.mjs': plannerSource(true) })
    await build(cwd, 'site')
    const indexPath = join(cwd, 'site/.paper-notes-cache/plan-index.json')
    const text = await readFile(indexPath, 'utf8')
    const index = JSON.parse(text) as {
      outline: string
      files: Record<string, Record<string, number[]>>
    }
    const [maker, planner] = Object.entries(index.files).find(([, byPath]) =>
      Object.hasOwn(byPath, 'planner/100.txt'),
    )!
    const damaged = [
      text.slice(0, text.length / 2),
      JSON.stringify({ ...index, outline: 'f'.repeat(40) }),
      JSON.stringify({
        ...index,
        files: { ...index.files, [maker]: { ...planner, 'planner/100.txt': [99_999] } },
      }),
    ]
    for (const bad of damaged) {
      await writeFile(indexPath, bad)
      const again = await build(cwd, 'site')
      expect(again.planned).toEqual(everyPlannerFile)
      expect(again.stderr).toContain('planning every file')
    }
    // The build after each wrote a good index again.
    expect((await build(cwd, 'site')).planned).toEqual([])
  })
})

describe('outlineDigest and fingerprintCarrier', () => {
  const notesOf = (...texts: string[]): Note[] =>
    texts.flatMap((text, index) => parseNotes(text, { file: `notes/${index}.md` }).notes)

  it('leaves prose out of the outline and keeps what a collection is made from', () => {
    const [note] = notesOf(sparseRehearsal)
    const outline = noteOutline(note!)
    expect(Object.keys(outline)).not.toContain('abstract')
    expect(Object.keys(outline)).not.toContain('translation')
    expect(outline.tags).toEqual(note!.tags)
    expect(outline.comments).toEqual([
      { related: [] },
      { related: [expect.objectContaining({ issue: 101 })] },
    ])
    const base = outlineDigest(notesOf(sparseRehearsal, forgettingEval))
    expect(
      outlineDigest(
        notesOf(sparseRehearsal.replace('sparse subset', 'small subset'), forgettingEval),
      ),
    ).toBe(base)
    expect(
      outlineDigest(notesOf(sparseRehearsal.replace('[NLP, ', '[NLP, Robotics, '), forgettingEval)),
    ).not.toBe(base)
    expect(
      outlineDigest(notesOf(sparseRehearsal.replace('- #101', '- #102'), forgettingEval)),
    ).not.toBe(base)
    expect(outlineDigest(notesOf(forgettingEval, sparseRehearsal))).not.toBe(base)
  })

  it('takes a fingerprint over only for the same renderer and options, a known path and unchanged notes', async () => {
    const outDir = await makeTempDir()
    const renderer: PlannedRenderer = {
      name: 'planner',
      version: '1',
      optionsKey: '{}',
      plansFromOutline: true,
      render: async () => [],
    }
    await writeTree(outDir, {
      '.paper-notes-cache/plan-index.json': planIndexText('outline-1', [
        { path: 'a.txt', renderer, notes: ['100', '101'] },
        { path: 'b.txt', renderer, notes: ['102'] },
        { path: 'other.txt', renderer: { ...renderer, plansFromOutline: false }, notes: ['102'] },
      ]),
    })
    const previous: PreviousCache = {
      outDir,
      files: new Map([
        ['a.txt', { hash: 'h', fingerprint: 'fa' }],
        ['b.txt', { hash: 'h', fingerprint: 'fb' }],
        ['other.txt', { hash: 'h', fingerprint: 'fo' }],
      ]),
    }
    const carry = fingerprintCarrier(previous, 'outline-1', new Set(['101']))!
    expect(carry(renderer, 'b.txt')).toEqual({ fingerprint: 'fb', notes: ['102'] })
    expect(carry(renderer, 'a.txt')).toBeUndefined() // lists 101, which changed
    expect(carry(renderer, 'other.txt')).toBeUndefined() // not in the index
    expect(carry(renderer, 'constructor')).toBeUndefined()
    expect(carry({ ...renderer, optionsKey: '{"pretty":true}' }, 'b.txt')).toBeUndefined()
    expect(carry({ ...renderer, plansFromOutline: false }, 'b.txt')).toBeUndefined()
    expect(fingerprintCarrier(previous, 'outline-2', new Set())).toBeUndefined()
    expect(
      fingerprintCarrier({ ...previous, outDir: cwdWithout() }, 'outline-1', new Set()),
    ).toBeUndefined()
  })
})

/** A folder that does not exist. */
function cwdWithout(): string {
  return join(process.cwd(), 'no-such-output-folder')
}
