import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StartTable, homeSlot } from '../../../utils/spotting/table';
import { HARD_BEFORE, TokenBuffer, tokenize } from '../../../utils/spotting/tokenize';
import { CANDIDATE, nextCandidate } from '../../../utils/spotting/scanner';

// Text from a small alphabet full of the tokenizer's special cases: soft splits (letter↔digit), marks,
// ae/oe/ue collapsing, non-ASCII folds, full-width letters, separators and phrase breaks.
const piece = fc.constantFrom('a', 'e', 'o', 'u', 'S', 'H', 'x', 'ä', 'ö', 'ß', 'æ', 'Ø', 'é', 'e\u0301', 'Ｍ', '4', '１', ' ', ' ', '.', ',', '/', '-', '\n', '(', 'Nord', 'licht', 'mueller', 'Müller');
const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));

/**
 * The candidate scan against tokenize(): exactly the hard-boundary tokens whose hash is in a start table
 * (holding some of the text's own token hashes and one absent key), with their ends and longest lengths.
 */
function candidatesAgreeWithTokenize(texts: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(texts, fc.array(fc.nat(), { maxLength: 6 }), (t, picks) => {
      const buf = new TokenBuffer();
      const n = tokenize(t, buf);
      const table = StartTable.forEntries(picks.length + 1);
      table.raise(0x1234567, 3);
      for (const p of picks) if (n) table.raise(buf.h1[p % n], 1 + (p % 4));
      const expected: Array<[number, number, number]> = [];
      for (let i = 0; i < n; i++) {
        const l = table.get(buf.h1[i]);
        if (buf.flags[i] & HARD_BEFORE && l) expected.push([buf.start[i], buf.end[i], l]);
      }
      const got: Array<[number, number, number]> = [];
      for (let pos = 0; ; ) {
        const s = nextCandidate(t, pos, t.length, pos === 0, table.k, table.len);
        if (s < 0) break;
        got.push([s, CANDIDATE.end, CANDIDATE.maxLen]);
        pos = CANDIDATE.end;
      }
      expect(got, JSON.stringify(t)).toEqual(expected);
    }),
    { numRuns: 400 },
  );
}

describe('candidate scan (hot path)', () => {
  it('reports exactly the hard-boundary tokens whose hash is in the start table, with their ends, as tokenize() sees them', () => {
    candidatesAgreeWithTokenize(text);
  });

  it("the scanner's ASCII-letter loop ends words at spaces, NUL and every other separator as tokenize() does", () => {
    const piece = fc.constantFrom('ab', 'Ae', 'oe', 'u', 'S', 'x', 'é', 'Ø', '4', '1', ' ', '  ', '\u0000', '\t', '.', '/', '-', '\n', 'ue ', 'Qu', 'mueller');
    candidatesAgreeWithTokenize(fc.array(piece, { maxLength: 30 }).map((p) => p.join('')));
  });

  it('tokenize() stops after maxTokens with the same tokens as a full pass', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 5 }), (t, max) => {
        const all = new TokenBuffer();
        const n = tokenize(t, all);
        const some = new TokenBuffer();
        const m = tokenize(t, some, 0, t.length, max);
        expect(m).toBe(Math.min(n, max));
        for (let i = 0; i < m; i++) {
          expect([some.start[i], some.end[i], some.h1[i], some.flags[i]]).toEqual([all.start[i], all.end[i], all.h1[i], all.flags[i]]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('homeSlot spreads hashes over the whole table', () => {
    const cap = 1001;
    const seen = new Uint8Array(cap);
    for (let h = 0; h < 20000; h++) seen[homeSlot(Math.imul(h, 0x9e3779b1), cap)] = 1;
    expect(seen.reduce((a, b) => a + b, 0)).toBeGreaterThan(cap * 0.99);
    expect(homeSlot(-1, cap)).toBe(cap - 1);
    expect(homeSlot(0, cap)).toBe(0);
  });
});
