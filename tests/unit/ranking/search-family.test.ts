/**
 * Issue 11, search: "SAP" or "who knows SAP" covers the product family
 * ("SAP S/4HANA migration", "SAP BW/4HANA" …) through the topics' labels and
 * aliases, and returns the colleagues ranked by evidence (the real ranking,
 * rankEntities) with a strength and a reason for each; a text result says
 * which field matched.
 */
import { describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { generateDemoGraph } from '../../../utils/demo/generate';
import { rankEntities } from '../../../utils/ranking/rank';
import { buildSearchIndex, detectQueryEntities, searchPeople } from '../../../utils/ranking/search';
import type { Graph } from '../../../utils/graph/model';
import { memoryRankData } from './memory-data';

const NOW = Date.parse('2026-11-01T12:00:00Z');

function setup(graph: Graph) {
  const index = buildSearchIndex({ people: graph.people, accounts: graph.accounts, topics: graph.topics });
  const data = memoryRankData(graph, NOW);
  const search = (q: string) => searchPeople(index, q, { limit: 20, rank: (entities) => rankEntities(data, entities, { now: NOW }) });
  return { index, search };
}

describe('search: product families through topic aliases', () => {
  it('"who knows SAP" returns the S/4HANA experts, with strength and a reason each (demo story)', async () => {
    const { index, search } = setup(STORY);
    expect(detectQueryEntities(index, 'SAP')?.map((e) => e.id)).toEqual(['t-s4']);
    for (const q of ['SAP', 'who knows SAP', 'wer kennt sich mit SAP aus']) {
      const hits = await search(q);
      const ids = hits.map((h) => h.person.id);
      expect(ids.slice(0, 2).sort(), q).toEqual(['p-sofie', 'p-soren']);
      for (const h of hits) {
        expect(h.suggestion, `${q}: ${h.person.id}`).toBeDefined();
        expect(h.suggestion!.score).toBeGreaterThan(0);
        expect(h.suggestion!.reasons.length).toBeGreaterThan(0);
      }
      // Without the family, only "S/4HANA" found them (issue 11).
      expect(await search('S/4HANA').then((x) => x.slice(0, 2).map((h) => h.person.id).sort())).toEqual(ids.slice(0, 2).sort());
    }
  });

  it('a family word covers every topic that starts with it (generated demo graph)', async () => {
    const graph = generateDemoGraph({ seed: 7, scale: 0.05 });
    const { index, search } = setup(graph);
    const sapTopics = graph.topics.filter((tp) => [tp.label, ...(tp.aliases ?? [])].some((n) => /^SAP\s/i.test(n))).map((tp) => tp.id).sort();
    expect(sapTopics.length).toBeGreaterThan(1);
    expect(detectQueryEntities(index, 'who knows SAP')!.map((e) => e.id).sort()).toEqual(sapTopics);
    const hits = await search('who knows SAP');
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      expect(h.suggestion!.reasons.length).toBeGreaterThan(0);
      expect(h.suggestion!.reasons.every((r) => sapTopics.includes(r.entityId) || r.entityKind !== 'topic')).toBe(true);
    }
  });

  it('a word that is neither a name, a family nor a filler still falls back to text search', async () => {
    const { index } = setup(STORY);
    expect(detectQueryEntities(index, 'Lars')).toBeNull();
    expect(detectQueryEntities(index, 'SAP Lars')).toBeNull();
  });

  it('a text result says which field matched', async () => {
    const { index } = setup(STORY);
    // Text search (no ranking given, or a query naming no customer or topic).
    const search = (q: string) => searchPeople(index, q);
    const [byName] = await search('Lars Møller');
    expect(byName.person.id).toBe('p-lars');
    expect(byName.matched).toEqual({ field: 'name', text: 'Lars Møller' });
    const bySkill = (await search('Lagerverwaltung'))[0];
    expect(bySkill.person.id).toBe('p-zoe');
    expect(bySkill.matched?.field).toBe('skills');
    expect(STORY.topics.find((tp) => tp.label === bySkill.matched?.text)?.aliases).toContain('Lagerverwaltung');
    const byPlace = (await search('copenhagen support'))[0];
    expect(byPlace.matched?.field).toMatch(/title|location|department/);
    const lars = STORY.people.find((p) => p.id === 'p-lars')!;
    expect(byPlace.matched?.text).toBe(lars[byPlace.matched!.field as 'title' | 'location' | 'department']);
  });
});
