import { describe, expect, it } from 'vitest'
import { isCalendarDate } from '../src/index.js'

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '2025-01-01'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true)
  })
  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-02-30',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-1',
    '2025/01/01',
    ' 2025-01-01',
    '2025-01-01T00:00:00Z',
    '',
  ])('rejects %j', (date) => {
    expect(isCalendarDate(date)).toBe(false)
  })
})
