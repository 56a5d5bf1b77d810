/**
 * URLs that renderers put into pages and feeds: note URLs are untrusted, so only absolute
 * `http:`/`https:` URLs are used as links; the site's base URL is checked the same way.
 */

/**
 * The URL when it is an absolute `http:` or `https:` URL with a host, normalised by the WHATWG
 * URL parser; `undefined` for anything else (`javascript:`, `data:`, relative or malformed URLs).
 *
 * @example
 * safeHttpUrl(' https://arxiv.org/abs/2502.02797 ') // => 'https://arxiv.org/abs/2502.02797'
 * safeHttpUrl('javascript:alert(1)') // => undefined
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined
  if (parsed.hostname === '') return undefined
  return parsed.href
}

/** How {@link checkBaseUrl} names the option in its errors. */
export interface BaseUrlContext {
  /** Who asks, e.g. `@paper-notes/render-rss`. */
  caller: string
  /** A call that shows the fix, e.g. `renderFeeds(collection, { baseUrl: "https://example.org/notes/" })`. */
  example: string
}

/**
 * Returns `value` when it is an absolute `http:` or `https:` URL, and throws a `TypeError` that
 * says how to fix the option otherwise (missing, empty, relative, or another scheme).
 *
 * @example
 * checkBaseUrl('https://example.org/notes/', context) // => 'https://example.org/notes/'
 * checkBaseUrl(undefined, context) // throws: `baseUrl` is required…
 */
export function checkBaseUrl(value: unknown, context: BaseUrlContext): string {
  const hint = `Pass the absolute http(s) URL the site is served from, e.g. ${context.example}.`
  const fail = (problem: string) =>
    new TypeError(`${context.caller}: \`baseUrl\` ${problem}. ${hint}`)
  if (value === undefined || value === null) {
    throw fail('is required: feeds must link to absolute URLs')
  }
  if (typeof value !== 'string' || value.trim() === '') throw fail('must be a non-empty string')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw fail(`"${value}" is not an absolute URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw fail(`"${value}" uses ${url.protocol} but must use http: or https:`)
  }
  return value
}
