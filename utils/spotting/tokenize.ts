/**
 * The matcher's tokenizer: one pass over a string, no allocation per token.
 * Splits text into word tokens (runs of letters/digits; a letter↔digit
 * change inside a run is a *soft* split so that S/4HANA, S/4 HANA and
 * S4HANA give the same tokens), folds each token the way people write names
 * (case, width, diacritics, ß/æ/ø/…, ae/oe/ue → a/o/u, exactly as
 * `foldText` in normalize.ts) and hashes it with two independent 32-bit
 * hashes. The dictionary compiler and the page scanner both use this very
 * function, so both sides fold alike by construction.
 */
import { PHRASE_SEED1, fmix32, mix1 } from './hash';
import { BLOOM_ALL, bloomHas, bloomShift } from './bloom';

/** Token flags. */
export const HARD_BEFORE = 1; // a real word boundary precedes the token
export const HARD_AFTER = 2; // a real word boundary follows the token
export const BREAK_BEFORE = 4; // the gap before it ends a phrase (comma, newline, brackets…)

const SEP = 1;
const LETTER = 2;
const DIGIT = 3;
const MARK = 4;
const CLETTER = 5; // non-ASCII letter: folded through FOLD
const CDIGIT = 6;

/** Character classes of the BMP, filled lazily (0 = not yet known). */
const CLASS = new Uint8Array(65536);
/** Folded output of non-ASCII letters/digits (may be several chars or ''). */
const FOLD = new Map<number, string>();
/** Separators that end a phrase (a name never spans them): 1 in this table. */
const BREAK = new Uint8Array(65536);
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

function classify(code: number): number {
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

/** Reusable growable token arrays (one per scanner; never shared across async work). */
export class TokenBuffer {
  n = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  h1 = new Int32Array(64);
  h2 = new Int32Array(64);
  flags = new Uint8Array(64);
  /** Folded characters in the token. */
  len = new Uint16Array(64);

  grow(): void {
    const cap = this.start.length * 2;
    const g = <T extends Int32Array | Uint32Array | Uint8Array | Uint16Array>(a: T, C: new (n: number) => T): T => {
      const b = new C(cap);
      b.set(a);
      return b;
    };
    this.start = g(this.start, Int32Array);
    this.end = g(this.end, Int32Array);
    this.h1 = g(this.h1, Int32Array);
    this.h2 = g(this.h2, Int32Array);
    this.flags = g(this.flags, Uint8Array);
    this.len = g(this.len, Uint16Array);
  }
}

/**
 * Tokenizes text[from, to) into buf (buf.n tokens, at most maxTokens). Returns buf.n.
 * Hot path: one loop, no closures, no allocation except to grow the buffer.
 * Only the first hash lane is computed here (it decides whether a token can
 * start a name at all); the second lane, needed only to confirm a candidate
 * phrase, comes from hash2() on demand (or fillHash2() for whole strings).
 */
export function tokenize(text: string, buf: TokenBuffer, from = 0, to = text.length, maxTokens = 0x7fffffff): number {
  let n = 0;
  let inTok = false;
  let prevDigit = false; // class of the current run
  let h1 = 0;
  let len = 0;
  let collapsible = false; // last folded char is a/o/u (for ae/oe/ue)
  let pendingHard = true; // the boundary before the next token is hard
  let pendingBreak = false;
  let gapLen = 0;
  const cls = CLASS;
  const brk = BREAK;
  let cap = buf.start.length;

  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    let k = cls[code];
    if (k === 0) k = cls[code] = classify(code);
    if (k === SEP) {
      if (inTok) {
        buf.end[n] = i;
        buf.h1[n] = fmix32(h1 ^ len);
        buf.len[n] = len;
        buf.flags[n] |= HARD_AFTER;
        n++;
        inTok = false;
        if (n >= maxTokens) break;
      }
      pendingHard = true;
      if (++gapLen > 3 || brk[code] === 1) pendingBreak = true;
      continue;
    }
    if (k === MARK) continue; // combining marks stay inside the word and fold to nothing
    const isDigit = k === DIGIT || k === CDIGIT;
    if (inTok && isDigit !== prevDigit) {
      // Soft split (letter↔digit): close without HARD_AFTER, open without HARD_BEFORE.
      buf.end[n] = i;
      buf.h1[n] = fmix32(h1 ^ len);
      buf.len[n] = len;
      n++;
      inTok = false;
      pendingHard = false;
      if (n >= maxTokens) break;
    }
    if (!inTok) {
      if (n >= cap - 1) {
        buf.grow();
        cap = buf.start.length;
      }
      buf.start[n] = i;
      buf.flags[n] = (pendingHard ? HARD_BEFORE : 0) | (pendingBreak && n > 0 ? BREAK_BEFORE : 0);
      h1 = 0x811c9dc5;
      len = 0;
      collapsible = false;
      inTok = true;
      pendingBreak = false;
      gapLen = 0;
    }
    prevDigit = isDigit;
    if (k === LETTER || k === DIGIT) {
      const c = k === LETTER && code <= 90 ? code | 0x20 : code;
      if (c === 101 && collapsible) {
        collapsible = false;
      } else {
        h1 = Math.imul(h1 ^ c, 0x01000193);
        len++;
        collapsible = c === 97 || c === 111 || c === 117;
      }
    } else {
      const f = FOLD.get(code)!;
      for (let j = 0; j < f.length; j++) {
        const c = f.charCodeAt(j);
        if (c === 101 && collapsible) {
          collapsible = false;
          continue;
        }
        h1 = Math.imul(h1 ^ c, 0x01000193);
        len++;
        collapsible = c === 97 || c === 111 || c === 117;
      }
    }
    pendingHard = false;
  }
  if (inTok) {
    buf.end[n] = to;
    buf.h1[n] = fmix32(h1 ^ len);
    buf.len[n] = len;
    buf.flags[n] |= HARD_AFTER;
    n++;
  }
  buf.n = n;
  return n;
}

/** Second hash lane of the token text[start, end) (same folding as tokenize). */
export function hash2(text: string, start: number, end: number): number {
  let h2 = 0x9747b28c;
  let len = 0;
  let collapsible = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    let k = CLASS[code];
    if (k === 0) k = CLASS[code] = classify(code);
    if (k === SEP || k === MARK) continue;
    if (k === LETTER || k === DIGIT) {
      const c = k === LETTER && code <= 90 ? code | 0x20 : code;
      if (c === 101 && collapsible) {
        collapsible = false;
        continue;
      }
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
      len++;
      collapsible = c === 97 || c === 111 || c === 117;
    } else {
      const f = FOLD.get(code)!;
      for (let j = 0; j < f.length; j++) {
        const c = f.charCodeAt(j);
        if (c === 101 && collapsible) {
          collapsible = false;
          continue;
        }
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
        h2 ^= h2 >>> 15;
        len++;
        collapsible = c === 97 || c === 111 || c === 117;
      }
    }
  }
  return fmix32(h2 + Math.imul(len, 0x27d4eb2f));
}

/** Fills buf.h2 for all tokens (dictionary compilation, whole-name lookups). */
export function fillHash2(text: string, buf: TokenBuffer): void {
  for (let i = 0; i < buf.n; i++) buf.h2[i] = hash2(text, buf.start[i], buf.end[i]);
}

/** Folded text of one token (for tests and diagnostics; the scanner uses hashes only). */
export function foldToken(token: string): string {
  let out = '';
  let collapsible = false;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    let k = CLASS[code];
    if (k === 0) k = CLASS[code] = classify(code);
    if (k === SEP || k === MARK) continue;
    const f = k === LETTER ? String.fromCharCode(code <= 90 ? code | 0x20 : code) : k === DIGIT ? token[i] : FOLD.get(code)!;
    for (const ch of f) {
      if (ch === 'e' && collapsible) {
        collapsible = false;
        continue;
      }
      out += ch;
      collapsible = ch === 'a' || ch === 'o' || ch === 'u';
    }
  }
  return out;
}

/** Two 32-bit hashes of a plain string (emails, domains, external ids). */
export function hashString(s: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return [fmix32(h1 ^ 0x5ca1ab1e), fmix32(h2 + 0x0ddba11)];
}

/** Bit (c − 97) set for a, o and u, the letters an 'e' folds into (ae/oe/ue → a/o/u). */
const AOU = (1 << 0) | (1 << 14) | (1 << 20);

/** Where nextCandidate() found its token: end offset and the longest phrase (tokens) starting with it. */
export const CANDIDATE = { end: 0, maxLen: 0 };

/** A start token that cannot be a name alone, waiting for the next token (`at` < 0: none). */
const PEND = { at: -1, end: 0, len: 0, p: 0 };

/**
 * The scanner's hot path: finds the next token in text[from, to) that starts
 * at a hard word boundary and whose first-lane hash is a key of the start
 * table (keys `sk`, max phrase lengths `sl`, homeSlot() addressing); returns
 * its start offset (CANDIDATE: end, maxLen) or -1. Same tokens, folding and
 * hashes as tokenize(), but nothing is stored per token, so page text that
 * cannot start a name costs one class lookup and one multiply per char and
 * one probe per word. `hardAtFrom`: the boundary before `from` is hard (the
 * start of a text or segment; false when resuming right after a token).
 *
 * `filter`: a Bloom filter of the start keys (table.ts startFilter), tested
 * before each probe. `prefixes`: a Bloom filter of the names' first-token
 * phrase hashes (one-token names) and first-two-token ones (longer names),
 * dictionary.ts; a start token whose one-token phrase is not in it is a
 * candidate only if the phrase of it and the next token is (so "at", "on",
 * "first" do not open a candidate window before every word). Both filters
 * only ever drop tokens that cannot start a name (a Bloom filter has no false
 * negatives); the defaults pass everything.
 */
// Its loop repeats tokenize()'s classify-fold-hash steps on purpose: inlined, this is the hot
// path of every page scan; tests/unit/spotting/scanner.property.test.ts holds both to the same tokens.
export function nextCandidate(
  text: string, from: number, to: number, hardAtFrom: boolean, sk: Int32Array, sl: Uint8Array,
  filter: Uint32Array = BLOOM_ALL, prefixes: Uint32Array = BLOOM_ALL,
): number {
  const cls = CLASS;
  const cap = sl.length;
  const shift = bloomShift(filter);
  const pshift = bloomShift(prefixes);
  PEND.at = -1;
  let inTok = false;
  let prevDigit = false;
  let h1 = 0;
  let len = 0;
  let collapsible = false;
  let pendingHard = hardAtFrom;
  let tokHard = false;
  let tokStart = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    // An ASCII letter (most page text): no class lookup. `x | 0x20` is a–z exactly for A–Z and a–z.
    const c = code | 0x20;
    if (c >= 97 && c <= 122) {
      if (!inTok || prevDigit) {
        if (inTok) {
          // Soft split (digit → letter): the closed token may still open a name (S4HANA); this one cannot.
          const s = closeToken(fmix32(h1 ^ len), tokStart, i, tokHard, sk, sl, cap, filter, shift, prefixes, pshift);
          if (s >= 0) return s;
          pendingHard = false;
        }
        tokStart = i;
        tokHard = pendingHard;
        h1 = 0x811c9dc5;
        len = 0;
        collapsible = false;
        inTok = true;
        prevDigit = false;
        pendingHard = false;
      }
      // The whole run of ASCII letters in a loop of its own (fewer live values: 7 % fewer instructions).
      let h: number = h1;
      let n: number = len;
      let co: number = collapsible ? 1 : 0;
      let j = i;
      let cc = c;
      for (;;) {
        if (cc === 101 && co !== 0) {
          co = 0;
        } else {
          h = Math.imul(h ^ cc, 0x01000193);
          n++;
          co = (AOU >>> (cc - 97)) & 1; // a, o, u without three compares (their order is random: mispredicted)
        }
        if (++j >= to) break;
        cc = text.charCodeAt(j) | 0x20;
        if (cc < 97 || cc > 122) break;
      }
      h1 = h;
      len = n;
      collapsible = co !== 0;
      if (j < to && cc === 0x20) {
        // A space (or NUL: `| 0x20` maps both here; both are separators) ends most words: the token
        // is closed here, without reading that character again.
        inTok = false;
        const s = closeToken(fmix32(h1 ^ len), tokStart, j, tokHard, sk, sl, cap, filter, shift, prefixes, pshift);
        if (s >= 0) return s;
        pendingHard = true;
        i = j;
        continue;
      }
      i = j - 1;
      continue;
    }
    let k = cls[code];
    if (k === 0) k = cls[code] = classify(code);
    if (k === SEP) {
      if (inTok) {
        inTok = false;
        const s = closeToken(fmix32(h1 ^ len), tokStart, i, tokHard, sk, sl, cap, filter, shift, prefixes, pshift);
        if (s >= 0) return s;
      }
      pendingHard = true;
      continue;
    }
    if (k === MARK) continue;
    const isDigit = k === DIGIT || k === CDIGIT;
    if (inTok && isDigit !== prevDigit) {
      // Soft split: the closed token may still open a name (S4HANA); the next one cannot.
      inTok = false;
      const s = closeToken(fmix32(h1 ^ len), tokStart, i, tokHard, sk, sl, cap, filter, shift, prefixes, pshift);
      if (s >= 0) return s;
      pendingHard = false;
    }
    if (!inTok) {
      tokStart = i;
      tokHard = pendingHard;
      h1 = 0x811c9dc5;
      len = 0;
      collapsible = false;
      inTok = true;
    }
    prevDigit = isDigit;
    if (k === LETTER || k === DIGIT) {
      const c = k === LETTER && code <= 90 ? code | 0x20 : code;
      if (c === 101 && collapsible) {
        collapsible = false;
      } else {
        h1 = Math.imul(h1 ^ c, 0x01000193);
        len++;
        collapsible = c === 97 || c === 111 || c === 117;
      }
    } else {
      const f = FOLD.get(code)!;
      for (let j = 0; j < f.length; j++) {
        const c = f.charCodeAt(j);
        if (c === 101 && collapsible) {
          collapsible = false;
          continue;
        }
        h1 = Math.imul(h1 ^ c, 0x01000193);
        len++;
        collapsible = c === 97 || c === 111 || c === 117;
      }
    }
    pendingHard = false;
  }
  if (inTok) {
    const s = closeToken(fmix32(h1 ^ len), tokStart, to, tokHard, sk, sl, cap, filter, shift, prefixes, pshift);
    if (s >= 0) return s;
  }
  return -1; // a start waiting for a next token at the end (PEND) is no name
}

/**
 * A token of the scan closed (hash `th`, text[tokStart, end)): returns the candidate's start (CANDIDATE
 * set) or -1. First the start waiting for this token (PEND): a candidate if its two-token phrase may
 * begin a name. Then the token itself, if it begins at a hard boundary and is a start key: a candidate
 * at once if it may be a name alone, else it waits for the next token.
 */
function closeToken(
  th: number, tokStart: number, end: number, hard: boolean, sk: Int32Array, sl: Uint8Array, cap: number,
  filter: Uint32Array, shift: number, prefixes: Uint32Array, pshift: number,
): number {
  const at = PEND.at;
  if (at >= 0) {
    PEND.at = -1;
    if (bloomHas(prefixes, pshift, mix1(PEND.p, th))) {
      CANDIDATE.end = PEND.end;
      CANDIDATE.maxLen = PEND.len;
      return at;
    }
  }
  if (!hard) return -1;
  const l = probeStart(th, sk, sl, cap, filter, shift);
  if (l === 0) return -1;
  const p = mix1(PHRASE_SEED1, th);
  if (bloomHas(prefixes, pshift, p)) {
    CANDIDATE.end = end;
    CANDIDATE.maxLen = l;
    return tokStart;
  }
  if (l > 1) {
    PEND.at = tokStart;
    PEND.end = end;
    PEND.len = l;
    PEND.p = p;
  }
  return -1;
}

/** StartTable.get inlined for the hot path (same addressing as table.ts homeSlot), behind the table's filter. */
function probeStart(h: number, sk: Int32Array, sl: Uint8Array, cap: number, filter: Uint32Array, shift: number): number {
  if (!bloomHas(filter, shift, h)) return 0;
  let i = ((h >>> 0) * cap * 2.3283064365386963e-10) | 0;
  for (;;) {
    const l = sl[i];
    if (l === 0) return 0;
    if (sk[i] === h) return l;
    if (++i === cap) i = 0;
  }
}
