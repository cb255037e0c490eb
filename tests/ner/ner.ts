/**
 * Mention-level evaluation of the matcher on public annotated news text
 * (tests/ner/README.md): CoNLL-2003 English and CoNLL-2002 Dutch test splits.
 * The dictionary is every organisation name the corpus annotates (also those
 * that occur elsewhere as a person, place or other name); the matcher runs
 * over each document as Kenner runs over a page (free text, the document's own
 * evidence), and its matches are compared span by span with the gold ORG
 * mentions. Used by scripts/bench/precision.ts and tests/unit/spotting.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Account } from '../../utils/graph/model';
import { compileDictionary } from '../../utils/spotting/dictionary';
import { confirmWeak } from '../../utils/spotting/evidence';
import { Matcher } from '../../utils/spotting/matcher';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface Sentence {
  tokens: string[];
  tags: string[];
}
export interface Doc {
  sentences: Sentence[];
}
export interface Span {
  start: number;
  end: number;
  type: string;
}

export const CORPORA = {
  en: { file: 'conll2003-en-test.txt', name: 'CoNLL-2003 English test (Reuters news, 1996)' },
  nl: { file: 'conll2002-nl-test.txt', name: 'CoNLL-2002 Dutch test (De Morgen, 2000)' },
} as const;
export type CorpusId = keyof typeof CORPORA;

/** Reads a `token TAG` file: blank line between sentences, `-DOCSTART-` between documents. */
export function readCorpus(id: CorpusId): Doc[] {
  const text = readFileSync(resolve(HERE, CORPORA[id].file), 'utf8');
  const docs: Doc[] = [];
  let doc: Doc = { sentences: [] };
  let s: Sentence = { tokens: [], tags: [] };
  const endSentence = () => {
    if (s.tokens.length) doc.sentences.push(s);
    s = { tokens: [], tags: [] };
  };
  for (const line of text.split('\n')) {
    if (!line.trim()) {
      endSentence();
      continue;
    }
    const sp = line.lastIndexOf(' ');
    const tok = line.slice(0, sp);
    const tag = line.slice(sp + 1);
    if (tok === '-DOCSTART-') {
      endSentence();
      if (doc.sentences.length) docs.push(doc);
      doc = { sentences: [] };
      continue;
    }
    s.tokens.push(tok);
    s.tags.push(tag);
  }
  endSentence();
  if (doc.sentences.length) docs.push(doc);
  return docs;
}

/** Gold mentions (token spans, end exclusive) of a sentence; IOB1 and IOB2 alike. */
export function goldSpans(s: Sentence): Span[] {
  const out: Span[] = [];
  let cur: Span | null = null;
  s.tags.forEach((tag, i) => {
    const [bio, type] = tag === 'O' ? ['O', ''] : [tag.slice(0, 1), tag.slice(2)];
    if (bio === 'O') {
      cur = null;
      return;
    }
    if (bio === 'B' || !cur || cur.type !== type) {
      cur = { start: i, end: i + 1, type };
      out.push(cur);
    } else cur.end = i + 1;
  });
  return out;
}

/**
 * The dictionary: every distinct organisation name of the corpus, one account each, as a CRM holds it:
 * one spelling per name (names that differ only in case are one account, written as the corpus most
 * often writes it, mixed case before capitals: "New York", not the sports tables' "NEW YORK").
 */
export function orgAccounts(docs: Doc[]): Account[] {
  const forms = new Map<string, Map<string, number>>();
  for (const d of docs) {
    for (const s of d.sentences) {
      for (const g of goldSpans(s)) {
        if (g.type !== 'ORG') continue;
        const name = s.tokens.slice(g.start, g.end).join(' ');
        const key = name.toLowerCase();
        const f = forms.get(key) ?? new Map<string, number>();
        f.set(name, (f.get(name) ?? 0) + 1);
        forms.set(key, f);
      }
    }
  }
  const caps = (n: string) => n === n.toUpperCase() && n !== n.toLowerCase();
  const names = [...forms.values()].map((f) => [...f].sort((a, b) => Number(caps(a[0])) - Number(caps(b[0])) || b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]);
  return names.sort().map((name, i) => ({ id: `org-${i}`, name }));
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Why the false positives are false: the span names a place, person or other thing there; it is part of a word
   * (a hyphenated compound such as Belgacom-baas); it overlaps an organisation mention with other bounds; unannotated text. */
  fpKinds: { otherType: number; inWord: number; otherBounds: number; unannotated: number };
  /** Some false positives and misses, for reading. */
  fpSamples: string[];
  fnSamples: string[];
}

/**
 * Runs the matcher over every document (sentences joined as lines, as a page's
 * paragraphs) and scores its matches against the gold ORG mentions: exact
 * token spans count; a match that is not exactly a gold ORG mention is a false
 * positive, a gold mention not matched exactly a miss.
 */
export function evaluate(docs: Doc[], matcher: Matcher = new Matcher(compileDictionary({ accounts: orgAccounts(docs), contacts: [], topics: [], people: [] }, 'ner'))): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const fpSamples: string[] = [];
  const fnSamples: string[] = [];
  const fpKinds = { otherType: 0, inWord: 0, otherBounds: 0, unannotated: 0 };
  for (const d of docs) {
    const lines = d.sentences.map((s) => s.tokens.join(' '));
    const text = lines.join('\n');
    const found = matcher.matchText(text, []);
    const spans = confirmWeak(found);
    let base = 0;
    d.sentences.forEach((s, si) => {
      const starts: number[] = [];
      let at = base;
      for (const t of s.tokens) {
        starts.push(at);
        at += t.length + 1;
      }
      const tokenAt = new Map(starts.map((st, i) => [st, i]));
      // A match ends where its last word does: "U.N." is matched as U.N (the dot is not part of a name's tokens).
      const tokenEnd = new Map<number, number>();
      starts.forEach((st, i) => {
        tokenEnd.set(st + s.tokens[i].length, i + 1);
        tokenEnd.set(st + s.tokens[i].replace(/[.]+$/, '').length, i + 1);
      });
      const all = goldSpans(s);
      const gold = all.filter((g) => g.type === 'ORG');
      const hit = new Set<number>();
      for (const m of spans) {
        if (m.start < base || m.start >= base + lines[si].length) continue;
        const a = tokenAt.get(m.start);
        const b = tokenEnd.get(m.end);
        const gi = a === undefined || b === undefined ? -1 : gold.findIndex((g) => g.start === a && g.end === b);
        if (gi >= 0 && !hit.has(gi)) {
          hit.add(gi);
          tp++;
        } else {
          fp++;
          if (a === undefined || b === undefined) fpKinds.inWord++;
          else if (all.some((g) => g.type !== 'ORG' && g.start === a && g.end === b)) fpKinds.otherType++;
          else if (gold.some((g) => g.start < b && a < g.end)) fpKinds.otherBounds++;
          else fpKinds.unannotated++;
          if (fpSamples.length < 400) fpSamples.push(`${text.slice(m.start, m.end)} ⟨${lines[si].slice(Math.max(0, m.start - base - 30), m.end - base + 30)}⟩`);
        }
      }
      gold.forEach((g, gi) => {
        if (hit.has(gi)) return;
        fn++;
        if (fnSamples.length < 400) fnSamples.push(`${s.tokens.slice(g.start, g.end).join(' ')} ⟨${s.tokens.slice(Math.max(0, g.start - 5), g.end + 5).join(' ')}⟩`);
      });
      base += lines[si].length + 1;
    });
  }
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  return { tp, fp, fn, precision, recall, f1: (2 * precision * recall) / (precision + recall || 1), fpKinds, fpSamples, fnSamples };
}
