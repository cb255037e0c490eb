/**
 * Loading a CompiledDictionary's tables (matcher.ts): the typed arrays decoded from base64, the
 * packed hash-table slots put back in place, and the filters built when the matcher loads.
 */
import type { CompiledDictionary } from './types';
import { PhraseTable, StartTable, unpackSlots } from './table';
import { bloomOf } from './bloom';

/** The dictionary's typed arrays, decoded from base64 (bytes). */
export interface RawArrays {
  ca: Uint8Array;
  /** Phrase table: occupied-slot bitmap, then the occupied slots' k1, k2, v. */
  po: Uint8Array;
  k1: Uint8Array;
  k2: Uint8Array;
  v: Uint8Array;
  /** Start table: occupied-slot bitmap, then the occupied slots' keys and lengths. */
  so: Uint8Array;
  sk: Uint8Array;
  sl: Uint8Array;
  multi: Uint8Array;
  /** Bloom filter of the names' one- and two-token prefix hashes (Uint32Array). */
  pre: Uint8Array;
}
export interface Tables {
  phrases: PhraseTable;
  starts: StartTable;
}
export const EMPTY = new Uint8Array(0);

/** The hash tables, their packed slots put back in place (no hashing, no probing). */
export function unpackTables(d: CompiledDictionary, r: RawArrays): Tables {
  const phrases = new PhraseTable(d.phrases.cap);
  unpackSlots(r.po, i32(r.k1), phrases.k1);
  unpackSlots(r.po, i32(r.k2), phrases.k2);
  unpackSlots(r.po, u32(r.v), phrases.v);
  const starts = new StartTable(d.starts.cap);
  unpackSlots(r.so, i32(r.sk), starts.k);
  unpackSlots(r.so, r.sl, starts.len);
  return { phrases, starts };
}

/** A Bloom filter of the start table's keys: 16 bits per key. */
export function startFilter(t: StartTable): Uint32Array {
  const keys: number[] = [];
  for (let i = 0; i < t.cap; i++) if (t.len[i] !== 0) keys.push(t.k[i]);
  return bloomOf(keys, keys.length, 16);
}

/** 32-bit views of decoded bytes (copied only if the bytes are not 4-aligned). */
export function i32(b: Uint8Array): Int32Array {
  const a = b.byteOffset & 3 ? b.slice() : b;
  return new Int32Array(a.buffer, a.byteOffset, a.byteLength >>> 2);
}
export function u32(b: Uint8Array): Uint32Array {
  const a = b.byteOffset & 3 ? b.slice() : b;
  return new Uint32Array(a.buffer, a.byteOffset, a.byteLength >>> 2);
}

export function offsets(joined: string, sep: string, n: number): Uint32Array {
  const off = new Uint32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    off[i] = at;
    const k = joined.indexOf(sep, at);
    at = k < 0 ? joined.length + 1 : k + 1;
  }
  off[n] = at;
  return off;
}
