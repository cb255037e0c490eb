import { serialize, deserialize } from 'node:v8';
import { EdgeAccumulator } from '../../utils/ranking/aggregate';
import type { Interaction } from '../../utils/graph/model';
const REF = Date.parse('2026-10-01T00:00:00Z');
const contacts = Number(process.argv[2] ?? 3000);
const acc = new EdgeAccumulator(REF);
const kinds = ['email', 'meeting', 'call', 'case-resolved'] as const;
let r = 1;
const rnd = () => ((r = (r * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
for (let c = 0; c < contacts; c++) {
  for (let k = 0; k < 5; k++) acc.add({ personId: `p-${Math.floor(rnd() * 300)}`, contactId: `c-${c}`, accountId: 'a-huge', kind: kinds[k % 4], date: `2026-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}` } as Interaction);
  acc.linkContact(`c-${c}`, 'a-huge');
}
const rec = [...acc.storedRecords()].find((x) => x.entityId === 'a-huge')!;
const time = (label: string, x: unknown) => {
  const buf = serialize(x);
  for (let i = 0; i < 5; i++) deserialize(buf);
  const t = performance.now();
  for (let i = 0; i < 20; i++) deserialize(buf);
  console.log(`${label}: ${(buf.length / 1e6).toFixed(2)} MB, ${((performance.now() - t) / 20).toFixed(2)} ms`);
};
time('as stored', rec);
// Every typed array of every contact as a view into one shared buffer (8-byte aligned).
type TA = Float64Array | Int32Array | Uint32Array | Uint8Array;
const cs = rec.contacts!;
let bytes = 0;
const align = (n: number) => (n + 7) & ~7;
for (const c of cs) for (const v of Object.values(c)) if (ArrayBuffer.isView(v)) bytes += align((v as TA).byteLength);
const shared = new ArrayBuffer(bytes);
let off = 0;
const packed = cs.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => {
  if (!ArrayBuffer.isView(v)) return [k, v];
  const a = v as TA;
  const C = a.constructor as new (b: ArrayBuffer, o: number, l: number) => TA;
  const view = new C(shared, off, a.length);
  view.set(a as never);
  off += align(a.byteLength);
  return [k, view];
})));
time('shared buffer', { ...rec, contacts: packed });
