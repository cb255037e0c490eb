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
import { fmix32 } from './hash';
import { BREAK, CDIGIT, CLASS, DIGIT, FOLD, LETTER, MARK, SEP, classify } from './fold';

/** Token flags. */
export const HARD_BEFORE = 1; // a real word boundary precedes the token
export const HARD_AFTER = 2; // a real word boundary follows the token
export const BREAK_BEFORE = 4; // the gap before it ends a phrase (comma, newline, brackets…)

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
