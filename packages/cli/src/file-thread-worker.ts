/**
 * The entry of the file thread of `paper-notes build` (see `file-thread.ts`): links unchanged
 * files from the previous output and writes rendered ones (SHA-1, write, `stat`) into the
 * staging folder, while the main thread renders; then deletes the replaced output folder while
 * the main thread writes the build cache. It imports nothing but Node's own
 * modules, so it starts in a few milliseconds. Requests are handled in the order they come.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parentPort } from 'node:worker_threads'
import type { FileThreadReply, FileThreadRequest, ThreadError } from './file-thread.js'
import { linkOrCopy } from './link-or-copy.js'
import { removeReplacedOutput } from './remove-tree.js'

const port = parentPort
const made = new Set<string>()

function folderOf(target: string): void {
  const dir = dirname(target)
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true })
    made.add(dir)
  }
}

function describe(error: unknown): ThreadError {
  const failure = error instanceof Error ? error : new Error(String(error))
  const { code, syscall } = failure as NodeJS.ErrnoException
  return {
    name: failure.name,
    message: failure.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof syscall === 'string' ? { syscall } : {}),
  }
}

/** The first link failure since the last `settle`. */
let linkFailure: ThreadError | undefined

function handle(request: FileThreadRequest): FileThreadReply | undefined {
  switch (request.kind) {
    case 'links':
      for (let i = 0; i < request.targets.length; i++) {
        const target = request.targets[i]!
        const from = request.sources[i]!
        try {
          folderOf(target)
          linkOrCopy(from, target)
        } catch (error) {
          linkFailure ??= describe(error)
        }
      }
      return undefined
    case 'write':
      try {
        const bytes = request.contents
        folderOf(request.target)
        writeFileSync(request.target, bytes, { flag: 'wx' })
        const info = statSync(request.target)
        return {
          kind: 'written',
          id: request.id,
          hash: createHash('sha1').update(bytes).digest('hex'),
          size: info.size,
          mtimeMs: info.mtimeMs,
        }
      } catch (error) {
        return { kind: 'write-failed', id: request.id, error: describe(error) }
      }
    case 'settle': {
      const reply: FileThreadReply = {
        kind: 'settled',
        ...(linkFailure === undefined ? {} : { error: linkFailure }),
      }
      linkFailure = undefined
      return reply
    }
    case 'remove':
      try {
        removeReplacedOutput(request.dir)
        return { kind: 'removed' }
      } catch (error) {
        return { kind: 'removed', error: describe(error) }
      }
  }
}

if (port !== null) {
  port.on('message', (request: FileThreadRequest) => {
    const reply = handle(request)
    if (reply !== undefined) port.postMessage(reply)
  })
}
