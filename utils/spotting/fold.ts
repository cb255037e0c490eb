/**
 * Character classes and folding of the matcher's tokenizer (tokenize.ts) and scanner (scanner.ts):
 * per BMP code unit a class (separator, ASCII letter or digit, combining mark, other letter or
 * digit, filled lazily) and, for non-ASCII letters and digits, the folded text (NFKC, lower case,
 * ß/æ/ø/…, diacritics stripped), exactly as `foldText` in normalize.ts per character.
 */
export const SEP = 1;
export const LETTER = 2;
export const DIGIT = 3;
export const MARK = 4;
export const CLETTER = 5; // non-ASCII letter: folded through FOLD
export const CDIGIT = 6;

/** Character classes of the BMP, filled lazily (0 = not yet known). */
export const CLASS = new Uint8Array(65536);
/** Folded output of non-ASCII letters/digits (may be several chars or ''). */
export const FOLD = new Map<number, string>();
/** Separators that end a phrase (a name never spans them): 1 in this table. */
export const BREAK = new Uint8Array(65536);
for (const c of ',;:!?()[]{}<>"|\n\r\t\u2022\u00b7\u2014\u2013\u201c\u201d\u201e\u00ab\u00bb') BREAK[c.charCodeAt(0)] = 1;

const SPECIAL: Record<string, string> = {
  ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i',
};
const RE_MARK = /^\p{M}$/u;
const RE_DIGIT = /^\p{N}$/u;
const RE_LETTER = /^\p{L}$/u;

function foldChar(ch: string): string {
  let s = ch.normalize('NFKC').toLowerCase();
  s = s.replace(/[ßæøœđðþłı]/g, (c) => SPECIAL[c] ?? c);
  s = s.normalize('NFKD').replace(/\p{M}+/gu, '');
  return s.replace(/[^\p{L}\p{N}]+/gu, '');
}

export function classify(code: number): number {
  if (code < 128) {
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return LETTER;
    if (code >= 48 && code <= 57) return DIGIT;
    return SEP;
  }
  if (code >= 0xd800 && code <= 0xdfff) return SEP; // astral: emoji etc.
  const ch = String.fromCharCode(code);
  if (RE_MARK.test(ch)) return MARK;
  const letter = RE_LETTER.test(ch);
  const digit = !letter && RE_DIGIT.test(ch);
  if (!letter && !digit) return SEP;
  const f = foldChar(ch);
  if (!f) return MARK; // folds to nothing (e.g. a modifier letter): invisible inside a word
  FOLD.set(code, f);
  // Full-width digits etc. fold to ASCII digits: class by the folded output.
  const c0 = f.charCodeAt(0);
  return c0 >= 48 && c0 <= 57 ? CDIGIT : CLETTER;
}
