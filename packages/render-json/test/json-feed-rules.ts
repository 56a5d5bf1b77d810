/**
 * A checker of the JSON Feed 1.1 rules (https://jsonfeed.org/version/1.1), written for the tests
 * from the spec's text: required fields and their types, absolute URLs, RFC 3339 dates, the
 * `authors` shape, items with an `id` and some content, no unknown (non-`_`) keys.
 * Returns one message per broken rule; an empty list means the feed follows them.
 */

type Json = Record<string, unknown>

const rfc3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/

const topLevelKeys = new Set([
  'version',
  'title',
  'home_page_url',
  'feed_url',
  'description',
  'user_comment',
  'next_url',
  'icon',
  'favicon',
  'authors',
  'author',
  'language',
  'expired',
  'hubs',
  'items',
])

const itemKeys = new Set([
  'id',
  'url',
  'external_url',
  'title',
  'content_html',
  'content_text',
  'summary',
  'image',
  'banner_image',
  'date_published',
  'date_modified',
  'authors',
  'author',
  'tags',
  'language',
  'attachments',
])

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isAbsoluteUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol !== '' && value === value.trim()
  } catch {
    return false
  }
}

/** Whether `value` is an RFC 3339 date-time with real date and time parts. */
export function isRfc3339(value: string): boolean {
  const match = rfc3339.exec(value)
  if (!match) return false
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[]
  const date = new Date(Date.UTC(y!, mo! - 1, d!))
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo! - 1 &&
    date.getUTCDate() === d &&
    h! <= 23 &&
    mi! <= 59 &&
    s! <= 60
  )
}

function checkString(errors: string[], where: string, value: unknown, required: boolean): void {
  if (value === undefined) {
    if (required) errors.push(`${where} is required`)
  } else if (typeof value !== 'string') {
    errors.push(`${where} must be a string`)
  }
}

function checkUrl(errors: string[], where: string, value: unknown): void {
  if (value === undefined) return
  if (typeof value !== 'string') errors.push(`${where} must be a string`)
  else if (!isAbsoluteUrl(value)) errors.push(`${where} must be an absolute URL, got "${value}"`)
}

function checkDate(errors: string[], where: string, value: unknown): void {
  if (value === undefined) return
  if (typeof value !== 'string' || !isRfc3339(value)) {
    errors.push(`${where} must be an RFC 3339 date-time, got ${JSON.stringify(value)}`)
  }
}

function checkAuthors(errors: string[], where: string, value: unknown): void {
  if (value === undefined) return
  if (!Array.isArray(value)) {
    errors.push(`${where} must be an array`)
    return
  }
  value.forEach((author, i) => {
    const at = `${where}[${i}]`
    if (!isObject(author)) {
      errors.push(`${at} must be an object`)
      return
    }
    if (author.name === undefined && author.url === undefined && author.avatar === undefined) {
      errors.push(`${at} must have at least one of name, url, avatar`)
    }
    checkString(errors, `${at}.name`, author.name, false)
    checkUrl(errors, `${at}.url`, author.url)
    checkUrl(errors, `${at}.avatar`, author.avatar)
  })
}

function checkKeys(errors: string[], where: string, value: Json, known: Set<string>): void {
  for (const key of Object.keys(value)) {
    if (!known.has(key) && !key.startsWith('_'))
      errors.push(`${where}.${key} is not a JSON Feed field`)
  }
}

function checkItem(errors: string[], where: string, item: unknown, ids: Set<string>): void {
  if (!isObject(item)) {
    errors.push(`${where} must be an object`)
    return
  }
  checkKeys(errors, where, item, itemKeys)
  if (typeof item.id !== 'string' || item.id === '') {
    errors.push(`${where}.id must be a non-empty string`)
  } else if (ids.has(item.id)) {
    errors.push(`${where}.id "${item.id}" is not unique`)
  } else {
    ids.add(item.id)
  }
  checkUrl(errors, `${where}.url`, item.url)
  checkUrl(errors, `${where}.external_url`, item.external_url)
  checkString(errors, `${where}.title`, item.title, false)
  checkString(errors, `${where}.content_html`, item.content_html, false)
  checkString(errors, `${where}.content_text`, item.content_text, false)
  if (item.content_html === undefined && item.content_text === undefined) {
    errors.push(`${where} must have content_html or content_text`)
  }
  checkString(errors, `${where}.summary`, item.summary, false)
  checkUrl(errors, `${where}.image`, item.image)
  checkUrl(errors, `${where}.banner_image`, item.banner_image)
  checkDate(errors, `${where}.date_published`, item.date_published)
  checkDate(errors, `${where}.date_modified`, item.date_modified)
  checkAuthors(errors, `${where}.authors`, item.authors)
  if (
    item.tags !== undefined &&
    !(Array.isArray(item.tags) && item.tags.every((tag) => typeof tag === 'string'))
  ) {
    errors.push(`${where}.tags must be an array of strings`)
  }
  checkString(errors, `${where}.language`, item.language, false)
  if (item.attachments !== undefined) {
    if (!Array.isArray(item.attachments)) {
      errors.push(`${where}.attachments must be an array`)
      return
    }
    for (const [i, attachment] of item.attachments.entries()) {
      const at = `${where}.attachments[${i}]`
      if (!isObject(attachment)) {
        errors.push(`${at} must be an object`)
        continue
      }
      if (attachment.url === undefined) errors.push(`${at}.url is required`)
      checkUrl(errors, `${at}.url`, attachment.url)
      checkString(errors, `${at}.mime_type`, attachment.mime_type, true)
    }
  }
}

/** Checks a parsed JSON Feed 1.1 document; returns the broken rules. */
export function jsonFeedErrors(feed: unknown): string[] {
  const errors: string[] = []
  if (!isObject(feed)) return ['the feed must be a JSON object']
  checkKeys(errors, 'feed', feed, topLevelKeys)
  if (feed.version !== 'https://jsonfeed.org/version/1.1') {
    errors.push(
      `feed.version must be "https://jsonfeed.org/version/1.1", got ${JSON.stringify(feed.version)}`,
    )
  }
  checkString(errors, 'feed.title', feed.title, true)
  checkUrl(errors, 'feed.home_page_url', feed.home_page_url)
  checkUrl(errors, 'feed.feed_url', feed.feed_url)
  checkUrl(errors, 'feed.next_url', feed.next_url)
  checkUrl(errors, 'feed.icon', feed.icon)
  checkUrl(errors, 'feed.favicon', feed.favicon)
  checkString(errors, 'feed.description', feed.description, false)
  checkString(errors, 'feed.language', feed.language, false)
  checkAuthors(errors, 'feed.authors', feed.authors)
  if (feed.expired !== undefined && typeof feed.expired !== 'boolean') {
    errors.push('feed.expired must be a boolean')
  }
  if (!Array.isArray(feed.items)) {
    errors.push('feed.items is required and must be an array')
  } else {
    const ids = new Set<string>()
    for (const [i, item] of feed.items.entries()) checkItem(errors, `feed.items[${i}]`, item, ids)
  }
  return errors
}
