/**
 * Checking the site's base URL: feeds and JSON Feed items link to the HTML pages under it, and
 * feed readers need absolute URLs.
 */

/**
 * Returns `value` when it is an absolute `http:` or `https:` URL, and throws a `TypeError` that
 * says how to fix the option otherwise.
 *
 * @example
 * checkBaseUrl('https://example.org/notes/') // => 'https://example.org/notes/'
 * checkBaseUrl('/notes/') // throws: baseUrl must be an absolute http(s) URL…
 */
export function checkBaseUrl(value: unknown): string {
  const hint =
    'Pass the absolute http(s) URL the site is served from, e.g. { baseUrl: "https://example.org/notes/" }.'
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`@paper-notes/render-json: \`baseUrl\` must be a non-empty string. ${hint}`)
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new TypeError(
      `@paper-notes/render-json: \`baseUrl\` "${value}" is not an absolute URL. ${hint}`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `@paper-notes/render-json: \`baseUrl\` "${value}" uses ${url.protocol} but must use http: or https:. ${hint}`,
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
