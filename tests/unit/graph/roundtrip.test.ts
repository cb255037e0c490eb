import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearGraph, forEachInteraction, getGraphMeta, liveTables } from '../../../utils/store/db';
import { exportGraph } from '../../../utils/store/export';
import { importGraph, importGraphObject } from '../../../utils/store/importer';
import { fromStoredAccount, fromStoredContact, fromStoredTopic } from '../../../utils/store/keys';
import { INTERACTION_KINDS, TOPIC_KINDS, type Graph, type Interaction } from '../../../utils/graph/model';

/** Graphs whose values are already in the store's normal form (so equality is exact). */
const graphArb: fc.Arbitrary<Graph> = fc
  .record({
    people: fc.uniqueArray(fc.stringMatching(/^p-[a-z0-9]{1,6}$/), { minLength: 1, maxLength: 6 }),
    accounts: fc.uniqueArray(fc.stringMatching(/^a-[a-z0-9]{1,6}$/), { maxLength: 5 }),
    contacts: fc.uniqueArray(fc.stringMatching(/^c-[a-z0-9]{1,6}$/), { maxLength: 4 }),
    topics: fc.uniqueArray(fc.stringMatching(/^t-[a-z0-9]{1,6}$/), { maxLength: 4 }),
  })
  .chain(({ people, accounts, contacts, topics }) => {
    // List entries are trimmed on import ("a | b"), so generated names carry no outer spaces.
    const name = fc
      .string({ minLength: 1, maxLength: 20 })
      .map((s) => s.trim())
      .filter((s) => s !== '' && !s.includes('|'));
    const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    const pick = (ids: string[]) => (ids.length ? opt(fc.constantFrom(...ids)) : fc.constant(undefined));
    const subset = (ids: string[]) => (ids.length ? opt(fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1 })) : fc.constant(undefined));
    const domain = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]\.(de|com|co\.uk|nl)$/);
    const person = (id: string) =>
      fc.record(
        {
          id: fc.constant(id),
          name,
          email: opt(fc.constant(`${id}@company.example`)),
          country: opt(fc.constantFrom('DE', 'NL', 'DK', 'SE', 'GB')),
          languages: opt(fc.uniqueArray(fc.constantFrom('en', 'de', 'nl', 'da', 'sv'), { minLength: 1 })),
          managerId: pick(people),
          skills: subset(topics),
          chat: opt(fc.record({ teams: fc.constant(`${id}@company.example`) })),
          discoverable: opt(fc.boolean()),
        },
        { requiredKeys: ['id', 'name'] },
      );
    const account = (id: string) =>
      fc.record(
        {
          id: fc.constant(id),
          name,
          aliases: opt(fc.uniqueArray(name, { minLength: 1, maxLength: 3 })),
          domains: opt(fc.uniqueArray(domain, { minLength: 1, maxLength: 2 })),
          ownerId: pick(people),
          // (an empty object is not kept: the store leaves empty nested objects out)
          externalIds: opt(
            fc
              .record({ salesforce: fc.stringMatching(/^001[A-Za-z0-9]{15}$/), hubspot: fc.stringMatching(/^[0-9]{3,9}$/) }, { requiredKeys: [] })
              .filter((o) => Object.keys(o).length > 0),
          ),
          url: opt(fc.constant(`https://crm.example/${id}`)),
        },
        { requiredKeys: ['id', 'name'] },
      );
    const contact = (id: string) =>
      fc.record({ id: fc.constant(id), name, email: opt(fc.constant(`${id}@customer.example`)), accountId: pick(accounts), title: opt(name) }, { requiredKeys: ['id', 'name'] });
    const topic = (id: string) =>
      fc.record({ id: fc.constant(id), label: name, aliases: opt(fc.uniqueArray(name, { minLength: 1, maxLength: 3 })), kind: opt(fc.constantFrom(...TOPIC_KINDS)) }, { requiredKeys: ['id', 'label'] });
    const hasTarget = accounts.length + contacts.length + topics.length > 0;
    const interaction: fc.Arbitrary<Interaction> = fc
      .record(
        {
          id: opt(fc.stringMatching(/^i-[a-z0-9]{1,4}$/)),
          personId: fc.constantFrom(...people),
          kind: fc.constantFrom(...INTERACTION_KINDS),
          date: fc.date({ min: new Date('2015-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
          accountId: pick(accounts),
          contactId: pick(contacts),
          topicIds: subset(topics),
          direction: opt(fc.constantFrom<'inbound' | 'outbound' | 'both'>('inbound', 'outbound', 'both')),
          count: opt(fc.integer({ min: 1, max: 50 })),
          title: opt(name),
        },
        { requiredKeys: ['personId', 'kind', 'date'] },
      )
      .filter((i) => Boolean(i.accountId || i.contactId || i.topicIds));
    return fc.record({
      people: fc.tuple(...people.map(person)),
      accounts: accounts.length ? fc.tuple(...accounts.map(account)) : fc.constant([]),
      contacts: contacts.length ? fc.tuple(...contacts.map(contact)) : fc.constant([]),
      topics: topics.length ? fc.tuple(...topics.map(topic)) : fc.constant([]),
      interactions: hasTarget ? fc.uniqueArray(interaction, { maxLength: 15, selector: (i) => i.id ?? Math.random() }) : fc.constant([]),
    });
  });

/** JSON with sorted keys: the order records are listed in must not depend on their key order. */
const canon = (v: unknown): string =>
  JSON.stringify(v, (_k: string, x: unknown): unknown => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

async function allInteractions(): Promise<Interaction[]> {
  const out: Interaction[] = [];
  await forEachInteraction((items) => void out.push(...items));
  return out;
}

async function storeContent() {
  const t = await liveTables();
  const sort = <T extends { id?: string }>(l: T[]) => [...l].sort((a, b) => canon(a).localeCompare(canon(b)));
  return {
    people: sort(await t.people.toArray()),
    accounts: sort((await t.accounts.toArray()).map(fromStoredAccount)),
    contacts: sort((await t.contacts.toArray()).map(fromStoredContact)),
    topics: sort((await t.topics.toArray()).map(fromStoredTopic)),
    interactions: sort(await allInteractions()),
    edges: (await t.edges.toArray()).map((e) => e.entityId).sort(),
  };
}

async function exportText(): Promise<string> {
  let s = '';
  for await (const line of exportGraph()) s += line;
  return s;
}

describe('import(export(graph)) preserves the graph', () => {
  it('holds for arbitrary graphs, through the in-memory and the NDJSON importer', async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, async (g) => {
        await clearGraph();
        g = JSON.parse(JSON.stringify(g)) as Graph; // no undefined-valued keys
        const first = await importGraphObject(g);
        expect(first.ok, JSON.stringify(first.errors)).toBe(true);
        const stored = await storeContent();
        const sort = <T>(l: T[]) => [...l].sort((a, b) => canon(a).localeCompare(canon(b)));
        // The store holds exactly the graph that was imported.
        expect(stored.people).toEqual(sort(g.people));
        expect(stored.accounts).toEqual(sort(g.accounts));
        expect(stored.interactions).toEqual(sort(g.interactions));
        const text = await exportText();
        await clearGraph();
        const second = await importGraph([{ name: 'export.ndjson', chunks: (async function* () { for (let i = 0; i < text.length; i += 101) yield text.slice(i, i + 101); })() }]);
        expect(second.ok, JSON.stringify(second.errors)).toBe(true);
        expect(second.counts).toEqual(first.counts);
        expect(await storeContent()).toEqual(stored);
        expect((await getGraphMeta())?.counts).toEqual(first.counts);
      }),
      { numRuns: 20, endOnFailure: true },
    );
  }, 120_000);
});
