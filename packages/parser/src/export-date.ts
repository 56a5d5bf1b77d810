/**
 * Calendar dates as the export readers need them: checking a `YYYY-MM-DD` issue date and taking
 * the UTC date of an ISO 8601 timestamp (a GitHub issue's `created_at`).
 */
import { isCalendarDate } from '@paper-notes/core'

/**
 * The UTC calendar date (`YYYY-MM-DD`) of an ISO 8601 timestamp; a plain `YYYY-MM-DD` is
 * returned as is. `undefined` when it is neither.
 *
 * @example
 * utcDate('2025-10-12T23:30:00-02:00') // => '2025-10-13'
 */
export function utcDate(timestamp: string): string | undefined {
  const text = timestamp.trim()
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return isCalendarDate(text) ? text : undefined
  const match =
    /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i.exec(text)
  if (!match || !isCalendarDate(match[1]!)) return undefined
  const time = Date.parse(text)
  if (Number.isNaN(time)) return undefined
  return new Date(time).toISOString().slice(0, 10)
}
