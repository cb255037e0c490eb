/**
 * Background side of spotting: compiles the graph's accounts, contacts and
 * topics (plus colleagues' mail domains) into the compact CompiledDictionary
 * the content scripts load into their Matcher. Computed once per graph
 * revision. See spotting.design.md.
 */
import freeMailDomains from 'email-providers/all.json';
import type { Account, Contact, Person, Topic } from '../graph/model';
import { COMMON_WORDS, SHORT_NAME_LETTERS } from './common-words';
import { LEGAL_FORMS } from '../text/normalize';
import { HARD_BEFORE, TokenBuffer, fillHash2, foldToken, hashString, tokenize } from './tokenize';
import { PHRASE_SEED1, PHRASE_SEED2, mix1, mix2 } from './hash';
import { PhraseTable, StartTable, bytesToBase64, occupancy, packSlots, u32ToBase64 } from './table';
import { bloomOf } from './bloom';
import { ENTITY_SEP, V_CASED, V_COMPANY, V_GUARD, V_MULTI, WIRE_SEPS, type CompiledDictionary } from './types';

export type { CompiledDictionary } from './types';


export interface DictionarySource {
  accounts: Account[];
  contacts: Contact[];
  topics: Topic[];
  people: Array<Pick<Person, 'id' | 'name' | 'email' | 'discoverable'>>;
  companyDomains?: string[];
}

const FREE_MAIL = new Set<string>(freeMailDomains.map((d) => d.toLowerCase()));

/** Consumer mail domains (gmail.com, web.de, outlook.com…): never an account. */
function isFreeMailDomain(domain: string): boolean {
  let d = domain.toLowerCase();
  for (;;) {
    if (FREE_MAIL.has(d)) return true;
    const dot = d.indexOf('.');
    if (dot < 0 || d.indexOf('.', dot + 1) < 0) return false;
    d = d.slice(dot + 1);
  }
}

function normalizeDomain(input: string): string {
  let d = input.trim().toLowerCase();
  d = d.replace(/^[a-z]+:\/\//, '').replace(/^[^@]*@/, '').replace(/[/?#:].*$/, '').replace(/\.$/, '');
  if (d.startsWith('www.')) d = d.slice(4);
  return d;
}

const emailKey = (addr: string) => hashString('e:' + addr.trim().toLowerCase());
const domainKey = (domain: string) => hashString('d:' + domain);
function externalKey(system: string, id: string): [number, number] {
  const s = system.toLowerCase();
  const v = s === 'salesforce' ? id.trim().slice(0, 15) : s === 'dynamics' ? id.trim().toLowerCase().replace(/[{}]/g, '') : id.trim();
  return hashString('x:' + s + ':' + v);
}

const COMMON = new Set<string>(Object.values(COMMON_WORDS).flat().map((w) => foldToken(w)));

interface LegalSeq {
  h1: number[];
  h2: number[];
}
let legalSeqs: LegalSeq[] | null = null;
function legalForms(): LegalSeq[] {
  if (legalSeqs) return legalSeqs;
  const buf = new TokenBuffer();
  const seen = new Set<string>();
  legalSeqs = [];
  for (const f of LEGAL_FORMS) {
    const n = tokenize(f, buf);
    if (!n) continue;
    fillHash2(f, buf);
    const seq = { h1: Array.from(buf.h1.subarray(0, n)), h2: Array.from(buf.h2.subarray(0, n)) };
    const k = seq.h1.join(',');
    if (seen.has(k)) continue;
    seen.add(k);
    legalSeqs.push(seq);
  }
  legalSeqs.sort((a, b) => b.h1.length - a.h1.length);
  return legalSeqs;
}

/** Token count of the name without its trailing legal forms (at least 1). */
function stripLegal(buf: TokenBuffer, n: number): number {
  const seqs = legalForms();
  let m = n;
  for (let again = true; again; ) {
    again = false;
    for (const s of seqs) {
      const L = s.h1.length;
      if (L >= m) continue;
      let ok = (buf.flags[m - L] & HARD_BEFORE) !== 0;
      for (let i = 0; ok && i < L; i++) ok = buf.h1[m - L + i] === s.h1[i] && buf.h2[m - L + i] === s.h2[i];
      if (ok) {
        m -= L;
        again = true;
        break;
      }
    }
  }
  return m;
}

interface Entry {
  h1: number;
  h2: number;
  ents: number[];
  company: boolean;
  guard?: string;
  /** Every name with this key is an account or contact name written with a capital. */
  cased?: boolean;
}

/** Compiles the graph's names into the content scripts' compact dictionary. */
export function compileDictionary(src: DictionarySource, revision: string): CompiledDictionary {
  const kinds: string[] = [];
  const ids: string[] = [];
  const names: string[] = [];
  const contactAccount: number[] = [];
  const accountIndex = new Map<string, number>();
  const entries = new Map<string, Entry>();
  const starts: Array<[number, number]> = [];
  /** Phrase hashes (first lane) after a name's first token (one-token names) or first two (longer ones). */
  const prefixes = new Set<number>();

  const entry = (h1: number, h2: number): Entry => {
    const k = h1 + ':' + h2;
    let e = entries.get(k);
    if (!e) entries.set(k, (e = { h1, h2, ents: [], company: false }));
    return e;
  };
  const addRef = (h: [number, number], ent: number) => {
    const e = entry(h[0], h[1]);
    if (!e.ents.includes(ent)) e.ents.push(ent);
  };

  const buf = new TokenBuffer();
  const addName = (raw: string, ent: number, kind: 'a' | 'c' | 't') => {
    const text = raw.normalize('NFKC');
    const n = tokenize(text, buf);
    if (!n) return;
    fillHash2(text, buf);
    const lengths = kind === 't' ? [n] : [n, stripLegal(buf, n)];
    for (const m of new Set(lengths)) {
      let p1 = PHRASE_SEED1;
      let p2 = PHRASE_SEED2;
      let letters = 0;
      let allCommon = true;
      const surface: string[] = [];
      for (let i = 0; i < m; i++) {
        p1 = mix1(p1, buf.h1[i]);
        p2 = mix2(p2, buf.h2[i]);
        letters += buf.len[i];
        const tok = text.slice(buf.start[i], buf.end[i]);
        surface.push(tok);
        if (allCommon && !COMMON.has(foldToken(tok))) allCommon = false;
      }
      const e = entry(p1, p2);
      if (!e.ents.includes(ent)) e.ents.push(ent);
      const cased = kind !== 't' && surface.some((w) => w !== w.toLowerCase());
      e.cased = e.cased === undefined ? cased : e.cased && cased;
      const short = letters <= SHORT_NAME_LETTERS;
      const common = kind !== 't' && allCommon;
      const guard = short && common ? 'B' : short ? 'S' : common ? 'C' : '';
      if (guard && !e.guard) e.guard = guard + surface.join(' ');
      starts.push([buf.h1[0], m]);
      const p = mix1(PHRASE_SEED1, buf.h1[0]);
      prefixes.add(m === 1 ? p : mix1(p, buf.h1[1]));
    }
  };

  const push = (kind: 'a' | 'c' | 't', id: string, name: string): number => {
    kinds.push(kind);
    ids.push(id.replaceAll(ENTITY_SEP, ' '));
    names.push(name.replaceAll(ENTITY_SEP, ' '));
    contactAccount.push(-1);
    return kinds.length - 1;
  };

  // Company domains: the colleagues' own mail domains (never customers).
  const company = new Set<string>((src.companyDomains ?? []).map(normalizeDomain).filter(Boolean));
  for (const p of src.people) {
    if (!p.email) continue;
    const at = p.email.lastIndexOf('@');
    if (at > 0) company.add(normalizeDomain(p.email.slice(at + 1)));
    const e = entry(...emailKey(p.email));
    e.company = true;
  }
  for (const d of company) {
    if (!d || isFreeMailDomain(d)) continue;
    entry(...domainKey(d)).company = true;
  }

  for (const a of src.accounts) {
    const ent = push('a', a.id, a.name);
    accountIndex.set(a.id, ent);
    for (const n of [a.name, ...(a.aliases ?? [])]) if (n) addName(n, ent, 'a');
    const domains = new Set((a.domains ?? []).map(normalizeDomain));
    if (!domains.size && a.url) domains.add(normalizeDomain(a.url));
    for (const d of domains) {
      if (!d || !d.includes('.') || company.has(d) || isFreeMailDomain(d)) continue;
      addRef(domainKey(d), ent);
    }
    for (const [system, id] of Object.entries(a.externalIds ?? {})) {
      if (typeof id === 'string' && id.trim()) addRef(externalKey(system, id), ent);
    }
  }
  for (const c of src.contacts) {
    const ent = push('c', c.id, c.name);
    if (c.accountId && accountIndex.has(c.accountId)) contactAccount[ent] = accountIndex.get(c.accountId)!;
    if (c.name) addName(c.name, ent, 'c');
    if (c.email) addRef(emailKey(c.email), ent);
  }
  for (const t of src.topics) {
    const ent = push('t', t.id, t.label);
    for (const n of [t.label, ...(t.aliases ?? [])]) if (n) addName(n, ent, 't');
  }

  // Pack.
  const table = PhraseTable.forEntries(entries.size);
  const multi: number[] = [];
  const guards: Record<string, string> = {};
  for (const e of entries.values()) {
    let v: number;
    if (e.company) v = V_COMPANY;
    else if (e.ents.length === 1) v = e.ents[0];
    else {
      v = V_MULTI | multi.length;
      multi.push(e.ents.length, ...e.ents);
    }
    if (e.guard && !e.company) v |= V_GUARD;
    if (e.cased && !e.company) v |= V_CASED;
    const { slot } = table.claim(e.h1, e.h2);
    table.v[slot] = (v >>> 0) + 1;
    if (e.guard && !e.company) guards[slot] = e.guard;
  }
  const startTable = StartTable.forEntries(starts.length);
  for (const [h, l] of starts) startTable.raise(h, l);

  // Only the occupied slots travel (a bitmap, then their values in slot order); the start table is mostly empty.
  const po = occupancy(table.cap, (i) => table.v[i] !== 0);
  const so = occupancy(startTable.cap, (i) => startTable.len[i] !== 0);
  const idText = ids.join(ENTITY_SEP);
  const nameText = names.join(ENTITY_SEP);
  const sep = WIRE_SEPS.find((c) => !idText.includes(c) && !nameText.includes(c));
  const nContacts = src.contacts.length;
  return {
    format: 'kenner-dictionary',
    version: 4,
    revision,
    kinds: kinds.join(''),
    sep: sep ?? ENTITY_SEP,
    ids: sep ? ids.join(sep) : idText,
    names: sep ? names.join(sep) : nameText,
    contactAccount: u32ToBase64(Int32Array.from(contactAccount.slice(src.accounts.length, src.accounts.length + nContacts))),
    phrases: {
      cap: table.cap,
      occ: bytesToBase64(po.bits),
      k1: u32ToBase64(packSlots(table.k1, po.bits, po.count)),
      k2: u32ToBase64(packSlots(table.k2, po.bits, po.count)),
      v: u32ToBase64(packSlots(table.v, po.bits, po.count)),
    },
    starts: { cap: startTable.cap, occ: bytesToBase64(so.bits), k: u32ToBase64(packSlots(startTable.k, so.bits, so.count)), len: bytesToBase64(packSlots(startTable.len, so.bits, so.count)), pre: u32ToBase64(bloomOf(prefixes, prefixes.size, 8)) },
    multi: u32ToBase64(Uint32Array.from(multi)),
    guards,
    counts: { accounts: src.accounts.length, contacts: nContacts, topics: src.topics.length },
  };
}
