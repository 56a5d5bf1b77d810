import { getHeapStatistics } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { createHeapPacer } from '../src/heap-pacer.js'

describe('createHeapPacer', () => {
  it('collects the heap whenever it grew by the headroom, keeping it near its live data', () => {
    const exposedBefore = typeof (globalThis as { gc?: unknown }).gc
    const headroom = 16 * 1024 * 1024
    const pacer = createHeapPacer(headroom)
    const start = getHeapStatistics().used_heap_size
    let highest = 0
    const kept: number[][] = []
    for (let i = 0; i < 200; i++) {
      // ~1.6 MB arrays, allocated in the old generation's large-object space: garbage that only
      // a full collection frees. One in twenty is kept (live data that grows).
      const block = new Array<number>(200_000).fill(i)
      if (i % 20 === 0) kept.push(block)
      pacer.check()
      highest = Math.max(highest, getHeapStatistics().used_heap_size)
    }
    // ~320 MB allocated, ~16 MB of it kept: many collections, the heap never far past
    // what is live plus the headroom (one more block may land before a check).
    expect(pacer.collections).toBeGreaterThan(0)
    expect(highest - start).toBeLessThan(kept.length * 1.7e6 + headroom + 4e6)
    expect(kept).toHaveLength(10)
    // The collector it calls is not left on the global object.
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe(exposedBefore)
  })

  it('does not collect while the heap stays within the headroom', () => {
    const pacer = createHeapPacer(512 * 1024 * 1024)
    for (let i = 0; i < 20; i++) {
      void new Array<number>(1000).fill(i)
      pacer.check()
    }
    expect(pacer.collections).toBe(0)
  })
})
