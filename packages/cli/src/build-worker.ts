/**
 * The entry of a `paper-notes build --jobs N` worker thread (see `build-workers.ts`): parses
 * batches of input files and renders one share of the output files into the staging folder.
 */
import { parentPort } from 'node:worker_threads'
import { createCollection } from '@paper-notes/core'
import type { WorkerReply, WorkerRequest } from './build-workers.js'
import { parseSource } from './parse-source.js'
import { renderShare } from './render-share.js'
import { planRenderers } from './renderers.js'

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
  const renderers = await planRenderers(request.renderers)
  const collection = createCollection(request.notes)
  let pending = 0
  const result = await renderShare(collection, renderers, {
    share: request.share,
    stagingDir: request.stagingDir,
    ...(request.previous === undefined
      ? {}
      : {
          previous: {
            outDir: request.previous.outDir,
            files: new Map(request.previous.files),
          },
        }),
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
