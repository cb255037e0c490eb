/**
 * Home slot of a 32-bit hash in a table of `cap` slots: multiply-shift
 * ("fast range", the hash's high bits) instead of an integer modulo, which
 * costs ~20–40 cycles per probe on the scanner's hot path.
 */
export function homeSlot(h: number, cap: number): number {
  return ((h >>> 0) * cap * 2.3283064365386963e-10) | 0;
}

/**
 * Packed open-addressing hash tables (linear probing) over typed arrays.
 * Keys are 64-bit (two 32-bit lanes), so no key text is kept in memory and a
 * false positive needs a 64-bit collision.
 */

export class PhraseTable {
  readonly cap: number;
  readonly k1: Int32Array;
  readonly k2: Int32Array;
  /** 0 = empty; else value + 1. */
  readonly v: Uint32Array;

  constructor(capOrArrays: number | { k1: Int32Array; k2: Int32Array; v: Uint32Array }) {
    if (typeof capOrArrays === 'number') {
      this.cap = capOrArrays;
      this.k1 = new Int32Array(capOrArrays);
      this.k2 = new Int32Array(capOrArrays);
      this.v = new Uint32Array(capOrArrays);
    } else {
      this.k1 = capOrArrays.k1;
      this.k2 = capOrArrays.k2;
      this.v = capOrArrays.v;
      this.cap = this.v.length;
    }
  }

  static forEntries(n: number): PhraseTable {
    return new PhraseTable(Math.max(16, Math.ceil(n / 0.7) | 1));
  }

  /** Whether any key's first lane is h1 (else find(h1, anything) is -1: the second lane need not be computed). */
  has1(h1: number): boolean {
    const { k1, v, cap } = this;
    let i = homeSlot(h1, cap);
    for (;;) {
      if (v[i] === 0) return false;
      if (k1[i] === h1) return true;
      if (++i === cap) i = 0;
    }
  }

  /** Slot of the key, or -1. */
  find(h1: number, h2: number): number {
    const { k1, k2, v, cap } = this;
    let i = homeSlot(h1, cap);
    for (;;) {
      if (v[i] === 0) return -1;
      if (k1[i] === h1 && k2[i] === h2) return i;
      if (++i === cap) i = 0;
    }
  }

  /** Slot for the key (existing or newly claimed with value 0+1). */
  claim(h1: number, h2: number): { slot: number; isNew: boolean } {
    const { k1, k2, v, cap } = this;
    let i = homeSlot(h1, cap);
    for (;;) {
      if (v[i] === 0) {
        k1[i] = h1;
        k2[i] = h2;
        return { slot: i, isNew: true };
      }
      if (k1[i] === h1 && k2[i] === h2) return { slot: i, isNew: false };
      if (++i === cap) i = 0;
    }
  }
}

/** First-token table: token hash → longest phrase length (in tokens) starting with it. */
export class StartTable {
  readonly cap: number;
  readonly k: Int32Array;
  /** 0 = empty; else max phrase length (1–255). */
  readonly len: Uint8Array;

  constructor(capOrArrays: number | { k: Int32Array; len: Uint8Array }) {
    if (typeof capOrArrays === 'number') {
      this.cap = capOrArrays;
      this.k = new Int32Array(capOrArrays);
      this.len = new Uint8Array(capOrArrays);
    } else {
      this.k = capOrArrays.k;
      this.len = capOrArrays.len;
      this.cap = this.len.length;
    }
  }

  static forEntries(n: number): StartTable {
    return new StartTable(Math.max(16, Math.ceil(n / 0.6) | 1));
  }

  get(h: number): number {
    const { k, len, cap } = this;
    let i = homeSlot(h, cap);
    for (;;) {
      const l = len[i];
      if (l === 0) return 0;
      if (k[i] === h) return l;
      if (++i === cap) i = 0;
    }
  }

  raise(h: number, l: number): void {
    const { k, len, cap } = this;
    let i = homeSlot(h, cap);
    for (;;) {
      if (len[i] === 0) {
        k[i] = h;
        len[i] = Math.min(255, l);
        return;
      }
      if (k[i] === h) {
        if (l > len[i]) len[i] = Math.min(255, l);
        return;
      }
      if (++i === cap) i = 0;
    }
  }
}

// Base64 of typed arrays (JSON/structured-clone safe transport), browser and Node.
export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const CH = 0x8000;
  for (let i = 0; i < bytes.length; i += CH) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + CH) as unknown as number[]);
  }
  return btoa(s);
}

type FromBase64 = { fromBase64?: (s: string) => Uint8Array };

export function base64ToBytes(b64: string): Uint8Array {
  const native = (Uint8Array as unknown as FromBase64).fromBase64;
  if (native) return native(b64); // Chromium ≥ 140, Firefox ≥ 133: native and several times faster
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Decoded size of a base64 string (with padding). */
function decodedLength(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - pad;
}

/**
 * base64ToBytes without a long task: native where available (one call per
 * array, a few ms per MB), else decoded in slices of `slice` base64 chars,
 * awaiting `pause()` between slices.
 */
export async function base64ToBytesChunked(b64: string, pause: () => Promise<void>, slice = 262144): Promise<Uint8Array> {
  if ((Uint8Array as unknown as FromBase64).fromBase64 || b64.length <= slice) return base64ToBytes(b64);
  const out = new Uint8Array(decodedLength(b64));
  let at = 0;
  for (let from = 0; from < b64.length; from += slice) {
    const s = atob(b64.slice(from, from + slice)); // slice is a multiple of 4: every part decodes alone
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
    at += s.length;
    await pause();
  }
  return out;
}

export function u32ToBase64(a: Uint32Array | Int32Array): string {
  return bytesToBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}
/**
 * A table's occupied slots (dictionary format 3): a bitmap of `cap` bits
 * (bit i of byte i >> 3: slot i holds a key) and, per array, the occupied
 * slots' values in slot order. An empty slot is all zeros in every array.
 */
export function occupancy(cap: number, used: (slot: number) => boolean): { bits: Uint8Array; count: number } {
  const bits = new Uint8Array((cap + 7) >>> 3);
  let count = 0;
  for (let i = 0; i < cap; i++) {
    if (!used(i)) continue;
    bits[i >>> 3] |= 1 << (i & 7);
    count++;
  }
  return { bits, count };
}

/** The occupied slots' values of `a`, in slot order. */
export function packSlots<T extends Uint32Array | Int32Array | Uint8Array>(a: T, bits: Uint8Array, count: number): T {
  const out = new (a.constructor as new (n: number) => T)(count);
  let j = 0;
  for (let b = 0; b < bits.length; b++) {
    const byte = bits[b];
    if (!byte) continue;
    for (let k = 0; k < 8; k++) if (byte & (1 << k)) out[j++] = a[(b << 3) + k];
  }
  return out;
}

/** Puts packed values back into their slots: `out[slot] = dense[j++]` for every occupied slot. */
export function unpackSlots(bits: Uint8Array, dense: Uint32Array | Int32Array | Uint8Array, out: Uint32Array | Int32Array | Uint8Array): void {
  let j = 0;
  for (let b = 0; b < bits.length; b++) {
    let byte = bits[b];
    if (!byte) continue;
    const base = b << 3;
    for (let k = 0; byte; k++, byte >>>= 1) if (byte & 1) out[base + k] = dense[j++];
  }
}
