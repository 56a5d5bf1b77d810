/**
 * The entry of a `paper-notes build --jobs N` worker thread (see `build-workers.ts`): parses
 * batches of input files, then renders the tasks it takes from the build's shared queue into the
 * staging folder.
 */
import { parentPort } from 'node:worker_threads'
import { createCollection } from '@paper-notes/core'
import type { WorkerReply, WorkerRequest } from './build-workers.js'
import { parseSource } from './parse-source.js'
import { planMismatch, planTasks, renderTasks, taskListKeys } from './render-share.js'
import { planRenderers } from './renderers.js'
import { claimTask, closeTaskQueue } from './task-queue.js'

/** Files between two progress messages. */
const progressEvery = 64

async function handle(request: WorkerRequest, reply: (message: WorkerReply) => void) {
  if (request.kind === 'parse') {
    // Comment trees go back with the notes: copying them between threads costs less than
    // parsing their markdown again where a renderer needs them.
    const results = request.files.map((file) => parseSource(file, request.options))
    reply({ kind: 'parsed', results })
    return
  }
  const { queue, end } = request
  try {
    const renderers = await planRenderers(request.renderers)
    const collection = createCollection(request.notes)
    const previous =
      request.previous === undefined
        ? undefined
        : { outDir: request.previous.outDir, files: new Map(request.previous.files) }
    // The same notes and renderers give the main thread's plan: tasks are named by index.
    const { tasks } = planTasks(collection, renderers, undefined, {
      fingerprints: request.fingerprints !== false,
    })
    const failure = planMismatch(taskListKeys(tasks), request.taskListKeys)
    if (failure !== undefined) {
      closeTaskQueue(queue)
      reply({ kind: 'rendered', result: { files: [], failure } })
      return
    }
    let pending = 0
    const result = await renderTasks(tasks, {
      stagingDir: request.stagingDir,
      release: true,
      ...(previous === undefined ? {} : { previous }),
      next: () => claimTask(queue, end),
      onFailure: () => closeTaskQueue(queue),
      onFile: () => {
        pending += 1
        if (pending === progressEvery) {
          reply({ kind: 'progress', count: pending })
          pending = 0
        }
      },
    })
    if (pending > 0) reply({ kind: 'progress', count: pending })
    reply({ kind: 'rendered', result })
  } catch (error) {
    closeTaskQueue(queue)
    throw error
  }
}

const port = parentPort
if (port !== null) {
  port.on('message', (request: WorkerRequest) => {
    const reply = (message: WorkerReply) => port.postMessage(message)
    handle(request, reply).catch((error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error))
      const { code, paths } = failure as Error & { code?: unknown; paths?: unknown }
      reply({
        kind: 'failed',
        error: {
          name: failure.name,
          message: failure.message,
          ...(typeof code === 'string' ? { code } : {}),
          ...(Array.isArray(paths) ? { paths: paths.map(String) } : {}),
        },
      })
    })
  })
}
