/**
 * Keeps a long build's heap near what it really holds. V8 lets the heap of a process that
 * allocates fast grow to several times its live data before it collects (a `--low-memory` build
 * of 20,000 notes reached a 1.27 GB heap for live data that fit in 500 MB), and the heap's size,
 * not its live data, is what the process takes from the machine. A pacer collects the whole heap whenever it
 * has grown by `headroom` past what the last collection left.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** Collects garbage when asked: {@link HeapPacer.check} after each unit of work. */
export interface HeapPacer {
  /**
   * Collects the whole heap when it has grown by the headroom since the last collection, and
   * compacts its emptiest pages (see `compactingCollection`).
   */
  check(): void
  /** How many collections the pacer has made. */
  readonly collections: number
}

let collect: (() => void) | undefined

/**
 * V8's `gc()` without starting Node with `--expose-gc`: the flag is set for as long as it takes to
 * make one new context (whose global object then has `gc`), and unset again.
 */
function fullCollection(): () => void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc')
    try {
      collect = runInNewContext('gc') as () => void
    } finally {
      setFlagsFromString('--no-expose-gc')
    }
  }
  return collect
}

/** Whether Node was started with V8's `--optimize-for-size` (which is then left alone). */
function startedForSize(): boolean {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
  return given.some((flag) => /^--optimize[-_]for[-_]size(=true)?$/.test(flag))
}

/**
 * One full collection that also compacts as V8 does when it favours a small heap (its
 * `--optimize-for-size`, set for this collection only, unless `flagGiven`: Node was started with
 * it): it moves the objects of up to a few megabytes of its emptiest pages, so that those pages
 * are given back. V8's usual collections leave a page that is mostly empty where it is for as
 * long as it holds anything (60,000 notes: ~250 MB of heap kept, against ~220 MB with this,
 * and a peak resident set of 394 against 345 MB). Set for the whole process instead, the flag
 * also has V8 collect far more often: that build took 60% longer.
 */
function compactingCollection(gc: () => void, flagGiven: boolean): void {
  if (flagGiven) {
    gc()
    return
  }
  setFlagsFromString('--optimize-for-size')
  try {
    gc()
  } finally {
    setFlagsFromString('--no-optimize-for-size')
  }
}

/**
 * A pacer that lets the heap grow by `headroom` bytes (default 64 MB) past what the last full
 * collection left, then collects. Each collection marks all the live data, so the headroom trades
 * time for memory: a smaller one collects more often (a `--low-memory` build of 20,000 notes,
 * ~300 MB live, collected 44 times with 96 MB; one of 60,000 notes, ~210 MB live, 367 times
 * in 83 s of its ~7 minutes with 64 MB, against 223 times in 62 s with 96 MB and the
 * renderers' default caches, for a peak of 505 against 652 MB).
 *
 * @example
 * const pacer = createHeapPacer()
 * for (const file of files) {
 *   write(file.render())
 *   pacer.check()
 * }
 */
export function createHeapPacer(headroom = 64 * 1024 * 1024): HeapPacer {
  const gc = fullCollection()
  const flagGiven = startedForSize()
  let limit = getHeapStatistics().used_heap_size + headroom
  let collections = 0
  return {
    check() {
      if (getHeapStatistics().used_heap_size <= limit) return
      compactingCollection(gc, flagGiven)
      collections += 1
      limit = getHeapStatistics().used_heap_size + headroom
    },
    get collections() {
      return collections
    },
  }
}
