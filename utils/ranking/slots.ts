/**
 * The slot columns of EdgeAccumulator (aggregate.ts): one slot per
 * (entity, person, kind) in pages of typed arrays, 35 bytes a slot
 * (store.design.md, "Memory and speed").
 */
/** Slots per column page: columns grow by whole pages, so growing never copies them. */
export const PAGE_BITS = 16;
export const PAGE = 1 << PAGE_BITS;
export const PAGE_MASK = PAGE - 1;
/** A count column's mark for a sum kept in a map (not an integer, or too large). */
export const BIG = 0xffff;

/**
 * Frees the memory of typed arrays that nothing will read again now, not at
 * V8's next collection of them (store.design.md, "Memory of an import"):
 * detaches their buffers (`ArrayBuffer.prototype.transfer(0)`; where the
 * engine lacks it, the collector frees them as before). Their views read as
 * empty afterwards.
 */
export function freeNow(...views: Array<ArrayBufferView | null | undefined>): void {
  for (const v of views) {
    const buf = v?.buffer as (ArrayBuffer & { transfer?: (length: number) => ArrayBuffer; detached?: boolean }) | undefined;
    if (buf && !buf.detached && typeof buf.transfer === 'function') buf.transfer(0);
  }
}

/** One page of slot columns (one slot per entity × person × kind). */
export interface SlotPage {
  entity: Int32Array;
  person: Int32Array;
  kind: Uint8Array;
  /** Σ count while it is an integer below BIG (BIG: the sum is in `bigN`). */
  n: Uint16Array;
  s1: Float64Array;
  s5: Float64Array;
  /** The same for the one-way count (`bigOneWay`). */
  oneWay: Uint16Array;
  /** Latest day as YYYYMMDD, or -1 when it is kept as text in `oddLast`. */
  last: Int32Array;
  /** The latest interaction's source, interned (index + 1; 0: none). */
  src: Uint16Array;
}

export function newPage(): SlotPage {
  return {
    entity: new Int32Array(PAGE),
    person: new Int32Array(PAGE),
    kind: new Uint8Array(PAGE),
    n: new Uint16Array(PAGE),
    s1: new Float64Array(PAGE),
    s5: new Float64Array(PAGE),
    oneWay: new Uint16Array(PAGE),
    last: new Int32Array(PAGE),
    src: new Uint16Array(PAGE),
  };
}

/** Frees a page's columns at once (see freeNow). */
export function freePage(p: SlotPage): void {
  freeNow(p.entity, p.person, p.kind, p.n, p.s1, p.s5, p.oneWay, p.last, p.src);
}

/** Sets a count column's value (an integer below BIG in the column, anything else in `big`). */
export function setCount(col: Uint16Array, big: Map<number, number>, o: number, slot: number, v: number): void {
  if (v >= 0 && v < BIG && Number.isInteger(v)) col[o] = v;
  else {
    col[o] = BIG;
    big.set(slot, v);
  }
}

/** Adds to a count column: the same Float64 sum as `+=` (exact while in the column). */
export function addCount(col: Uint16Array, big: Map<number, number>, o: number, slot: number, v: number): void {
  const cur = col[o];
  setCount(col, big, o, slot, (cur === BIG ? big.get(slot)! : cur) + v);
}

/** A count column's value (from `big` when marked BIG). */
export function countOf(col: Uint16Array, big: Map<number, number>, o: number, slot: number): number {
  const v = col[o];
  return v === BIG ? big.get(slot)! : v;
}

/** What one interaction adds to a slot. */
export interface Added {
  count: number;
  d1: number;
  d5: number;
  oneWay: number;
  day: number;
  date: string;
  src: number;
  url: string | undefined;
}

export function slotHash(entity: number, person: number, kind: number): number {
  let h = Math.imul(entity, 0x9e3779b1) ^ Math.imul(person + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(kind + 1, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}
