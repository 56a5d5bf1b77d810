import { afterEach, describe, expect, it, vi } from 'vitest'

// Records the V8 flags the pacer sets, and still sets them.
const flags = vi.hoisted(() => [] as string[])
vi.mock('node:v8', async (importOriginal) => {
  const v8 = await importOriginal<typeof import('node:v8')>()
  return {
    ...v8,
    setFlagsFromString(flag: string) {
      flags.push(flag)
      v8.setFlagsFromString(flag)
    },
  }
})

const { createHeapPacer } = await import('../src/heap-pacer.js')

/** Makes the heap grow past a pacer's headroom of 0 bytes. */
const grow = () => new Array<number>(10_000).fill(1)

describe('createHeapPacer: its collections favour a small heap', () => {
  const options = process.env.NODE_OPTIONS
  afterEach(() => {
    if (options === undefined) delete process.env.NODE_OPTIONS
    else process.env.NODE_OPTIONS = options
  })

  it('sets --optimize-for-size for each of its collections only', () => {
    const pacer = createHeapPacer(0)
    flags.length = 0
    void grow()
    pacer.check()
    void grow()
    pacer.check()
    expect(pacer.collections).toBe(2)
    expect(flags).toEqual([
      '--optimize-for-size',
      '--no-optimize-for-size',
      '--optimize-for-size',
      '--no-optimize-for-size',
    ])
  })

  it('does not touch the flag when Node was started with it', () => {
    process.env.NODE_OPTIONS = '--max-old-space-size=4096 --optimize-for-size'
    const pacer = createHeapPacer(0)
    flags.length = 0
    void grow()
    pacer.check()
    expect(pacer.collections).toBe(1)
    expect(flags).toEqual([])
  })
})
