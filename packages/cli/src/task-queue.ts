/**
 * A queue of task indices shared by the threads of `paper-notes build --jobs N`, in a
 * `SharedArrayBuffer`: a thread takes the next task with an atomic compare-and-swap, so no
 * thread waits for another to hand work out, and a thread that finishes early takes more.
 *
 * Threads take from either end: the main thread from the front (the first renderer's files),
 * the first worker from the back (the last renderer's files). Each then mostly renders files of
 * its own renderers, and work a renderer shares between its files (the cards of tag pages, the
 * JSON of each note) is rarely done twice.
 */

/** Which end of the queue a thread takes tasks from. */
export type QueueEnd = 'front' | 'back'

const low = 0xffff_ffffn

/**
 * A queue of the tasks `0` to `count - 1`, to post to worker threads (see {@link claimTask}).
 *
 * @example
 * const queue = createTaskQueue(tasks.length)
 */
export function createTaskQueue(count: number): SharedArrayBuffer {
  if (!Number.isSafeInteger(count) || count < 0 || count > 0xffff_ffff) {
    throw new RangeError(`a task queue holds 0 to 2^32 - 1 tasks, not ${count}`)
  }
  const buffer = new SharedArrayBuffer(BigUint64Array.BYTES_PER_ELEMENT)
  // The front index in the low 32 bits, the end (one past the back) in the high 32 bits.
  new BigUint64Array(buffer)[0] = BigInt(count) << 32n
  return buffer
}

/**
 * Takes the next task from `end` of `queue`: its index, or `undefined` when none is left.
 * Each index is taken once, by one thread.
 *
 * @example
 * const next = () => claimTask(queue, 'front')
 */
export function claimTask(queue: SharedArrayBuffer, end: QueueEnd): number | undefined {
  const cell = new BigUint64Array(queue)
  for (;;) {
    const state = Atomics.load(cell, 0)
    const front = state & low
    const back = state >> 32n
    if (front >= back) return undefined
    const next = end === 'front' ? (back << 32n) | (front + 1n) : ((back - 1n) << 32n) | front
    if (Atomics.compareExchange(cell, 0, state, next) === state) {
      return Number(end === 'front' ? front : back - 1n)
    }
  }
}

/**
 * Empties `queue`: every thread's next {@link claimTask} finds nothing (a build stops taking
 * tasks once one thread failed).
 *
 * @example
 * closeTaskQueue(queue)
 */
export function closeTaskQueue(queue: SharedArrayBuffer): void {
  Atomics.store(new BigUint64Array(queue), 0, 0n)
}
