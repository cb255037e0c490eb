/**
 * Diagnostic (not a benchmark: bench.mjs skips `_` files): the matcher alone in node, `matchText` over
 * the synthetic page's texts (the HTML split at its tags), min / median of many runs, plus the number
 * of candidate windows (nextCandidate hits) and matches.
 *   npx tsx scripts/bench/_spot-match-node.ts 500 40
 */
import { STORY } from '../../utils/demo/story';
import { compileDictionary } from '../../utils/spotting/dictionary';
import { Matcher, type TextMatch } from '../../utils/spotting/matcher';
import { CANDIDATE, nextCandidate } from '../../utils/spotting/scanner';
import { dictionaryNames, fortuneNames, syntheticPage } from './_spot-data';

const size = Number(process.argv[2] ?? 500);
const runs = Number(process.argv[3] ?? 30);
const html = syntheticPage([...fortuneNames(), ...STORY.accounts.map((a) => a.name)]);
const texts = html.split(/<[^>]*>/).filter((t) => t.length >= 2);
const { accounts } = dictionaryNames(size);
const m = new Matcher(compileDictionary({ ...STORY, accounts: [...STORY.accounts, ...accounts] }, `n-${size}`));
const out: TextMatch[] = [];
let matches = 0;
for (const t of texts) {
  out.length = 0;
  m.matchText(t, out);
  matches += out.length;
}
// Candidate windows the start table opens (first token at a hard boundary is a start key).
const st = (m as unknown as { starts: { k: Int32Array; len: Uint8Array } }).starts;
const { startBits: bits, prefixBits: pre } = m as unknown as { startBits?: Uint32Array; prefixBits?: Uint32Array };
let cands = 0;
for (const t of texts) {
  for (let pos = 0; pos < t.length; ) {
    const s = nextCandidate(t, pos, t.length, pos === 0, st.k, st.len, bits, pre);
    if (s < 0) break;
    cands++;
    pos = CANDIDATE.end;
  }
}
const ms: number[] = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  for (const t of texts) {
    out.length = 0;
    m.matchText(t, out);
  }
  ms.push(performance.now() - t0);
}
ms.sort((a, b) => a - b);
console.log(`size ${size}: ${texts.length} texts, ${texts.reduce((a, t) => a + t.length, 0)} chars, ${matches} matches, ${cands} candidate windows (approx.); matchText min ${ms[0].toFixed(2)} ms, median ${ms[runs >> 1].toFixed(2)} ms`);
// Components (min of runs): nextCandidate alone (every window skipped), and a bare charCodeAt loop.
const time = (f: () => number) => {
  const a: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    sink += f();
    a.push(performance.now() - t0);
  }
  a.sort((x, y) => x - y);
  return `${a[0].toFixed(2)} (median ${a[runs >> 1].toFixed(2)}; ${sink & 1})`;
};
console.log(`  nextCandidate only: ${time(() => {
  let c = 0;
  for (const t of texts) for (let pos = 0; pos < t.length; ) {
    const s = nextCandidate(t, pos, t.length, pos === 0, st.k, st.len, bits, pre);
    if (s < 0) break;
    c++;
    pos = CANDIDATE.end;
  }
  return c;
})} ms; charCodeAt floor: ${time(() => {
  let x = 0;
  for (const t of texts) for (let i = 0; i < t.length; i++) x = (x + t.charCodeAt(i)) | 0;
  return x;
})} ms`);
