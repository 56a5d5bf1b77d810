/**
 * Checking the site's base URL: every feed links to the HTML pages under it, and feed readers
 * need absolute URLs, so it is required.
 */

const hint =
  'Pass the absolute http(s) URL the site is served from, e.g. renderFeeds(collection, { baseUrl: "https://example.org/notes/" }).'

/**
 * Returns `value` when it is an absolute `http:` or `https:` URL, and throws a `TypeError` that
 * says how to fix the option otherwise (missing, empty, relative, or another scheme).
 *
 * @example
 * checkBaseUrl('https://example.org/notes/') // => 'https://example.org/notes/'
 * checkBaseUrl(undefined) // throws: `baseUrl` is required…
 */
export function checkBaseUrl(value: unknown): string {
  if (value === undefined || value === null) {
    throw new TypeError(
      `@paper-notes/render-rss: \`baseUrl\` is required: feeds must link to absolute URLs. ${hint}`,
    )
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`@paper-notes/render-rss: \`baseUrl\` must be a non-empty string. ${hint}`)
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new TypeError(
      `@paper-notes/render-rss: \`baseUrl\` "${value}" is not an absolute URL. ${hint}`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `@paper-notes/render-rss: \`baseUrl\` "${value}" uses ${url.protocol} but must use http: or https:. ${hint}`,
    )
  }
  return value
}

/** Whether `value` is an absolute `http:`/`https:` URL (used for links taken from notes). */
export function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}
