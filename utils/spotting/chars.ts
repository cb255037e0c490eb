/**
 * Character tests of the evidence checks (evidence.ts, matcher.ts guards),
 * with an ASCII fast path: most page text is ASCII, and the general forms
 * (`toLowerCase`/`toUpperCase` per character, Unicode regexps, NFD) cost
 * 15–25 ms of a first scan of the 1 MB benchmark page (CPU profile,
 * scripts/bench/spotting.ts). Each fast form answers exactly as its general
 * form (`*General`, kept as the reference), which answers for any non-ASCII
 * input; tests/unit/spotting/chars.property.test.ts holds them to that.
 */

const RE_NUMBER = /\p{N}/u;
const RE_WORD = /[\p{L}\p{N}.&'’-]/u;

/** Reference: the character is an upper-case letter. */
export function isUpperGeneral(ch: string | undefined): boolean {
  return !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** The character (a one-character string) is an upper-case letter. */
export function isUpper(ch: string | undefined): boolean {
  if (!ch) return false;
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    if (c < 128) return c >= 65 && c <= 90;
  }
  return isUpperGeneral(ch);
}

/** Reference: the word holds a number character. */
export function hasNumberGeneral(word: string): boolean {
  return RE_NUMBER.test(word);
}

export function hasNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 128) return RE_NUMBER.test(word);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Reference: a character that may be part of a name's word (letters, digits, . & ' ’ -). */
export function isWordCharGeneral(ch: string): boolean {
  return RE_WORD.test(ch);
}

/** ASCII word characters: letters, digits and . & ' - */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = isWordCharGeneral(String.fromCharCode(c)) ? 1 : 0;

export function isWordChar(ch: string): boolean {
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    if (c < 128) return ASCII_WORD[c] === 1;
  }
  return isWordCharGeneral(ch);
}

/** Reference: case shape (U/l per letter, digits kept, after stripping diacritics), so "EDI" ≠ "Edi" but "Ä" ~ "A". */
export function caseShapeGeneral(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFD')) {
    if (ch.toLowerCase() !== ch.toUpperCase()) out += isUpperGeneral(ch) ? 'U' : 'l';
    else if (RE_NUMBER.test(ch)) out += ch;
  }
  return out;
}

export function caseShape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return caseShapeGeneral(s);
    if (c >= 65 && c <= 90) out += 'U';
    else if (c >= 97 && c <= 122) out += 'l';
    else if (c >= 48 && c <= 57) out += s[i];
  }
  return out;
}

/** Reference: text[start, end) holds an upper-case letter. */
export function hasCapitalGeneral(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isUpperGeneral(text[i])) return true;
  return false;
}

export function hasCapital(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) return true;
    } else if (isUpperGeneral(text[i])) return true;
  }
  return false;
}
