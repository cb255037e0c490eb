/**
 * The scanner's hot path (matcher.ts matchSegment): the next word of page text that may begin a
 * name, found without storing anything per token. Same tokens, folding and hashes as tokenize()
 * (tokenize.ts); tests/unit/spotting/scanner.property.test.ts holds the two to the same tokens
 * (two alphabets), prefix-filter.property.test.ts the filtered matcher to the unfiltered one. The per-character fold-and-hash steps are written out in both
 * loops on purpose (`duplicates` lists them): they are the hottest lines of a scan, and a shared
 * helper would have to return three values (hash, length, the ae/oe/ue state) per character.
 */
import { PHRASE_SEED1, fmix32, mix1 } from './hash';
import { BLOOM_ALL, bloomHas, bloomShift } from './bloom';
import { CDIGIT, CLASS, DIGIT, FOLD, LETTER, MARK, SEP, classify } from './fold';

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
 * `filter`: a Bloom filter of the start keys (matcher.ts startFilter), tested
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
