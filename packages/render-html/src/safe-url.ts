/**
 * URLs from notes that the renderer itself puts into `href`s (paper, issue and post links).
 */

/**
 * The URL when it is an absolute `http:` or `https:` URL, normalised by the WHATWG URL parser;
 * `undefined` for anything else (`javascript:`, `data:`, relative or malformed URLs).
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
