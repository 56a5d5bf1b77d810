/**
 * Deterministic pseudo-random text for the "large garbage input" tests of the readers: a 64 KiB
 * chunk drawn from `alphabet` by a linear congruential generator seeded with `seed`, repeated
 * to `size` characters.
 */
export function garbage(size: number, alphabet: string, seed: number): string {
  let state = seed
  const chunk: string[] = []
  for (let index = 0; index < 65_536; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    chunk.push(alphabet[state % alphabet.length]!)
  }
  return chunk
    .join('')
    .repeat(Math.ceil(size / 65_536))
    .slice(0, size)
}
