/**
 * The fold orders colleagues by a native sort (prefix.ts, boundOrder): the
 * same order as the comparator sort it replaced, ties by first appearance,
 * on values with many ties, zeros of both signs, infinities and NaN.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RADIX_MIN } from '../../../utils/ranking/fold';
import { boundOrder } from '../../../utils/ranking/prefix';

const value = fc.oneof(
  fc.constantFrom(0, -0, 1, 2, 2.5, 1e-300, Infinity, 0.1 + 0.2, 0.3),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.integer({ min: 0, max: 5 }).map((k) => k * 0.75),
);

describe('boundOrder', () => {
  it('equals the comparator sort (highest first, ties by position)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (xs) => {
        const bounds = Float64Array.from(xs);
        const expected = xs.map((_, j) => j).sort((a, b) => bounds[b] - bounds[a] || a - b);
        expect([...boundOrder(bounds)]).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('above RADIX_MIN values (a radix sort): the comparator sort, negative values and infinities included', () => {
    const any = fc.oneof(value, fc.constantFrom(-1, -2.5, -Infinity, -1e-300), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(any, { minLength: RADIX_MIN + 1, maxLength: 3000, size: 'max' }), (xs) => {
        const bounds = Float64Array.from(xs);
        const expected = xs.map((_, j) => j).sort((a, b) => bounds[b] - bounds[a] || a - b);
        expect([...boundOrder(bounds)]).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('with NaN among the values, still the comparator sort', () => {
    const bounds = Float64Array.from([1, NaN, 2, 0, NaN, 2]);
    expect([...boundOrder(bounds)]).toEqual([...bounds.keys()].sort((a, b) => bounds[b] - bounds[a] || a - b));
  });
});
