/**
 * The build's render tasks in one thread: planning them, naming the list, and rendering the
 * tasks a queue hands out. `jobs.test.ts` runs them across real threads.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { type Collection, chunkedFile, createCollection } from '@paper-notes/core'
import { parseNotes } from '@paper-notes/parser'
import { describe, expect, it } from 'vitest'
import { fileFingerprint, type ManifestEntry } from '../src/build-cache.js'
import {
  countTasks,
  planMismatch,
  planTasks,
  renderTasks,
  streamTasks,
  taskListKeys,
} from '../src/render-share.js'
import { type PlannedRenderer, planRenderers } from '../src/renderers.js'
import { claimTask, createTaskQueue } from '../src/task-queue.js'
import { forgettingEval, japaneseBlog, sparseRehearsal } from './fixtures.js'
import { makeTempDir } from './temp-dir.js'

function collection(): Collection {
  const { notes } = parseNotes([
    { path: 'notes/sparse.md', contents: sparseRehearsal },
    { path: 'notes/blog.md', contents: japaneseBlog },
    { path: 'notes/eval.md', contents: forgettingEval },
  ])
  return createCollection(notes)
}

/** A renderer without a plan: renders two files whole. */
const whole: PlannedRenderer = {
  name: 'whole',
  optionsKey: '{}',
  render: async (notes) => [
    { path: 'whole/count.txt', contents: String(notes.notes.length), mediaType: 'text/plain' },
    {
      path: 'whole/ids.txt',
      contents: notes.notes.map((n) => n.id).join('\n'),
      mediaType: 'text/plain',
    },
  ],
}

async function jsonAndWhole(): Promise<PlannedRenderer[]> {
  return [...(await planRenderers({ cwd: '/', list: 'json' })), whole]
}

describe('planTasks', () => {
  it('lists each planned file in plan order, then one task per renderer without a plan', async () => {
    const notes = collection()
    const renderers = await jsonAndWhole()
    const { tasks, stale } = planTasks(notes, renderers)
    const planned = [...renderers[0]!.plan!(notes)].map((file) => file.path)
    expect(tasks.map((task) => task.file?.path)).toEqual([...planned, undefined])
    expect(tasks.at(-1)?.renderer.name).toBe('whole')
    // Without a previous cache, every task renders.
    expect(stale).toBe(tasks.length)
  })

  it('counts as stale only the files whose fingerprint the previous manifest lacks', async () => {
    const notes = collection()
    const renderers = await jsonAndWhole()
    const json = renderers[0]!
    const files = [...json.plan!(notes)]
    const previous = new Map<string, ManifestEntry>()
    // Every JSON file as the previous build made it, but one with another fingerprint.
    for (const file of files) {
      previous.set(file.path, {
        hash: 'x',
        fingerprint: fileFingerprint(json, file.path, file.dependsOn)!,
      })
    }
    previous.set(files[1]!.path, { hash: 'x', fingerprint: 'old' })
    const { tasks, stale } = planTasks(notes, renderers, { outDir: '/nowhere', files: previous })
    expect(tasks).toHaveLength(files.length + 1)
    // The changed file and the renderer without a plan.
    expect(stale).toBe(2)
    expect(tasks[0]!.fingerprint).toBe(previous.get(files[0]!.path)!.fingerprint)
    expect(tasks.at(-1)!.fingerprint).toBeUndefined()
  })

  it('works out no fingerprint, nor what a file depends on, when told not to', async () => {
    const notes = collection()
    const json = (await jsonAndWhole())[0]!
    let asked = 0
    // A renderer whose files count the reads of their dependsOn.
    const counting: PlannedRenderer = {
      ...json,
      plan: (of) =>
        [...json.plan!(of)].map((file) => ({
          path: file.path,
          mediaType: file.mediaType,
          render: () => file.render(),
          get dependsOn() {
            asked += 1
            return file.dependsOn
          },
        })),
    }
    const without = planTasks(notes, [counting], undefined, { fingerprints: false })
    expect(without.tasks.every((task) => task.fingerprint === undefined)).toBe(true)
    expect(asked).toBe(0)
    const withThem = planTasks(notes, [counting])
    expect(withThem.tasks.every((task) => typeof task.fingerprint === 'string')).toBe(true)
    expect(asked).toBe(withThem.tasks.length)
  })
})

describe('streamTasks and countTasks', () => {
  it('give the tasks of planTasks in its order, each planned only when taken', async () => {
    const notes = collection()
    const json = (await planRenderers({ cwd: '/', list: 'json' }))[0]!
    let planned = 0
    const counting: PlannedRenderer = {
      ...json,
      plan: function* (of) {
        for (const file of json.plan!(of)) {
          planned += 1
          yield file
        }
      },
    }
    const renderers = [counting, whole]
    const listed = planTasks(notes, renderers).tasks.map((task) => task.file?.path)
    planned = 0
    const stream = streamTasks(notes, renderers)
    const first = stream.next()
    expect(first.done).toBe(false)
    expect(planned).toBe(1)
    const rest = [...stream]
    expect([first.value, ...rest].map((task) => task?.file?.path)).toEqual(listed)
    expect(rest.at(-1)?.renderer.name).toBe('whole')

    expect(countTasks(notes, [counting])).toEqual({ files: listed.length - 1, whole: false })
    expect(countTasks(notes, renderers)).toEqual({ files: listed.length - 1, whole: true })
  })

  it('render as the list does when renderTasks takes them as they come', async () => {
    const notes = collection()
    const renderers = await jsonAndWhole()
    const listDir = await makeTempDir()
    const fromList = await renderTasks(planTasks(notes, renderers).tasks, { stagingDir: listDir })
    const streamDir = await makeTempDir()
    const streamed = await renderTasks(streamTasks(notes, renderers), { stagingDir: streamDir })
    const summary = (files: typeof fromList.files) =>
      files.map((file) => [file.path, file.entry.hash, file.entry.fingerprint])
    expect(summary(streamed.files)).toEqual(summary(fromList.files))
    // The planned files got their cache fingerprints; the whole renderer's two files none.
    expect(streamed.files.filter((file) => file.entry.fingerprint === undefined)).toHaveLength(2)
  })
})

describe('taskListKeys and planMismatch', () => {
  it('name each renderer with a digest of its paths in order, the same for the same plan', async () => {
    const renderers = await jsonAndWhole()
    const a = planTasks(collection(), renderers).tasks
    const keys = taskListKeys(a)
    expect(keys.map(([name]) => name)).toEqual(['json', 'whole'])
    for (const [, key] of keys) expect(key).toMatch(/^[0-9a-f]{40}$/)
    expect(taskListKeys(planTasks(collection(), renderers).tasks)).toEqual(keys)
    expect(
      planMismatch(keys, taskListKeys(planTasks(collection(), renderers).tasks)),
    ).toBeUndefined()
  })

  it('names the first renderer whose paths, order or count differ', async () => {
    const renderers = await jsonAndWhole()
    const a = planTasks(collection(), renderers).tasks
    const keys = taskListKeys(a)
    const json = a.filter((task) => task.renderer.name === 'json')
    const rest = a.filter((task) => task.renderer.name !== 'json')
    const swapped = [json[1]!, json[0]!, ...json.slice(2), ...rest]
    const fewer = [...json.slice(1), ...rest]
    const renamed = a.map((task) =>
      task.file === undefined
        ? task
        : { ...task, file: { ...task.file, path: `x/${task.file.path}` } },
    )
    for (const other of [swapped, fewer, renamed]) {
      expect(planMismatch(keys, taskListKeys(other))).toEqual({
        renderer: 'json',
        message: expect.stringContaining('planned other files in a worker thread'),
      })
    }
    // A renderer missing at the end is named too.
    expect(planMismatch(taskListKeys(a), taskListKeys(json))?.renderer).toBe('whole')
  })
})

describe('renderTasks', () => {
  it('renders what two takers of one queue take between them: every file once, as in one pass', async () => {
    const notes = collection()
    const renderers = await jsonAndWhole()
    const { tasks } = planTasks(notes, renderers)

    const oneDir = await makeTempDir()
    const one = await renderTasks(tasks, { stagingDir: oneDir })

    const splitDir = await makeTempDir()
    const queue = createTaskQueue(tasks.length)
    let claimCount = 0
    const front = await renderTasks(tasks, {
      stagingDir: splitDir,
      // Takes two tasks, then leaves the rest to the other end.
      next: () => (claimCount++ < 2 ? claimTask(queue, 'front') : undefined),
    })
    const back = await renderTasks(tasks, {
      stagingDir: splitDir,
      next: () => claimTask(queue, 'back'),
    })
    expect(front.files.map((file) => file.path)).toEqual(
      tasks.slice(0, 2).map((task) => task.file!.path),
    )
    // The back taker started with the renderer without a plan: both of its files.
    expect(back.files.slice(0, 2).map((file) => file.path)).toEqual([
      'whole/count.txt',
      'whole/ids.txt',
    ])
    const split = [...front.files, ...back.files]
    expect(split.map((file) => file.path).sort()).toEqual(one.files.map((file) => file.path).sort())
    for (const file of one.files) {
      const other = split.find((candidate) => candidate.path === file.path)!
      expect(other.entry.hash).toBe(file.entry.hash)
      expect(await readFile(join(splitDir, file.path))).toEqual(
        await readFile(join(oneDir, file.path)),
      )
    }
    expect((await readdir(join(splitDir, 'whole'))).sort()).toEqual(['count.txt', 'ids.txt'])
    expect(await readFile(join(splitDir, 'whole/count.txt'), 'utf8')).toBe('3')
  })

  it('with release, empties the slot of each task it rendered and of no other', async () => {
    const notes = collection()
    const renderers = await jsonAndWhole()
    const { tasks } = planTasks(notes, renderers)
    const paths = tasks.map((task) => task.file?.path)
    const keptDir = await makeTempDir()
    const kept = await renderTasks(planTasks(notes, renderers).tasks, { stagingDir: keptDir })

    const dir = await makeTempDir()
    const queue = createTaskQueue(tasks.length)
    let claims = 0
    const result = await renderTasks(tasks, {
      stagingDir: dir,
      release: true,
      next: () => (claims++ < 3 ? claimTask(queue, 'front') : undefined),
    })
    expect(result.files.map((file) => file.path)).toEqual(paths.slice(0, 3))
    expect(tasks.slice(0, 3)).toEqual([undefined, undefined, undefined])
    expect(tasks.slice(3).map((task) => task?.file?.path)).toEqual(paths.slice(3))
    // What it wrote is what a render that keeps its tasks writes.
    for (const file of result.files) {
      expect(await readFile(join(dir, file.path))).toEqual(await readFile(join(keptDir, file.path)))
      expect(file.entry.hash).toBe(kept.files.find((other) => other.path === file.path)?.entry.hash)
    }
  })

  it('calls pace inside a long chunked file, after each 4 Mi code units, and not for short files', async () => {
    const mebi = 1024 * 1024
    const paces: string[] = []
    let written = 0
    const chunked: PlannedRenderer = {
      name: 'chunked',
      optionsKey: '{}',
      render: async () => [],
      plan: () => [
        chunkedFile(
          'big.txt',
          'text/plain',
          () => undefined,
          function* () {
            for (let i = 0; i < 9; i++) {
              written = i + 1
              yield (i % 2 === 0 ? 'a' : 'é').repeat(mebi)
            }
          },
        ),
        chunkedFile(
          'small.txt',
          'text/plain',
          () => undefined,
          () => ['short'],
        ),
      ],
    }
    const dir = await makeTempDir()
    const { tasks } = planTasks(collection(), [chunked])
    const result = await renderTasks(tasks, {
      stagingDir: dir,
      pace: () => paces.push(`after ${written} chunks`),
      onFile: (file) => paces.push(`file ${file.path}`),
    })
    // 9 chunks of 1 Mi code units: paced after the 4th and the 8th, as they are written.
    expect(paces).toEqual(['after 4 chunks', 'after 8 chunks', 'file big.txt', 'file small.txt'])
    expect(result.files.map((file) => file.path)).toEqual(['big.txt', 'small.txt'])
    // The file is every chunk, in UTF-8 (each 'é' is two bytes).
    expect((await stat(join(dir, 'big.txt'))).size).toBe(5 * mebi + 4 * 2 * mebi)
  })

  it('stops at a renderer that throws, reports it and tells the other threads', async () => {
    const notes = collection()
    const failing: PlannedRenderer = {
      name: 'failing',
      optionsKey: '{}',
      render: async () => {
        throw new Error('no paper today')
      },
    }
    const renderers = [...(await planRenderers({ cwd: '/', list: 'json' })), failing]
    const { tasks } = planTasks(notes, renderers)
    let told = 0
    const result = await renderTasks(tasks, {
      stagingDir: await makeTempDir(),
      onFailure: () => {
        told += 1
      },
    })
    expect(result.failure).toEqual({ renderer: 'failing', message: 'no paper today' })
    expect(told).toBe(1)
    // The JSON files before it were written.
    expect(result.files).toHaveLength(tasks.length - 1)
  })
})
