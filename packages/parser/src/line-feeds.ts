/**
 * `\r\n` and lone `\r` line endings → `\n`. Text without a `\r` (nearly all) is returned as it
 * is, without running the replacement over it.
 *
 * @example
 * toLineFeeds('a\r\nb\rc') // => 'a\nb\nc'
 */
export function toLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
}
