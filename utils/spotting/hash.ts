/**
 * The 32-bit hash primitives of the matcher: the finaliser every token hash
 * goes through, and the two order-dependent lanes that combine token hashes
 * into phrase hashes. The tokenizer, the dictionary compiler and the scanner
 * share them, so both sides hash alike by construction.
 */

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0; // signed: stays a small integer in V8 (no heap numbers in the hot loop)
}

/** Phrase hash lanes: order-dependent combination of token hashes. */
export const PHRASE_SEED1 = 0x2545f491;
export const PHRASE_SEED2 = 0x6b43a9b5;
export function mix1(ph: number, th: number): number {
  return fmix32((Math.imul(ph, 0x9e3779b1) ^ th) + 0x7f4a7c15);
}
export function mix2(ph: number, th: number): number {
  return fmix32((Math.imul(ph, 0x85ebca77) ^ th) + 0x165667b1);
}
