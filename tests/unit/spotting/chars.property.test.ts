import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  caseShape,
  caseShapeGeneral,
  hasCapital,
  hasCapitalGeneral,
  hasNumber,
  hasNumberGeneral,
  isUpper,
  isUpperGeneral,
  isWordChar,
  isWordCharGeneral,
} from '../../../utils/spotting/chars';

// Mostly ASCII (the fast path) with the non-ASCII cases that must fall back: letters with and without
// case, marks, non-ASCII digits and spaces, ß (upper-cases to two letters), surrogate halves, ’.
const odd = ['Ä', 'ä', 'É', 'e\u0301', 'ß', 'ẞ', 'Ø', 'ı', 'İ', 'Σ', 'ς', '١', '５', 'Ｍ', '\u00a0', '’', '–', '\ud83d', '\ude00', '𝐀', 'ǅ', 'Ⅻ', '½'];
const ch = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
const str = fc.array(ch, { maxLength: 24 }).map((a) => a.join(''));
const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), ch);

describe('character tests: the ASCII fast path answers exactly as the general form', () => {
  it('isUpper / isWordChar on any UTF-16 unit, and on no character', () => {
    fc.assert(
      fc.property(unit, (c) => {
        expect(isUpper(c)).toBe(isUpperGeneral(c));
        expect(isWordChar(c)).toBe(isWordCharGeneral(c));
      }),
      { numRuns: 5000 },
    );
    expect(isUpper(undefined)).toBe(isUpperGeneral(undefined));
    expect(isUpper('')).toBe(isUpperGeneral(''));
    for (let c = 0; c < 128; c++) expect([c, isWordChar(String.fromCharCode(c))]).toEqual([c, isWordCharGeneral(String.fromCharCode(c))]);
  });

  it('hasNumber, caseShape and hasCapital on mixed strings', () => {
    fc.assert(
      fc.property(str, fc.nat(), fc.nat(), (s, a, b) => {
        expect(hasNumber(s)).toBe(hasNumberGeneral(s));
        expect(caseShape(s)).toBe(caseShapeGeneral(s));
        const start = s.length ? a % s.length : 0;
        const end = start + (s.length ? b % (s.length - start + 1) : 0);
        expect(hasCapital(s, start, end)).toBe(hasCapitalGeneral(s, start, end));
      }),
      { numRuns: 5000 },
    );
    expect(caseShape('EDI')).not.toBe(caseShape('Edi'));
    expect(caseShape('Äpfel')).toBe(caseShape('Apfel'));
  });
});
