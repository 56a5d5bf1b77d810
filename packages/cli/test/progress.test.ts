import { describe, expect, it } from 'vitest'
import { isInteractive, useColor } from '../src/io.js'
import { createProgress, formatProgressLine } from '../src/progress.js'

function recorder(isTTY: boolean) {
  const chunks: string[] = []
  return { chunks, stream: { isTTY, write: (text: string) => chunks.push(text) } }
}

describe('createProgress', () => {
  it('draws a bar in place on a terminal and clears it when done', () => {
    const { chunks, stream } = recorder(true)
    let time = 0
    const progress = createProgress(stream, { enabled: true, intervalMs: 50, now: () => time })
    progress.start('parsing', 4, 'files')
    progress.tick() // too soon after the first frame: not drawn
    time = 100
    progress.tick()
    progress.tick(2, '7 notes') // the last step is always drawn
    progress.done()
    expect(chunks).toEqual([
      `\r\x1b[2K${formatProgressLine('parsing', 0, 4, 'files')}`,
      `\r\x1b[2K${formatProgressLine('parsing', 2, 4, 'files')}`,
      `\r\x1b[2K${formatProgressLine('parsing', 4, 4, 'files', '7 notes')}`,
      '\r\x1b[2K',
    ])
  })

  it('writes nothing when disabled', () => {
    const { chunks, stream } = recorder(false)
    const progress = createProgress(stream, { enabled: false })
    progress.start('writing', 3, 'files')
    progress.tick()
    progress.done()
    expect(chunks).toEqual([])
  })
})

describe('formatProgressLine', () => {
  it('fills the bar in proportion and right-aligns the count', () => {
    expect(formatProgressLine('writing', 5, 10, 'files')).toBe(
      `writing  [${'█'.repeat(12)}${'░'.repeat(12)}]  5/10 files`,
    )
    expect(formatProgressLine('parsing', 0, 0, 'files')).toContain(`[${'█'.repeat(24)}]`)
    expect(formatProgressLine('parsing', 1, 2, 'files', '120 notes')).toBe(
      `parsing  [${'█'.repeat(12)}${'░'.repeat(12)}] 1/2 files, 120 notes`,
    )
  })
})

describe('isInteractive and useColor', () => {
  const tty = { isTTY: true, write: () => true }
  const pipe = { isTTY: false, write: () => true }
  it('treats only a TTY outside CI as interactive', () => {
    expect(isInteractive(tty, {})).toBe(true)
    expect(isInteractive(tty, { CI: 'true' })).toBe(false)
    expect(isInteractive(pipe, {})).toBe(false)
  })
  it('honours NO_COLOR and FORCE_COLOR', () => {
    expect(useColor(tty, {})).toBe(true)
    expect(useColor(tty, { NO_COLOR: '1' })).toBe(false)
    expect(useColor(pipe, { FORCE_COLOR: '1' })).toBe(true)
    expect(useColor(pipe, {})).toBe(false)
  })
})
