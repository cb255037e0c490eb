/** Graph files for e2e tests, written from the demo generator in the interchange format. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDemoGraph } from '../../utils/demo/generate';
import type { Graph } from '../../utils/graph/model';

export function toNdjson(g: Graph): string {
  const lines = [JSON.stringify({ format: 'kenner-graph', version: 1 })];
  for (const [type, list] of [
    ['topic', g.topics],
    ['person', g.people],
    ['account', g.accounts],
    ['contact', g.contacts],
    ['interaction', g.interactions],
  ] as const) {
    for (const r of list) lines.push(JSON.stringify({ type, ...r }));
  }
  return lines.join('\n') + '\n';
}

export function writeTemp(name: string, content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kenner-graph-'));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** A small demo graph (story + 5% of the bulk). */
export function smallDemoGraph(): Graph {
  return generateDemoGraph({ seed: 7, scale: 0.05 });
}

/** Among discoverable colleagues: who won the most recent deal with an account. */
export function mostRecentDealWinner(g: Graph, accountId: string): string {
  const hidden = new Set(g.people.filter((p) => p.discoverable === false).map((p) => p.id));
  const wins = g.interactions
    .filter((i) => i.kind === 'deal-won' && i.accountId === accountId && !hidden.has(i.personId))
    .sort((a, b) => (a.date < b.date ? 1 : -1));
  return wins[0].personId;
}
