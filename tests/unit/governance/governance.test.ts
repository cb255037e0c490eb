/**
 * Works-council mode's pure rules (utils/governance): the policy's defaults
 * and its fail-closed reading without zod, the minimum group size, the
 * colleague default (opt-out or opt-in), the evidence rule, and the rule at
 * work in the ranking: internal-only evidence no longer changes the order.
 */
import { describe, expect, it } from 'vitest';
import type { Graph, Interaction } from '../../../utils/graph/model';
import { colleagueShown } from '../../../utils/governance/consent';
import { ALL_EVIDENCE, countsAsEvidence, evidenceRule } from '../../../utils/governance/evidence';
import { aggregateShown, shownGroups } from '../../../utils/governance/min-group';
import { WorksCouncilSchema } from '../../../utils/governance/schema';
import { cappedRetentionDays, WORKS_COUNCIL_OFF, worksCouncil, worksCouncilFromRaw } from '../../../utils/governance/works-council';
import { EdgeAccumulator, type EntityEdges } from '../../../utils/ranking/aggregate';
import { rankEntities, type RankData } from '../../../utils/ranking/rank';

const NOW = Date.parse('2026-11-01T00:00:00Z');

describe('works-council policy', () => {
  it('fills the defaults; off whatever else it says when not enabled', () => {
    expect(worksCouncil({ enabled: true })).toEqual({ enabled: true, minGroupSize: 5, lookBackMonths: null, retentionDays: null, colleagueDefault: 'shown-unless-opted-out' });
    expect(worksCouncil({ enabled: false, minGroupSize: 9 })).toEqual(WORKS_COUNCIL_OFF);
    expect(worksCouncil(undefined)).toEqual(WORKS_COUNCIL_OFF);
  });
  it('the schema refuses what is not a works-council policy', () => {
    expect(WorksCouncilSchema.safeParse({ enabled: true, minGroupSize: 1 }).success).toBe(false);
    expect(WorksCouncilSchema.safeParse({ enabled: true, colleagueDefault: 'always' }).success).toBe(false);
    expect(WorksCouncilSchema.safeParse({ enabled: true, surprise: 1 }).success).toBe(false);
    expect(WorksCouncilSchema.safeParse({ enabled: true, minGroupSize: 7, lookBackMonths: 12, retentionDays: 30, colleagueDefault: 'shown-once-opted-in' }).success).toBe(true);
  });
  it('read raw (light entry points): absent or enabled:false is off, anything else on', () => {
    expect(worksCouncilFromRaw(undefined).enabled).toBe(false);
    expect(worksCouncilFromRaw({ enabled: false }).enabled).toBe(false);
    expect(worksCouncilFromRaw({ enabled: true }).enabled).toBe(true);
    expect(worksCouncilFromRaw('garbage').enabled).toBe(true);
    expect(worksCouncilFromRaw({ enabled: 'yes', minGroupSize: 1 })).toMatchObject({ enabled: true, minGroupSize: 5 });
  });
  it('caps retention only in the mode', () => {
    expect(cappedRetentionDays(90, worksCouncil({ enabled: true, retentionDays: 30 }))).toBe(30);
    expect(cappedRetentionDays(7, worksCouncil({ enabled: true, retentionDays: 30 }))).toBe(7);
    expect(cappedRetentionDays(90, worksCouncil({ enabled: false, retentionDays: 30 }))).toBe(90);
  });
});

describe('minimum group size', () => {
  const wc = worksCouncil({ enabled: true, minGroupSize: 5 });
  it('shows an aggregate only for groups of at least N people in the mode', () => {
    expect(aggregateShown(4, wc)).toBe(false);
    expect(aggregateShown(5, wc)).toBe(true);
    expect(aggregateShown(1, WORKS_COUNCIL_OFF)).toBe(true);
    expect(aggregateShown(0, WORKS_COUNCIL_OFF)).toBe(false);
  });
  it('keeps the order of the groups it shows and counts the rest', () => {
    const groups = [{ t: 'EDI', n: 7 }, { t: 'SSO', n: 2 }, { t: 'S/4', n: 5 }];
    expect(shownGroups(groups, (g) => g.n, wc)).toEqual({ shown: [groups[0], groups[2]], withheld: 1 });
  });
});

describe('colleague default', () => {
  const optIn = worksCouncil({ enabled: true, colleagueDefault: 'shown-once-opted-in' });
  const optOut = worksCouncil({ enabled: true });
  it.each([
    [{}, WORKS_COUNCIL_OFF, true],
    [{ consent: 'out' as const }, WORKS_COUNCIL_OFF, false],
    [{}, optOut, true],
    [{ consent: 'out' as const }, optOut, false],
    [{}, optIn, false],
    [{ consent: 'in' as const }, optIn, true],
    [{ consent: 'out' as const }, optIn, false],
    [{ consent: 'in' as const, discoverable: false }, optIn, false],
  ])('%j under %j: %s', (person, wc, shown) => expect(colleagueShown(person, wc)).toBe(shown));
});

describe('evidence rule', () => {
  it('outside the mode everything counts', () => {
    expect(evidenceRule(WORKS_COUNCIL_OFF, NOW)).toEqual(ALL_EVIDENCE);
    expect(countsAsEvidence({ topicIds: ['t'], date: '2001-01-01' } as never, ALL_EVIDENCE)).toBe(true);
  });
  it('in the mode: only with an account or a contact, none before the look-back', () => {
    const rule = evidenceRule(worksCouncil({ enabled: true, lookBackMonths: 12 }), NOW);
    expect(rule).toEqual({ externalOnly: true, since: '2025-11-01' });
    expect(countsAsEvidence({ date: '2026-05-01' }, rule)).toBe(false);
    expect(countsAsEvidence({ accountId: 'a', date: '2026-05-01' }, rule)).toBe(true);
    expect(countsAsEvidence({ contactId: 'c', date: '2026-05-01' }, rule)).toBe(true);
    expect(countsAsEvidence({ accountId: 'a', date: '2025-10-31' }, rule)).toBe(false);
    expect(countsAsEvidence({ accountId: 'a', date: '2025-11-01T08:00:00Z' }, rule)).toBe(true);
  });
});

describe('the rule in the ranking', () => {
  // Two colleagues on topic t-edi: Zoe with internal-only evidence (cases without a customer, endorsements),
  // Lars with one case at a customer. From the demo story (utils/demo/story.ts, st-21, st-23, st-24).
  const graph: Graph = {
    people: [
      { id: 'p-zoe', name: 'Zoe' },
      { id: 'p-lars', name: 'Lars' },
    ],
    accounts: [{ id: 'a-havbryggen', name: 'Havbryggen' }],
    contacts: [{ id: 'c-hansen', name: 'Hansen', accountId: 'a-havbryggen' }],
    topics: [{ id: 't-edi', label: 'EDI' }],
    interactions: [
      { personId: 'p-lars', accountId: 'a-havbryggen', contactId: 'c-hansen', topicIds: ['t-edi'], kind: 'case-resolved', date: '2026-07-01', count: 3 },
      { personId: 'p-zoe', topicIds: ['t-edi'], kind: 'case-resolved', date: '2026-06-01', count: 6 },
      { personId: 'p-zoe', topicIds: ['t-edi'], kind: 'endorsement', date: '2025-04-01', count: 3 },
    ] satisfies Interaction[],
  };
  const data = (rule?: ReturnType<typeof evidenceRule>): RankData => {
    const edges = new Map<string, EntityEdges>(new EdgeAccumulator(NOW, rule).addAll(graph.interactions).records().map((e) => [e.entityId, e]));
    return {
      edges: async (ids) => new Map(ids.flatMap((id) => (edges.has(id) ? [[id, edges.get(id)!] as const] : []))),
      contactsOfAccount: async () => [],
      people: async (ids) => new Map(graph.people.filter((p) => ids.includes(p.id)).map((p) => [p.id, p])),
      skilled: async () => [],
    };
  };
  const page = [{ kind: 'topic' as const, id: 't-edi', name: 'EDI', via: 'text' as const, count: 1, focal: true }];

  it('internal-only evidence ranks Zoe first without the mode, and not at all with it', async () => {
    const off = await rankEntities(data(), page, { now: NOW });
    expect(off.map((s) => s.person.id)).toEqual(['p-zoe', 'p-lars']);
    const on = await rankEntities(data(evidenceRule(worksCouncil({ enabled: true }), NOW)), page, { now: NOW });
    expect(on.map((s) => s.person.id)).toEqual(['p-lars']);
  });

  it('a colleague who has not opted in is not suggested under the opt-in default', async () => {
    const wc = worksCouncil({ enabled: true, colleagueDefault: 'shown-once-opted-in' });
    const consenting: RankData = { ...data(), people: async (ids: string[]) => new Map(graph.people.filter((p) => ids.includes(p.id)).map((p) => [p.id, p.id === 'p-lars' ? { ...p, consent: 'in' } : p])) };
    const out = await rankEntities(consenting, page, { now: NOW, worksCouncil: wc });
    expect(out.map((s) => s.person.id)).toEqual(['p-lars']);
  });
});
