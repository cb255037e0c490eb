/**
 * Precision benchmark (npx tsx scripts/bench/precision.ts; part of `npm run bench`).
 * Mention-level precision and recall of the matcher on public annotated news text
 * (tests/ner/README.md: CoNLL-2003 English and CoNLL-2002 Dutch test splits). The
 * dictionary is every organisation name the corpus annotates, also those that occur
 * elsewhere as a place, person or other name; each document is matched as a page
 * (free text with the document's own evidence, evidence.ts). Goal: precision ≥ 0.95 at
 * recall ≥ 0.95. Prints one JSON object per corpus on stdout, and the most frequent
 * false positives and misses on stderr.
 */
import { CORPORA, evaluate, orgAccounts, readCorpus, type CorpusId } from '../../tests/ner/ner';

const round = (n: number) => Math.round(n * 1000) / 1000;
const top = (xs: string[], n: number) => {
  const c = new Map<string, number>();
  for (const x of xs) c.set(x.split(' ⟨')[0], (c.get(x.split(' ⟨')[0]) ?? 0) + 1);
  return [...c].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ×${v}`).join(', ');
};

for (const id of Object.keys(CORPORA) as CorpusId[]) {
  const docs = readCorpus(id);
  const t0 = performance.now();
  const s = evaluate(docs);
  const ms = performance.now() - t0;
  const mentions = s.tp + s.fn;
  console.log(
    JSON.stringify({
      bench: 'precision',
      corpus: CORPORA[id].name,
      lang: id,
      documents: docs.length,
      dictionary_names: orgAccounts(docs).length,
      gold_org_mentions: mentions,
      tp: s.tp,
      fp: s.fp,
      fn: s.fn,
      precision: round(s.precision),
      recall: round(s.recall),
      f1: round(s.f1),
      fp_kinds: s.fpKinds,
      goal_met: s.precision >= 0.95 && s.recall >= 0.95,
      ms: Math.round(ms),
    }),
  );
  console.error(`[bench:precision] ${id} false positives: ${top(s.fpSamples, 15)}`);
  console.error(`[bench:precision] ${id} misses: ${top(s.fnSamples, 15)}`);
}
