/** The one rule for who is shown for what (utils/ranking/preferences.ts), over the real ranking. */
import { describe, expect, it } from 'vitest';
import type { Graph, Interaction, Person } from '../../../utils/graph/model';
import { rankEntities, type RankData } from '../../../utils/ranking/rank';
import { AWAY_FACTOR, applyPreferences, hiddenInteraction, hitsWithPreferences, personWithPreferences, withClaimants, type PreferenceMap } from '../../../utils/ranking/preferences';
import type { DetectedEntity } from '../../../utils/spotting/types';
import { memoryRankData } from './memory-data';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const acme: DetectedEntity = { kind: 'account', id: 'a1', name: 'Acme GmbH', via: 'record', focal: true, count: 1 };
const beta: DetectedEntity = { kind: 'account', id: 'a2', name: 'Beta AB', via: 'record', focal: true, count: 1 };
const edi: DetectedEntity = { kind: 'topic', id: 't1', name: 'EDI', via: 'text', count: 1 };
const person = (id: string, extra: Partial<Person> = {}): Person => ({ id, name: `Person ${id}`, ...extra });
const won = (personId: string, accountId: string, date = '2026-09-01'): Interaction => ({ personId, kind: 'deal-won', date, accountId });

const graph: Graph = {
  people: [person('p1'), person('p2'), person('p3')],
  accounts: [
    { id: 'a1', name: 'Acme GmbH' },
    { id: 'a2', name: 'Beta AB' },
  ],
  contacts: [],
  topics: [{ id: 't1', label: 'EDI' }],
  interactions: [won('p1', 'a1'), won('p1', 'a1', '2026-06-01'), won('p1', 'a2'), won('p2', 'a1'), won('p3', 'a2', '2025-01-01')],
};

/** Ranks with the preferences applied as the extension and the service do (claims folded as skills, then the rule). */
async function ranked(entities: DetectedEntity[], prefs: PreferenceMap): Promise<string[]> {
  const base = memoryRankData(graph, NOW);
  const data: RankData = { ...base, skilled: async (id) => withClaimants(await base.skilled(id), prefs, id) };
  const list = await rankEntities(data, entities, { now: NOW });
  return applyPreferences(list, entities.map((e) => e.id), prefs, { now: NOW }).map((s) => s.person.id);
}

describe('colleagues\u2019 own preferences', () => {
  it('without preferences the graph decides (p1 first at Acme)', async () => {
    expect(await ranked([acme], {})).toEqual(['p1', 'p2']);
  });

  it('"hide me for this customer": gone there, still shown for another customer', async () => {
    const prefs = { p1: { hidden: ['a1'] } };
    expect(await ranked([acme], prefs)).toEqual(['p2']);
    expect(await ranked([beta], prefs)).toEqual(['p1', 'p3']);
  });

  it('hidden for the page\'s own record: not suggested on that page, even for its other entities', async () => {
    const list = await rankEntities(memoryRankData(graph, NOW), [acme, { ...beta, focal: false }], { now: NOW });
    expect(list.map((s) => s.person.id)).toContain('p1');
    const prefs = { p1: { hidden: ['a1'] } };
    expect(applyPreferences(list, ['a1', 'a2'], prefs, { now: NOW, focalIds: ['a1'] }).map((s) => s.person.id)).not.toContain('p1');
    // Not the page's record: only that entity's share goes.
    const kept = applyPreferences(list, ['a1', 'a2'], prefs, { now: NOW, focalIds: ['a2'] }).find((s) => s.person.id === 'p1');
    expect(Object.keys(kept!.strengths)).toEqual(['a2']);
  });

  it('"don\u2019t suggest me": gone everywhere; an opt-in default shows only those who opted in', async () => {
    expect(await ranked([beta], { p1: { consent: 'out' } })).toEqual(['p3']);
    const list = await rankEntities(memoryRankData(graph, NOW), [acme], { now: NOW });
    expect(applyPreferences(list, ['a1'], { p2: { consent: 'in' } }, { now: NOW, defaultConsent: 'out' }).map((s) => s.person.id)).toEqual(['p2']);
  });

  it('"away until": shown as away, ranked lower, and never a reason', async () => {
    const list = await rankEntities(memoryRankData(graph, NOW), [acme], { now: NOW });
    const out = applyPreferences(list, ['a1'], { p1: { awayUntil: '2026-11-20' } }, { now: NOW });
    expect(out.map((s) => s.person.id)).toEqual(['p2', 'p1']);
    const p1 = out.find((s) => s.person.id === 'p1')!;
    expect(p1.person.awayUntil).toBe('2026-11-20');
    expect(p1.score).toBe(Math.round(list[0].score * AWAY_FACTOR));
    expect(p1.reasons.map((r) => r.kind)).toEqual(list[0].reasons.map((r) => r.kind));
    // A date already past changes nothing.
    expect(applyPreferences(list, ['a1'], { p1: { awayUntil: '2026-10-01' } }, { now: NOW })[0]).toEqual(list[0]);
  });

  it('"ask me about": a colleague with no evidence is suggested for the topic, the reason worded as claimed', async () => {
    expect(await ranked([edi], {})).toEqual([]);
    const prefs = { p3: { askMeAbout: ['t1'] } };
    const base = memoryRankData(graph, NOW);
    const data: RankData = { ...base, skilled: async (id) => withClaimants(await base.skilled(id), prefs, id) };
    const out = applyPreferences(await rankEntities(data, [edi], { now: NOW }), ['t1'], prefs, { now: NOW });
    expect(out.map((s) => s.person.id)).toEqual(['p3']);
    expect(out[0].reasons).toEqual([expect.objectContaining({ kind: 'skill', entityId: 't1', claimed: true })]);
  });

  it('search hits and the export follow the same rule', () => {
    const hits = [{ person: { id: 'p1', name: 'A' } }, { person: { id: 'p2', name: 'B' } }];
    expect(hitsWithPreferences(hits, { p1: { consent: 'out' }, p2: { awayUntil: '2026-12-01' } }, { now: NOW })).toEqual([{ person: { id: 'p2', name: 'B', awayUntil: '2026-12-01' } }]);
    expect(personWithPreferences(person('p1'), { consent: 'out', askMeAbout: ['t1'], awayUntil: '2026-12-01' }, { now: NOW })).toEqual({ ...person('p1'), discoverable: false, skills: ['t1'], awayUntil: '2026-12-01' });
    const prefs = { p1: { hidden: ['a1'] } };
    expect(hiddenInteraction(won('p1', 'a1'), prefs)).toBe(true);
    expect(hiddenInteraction(won('p1', 'a2'), prefs)).toBe(false);
    expect(hiddenInteraction(won('p2', 'a1'), prefs)).toBe(false);
  });
});
