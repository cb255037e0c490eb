import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDictionary } from '../../../utils/spotting/dictionary';
import { Matcher } from '../../../utils/spotting/matcher';
import { normalizeKey } from '../../../utils/text/normalize';
import { foldToken } from '../../../utils/spotting/tokenize';

// Name tokens never start with "q"; prose words always do, so prose can never spell a name by chance.
const nameLetter = fc.constantFrom(...'bcdfghklmnprstvwzaeiouäöüß'.split(''));
const nameToken = fc
  .tuple(fc.constantFrom(...'BCDFGHKLMNPRSTVWZ'.split('')), fc.array(nameLetter, { minLength: 4, maxLength: 9 }))
  .map(([first, rest]) => first + rest.join(''))
  .filter((t) => !/[äöü]e/.test(t));
const name = fc.array(nameToken, { minLength: 1, maxLength: 3 }).map((ts) => ts.join(' '));
const proseWord = fc.array(fc.constantFrom(...'abcdefghijklmnoprstuvwxyz'.split('')), { minLength: 1, maxLength: 8 }).map((l) => 'q' + l.join(''));
const prose = fc.array(proseWord, { minLength: 0, maxLength: 12 }).map((w) => w.join(' '));
const boundary = fc.constantFrom(' ', ', ', ' (', ') ', ' "', '" ', '\n', ' – ', ': ');

function build(names: string[]): Matcher {
  const accounts = names.map((n, i) => ({ id: `a-${i}`, name: n }));
  return new Matcher(compileDictionary({ accounts, contacts: [], topics: [], people: [] }, 'p'));
}

const variants = (s: string) => s.replace(/ä/g, 'ae').replace(/ö/g, 'o').replace(/ü/g, 'ue').replace(/ß/g, 'ss').toUpperCase();

describe('matcher properties', () => {
  it('a dictionary name embedded in prose at word boundaries is found, as written or spelled out', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 8, selector: (n) => normalizeKey(n) }), fc.nat(), prose, boundary, prose, boundary, fc.boolean(), (names, pick, before, b1, after, b2, spelled) => {
        const m = build(names);
        const i = pick % names.length;
        const written = spelled ? variants(names[i]) : names[i];
        const text = `${before}${before ? b1 : ''}${written}${after ? b2 : ''}${after}`;
        const found = m.matchText(text, []);
        const hit = found.find((f) => text.slice(f.start, f.end) === written);
        expect(hit, text).toBeDefined();
        // Longest match: another dictionary name that is a prefix of this one never wins.
        expect(hit!.ents.map((e) => m.idOf(e))).toContain(`a-${names.findIndex((n) => normalizeKey(n) === normalizeKey(names[i]))}`);
      }),
      { numRuns: 150 },
    );
  });

  it('a name inside a longer word is never found', () => {
    fc.assert(
      fc.property(nameToken, fc.constantFrom('x', 'q', 'Z', 'ö', '9'), fc.constantFrom('', 'x', 'ung', 'straße', '7'), (n, pre, post) => {
        const m = build([n]);
        const glued = `${pre}${n}${post}`;
        for (const text of [glued, `the ${glued} word`]) expect(m.matchText(text, []), text).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('the streaming fold equals normalize.ts folding for single words', () => {
    const letter = fc.constantFrom(...'aeouAEOUäöüÄÖÜßæøåÆØÅéèêçñłðþœıＡｅｏＭ'.split(''), 'e\u0301', 'a\u0308');
    fc.assert(
      fc.property(fc.array(letter, { minLength: 1, maxLength: 12 }), (ls) => {
        const w = ls.join('');
        expect(foldToken(w)).toBe(normalizeKey(w).replace(/ /g, ''));
      }),
      { numRuns: 300 },
    );
  });
});
