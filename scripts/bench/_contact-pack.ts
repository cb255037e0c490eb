/**
 * Diagnostic (not a benchmark: bench.mjs skips `_` files): what one account's evidence record costs
 * to store and read (node's `structuredClone`, the HTML algorithm IndexedDB uses) with its contacts
 * listed and packed (utils/ranking/contact-pack.ts, ContactPack), and what making their columns costs.
 *   npx tsx scripts/bench/_contact-pack.ts          # 100, 1,000, 3,000, 10,000 contacts
 */
import type { Interaction } from '../../utils/graph/model';
import { EdgeAccumulator } from '../../utils/ranking/aggregate';
import { accountRecord, contactColumns, contactColumnsOf, PACK_MIN, setPackMin } from '../../utils/ranking/columns';

const REF = Date.parse('2026-10-01T00:00:00Z');
const KINDS = ['email', 'meeting', 'call', 'case-resolved'] as const;

function msPer(f: () => unknown): string {
  for (let i = 0; i < 3; i++) f();
  const t = performance.now();
  for (let i = 0; i < 10; i++) f();
  return ((performance.now() - t) / 10).toFixed(2);
}

for (const contacts of [100, 1000, 3000, 10000]) {
  const acc = new EdgeAccumulator(REF);
  let r = 1;
  const rnd = () => (r = (r * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let c = 0; c < contacts; c++)
    for (let k = 0; k < 5; k++) {
      const i: Interaction = { personId: `p-${Math.floor(rnd() * 300)}`, contactId: `c-${c}`, accountId: 'a-huge', kind: KINDS[k % 4], date: `2026-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}` };
      acc.add(i);
    }
  const cs = acc.columns().filter((x) => x.entityKind === 'contact');
  setPackMin(Infinity);
  const listed = accountRecord('a-huge', REF, undefined, cs)!;
  setPackMin(PACK_MIN);
  const packed = accountRecord('a-huge', REF, undefined, cs)!;
  const read = structuredClone(packed);
  console.log(`${contacts} contacts: structuredClone listed ${msPer(() => structuredClone(listed))} ms, packed ${msPer(() => structuredClone(packed))} ms; unpack all ${msPer(() => contactColumns(read))} ms, one ${msPer(() => contactColumnsOf(read, 'c-7'))} ms`);
}
