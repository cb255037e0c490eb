/** Diagnostic: searchPeople's CPU per keystroke in node over the extension bench's 9 queries (scale 10), slowest first. */
import { generateDemoRecords } from '../../utils/demo/generate';
import type { Account, Person, Topic } from '../../utils/graph/model';
import { buildSearchIndex, searchPeople } from '../../utils/ranking/search';

async function main() {
  const g = { people: [] as Person[], accounts: [] as Account[], topics: [] as Topic[] };
  for (const r of generateDemoRecords({ seed: 1, scale: Number(process.env.KENNER_BENCH_SCALE ?? 10) })) {
    const { type, ...rec } = r as { type: string };
    if (type === 'person') g.people.push(rec as Person);
    else if (type === 'account') g.accounts.push(rec as Account);
    else if (type === 'topic') g.topics.push(rec as Topic);
  }
  const index = buildSearchIndex(g);
  const queries = ['jorg baumer', 'soren kjaergaard', 'asa nystrom', 'who knows nordlicht', 'wer kennt havbryggen', 'edi integration', 's/4hana migration', 'lindqvst', 'amsterdam support'];
  const times = new Map<string, number[]>();
  for (let round = 0; round < 5; round++)
    for (const q of queries)
      for (let i = 1; i <= q.length; i++) {
        const s = q.slice(0, i);
        const t = process.cpuUsage();
        await searchPeople(index, s, { limit: 10, rank: async () => [] });
        const d = process.cpuUsage(t);
        (times.get(s) ?? times.set(s, []).get(s)!).push((d.user + d.system) / 1000);
      }
  const med = [...times].map(([s, xs]) => [s, xs.sort((a, b) => a - b)[2]] as const).sort((a, b) => b[1] - a[1]);
  for (const [s, ms] of med.slice(0, 15)) console.log(`${ms.toFixed(2).padStart(6)} ms  "${s}"`);
}
void main();
