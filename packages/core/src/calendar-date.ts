/**
 * Whether `text` is a `YYYY-MM-DD` date that exists on the calendar (`2024-02-29` does,
 * `2025-02-29` and `2025-02-30` do not). Issue dates must be such dates.
 *
 * @example
 * isCalendarDate('2024-02-29') // => true
 * isCalendarDate('2025-02-30') // => false
 */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const year = Number(text.slice(0, 4))
  const month = Number(text.slice(5, 7))
  const day = Number(text.slice(8, 10))
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
  return day <= days
}
