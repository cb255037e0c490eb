/**
 * Removal of records from the live graph (utils/store/remove.ts), as the
 * remote source's tombstones use it: against the real store (fake-indexeddb),
 * compared with a fresh import of the graph as it should be afterwards.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import type { Graph, GraphMeta } from '../../../utils/graph/model';
import type { EntityEdges } from '../../../utils/ranking/aggregate';
import { clearGraph, getEdges, getGraphMeta, onGraphChanged, readDictionarySource } from '../../../utils/store/db';
import { exportGraph } from '../../../utils/store/export';
import { importGraph, importGraphObject } from '../../../utils/store/importer';
import { removeRecords, type RemovalIds } from '../../../utils/store/remove';

/** The test's own statement of what removal leaves (records gone, references to them dropped). */
function expectedAfter(g: Graph, ids: RemovalIds): Graph {
  const gone = (list: readonly string[] | undefined) => new Set(list ?? []);
  const [people, accounts, contacts, topics, interactions] = [gone(ids.people), gone(ids.accounts), gone(ids.contacts), gone(ids.topics), gone(ids.interactions)];
  const g2 = structuredClone(g);
  return {
    people: g2.people
      .filter((p) => !people.has(p.id))
      .map((p) => {
        if (p.managerId && people.has(p.managerId)) delete p.managerId;
        if (p.skills) p.skills = p.skills.filter((s) => !topics.has(s));
        if (!p.skills?.length) delete p.skills;
        return p;
      }),
    accounts: g2.accounts
      .filter((a) => !accounts.has(a.id))
      .map((a) => {
        if (a.ownerId && people.has(a.ownerId)) delete a.ownerId;
        return a;
      }),
    contacts: g2.contacts
      .filter((c) => !contacts.has(c.id))
      .map((c) => {
        if (c.accountId && accounts.has(c.accountId)) delete c.accountId;
        return c;
      }),
    topics: g2.topics.filter((t) => !topics.has(t.id)),
    interactions: g2.interactions
      .filter((i) => !(i.id && interactions.has(i.id)) && !people.has(i.personId))
      .map((i) => {
        if (i.accountId && accounts.has(i.accountId)) delete i.accountId;
        if (i.contactId && contacts.has(i.contactId)) delete i.contactId;
        if (i.topicIds) i.topicIds = i.topicIds.filter((t) => !topics.has(t));
        if (!i.topicIds?.length) delete i.topicIds;
        return i;
      })
      .filter((i) => i.accountId || i.contactId || i.topicIds),
  };
}

const ALL_ENTITY_IDS = [...STORY.accounts, ...STORY.contacts, ...STORY.topics].map((e) => e.id);

/** Edges without the parts that depend on when they were computed (refTime, decayed sums). */
async function edgeCounts(): Promise<Record<string, Record<string, Record<string, { n: number; last: string }>>>> {
  const out: Record<string, Record<string, Record<string, { n: number; last: string }>>> = {};
  for (const e of await getEdges(ALL_ENTITY_IDS)) out[e.entityId] = countsOf(e);
  return out;
}
function countsOf(e: EntityEdges): Record<string, Record<string, { n: number; last: string }>> {
  const people: Record<string, Record<string, { n: number; last: string }>> = {};
  for (const [person, byKind] of Object.entries(e.people)) {
    people[person] = {};
    for (const [kind, s] of Object.entries(byKind)) if (s) people[person][kind] = { n: s.n, last: s.last };
  }
  return people;
}

async function exportedText(): Promise<string> {
  let text = '';
  for await (const line of exportGraph()) text += line;
  return text;
}
const records = (ndjson: string): unknown[] => ndjson.trim().split('\n').map((l): unknown => JSON.parse(l));

beforeEach(async () => {
  await clearGraph();
  const r = await importGraphObject(STORY, { mode: 'replace' });
  expect(r.ok).toBe(true);
});

describe('removeRecords: records leave the live graph', () => {
  const ids: RemovalIds = { people: ['p-joerg'], accounts: ['a-havbryggen'], topics: ['t-edi'], interactions: ['st-1'] };

  it('removes the records and every reference to them, recomputes the edges, and tells listeners once', async () => {
    const before = (await getGraphMeta())!;
    const heard: GraphMeta[] = [];
    const off = onGraphChanged((m) => heard.push(m));
    const result = await removeRecords(ids);
    off();
    const want = expectedAfter(STORY, ids);

    expect(result.removed).toEqual({
      people: 1,
      accounts: 1,
      contacts: 0,
      topics: 1,
      interactions: STORY.interactions.length - want.interactions.length,
    });
    const meta = (await getGraphMeta())!;
    expect(meta.revision).not.toBe(before.revision);
    expect(meta.counts).toEqual({ people: want.people.length, accounts: want.accounts.length, contacts: want.contacts.length, topics: want.topics.length, interactions: want.interactions.length });
    expect(heard).toEqual([meta]);
    expect(result.meta).toEqual(meta);

    const dict = await readDictionarySource();
    expect(dict.topics.map((t) => t.id)).not.toContain('t-edi');
    expect(dict.accounts.map((a) => a.id)).not.toContain('a-havbryggen');
    expect(dict.people.map((p) => p.id)).not.toContain('p-joerg');
    expect(dict.contacts.find((c) => c.id === 'c-hansen')?.accountId).toBeUndefined();
    expect(await getEdges(['t-edi', 'a-havbryggen'])).toEqual([]);
    const afterRemoval = await edgeCounts();
    expect(JSON.stringify(afterRemoval)).not.toContain('p-joerg');

    // Same records and same evidence as importing the expected graph from scratch.
    const exported = await exportedText();
    const reimport = await importGraph([{ name: 'graph.ndjson', chunks: (async function* () { yield exported; })() }], { mode: 'replace' });
    expect(reimport.ok).toBe(true); // no reference left dangling
    expect(await importGraphObject(want, { mode: 'replace' })).toMatchObject({ ok: true });
    expect(records(await exportedText())).toEqual(records(exported));
    expect(await edgeCounts()).toEqual(afterRemoval);
  });

  it('ignores ids the graph does not hold: nothing written, nobody told', async () => {
    const before = await getGraphMeta();
    let heard = 0;
    const off = onGraphChanged(() => heard++);
    const result = await removeRecords({ accounts: ['a-unknown'], topics: [], interactions: ['ix-unknown'] });
    off();
    expect(result.removed).toEqual({ people: 0, accounts: 0, contacts: 0, topics: 0, interactions: 0 });
    expect(await getGraphMeta()).toEqual(before);
    expect(heard).toBe(0);
  });
});
