/**
 * The `cacheBytes` option the built-in renderers share: how much their caches of made parts
 * (cards, note JSON, feed items) may keep. It trades time for memory and never changes output.
 */

/**
 * Reads a renderer's `cacheBytes` option: `fallback` when it is left out, the value when it is
 * a whole number of bytes (0 keeps nothing), else a `RangeError` that says how to fix it,
 * naming `caller` (e.g. `@paper-notes/render-json`).
 *
 * @example
 * resolveCacheBytes(undefined, 64 * 1024 * 1024, '@paper-notes/render-json') // => 67108864
 * resolveCacheBytes(8_000_000, 64 * 1024 * 1024, '@paper-notes/render-json') // => 8000000
 * resolveCacheBytes(-1, 64 * 1024 * 1024, '@paper-notes/render-json') // throws RangeError
 */
export function resolveCacheBytes(
  value: number | undefined,
  fallback: number,
  caller: string,
): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `${caller}: \`cacheBytes\` must be a whole number of bytes, 0 or more (got ${String(value)}); leave it out for the default of ${fallback}.`,
    )
  }
  return value
}
