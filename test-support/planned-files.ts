/**
 * Helpers of the renderers' plan tests: edited copies of sample notes, and the check that a
 * planned file whose contents changed is flagged by its `dependsOn` (lists the edited note or
 * has a new key), plus the `version` suites every built-in renderer shares.
 */
import { readFileSync } from 'node:fs'
import {
  type Collection,
  createCollection,
  type Note,
  type PlannedFile,
  parseMarkdown,
  type Renderer,
} from '@paper-notes/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { runWithBuiltPackages } from './built-package.ts'
import { makeComment, makeNote, sampleNotes } from './note-factory.ts'

/**
 * Checks that each planned file works its `dependsOn` out lazily, in a getter, once (the same
 * object on a second read, with a 16-hex-digit key), except files that read nothing of the
 * collection, which carry a fixed value with an empty key.
 */
export function expectLazyDependsOn(plan: Iterable<PlannedFile>): void {
  for (const file of plan) {
    const descriptor = Object.getOwnPropertyDescriptor(file, 'dependsOn')
    if (descriptor?.get === undefined) {
      expect(file.dependsOn?.key, file.path).toBe('')
      continue
    }
    const first = file.dependsOn
    expect(first?.key, file.path).toMatch(/^[0-9a-f]{16}$/)
    expect(file.dependsOn, file.path).toBe(first)
  }
}

/** The shared sample notes and one more that refers to two of them (`#4175`, an issue URL). */
export function notesWithReferences(): Note[] {
  const markdown =
    '#4175 と同じ著者。KTO も参照: https://github.com/example/notes/issues/3990\n\n- [Paper Note] Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting'
  return [
    ...sampleNotes(),
    makeNote({
      id: '4200',
      titleLine: "[Paper Note] Rehearsal-Free Continual Tuning, Grace Hopper+, NeurIPS'25, 2025.09",
      title: 'Rehearsal-Free Continual Tuning',
      authors: ['Grace Hopper'],
      venue: { name: 'NeurIPS', year: 2025 },
      issueDate: '2026-01-20',
      tags: ['Catastrophic Forgetting', 'Continual Learning (CL)'],
      links: { issue: 'https://github.com/example/notes/issues/4200' },
      comments: [
        makeComment({
          markdown,
          tree: parseMarkdown(markdown),
          related: [
            { text: '#4175', issue: 4175 },
            {
              text: '[Paper Note] Upweighting Easy Samples in Fine-Tuning Mitigates Forgetting',
            },
          ],
        }),
      ],
    }),
  ]
}

/** The note with its title, abstract and first comment (added when it has none) edited. */
export function withEditedContent(note: Note): Note {
  const [first, ...rest] = note.comments.length > 0 ? note.comments : [makeComment()]
  const markdown = `${first!.markdown}\n\n追記: 読み直した。`
  return {
    ...note,
    title: `${note.title} (revised)`,
    titleLine: note.titleLine === '' ? '' : `${note.titleLine} (revised)`,
    abstract: `${note.abstract ?? ''} Revised abstract.`.trim(),
    comments: [{ ...first!, markdown, tree: parseMarkdown(markdown) }, ...rest],
  }
}

/** The note without its first tag and with a new one. */
export function withEditedTags(note: Note): Note {
  return { ...note, tags: [...note.tags.slice(1), 'Fresh Tag (新規)'] }
}

export function replaced(
  notes: readonly Note[],
  id: string,
  edit: (note: Note) => Note,
): Collection {
  return createCollection(notes.map((note) => (note.id === id ? edit(note) : note)))
}

/**
 * The paths of the files of `after` whose contents differ from the file at the same path in
 * `before` although a host would reuse it: `dependsOn` is set, does not list note `id`, and has
 * the same key as before.
 */
export function changedButReusable(
  before: PlannedFile[],
  after: PlannedFile[],
  id: string,
): string[] {
  const earlier = new Map(before.map((file) => [file.path, file]))
  const missed: string[] = []
  for (const file of after) {
    const previous = earlier.get(file.path)
    if (previous === undefined || previous.render() === file.render()) continue
    const depends = file.dependsOn
    if (depends === undefined || depends.notes.some((note) => note.id === id)) continue
    if (depends.key !== previous.dependsOn?.key) continue
    missed.push(file.path)
  }
  return missed
}

/** The paths of the files of `after` whose contents differ from `before`'s at the same path. */
export function changedPaths(before: PlannedFile[], after: PlannedFile[]): string[] {
  const earlier = new Map(before.map((file) => [file.path, file.render()]))
  return after.filter((file) => earlier.get(file.path) !== file.render()).map((file) => file.path)
}

/** What {@link describeRendererVersion} checks. */
export interface RendererVersionCase {
  /** The package, e.g. `@paper-notes/render-json`. */
  packageName: string
  /** The package folder (with a trailing slash). */
  packageDir: string
  /** The renderer object as the tests import it from the sources. */
  renderer: Renderer<never>
  /** The package's exported version constant. */
  version: string
  /** The renderer's export name, e.g. `jsonRenderer`. */
  exportName: string
}

/**
 * The `version` suites of a built-in renderer: from the sources it is the package's version
 * (and the exported constant), and so it is in the built ESM and CJS bundles, which also have
 * `plan`.
 */
export function describeRendererVersion(test: RendererVersionCase): void {
  const manifest = () =>
    JSON.parse(readFileSync(`${test.packageDir}package.json`, 'utf8')) as { version: string }

  describe(`${test.exportName}.version`, () => {
    it("is this package's version", () => {
      expect(test.renderer.version).toBe(test.version)
      expect(test.version).toMatch(/^\d+\.\d+\.\d+/)
      expect(test.version).toBe(manifest().version)
    })
  })

  describe(`${test.exportName}.version in the built bundles`, () => {
    beforeAll(() => {
      const dist = `${test.packageDir}dist/`
      try {
        readFileSync(`${dist}index.js`)
        readFileSync(`${dist}index.cjs`)
      } catch {
        throw new Error(`${dist} is missing: run \`npx tsup\` (npm test builds for you)`)
      }
    })

    it.each(['esm', 'cjs'] as const)(
      'is the package version, with plan, loaded as %s',
      (system) => {
        const out = runWithBuiltPackages(
          system,
          { pkg: test.packageName },
          `JSON.stringify([pkg.${test.exportName}.version, typeof pkg.${test.exportName}.plan])`,
          test.packageDir,
        )
        expect(JSON.parse(out)).toEqual([manifest().version, 'function'])
      },
    )
  })
}
