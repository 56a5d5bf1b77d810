/**
 * A progress bar for long runs on a terminal: `parsing  [██████░░░░░░]  120/400 files`.
 * It redraws one line of standard error in place; off a terminal (or under `CI`) it prints nothing.
 */
import type { OutputStream } from './io.js'

/** A progress bar for one phase at a time. */
export interface Progress {
  /** Starts a phase: `label` (e.g. `parsing`), the number of steps, and the unit (e.g. `files`). */
  start(label: string, total: number, unit: string): void
  /** Advances the current phase by `steps` (default 1); `detail` is shown after the count (e.g. `120 notes`). */
  tick(steps?: number, detail?: string): void
  /** Ends the current phase and clears the line. */
  done(): void
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** Draw anything at all; pass `isInteractive(stream, env)`. */
  enabled: boolean
  /** Minimum time between redraws, in milliseconds (default 50). */
  intervalMs?: number
  /** The clock, for tests (default `Date.now`). */
  now?: () => number
}

const width = 24

/** The text of one frame of the bar, without terminal control codes. */
export function formatProgressLine(
  label: string,
  done: number,
  total: number,
  unit: string,
  detail?: string,
): string {
  const ratio = total > 0 ? Math.min(done / total, 1) : 1
  const filled = Math.round(ratio * width)
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
  // A total of 0 with work done means the total is not known in advance: count only.
  const count =
    total === 0 && done > 0
      ? `${done} ${unit}`
      : `${String(done).padStart(String(total).length)}/${total} ${unit}`
  return `${label.padEnd(8)} [${bar}] ${count}${detail ? `, ${detail}` : ''}`
}

/**
 * A progress bar writing to `stream`, or a silent one when `enabled` is false.
 *
 * @example
 * const progress = createProgress(process.stderr, { enabled: isInteractive(process.stderr, process.env) })
 * progress.start('parsing', files.length, 'files')
 * for (const file of files) { parse(file); progress.tick() }
 * progress.done()
 */
export function createProgress(stream: OutputStream, options: ProgressOptions): Progress {
  if (!options.enabled) return { start() {}, tick() {}, done() {} }
  const interval = options.intervalMs ?? 50
  const now = options.now ?? Date.now
  let label = ''
  let unit = ''
  let total = 0
  let done = 0
  let detail: string | undefined
  let lastDraw = Number.NEGATIVE_INFINITY
  let active = false
  const draw = (force: boolean) => {
    const time = now()
    if (!force && time - lastDraw < interval) return
    lastDraw = time
    stream.write(`\r\x1b[2K${formatProgressLine(label, done, total, unit, detail)}`)
  }
  return {
    start(nextLabel, nextTotal, nextUnit) {
      label = nextLabel
      total = nextTotal
      unit = nextUnit
      done = 0
      detail = undefined
      active = true
      draw(true)
    },
    tick(steps = 1, nextDetail) {
      if (!active) return
      done += steps
      detail = nextDetail ?? detail
      draw(total > 0 && done >= total)
    },
    done() {
      if (!active) return
      active = false
      stream.write('\r\x1b[2K')
    },
  }
}
