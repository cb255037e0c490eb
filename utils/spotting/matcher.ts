/**
 * Content side of spotting: loads a CompiledDictionary (cheap: base64 →
 * typed arrays, no rebuilding) and finds names, emails and record ids in
 * page text. Whole words only, leftmost-longest, guarded common words and
 * short names. See spotting.design.md.
 */
import type { EntityKind } from '../graph/model';
import { BREAK_BEFORE, HARD_AFTER, TokenBuffer, fillHash2, hash2, hashString, tokenize } from './tokenize';
import { CANDIDATE, nextCandidate } from './scanner';
import { PHRASE_SEED1, PHRASE_SEED2, mix1, mix2 } from './hash';
import { base64ToBytes, base64ToBytesChunked, type PhraseTable, type StartTable } from './table';
import { BLOOM_ALL } from './bloom';
import { EMPTY, i32, offsets, startFilter, u32, unpackTables, type RawArrays, type Tables } from './unpack';
import { REF_MASK, V_CASED, V_COMPANY, V_GUARD, V_MULTI, type CompiledDictionary } from './types';
import { capitalisedNeighbour, hasCapital } from './evidence';
import { caseShape, isUpper } from './chars';
import { yieldTask } from './yield-task';


export interface TextMatch {
  /** Offsets in the scanned string. */
  start: number;
  end: number;
  /** Entity indices (usually one). */
  ents: number[];
  via: 'text' | 'email';
  /** A common-word name: it needs evidence elsewhere on the page (evidence.ts confirmWeak). */
  weak?: true;
}

export interface EmailResult {
  /** The address belongs to a colleague or the company's own domain. */
  company: boolean;
  /** Entity indices: the contact with this address and/or the account of its domain. */
  ents: number[];
}

const KIND: Record<string, EntityKind> = { a: 'account', c: 'contact', t: 'topic' };
const EMAIL_RE = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;
const OPENERS = /[\s"'“„«‚‘([¿¡*–—-]/;

export function isCompiledDictionary(x: unknown): x is CompiledDictionary {
  const d = x as CompiledDictionary | null;
  return !!d && typeof d === 'object' && d.format === 'kenner-dictionary' && d.version === 4 &&
    typeof d.kinds === 'string' && typeof d.ids === 'string' && typeof d.names === 'string' && typeof d.sep === 'string' && d.sep.length === 1 &&
    !!d.phrases && typeof d.phrases.v === 'string' && typeof d.phrases.cap === 'number' &&
    !!d.starts && typeof d.starts.k === 'string' && typeof d.starts.pre === 'string' && typeof d.starts.cap === 'number' && !!d.counts;
}

export class Matcher {
  readonly revision: string;
  readonly size: number;
  private readonly kinds: string;
  private readonly ids: string;
  private readonly names: string;
  private readonly sep: string;
  /** Where each entity's id and name begin (computed when first asked for: only reports and the hover card need them). */
  private idOff: Uint32Array | null = null;
  private nameOff: Uint32Array | null = null;
  /** Per contact (entity contactBase + i), its account's entity index or -1. */
  private readonly contactAccount: Int32Array;
  private readonly contactBase: number;
  private readonly table: PhraseTable;
  private readonly starts: StartTable;
  /** Bloom filter of the start table's keys (built here), tested before each probe: most page words are no key. */
  private readonly startBits: Uint32Array;
  /** Bloom filter of the names' one- and two-token prefixes (dictionary.ts; scanner.ts nextCandidate). */
  private readonly prefixBits: Uint32Array;
  private readonly multi: Uint32Array;
  private readonly guards: Map<number, { mode: string; tokens: string[] }>;
  private readonly buf = new TokenBuffer();

  /**
   * Loads a dictionary without a long task: the typed arrays are decoded one
   * at a time (natively where Uint8Array.fromBase64 exists, else in slices)
   * and put back into their table slots, yielding to the page in between.
   * Same result as `new Matcher(d)`.
   */
  static async load(d: CompiledDictionary, pause: () => Promise<void> = yieldTask): Promise<Matcher> {
    if (!isCompiledDictionary(d)) throw new Error('Kenner: not a compiled dictionary');
    const dec = (b64: string) => base64ToBytesChunked(b64, pause);
    const p = d.phrases;
    const s = d.starts;
    const raw: RawArrays = { ca: await dec(d.contactAccount), po: await dec(p.occ), k1: EMPTY, k2: EMPTY, v: EMPTY, so: EMPTY, sk: EMPTY, sl: EMPTY, multi: EMPTY, pre: EMPTY };
    await pause();
    raw.k1 = await dec(p.k1);
    await pause();
    raw.k2 = await dec(p.k2);
    await pause();
    raw.v = await dec(p.v);
    await pause();
    raw.so = await dec(s.occ);
    raw.sk = await dec(s.k);
    raw.sl = await dec(s.len);
    raw.multi = await dec(d.multi);
    raw.pre = await dec(s.pre);
    await pause();
    const tables = unpackTables(d, raw);
    await pause();
    return new Matcher(d, raw, tables);
  }

  constructor(d: CompiledDictionary, raw?: RawArrays, tables?: Tables) {
    if (!isCompiledDictionary(d)) throw new Error('Kenner: not a compiled dictionary');
    const r = raw ?? {
      ca: base64ToBytes(d.contactAccount),
      po: base64ToBytes(d.phrases.occ),
      k1: base64ToBytes(d.phrases.k1),
      k2: base64ToBytes(d.phrases.k2),
      v: base64ToBytes(d.phrases.v),
      so: base64ToBytes(d.starts.occ),
      sk: base64ToBytes(d.starts.k),
      sl: base64ToBytes(d.starts.len),
      multi: base64ToBytes(d.multi),
      pre: base64ToBytes(d.starts.pre),
    };
    const t = tables ?? unpackTables(d, r);
    this.revision = d.revision;
    this.kinds = d.kinds;
    this.size = d.kinds.length;
    this.ids = d.ids;
    this.names = d.names;
    this.sep = d.sep;
    this.contactBase = d.counts.accounts;
    this.contactAccount = i32(r.ca);
    this.table = t.phrases;
    this.starts = t.starts;
    this.startBits = startFilter(t.starts);
    this.prefixBits = r.pre.length >= 4 ? u32(r.pre) : BLOOM_ALL;
    this.multi = u32(r.multi);
    this.guards = new Map();
    for (const [slot, g] of Object.entries(d.guards ?? {})) {
      this.guards.set(Number(slot), { mode: g[0], tokens: g.slice(1).split(' ') });
    }
  }

  kindOf(e: number): EntityKind {
    return KIND[this.kinds[e]];
  }
  idOf(e: number): string {
    const off = (this.idOff ??= offsets(this.ids, this.sep, this.size));
    return this.ids.slice(off[e], off[e + 1] - 1);
  }
  nameOf(e: number): string {
    const off = (this.nameOff ??= offsets(this.names, this.sep, this.size));
    return this.names.slice(off[e], off[e + 1] - 1);
  }
  /** A contact's account entity index, or -1. */
  accountOf(e: number): number {
    return this.contactAccount[e - this.contactBase] ?? -1;
  }

  private refs(raw: number, out: number[]): number[] {
    if (raw & V_MULTI) {
      const at = raw & REF_MASK;
      const n = this.multi[at];
      for (let i = 1; i <= n; i++) out.push(this.multi[at + i]);
    } else out.push(raw & REF_MASK);
    return out;
  }

  private value(h: [number, number]): number {
    const slot = this.table.find(h[0], h[1]);
    return slot < 0 ? -1 : this.table.v[slot] - 1;
  }

  /** Entities with this external record id (e.g. salesforce, 0015g00000NRDLCHAA). */
  lookupExternal(system: string, id: string): number[] {
    const s = system.toLowerCase();
    const v = s === 'salesforce' ? id.trim().slice(0, 15) : s === 'dynamics' ? id.trim().toLowerCase().replace(/[{}]/g, '') : id.trim();
    const raw = this.value(hashString('x:' + s + ':' + v));
    return raw < 0 || raw & V_COMPANY ? [] : this.refs(raw, []);
  }

  /** Contact by exact address, account by domain (and its parent domains). */
  matchEmail(address: string): EmailResult {
    const addr = address.trim().toLowerCase();
    const out: EmailResult = { company: false, ents: [] };
    const at = addr.lastIndexOf('@');
    if (at <= 0) return out;
    const exact = this.value(hashString('e:' + addr));
    if (exact >= 0) {
      if (exact & V_COMPANY) return { company: true, ents: [] };
      this.refs(exact, out.ents);
    }
    let d = addr.slice(at + 1);
    while (d.includes('.')) {
      const v = this.value(hashString('d:' + d));
      if (v >= 0) {
        if (v & V_COMPANY) return { company: true, ents: out.ents.filter((e) => this.kinds[e] === 'c') };
        for (const e of this.refs(v, [])) if (!out.ents.includes(e)) out.ents.push(e);
        break;
      }
      d = d.slice(d.indexOf('.') + 1);
    }
    return out;
  }

  /** The whole string is exactly one known name (a record's name field). No guards: the page says it is a name. */
  lookupName(text: string): number[] {
    const buf = this.buf;
    const norm = text.normalize('NFKC');
    const n = tokenize(norm, buf);
    if (!n || n > 255) return [];
    fillHash2(norm, buf);
    let p1 = PHRASE_SEED1;
    let p2 = PHRASE_SEED2;
    for (let i = 0; i < n; i++) {
      p1 = mix1(p1, buf.h1[i]);
      p2 = mix2(p2, buf.h2[i]);
    }
    const raw = this.value([p1, p2]);
    return raw < 0 || raw & V_COMPANY ? [] : this.refs(raw, []);
  }

  /** Appends the matches in text (names and email addresses) to out. */
  matchText(text: string, out: TextMatch[]): TextMatch[] {
    if (text.indexOf('@') < 0) {
      this.matchSegment(text, 0, text.length, out);
      return out;
    }
    let from = 0;
    EMAIL_RE.lastIndex = 0;
    for (let m = EMAIL_RE.exec(text); m; m = EMAIL_RE.exec(text)) {
      if (m.index > from) this.matchSegment(text, from, m.index, out);
      const r = this.matchEmail(m[0]);
      if (r.ents.length) out.push({ start: m.index, end: m.index + m[0].length, ents: r.ents, via: 'email' });
      from = m.index + m[0].length;
    }
    if (from < text.length) this.matchSegment(text, from, text.length, out);
    return out;
  }

  private matchSegment(text: string, from: number, to: number, out: TextMatch[]): void {
    const buf = this.buf;
    const sk = this.starts.k;
    const sl = this.starts.len;
    const bits = this.startBits;
    const pre = this.prefixBits;
    const table = this.table;
    let pos = from;
    while (pos < to) {
      // Hot path: skip words that cannot open a name without storing anything per token.
      const s = nextCandidate(text, pos, to, pos === from, sk, sl, bits, pre);
      if (s < 0) return;
      const firstEnd = CANDIDATE.end;
      // Cold path: tokenize just the candidate phrase window and extend token by token (leftmost-longest).
      const n = tokenize(text, buf, s, to, CANDIDATE.maxLen);
      const { h1, flags, start, end } = buf;
      let p1 = PHRASE_SEED1;
      let p2 = PHRASE_SEED2;
      // Tokens folded into p2 so far: the second lane is computed only for phrases whose first lane is a key.
      let hashed = 0;
      let bestJ = -1;
      let bestRaw = 0;
      let bestSlot = -1;
      for (let j = 0; j < n; j++) {
        if (j > 0 && flags[j] & BREAK_BEFORE) break;
        p1 = mix1(p1, h1[j]);
        if (!(flags[j] & HARD_AFTER)) continue;
        if (!table.has1(p1)) continue;
        for (; hashed <= j; hashed++) p2 = mix2(p2, hash2(text, start[hashed], end[hashed]));
        const slot = table.find(p1, p2);
        if (slot < 0) continue;
        const raw = table.v[slot] - 1;
        if (raw & V_COMPANY) continue;
        if (raw & V_GUARD && !this.guardOk(slot, text, 0, j)) continue;
        if (raw & V_CASED && !hasCapital(text, s, end[j])) continue;
        bestJ = j;
        bestRaw = raw;
        bestSlot = slot;
      }
      // One entity (most names): a one-element literal, not a growing array.
      const ents = bestJ < 0 ? NO_ENTS : bestRaw & V_MULTI ? this.refs(bestRaw, []) : [bestRaw & REF_MASK];
      const mode = bestRaw & V_GUARD ? this.guards.get(bestSlot)?.mode : undefined;
      // A one-word account name after another capitalised word is part of a longer name ("New York"), and a
      // common-word one before one too ("Real Madrid"); short names (HP, NHL) are checked by their exact case instead.
      const common = mode === 'C' || mode === 'B';
      if (bestJ === 0 && mode !== 'S' && this.allAccounts(ents) && capitalisedNeighbour(text, s, buf.end[0], common)) bestJ = -1;
      if (bestJ >= 0) {
        const e = buf.end[bestJ];
        // A one-word common-word name needs evidence elsewhere on the page. (Two literals: no shape change after.)
        out.push(bestJ === 0 && common ? { start: s, end: e, ents, via: 'text', weak: true } : { start: s, end: e, ents, via: 'text' });
        pos = e;
      } else pos = firstEnd;
    }
  }

  /** Every entity is an account. */
  private allAccounts(ents: number[]): boolean {
    for (let i = 0; i < ents.length; i++) if (this.kinds[ents[i]] !== 'a') return false;
    return true;
  }

  /**
   * A guarded name (a common word, or ≤ 3 letters) counts only where the page
   * writes it as a name: capitalised as in the dictionary or in capitals, and
   * not merely as the first word of an ordinary sentence.
   */
  private guardOk(slot: number, text: string, i: number, j: number): boolean {
    const g = this.guards.get(slot);
    if (!g) return true;
    const buf = this.buf;
    let allCaps = true;
    for (let t = i; t <= j; t++) {
      const page = text.slice(buf.start[t], buf.end[t]).normalize('NFKC');
      const dict = g.tokens[t - i] ?? '';
      const caps = page.toUpperCase() === page;
      const hasLetters = page.toLowerCase() !== page.toUpperCase();
      if (!hasLetters) continue; // digits
      if (caps && (page.length > 1 || dict.toUpperCase() === dict)) continue;
      allCaps = false;
      if (g.mode !== 'C') {
        if (caseShape(page) !== caseShape(dict)) return false;
      } else {
        const pu = isUpper(page[0]);
        const du = isUpper(dict[0] ?? '');
        if (pu !== du) return false;
      }
    }
    if (g.mode !== 'S' && !allCaps) return !sentenceInitial(text, buf.start[i], buf.end[j]);
    return true;
  }
}

/** No entities (a candidate that matched nothing; never handed out). */
const NO_ENTS: number[] = [];

/** The match opens an ordinary sentence (so its capital may only be the sentence's). A line is a text of its own. */
function sentenceInitial(text: string, start: number, end: number): boolean {
  let k = start - 1;
  while (k >= 0 && text[k] !== '\n' && OPENERS.test(text[k])) k--;
  if (k >= 0 && text[k] !== '\n') return '.!?…'.includes(text[k]);
  // First words of a text: ordinary prose when a lower-case word follows.
  let m = end;
  while (m < text.length && (text[m] === ' ' || text[m] === '\u00a0')) m++;
  if (m === end || m >= text.length) return false;
  const ch = text[m];
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}
