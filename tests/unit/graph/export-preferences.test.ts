/**
 * "Export all local data" honours colleagues' own preferences with the
 * ranking's rule (utils/ranking/preferences.ts): an opted-out colleague is
 * exported not discoverable, claims as skills, the away date set, and an
 * interaction with an entity its colleague hid is left out; without
 * preferences the export is the graph as imported.
 */
import { describe, expect, it } from 'vitest';
import { clearGraph } from '../../../utils/store/db';
import { exportGraph } from '../../../utils/store/export';
import { importGraphObject } from '../../../utils/store/importer';
import type { Graph } from '../../../utils/graph/model';
import type { PreferenceMap } from '../../../utils/ranking/preferences';

const graph: Graph = {
  people: [
    { id: 'p-1', name: 'Ada Lind' },
    { id: 'p-2', name: 'Bo Ek', skills: ['t-1'] },
  ],
  accounts: [
    { id: 'a-1', name: 'Acme GmbH' },
    { id: 'a-2', name: 'Beta AB' },
  ],
  contacts: [],
  topics: [
    { id: 't-1', label: 'EDI' },
    { id: 't-2', label: 'SSO' },
  ],
  interactions: [
    { id: 'i-1', personId: 'p-1', kind: 'deal-won', date: '2026-05-01', accountId: 'a-1' },
    { id: 'i-2', personId: 'p-1', kind: 'meeting', date: '2026-05-02', accountId: 'a-2' },
    { id: 'i-3', personId: 'p-2', kind: 'meeting', date: '2026-05-03', accountId: 'a-1' },
  ],
};

async function exported(prefs?: PreferenceMap): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for await (const line of exportGraph(prefs, Date.parse('2026-06-01T00:00:00Z'))) out.push(JSON.parse(line) as Record<string, unknown>);
  return out;
}

describe('the export with colleagues\u2019 preferences', () => {
  it('applies them as the ranking does', async () => {
    await clearGraph();
    expect((await importGraphObject(graph)).ok).toBe(true);
    const plain = await exported();
    expect(plain.filter((r) => r.type === 'interaction').map((r) => r.id)).toEqual(['i-1', 'i-2', 'i-3']);
    expect(plain.find((r) => r.id === 'p-1')).toEqual({ type: 'person', id: 'p-1', name: 'Ada Lind' });

    const prefs: PreferenceMap = { 'p-1': { hidden: ['a-1'], askMeAbout: ['t-2'], awayUntil: '2026-06-20' }, 'p-2': { consent: 'out' } };
    const out = await exported(prefs);
    expect(out.filter((r) => r.type === 'interaction').map((r) => r.id)).toEqual(['i-2', 'i-3']);
    expect(out.find((r) => r.id === 'p-1')).toEqual({ type: 'person', id: 'p-1', name: 'Ada Lind', skills: ['t-2'], awayUntil: '2026-06-20' });
    expect(out.find((r) => r.id === 'p-2')).toMatchObject({ discoverable: false, skills: ['t-1'] });
  });
});
