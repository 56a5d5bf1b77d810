/**
 * A fast, stable, non-cryptographic string hash: the same text gives the same result on every
 * machine and runtime (it hashes UTF-16 code units with integer arithmetic only).
 *
 * Two independent 32-bit lanes (multiply–xorshift mixing, as in MurmurHash3's finaliser) give a
 * 64-bit value, written as 16 lowercase hex digits.
 *
 * @example
 * stableHash('2025-05-01\n[Paper Note] …') // => '9f0c…' (16 hex digits)
 */
export function stableHash(text: string): string {
  let h1 = 0xdeadbeef ^ text.length
  let h2 = 0x41c6ce57 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return hex(h1) + hex(h2)
}

function hex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0')
}

/**
 * A 32-bit hash of `text` (one lane of {@link stableHash}'s mixing) as a signed integer, which V8
 * keeps unboxed: a key for an index that would otherwise keep a long string per entry. Distinct
 * texts can share one, so an index keyed by it checks what it finds.
 *
 * @internal
 */
export function smallHash(text: string): number {
  let h = 0xdeadbeef ^ text.length
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 2654435761)
  h = Math.imul(h ^ (h >>> 16), 2246822507)
  return (h ^ (h >>> 13)) | 0
}
