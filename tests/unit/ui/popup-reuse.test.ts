import { describe, expect, it } from 'vitest';
import { reuseEqualHits } from '@/components/popup/logic';
import type { PersonHit } from '@/utils/messaging/protocol';

const hit = (id: string, text = 'Hamburg'): PersonHit => ({ person: { id, name: id.toUpperCase(), location: text }, matched: { field: 'location', text } });
/** As the message delivers an answer: new objects, equal content. */
const copy = (hits: PersonHit[]) => JSON.parse(JSON.stringify(hits)) as PersonHit[];

describe('popup: an answer keeps the objects of unchanged hits (memoized rows do not render again)', () => {
  it('the same answer again is the earlier list itself', () => {
    const prev = [hit('a'), hit('b')];
    expect(reuseEqualHits(prev, copy(prev))).toBe(prev);
  });

  it('equal hits are the earlier objects, changed and new ones the new objects, in the new order', () => {
    const prev = [hit('a'), hit('b'), hit('c')];
    const next = copy([hit('c'), hit('b', 'Aarhus'), hit('d')]);
    const out = reuseEqualHits(prev, next);
    expect(out).toEqual(next);
    expect(out[0]).toBe(prev[2]);
    expect(out[1]).toBe(next[1]);
    expect(out[2]).toBe(next[2]);
  });

  it('a shorter or reordered answer is a new list with the same content', () => {
    const prev = [hit('a'), hit('b')];
    const shorter = reuseEqualHits(prev, copy([hit('a')]));
    expect(shorter).not.toBe(prev);
    expect(shorter).toEqual([hit('a')]);
    const swapped = reuseEqualHits(prev, copy([hit('b'), hit('a')]));
    expect(swapped).toEqual([hit('b'), hit('a')]);
    expect(swapped[0]).toBe(prev[1]);
  });

  it('nothing before, or nothing now: the new answer as it is', () => {
    const next = [hit('a')];
    expect(reuseEqualHits([], next)).toBe(next);
    expect(reuseEqualHits([hit('a')], [])).toEqual([]);
  });
});
