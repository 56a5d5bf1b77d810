/**
 * Offsets → 1-based line and column, for the export readers' diagnostics and `source` fields.
 * The line starts are indexed once; each lookup is a binary search, so positions of every
 * entry in a large input cost O(n + k log n), never a rescan per entry.
 */

/** A 1-based line and column. */
export interface TextPosition {
  line: number
  column: number
}

/** Turns an offset in the text into its line and column. */
export type PositionAt = (offset: number) => TextPosition

/**
 * Indexes the line starts of `text` (`\n`, `\r\n` and lone `\r` all end a line).
 *
 * @example
 * const positionAt = createPositionAt('a\nbc')
 * positionAt(3) // => { line: 2, column: 2 }
 */
export function createPositionAt(text: string): PositionAt {
  const starts: number[] = [0]
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 10) starts.push(index + 1)
    else if (code === 13 && text.charCodeAt(index + 1) !== 10) starts.push(index + 1)
  }
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, text.length))
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle]! <= clamped) low = middle
      else high = middle - 1
    }
    return { line: low + 1, column: clamped - starts[low]! + 1 }
  }
}
