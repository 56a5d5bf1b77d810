/**
 * Where a share's output files go: {@link StagedFiles} links unchanged files from the previous
 * output and writes rendered ones into the staging folder. In the main thread of a rebuild it
 * is a thread of its own (`file-thread-worker.js`, a tsup entry, so it exists only in the built
 * `dist/`), so that linking thousands of files and hashing and writing them overlap with
 * rendering; elsewhere ({@link stageFilesHere}) the files are written in the calling thread and
 * linked on the thread pool. Files given in several pieces (a planned file's `chunks()`, such
 * as `notes.json`) are written piece by piece in the calling thread either way, so they are
 * never held whole. Paths are checked in the calling thread before anything is queued, as
 * `writeStagedFile` checks them.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { type MadeFolders, stagedPath, stageLinks, writeStagedChunks } from './write-output.js'

/** What the manifest records of a written file. */
export interface WrittenFile {
  /** SHA-1 of its bytes, hex. */
  hash: string
  /** Its size in bytes. */
  size: number
  /** Its modification time. */
  mtimeMs: number
}

/** The output files of a share on their way into the staging folder. */
export interface StagedFiles {
  /** Checks `path` and puts the file `from` (of the previous output) there: a hard link, else a copy. */
  link(path: string, from: string): void
  /**
   * Checks `path` and writes `contents` there (UTF-8 for text); resolves with what the manifest
   * records. In this thread a failure throws at once; on the file thread it rejects.
   */
  write(path: string, contents: string | Uint8Array): Promise<WrittenFile>
  /**
   * Checks `path` and writes the file given in pieces (a planned file's `chunks()`) there, piece
   * by piece as they come, never holding it whole; resolves with what the manifest records (the
   * hash is the one {@link write} records, worked out piece by piece). A failure, a piece's
   * own (a renderer's error) or a write's, throws at once.
   */
  writeChunks(path: string, chunks: Iterable<string | Uint8Array>): Promise<WrittenFile>
  /**
   * `undefined` when few bytes wait to be written, else a promise that resolves when most of
   * them are: a writer that renders faster than the files are written waits on it, so the
   * bytes in flight stay bounded.
   */
  backlog(): Promise<void> | undefined
  /** Waits for every link and write queued so far; throws the first failure of a link. */
  settle(): Promise<void>
}

/** An error from the file thread, as plain data. */
export interface ThreadError {
  /** The error's name. */
  name: string
  /** Its message. */
  message: string
  /** A file-system error's code (`EEXIST`…). */
  code?: string
  /** A file-system error's system call. */
  syscall?: string
}

/** What the main thread asks the file thread to do (absolute, checked paths). */
export type FileThreadRequest =
  | { kind: 'links'; targets: string[]; sources: string[] }
  | { kind: 'write'; id: number; target: string; contents: Uint8Array }
  | { kind: 'settle' }
  | { kind: 'remove'; dir: string }

/**
 * What the file thread answers: each `write`, each `settle` once all before it are done, and
 * each `remove`.
 */
export type FileThreadReply =
  | ({ kind: 'written'; id: number } & WrittenFile)
  | { kind: 'write-failed'; id: number; error: ThreadError }
  | { kind: 'settled'; error?: ThreadError }
  | { kind: 'removed'; error?: ThreadError }

/**
 * Writes a file given in pieces in this thread (see `writeStagedChunks`), hashing each piece
 * as it is written with the hash of `contentHash` (SHA-1): the same digest as of the whole.
 */
function writeChunksHere(
  stagingDir: string,
  path: string,
  chunks: Iterable<string | Uint8Array>,
  made: MadeFolders,
): WrittenFile {
  const hash = createHash('sha1')
  const { size, mtimeMs } = writeStagedChunks(stagingDir, path, chunks, made, (bytes) => {
    hash.update(bytes)
  })
  return { hash: hash.digest('hex'), size, mtimeMs }
}

/**
 * {@link StagedFiles} in this thread: files are written synchronously (and hashed here), links
 * are made on the thread pool (see `stageLinks`).
 *
 * @example
 * const files = stageFilesHere(staging.dir, new Set())
 * await files.write('index.html', html)
 * await files.settle()
 */
export function stageFilesHere(stagingDir: string, made: MadeFolders): StagedFiles {
  const links = stageLinks(stagingDir, made)
  return {
    link: (path, from) => links.add(path, from),
    // Text is encoded into a buffer shared by every write (see `writeStagedChunks`), once for
    // both the hash and the file.
    write: (path, contents) => Promise.resolve(writeChunksHere(stagingDir, path, [contents], made)),
    writeChunks: (path, chunks) => Promise.resolve(writeChunksHere(stagingDir, path, chunks, made)),
    backlog: () => undefined,
    settle: () => links.settle(),
  }
}

/** The built file thread script beside this module, or `undefined` (TypeScript sources, CommonJS). */
export function fileThreadScript(): URL | undefined {
  const base: unknown = import.meta.url
  if (typeof base !== 'string' || !base.endsWith('.js')) return undefined
  const url = new URL('./file-thread-worker.js', base)
  return existsSync(fileURLToPath(url)) ? url : undefined
}

/** A running file thread: {@link StagedFiles} for one staging folder, `remove` and `close`. */
export interface FileThread extends StagedFiles {
  /**
   * Deletes the folder `dir` in the thread, after everything queued before it: a replaced
   * output folder (see `removeReplacedOutput`), while this thread goes on.
   */
  remove(dir: string): Promise<void>
  /** Stops the thread (after {@link StagedFiles.settle}, or to give up). */
  close(): Promise<void>
}

/** Links gathered before they are sent to the thread in one message. */
const linkBatch = 512

/**
 * Bytes sent to the thread and not yet written, above which {@link StagedFiles.backlog} asks
 * the writer to wait (a full build renders faster than a busy machine writes: without a bound,
 * the files waiting in the thread's queue held 300 MB more at the peak).
 */
const maxBytesInFlight = 32 * 1024 * 1024

/**
 * Whether `bytes` spans all of its `ArrayBuffer`, which can then be moved to another thread: a
 * small `Buffer` is a slice of a pool shared with others, which must never be moved.
 */
function ownsItsMemory(bytes: Uint8Array): boolean {
  return (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  )
}

function rebuilt(error: ThreadError): Error {
  const failure = new Error(error.message) as NodeJS.ErrnoException
  failure.name = error.name
  if (error.code !== undefined) failure.code = error.code
  if (error.syscall !== undefined) failure.syscall = error.syscall
  return failure
}

/**
 * Starts the file thread `script` (see {@link fileThreadScript}) for the staging folder
 * `stagingDir`. Close it when done, whatever happened.
 *
 * @example
 * const files = startFileThread(script, staging.dir)
 * try { files.link('a.html', '/abs/site/a.html'); await files.settle() } finally { await files.close() }
 */
export function startFileThread(script: URL, stagingDir: string): FileThread {
  const worker = new Worker(script)
  const writes = new Map<
    number,
    { resolve: (file: WrittenFile) => void; reject: (error: Error) => void }
  >()
  const settles: { resolve: () => void; reject: (error: Error) => void }[] = []
  const removes: { resolve: () => void; reject: (error: Error) => void }[] = []
  let nextId = 0
  let bytesInFlight = 0
  let drained: { promise: Promise<void>; resolve: () => void } | undefined
  const wrote = (bytes: number) => {
    bytesInFlight -= bytes
    if (drained !== undefined && bytesInFlight <= maxBytesInFlight / 2) {
      drained.resolve()
      drained = undefined
    }
  }
  let targets: string[] = []
  let sources: string[] = []
  let broken: Error | undefined
  let closed = false
  /** The folders made by files written in the calling thread (see `writeChunks`). */
  const madeHere: MadeFolders = new Set()

  const flushLinks = () => {
    if (targets.length === 0) return
    worker.postMessage({ kind: 'links', targets, sources } satisfies FileThreadRequest)
    targets = []
    sources = []
  }
  const fail = (error: Error) => {
    broken ??= error
    for (const { reject } of writes.values()) reject(error)
    writes.clear()
    for (const { reject } of settles.splice(0)) reject(error)
    for (const { reject } of removes.splice(0)) reject(error)
  }
  worker.on('message', (reply: FileThreadReply) => {
    if (reply.kind === 'settled') {
      const waiting = settles.shift()
      if (reply.error === undefined) waiting?.resolve()
      else waiting?.reject(rebuilt(reply.error))
      return
    }
    if (reply.kind === 'removed') {
      const waiting = removes.shift()
      if (reply.error === undefined) waiting?.resolve()
      else waiting?.reject(rebuilt(reply.error))
      return
    }
    const waiting = writes.get(reply.id)
    writes.delete(reply.id)
    if (reply.kind === 'written') {
      const { hash, size, mtimeMs } = reply
      waiting?.resolve({ hash, size, mtimeMs })
    } else {
      waiting?.reject(rebuilt(reply.error))
    }
  })
  worker.on('error', fail)
  worker.on('exit', (code) => {
    if (!closed) fail(new Error(`the file thread stopped unexpectedly (exit code ${code})`))
  })

  const files: FileThread = {
    link(path, from) {
      targets.push(stagedPath(stagingDir, path))
      sources.push(from)
      if (targets.length >= linkBatch) flushLinks()
    },
    write(path, contents) {
      const target = stagedPath(stagingDir, path)
      if (broken !== undefined) return Promise.reject(broken)
      flushLinks()
      const id = nextId++
      // Text is encoded here and its bytes moved to the thread, not copied: a copy of a big
      // string there (and the serialized message) held ~100 MB more at the peak (measured).
      const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents
      const owned = typeof contents === 'string' && ownsItsMemory(bytes)
      const size = bytes.byteLength
      bytesInFlight += size
      return new Promise<WrittenFile>((resolve, reject) => {
        const done = () => wrote(size)
        writes.set(id, {
          resolve: (file) => {
            done()
            resolve(file)
          },
          reject: (error) => {
            done()
            reject(error)
          },
        })
        const request: FileThreadRequest = { kind: 'write', id, target, contents: bytes }
        worker.postMessage(request, owned ? [bytes.buffer as ArrayBuffer] : [])
      })
    },
    writeChunks(path, chunks) {
      // A file in one piece goes to the thread like any other. One in several pieces is written
      // here, in the rendering thread, as its pieces come: the thread takes whole files, and
      // sending it the pieces would either hold the file whole again (joined, or queued in the
      // thread while this one renders ahead) or need a protocol of its own for one file in
      // hundreds. Only the few big files come in several pieces (`notes.json`, the biggest tags'
      // JSON: a file written from pieces that may be copied comes in pieces of 256 KB, see
      // `copyPieces`), and in a rebuild only those whose notes changed.
      const pieces = chunks[Symbol.iterator]()
      const first = pieces.next()
      if (first.done) return files.write(path, '')
      const second = pieces.next()
      if (second.done) return files.write(path, first.value)
      if (broken !== undefined) {
        pieces.return?.() // lets a generator close what it opened (a previous file)
        return Promise.reject(broken)
      }
      const all = piecesFrom([first.value, second.value], pieces)
      return Promise.resolve(writeChunksHere(stagingDir, path, all, madeHere))
    },
    backlog() {
      if (bytesInFlight <= maxBytesInFlight) return undefined
      if (drained === undefined) {
        let resolve!: () => void
        const promise = new Promise<void>((done) => {
          resolve = done
        })
        drained = { promise, resolve }
      }
      return drained.promise
    },
    settle() {
      if (broken !== undefined) return Promise.reject(broken)
      flushLinks()
      return new Promise<void>((resolve, reject) => {
        settles.push({ resolve, reject })
        worker.postMessage({ kind: 'settle' } satisfies FileThreadRequest)
      })
    },
    remove(dir) {
      if (broken !== undefined) return Promise.reject(broken)
      flushLinks()
      return new Promise<void>((resolve, reject) => {
        removes.push({ resolve, reject })
        worker.postMessage({ kind: 'remove', dir } satisfies FileThreadRequest)
      })
    },
    async close() {
      closed = true
      await worker.terminate()
    },
  }
  return files
}

/** The pieces `taken` already, then the rest of `pieces`, one at a time. */
function* piecesFrom<T>(taken: readonly T[], pieces: Iterator<T>): Generator<T, void, undefined> {
  yield* taken
  for (let next = pieces.next(); next.done !== true; next = pieces.next()) yield next.value
}
