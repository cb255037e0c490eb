import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOOM_ALL, bloomHas, bloomOf, bloomShift } from '../../../utils/spotting/bloom';
import { compileDictionary } from '../../../utils/spotting/dictionary';
import { Matcher } from '../../../utils/spotting/matcher';

// Few words, so that names share first words ("First Solar", "First Bank") and the page's words often
// open a name without going on to one: the cases the scanner's filters decide.
const word = fc.constantFrom('A', 'a', 'at', 'At', 'first', 'First', 'Solar', 'Bank', 'S4', 'HANA', 'S/4HANA', 'on', 'Group', 'Müller', 'Mueller', 'GmbH', 'Inc.', '1', 'Nordlicht', 'é');
const gap = fc.constantFrom(' ', ' ', ' ', ', ', '\n', '/', '-', '. ', '  ', ' (');
const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
const text = fc.array(fc.tuple(word, gap), { maxLength: 30 }).map((p) => p.map(([w, g]) => w + g).join(''));

/** The same dictionary without the scanner's filters (every start token opens a candidate window). */
function unfiltered(m: Matcher): Matcher {
  const u = Object.create(m) as Matcher;
  Object.assign(u, { startBits: BLOOM_ALL, prefixBits: BLOOM_ALL });
  return u;
}

describe("the scanner's filters (start keys, first-two-token prefixes)", () => {
  it('find exactly the matches found without them', () => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 10 }), fc.array(text, { minLength: 1, maxLength: 4 }), (names, texts) => {
        const accounts = names.map((n, i) => ({ id: `a-${i}`, name: n }));
        const topics = names.slice(0, 2).map((n, i) => ({ id: `t-${i}`, label: n.toLowerCase() }));
        const m = new Matcher(compileDictionary({ accounts, contacts: [], topics, people: [] }, 'p'));
        const u = unfiltered(m);
        for (const t of texts) expect(m.matchText(t, []), JSON.stringify(t)).toEqual(u.matchText(t, []));
      }),
      { numRuns: 400 },
    );
  });

  it('a Bloom filter has no false negatives', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 300 }), fc.integer({ min: 1, max: 16 }), (keys, bits) => {
        const f = bloomOf(keys, keys.length, bits);
        expect(f.length & (f.length - 1)).toBe(0);
        for (const k of keys) expect(bloomHas(f, bloomShift(f), k)).toBe(true);
      }),
    );
    for (const h of [0, -1, 0x7fffffff, -0x80000000, 12345]) expect(bloomHas(BLOOM_ALL, bloomShift(BLOOM_ALL), h)).toBe(true);
  });
});
