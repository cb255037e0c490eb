/**
 * One-hash Bloom filters of 32-bit hashes for the scanner's hot path (scanner.ts nextCandidate): a
 * bit array of a power-of-two size, bit `h >>> shift` set for every key `h` (the hash's high bits).
 * No false negatives, so a test that fails proves the key absent; at `bitsPerKey` bits per key about
 * 1 − e^(−1/bitsPerKey) of other hashes pass (16: ~6 %, 8: ~12 %).
 */

/** Passes every hash (no filter). */
export const BLOOM_ALL = new Uint32Array([0xffffffff]);

/** A filter of `keys` (at least `bitsPerKey` bits per distinct key, rounded up to a power of two). */
export function bloomOf(keys: Iterable<number>, count: number, bitsPerKey: number): Uint32Array {
  const words = 2 ** Math.max(0, Math.ceil(Math.log2(Math.max(1, (count * bitsPerKey) / 32))));
  const f = new Uint32Array(words);
  const shift = bloomShift(f);
  for (const h of keys) {
    const b = h >>> shift;
    f[b >>> 5] |= 1 << (b & 31);
  }
  return f;
}

/** The shift that turns a 32-bit hash into a bit index of filter `f` (f.length a power of two). */
export function bloomShift(f: Uint32Array): number {
  return Math.clz32(f.length) - 4;
}

/** Whether `h` may be a key of `f` (false: it is not). */
export function bloomHas(f: Uint32Array, shift: number, h: number): boolean {
  const b = h >>> shift;
  return (f[b >>> 5] & (1 << (b & 31))) !== 0;
}
