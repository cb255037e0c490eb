/** The typed-array layout of one entity's evidence (columns.ts has what is done with it). */
import type { EntityKind, InteractionKind } from '../graph/model';

export interface EdgeColumns {
  entityId: string;
  entityKind: EntityKind;
  /** Epoch ms the s1/s5 sums refer to. */
  refTime: number;
  /** Colleagues, in order of first appearance. */
  people: string[];
  /** Rows of person j: start[j] … start[j+1]−1, kinds in order of first appearance. */
  start: Uint32Array;
  /** Kind of each row, as an index into `kinds`. */
  kind: Uint8Array;
  kinds: InteractionKind[];
  n: Float64Array;
  s1: Float64Array;
  s5: Float64Array;
  oneWay: Float64Array;
  /** Latest day as YYYYMMDD; −1: the text is in `oddLast`. */
  last: Int32Array;
  /** [row, text] for dates that are not YYYY-MM-DD. */
  oddLast?: Array<[number, string]>;
  /** Source systems of this record's rows (absent: none has one). */
  sources?: string[];
  /** Each row's latest source as an index into `sources` + 1 (0: none). */
  src?: Uint8Array;
  /** [row, url]: the record link of the row's latest interaction, where it has one. */
  urls?: Array<[number, string]>;
}

/** The size of `allocColumns`' buffer: four Float64 and one Int32 column per row, `start`, and a Uint8 per row. */
export function columnsBufferBytes(rows: number, people: number): number {
  return rows * 37 + (people + 1) * 4;
}

/** The first index of a sorted `length` at which `below(i)` is false. */
export function lowerBound(length: number, below: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The typed arrays of a record of `rows` rows and `people` colleagues, as views
 * of one ArrayBuffer: one allocation per record (structured clone writes the
 * buffer once and the views as references to it).
 */
export function allocColumns(rows: number, people: number): Pick<EdgeColumns, 'start' | 'kind' | 'n' | 's1' | 's5' | 'oneWay' | 'last'> {
  const buf = new ArrayBuffer(columnsBufferBytes(rows, people));
  const f = (k: number) => new Float64Array(buf, k * rows * 8, rows);
  return {
    n: f(0),
    s1: f(1),
    s5: f(2),
    oneWay: f(3),
    last: new Int32Array(buf, rows * 32, rows),
    start: new Uint32Array(buf, rows * 36, people + 1),
    kind: new Uint8Array(buf, rows * 36 + (people + 1) * 4, rows),
  };
}
