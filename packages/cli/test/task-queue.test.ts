import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { claimTask, closeTaskQueue, createTaskQueue } from '../src/task-queue.js'

/** Claims from `end` until the queue is empty. */
function drain(queue: SharedArrayBuffer, end: 'front' | 'back'): number[] {
  const taken: number[] = []
  for (let index = claimTask(queue, end); index !== undefined; index = claimTask(queue, end)) {
    taken.push(index)
  }
  return taken
}

describe('task queue', () => {
  it('hands out the front in order and the back in reverse, each task once', () => {
    const queue = createTaskQueue(6)
    expect(claimTask(queue, 'front')).toBe(0)
    expect(claimTask(queue, 'back')).toBe(5)
    expect(claimTask(queue, 'back')).toBe(4)
    expect(claimTask(queue, 'front')).toBe(1)
    expect(drain(queue, 'front')).toEqual([2, 3])
    expect(claimTask(queue, 'back')).toBeUndefined()
    expect(claimTask(queue, 'front')).toBeUndefined()
  })

  it('is empty at once for no tasks, and after close', () => {
    expect(claimTask(createTaskQueue(0), 'front')).toBeUndefined()
    const queue = createTaskQueue(10)
    expect(claimTask(queue, 'back')).toBe(9)
    closeTaskQueue(queue)
    expect(claimTask(queue, 'front')).toBeUndefined()
    expect(claimTask(queue, 'back')).toBeUndefined()
  })

  it('refuses a count it cannot hold', () => {
    expect(() => createTaskQueue(-1)).toThrow(RangeError)
    expect(() => createTaskQueue(1.5)).toThrow(RangeError)
    expect(() => createTaskQueue(2 ** 32)).toThrow('2^32 - 1 tasks')
    // The largest count still works: its indices do not overflow into the other half.
    const big = createTaskQueue(2 ** 32 - 1)
    expect(claimTask(big, 'back')).toBe(2 ** 32 - 2)
    expect(claimTask(big, 'front')).toBe(0)
  })

  it('gives every task to exactly one thread when threads claim at once', async () => {
    const count = 1_000_000
    const queue = createTaskQueue(count)
    const go = new Int32Array(new SharedArrayBuffer(4))
    // Plain JavaScript in the workers: the same compare-and-swap as claimTask, on the same
    // buffer. Each waits for the start signal, so that all claim at the same time.
    const source = `
      const { parentPort, workerData } = require('node:worker_threads')
      const cell = new BigUint64Array(workerData.queue)
      const low = 0xffffffffn
      const taken = []
      parentPort.postMessage('ready')
      Atomics.wait(workerData.go, 0, 0)
      for (;;) {
        const state = Atomics.load(cell, 0)
        const front = state & low
        const back = state >> 32n
        if (front >= back) break
        const next = workerData.end === 'front' ? (back << 32n) | (front + 1n) : ((back - 1n) << 32n) | front
        if (Atomics.compareExchange(cell, 0, state, next) === state)
          taken.push(Number(workerData.end === 'front' ? front : back - 1n))
      }
      parentPort.postMessage(taken)
    `
    const ready: Promise<void>[] = []
    const run = (end: 'front' | 'back') => {
      const worker = new Worker(source, { eval: true, workerData: { queue, end, go } })
      ready.push(new Promise((resolve) => worker.once('message', () => resolve())))
      return new Promise<number[]>((resolve, reject) => {
        worker.on('message', (message: unknown) => {
          if (Array.isArray(message)) resolve(message as number[])
        })
        worker.once('error', reject)
      })
    }
    const workers = Promise.all([run('back'), run('front'), run('back')])
    await Promise.all(ready)
    Atomics.store(go, 0, 1)
    Atomics.notify(go, 0)
    // This thread claims with claimTask meanwhile, from both ends in turn.
    const here: number[] = []
    for (let i = 0; ; i++) {
      const index = claimTask(queue, i % 2 === 0 ? 'front' : 'back')
      if (index === undefined) break
      here.push(index)
    }
    const [a, b, c] = await workers
    const seen = new Uint8Array(count)
    let total = 0
    let twice = 0
    for (const taken of [a!, b!, c!, here]) {
      for (const index of taken) {
        if (seen[index] === 1) twice += 1
        seen[index] = 1
        total += 1
      }
    }
    expect(twice).toBe(0)
    expect(total).toBe(count)
    // Every thread took some: they did claim at the same time.
    for (const taken of [a!, b!, c!, here]) expect(taken.length).toBeGreaterThan(0)
  })
})
