/**
 * Schema 4: a contact's evidence lives inside its account's edges record
 * (store.design.md, "Contacts in their account's record"). Import, merge (a
 * contact moving between accounts, to none and back), removal of accounts and
 * contacts, and the rank read of a contact page keep the store consistent and
 * the answers those of the previous formula over the same store.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import type { Contact, Graph, Interaction, InteractionKind } from '../../../utils/graph/model';
import { EdgeAccumulator, type EntityEdges } from '../../../utils/ranking/aggregate';
import { contactColumns, isNestedEdges, PACK_MIN, setPackMin, unfoldRecords, type EdgeColumns } from '../../../utils/ranking/columns';
import { createLocalSource } from '../../../utils/sources/local';
import { clearGraph, forEachInteraction, getEdges, liveTables } from '../../../utils/store/db';
import { importGraph, importGraphObject } from '../../../utils/store/importer';
import { readRankInputs } from '../../../utils/store/rank-read';
import { removeRecords } from '../../../utils/store/remove';
import type { DetectedEntity } from '../../../utils/spotting/types';
import { rankEntities as oracleRank } from '../ranking/oracle-rank';
import { storeData } from '../ranking/store-data';
import { textFile, toNdjson } from './helpers';

const NOW = Date.parse('2026-11-01T10:30:00Z');

/** The threshold the layout is checked against (setPackMin). */
let packMin = PACK_MIN;

/** What is wrong with the stored layout: a contact with an account has no record, an account's record carries exactly its live contacts with evidence, in id order. */
async function layoutProblems(): Promise<string[]> {
  const t = await liveTables();
  const contacts = new Map((await t.contacts.toArray()).map((c) => [c.id, c]));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of await t.edges.toArray()) {
    if (isNestedEdges(r)) problems.push(`${r.entityId}: nested`);
    if (r.entityKind === 'contact' && contacts.get(r.entityId)?.accountId !== undefined) problems.push(`${r.entityId}: own record, but has an account`);
    const ids = contactColumns(r).map((c) => c.entityId);
    if ((r.contacts || r.pack) && r.entityKind !== 'account') problems.push(`${r.entityId}: contacts in a ${r.entityKind}'s record`);
    if (r.contacts && !ids.length) problems.push(`${r.entityId}: empty contacts list`);
    // Packed (contact-pack.ts, ContactPack) exactly above the threshold.
    if (r.contacts && r.pack) problems.push(`${r.entityId}: contacts both listed and packed`);
    if (!!r.pack !== ids.length > packMin) problems.push(`${r.entityId}: ${ids.length} contacts ${r.pack ? '' : 'not '}packed`);
    if (ids.join() !== [...ids].sort().join()) problems.push(`${r.entityId}: contacts not in id order`);
    if (!unfoldRecords([r]).length) problems.push(`${r.entityId}: record without evidence`);
    // Every stored array's buffer is its own, of its size (a view into a pack would have taken the pack along).
    const sized = (c: EdgeColumns, people: number) => c.kind.buffer.byteLength === c.kind.length * 37 + (people + 1) * 4;
    if (!isNestedEdges(r) && !sized(r, r.people.length)) problems.push(`${r.entityId}: a buffer of ${r.kind.buffer.byteLength} bytes`);
    for (const c of r.contacts ?? []) if (!isNestedEdges(c) && !sized(c, c.people.length)) problems.push(`${c.entityId}: a buffer of ${c.kind.buffer.byteLength} bytes in ${r.entityId}'s record`);
    if (r.pack && !sized({ ...r.pack, entityId: '', entityKind: 'contact', refTime: 0 }, r.pack.people.length + r.pack.ids.length - 1)) problems.push(`${r.entityId}: a pack's buffer of ${r.pack.kind.buffer.byteLength} bytes`);
    for (const id of ids) {
      if (contacts.get(id)?.accountId !== r.entityId) problems.push(`${id}: in ${r.entityId}'s record, account ${contacts.get(id)?.accountId}`);
      if (seen.has(id)) problems.push(`${id}: twice`);
      seen.add(id);
    }
  }
  return problems;
}

async function liveInteractions(): Promise<Interaction[]> {
  const out: Interaction[] = [];
  await forEachInteraction((items) => void out.push(...items));
  return out;
}

/** Every stored part, as nested records, equal to the evidence aggregated afresh (counts exactly; sums brought to one reference time). */
async function expectEvidenceOfLiveInteractions(): Promise<void> {
  const stored = unfoldRecords(await (await liveTables()).edges.toArray());
  const ref = stored[0]?.refTime ?? NOW;
  const expected = new EdgeAccumulator(ref).addAll(await liveInteractions()).records();
  const byId = (l: EntityEdges[]) => new Map(l.map((e) => [e.entityId, e]));
  const a = byId(stored);
  expect(stored).toHaveLength(a.size);
  expect([...a.keys()].sort()).toEqual(expected.map((e) => e.entityId).sort());
  for (const exp of expected) {
    const act = a.get(exp.entityId)!;
    expect(act.entityKind).toBe(exp.entityKind);
    expect(Object.keys(act.people).sort()).toEqual(Object.keys(exp.people).sort());
    const k1 = Math.exp(-(ref - act.refTime) / (365.25 * 24 * 3600 * 1000));
    for (const [pid, kinds] of Object.entries(exp.people)) {
      for (const [kind, s] of Object.entries(kinds)) {
        const got = act.people[pid][kind as InteractionKind]!;
        expect([got.n, got.last, got.oneWay]).toEqual([s.n, s.last, s.oneWay]);
        expect(Math.abs(got.s1 * k1 - s.s1) / Math.max(1, s.s1)).toBeLessThan(1e-6);
      }
    }
  }
}

const contactOf = (id: string): Contact => STORY.contacts.find((c) => c.id === id)!;
const merge = (g: Partial<Graph>) => importGraph([textFile('m.ndjson', toNdjson({ people: [], accounts: [], contacts: [], topics: [], interactions: [], ...g }), 4096)], { mode: 'merge' });
const account = (id: string): DetectedEntity => ({ kind: 'account', id, name: id, via: 'record', count: 1 });
const contact = (id: string): DetectedEntity => ({ kind: 'contact', id, name: id, via: 'email', count: 1 });

async function expectRanksAsOracle(entities: DetectedEntity[]): Promise<void> {
  const expected = await oracleRank(storeData, entities, { now: NOW, evidenceCache: new Map() });
  expect((await createLocalSource().rank(entities, { now: NOW })).suggestions).toEqual(expected);
}

describe("contacts' evidence in their account's record", () => {
  beforeEach(() => clearGraph());

  it('replace: accounts carry their contacts (id order); a contact without an account keeps a record; every part equals the accumulator', async () => {
    const lone = { id: 'c-lone', name: 'Lone Wolf', email: 'lone@example.org' };
    const extra: Interaction = { personId: 'p-sofie', contactId: 'c-lone', kind: 'meeting', date: '2026-05-01' };
    const r = await importGraph([textFile('g.json', JSON.stringify({ format: 'kenner-graph', version: 1, ...STORY, contacts: [...STORY.contacts, lone], interactions: [...STORY.interactions, extra] }), 997)]);
    expect(r.ok, JSON.stringify(r.errors)).toBe(true);
    expect(await layoutProblems()).toEqual([]);
    const t = await liveTables();
    const nordlicht = await t.edges.get('a-nordlicht');
    expect(nordlicht?.contacts?.map((c) => c.entityId)).toEqual(['c-ahlers', 'c-krause']);
    expect(await t.edges.get('c-ahlers')).toBeUndefined();
    expect((await t.edges.get('c-lone'))?.entityKind).toBe('contact');
    const stored = unfoldRecords(await t.edges.toArray());
    const expected = new EdgeAccumulator(stored[0].refTime).addAll([...STORY.interactions, extra]).records();
    const sort = (l: EntityEdges[]) => [...l].sort((a, b) => a.entityId.localeCompare(b.entityId));
    expect(sort(stored)).toEqual(sort(expected));
    // The query API finds a contact's evidence in its account's record.
    expect(await getEdges(['c-krause', 'c-lone', 'a-nordlicht'])).toEqual(['c-krause', 'c-lone', 'a-nordlicht'].map((id) => expected.find((e) => e.entityId === id)));
  });

  it("merge: a contact moving to another account takes its evidence along, bit for bit; to no account and back", async () => {
    await importGraphObject(STORY);
    const [before] = await getEdges(['c-ahlers']);
    expect(before).toBeDefined();
    expect((await merge({ contacts: [{ ...contactOf('c-ahlers'), accountId: 'a-havbryggen' }] })).ok).toBe(true);
    expect(await layoutProblems()).toEqual([]);
    const t = await liveTables();
    expect((await t.edges.get('a-nordlicht'))?.contacts?.map((c) => c.entityId)).toEqual(['c-krause']);
    expect((await t.edges.get('a-havbryggen'))?.contacts?.map((c) => c.entityId)).toEqual(['c-ahlers', 'c-hansen']);
    expect(await getEdges(['c-ahlers'])).toEqual([before]);
    await expectRanksAsOracle([account('a-havbryggen'), account('a-nordlicht'), contact('c-ahlers')]);

    const { accountId: _a, ...alone } = contactOf('c-ahlers');
    expect((await merge({ contacts: [alone] })).ok).toBe(true);
    expect(await layoutProblems()).toEqual([]);
    expect((await t.edges.get('c-ahlers'))?.entityKind).toBe('contact');
    expect(await getEdges(['c-ahlers'])).toEqual([before]);

    // Back to an account, with a new interaction: recomputed, and in the account's record.
    const more: Interaction = { id: 'x-1', personId: 'p-lars', contactId: 'c-ahlers', kind: 'call', date: '2026-10-20' };
    expect((await merge({ contacts: [contactOf('c-ahlers')], interactions: [more] })).ok).toBe(true);
    expect(await layoutProblems()).toEqual([]);
    expect(await t.edges.get('c-ahlers')).toBeUndefined();
    expect((await getEdges(['c-ahlers']))[0].people['p-lars']?.call?.n).toBe(1);
    await expectEvidenceOfLiveInteractions();
    await expectRanksAsOracle([account('a-nordlicht'), account('a-havbryggen'), contact('c-ahlers'), contact('c-hansen')]);
  });

  it("removal: a removed account's contacts keep their evidence in records of their own; a removed contact leaves its account's record", async () => {
    await importGraphObject(STORY);
    const before = await getEdges(['c-ahlers', 'c-krause']);
    await removeRecords({ accounts: ['a-nordlicht'] });
    expect(await layoutProblems()).toEqual([]);
    expect(await getEdges(['a-nordlicht'])).toEqual([]);
    // Their interactions lost the account, so they were re-aggregated: the same counts.
    const after = await getEdges(['c-ahlers', 'c-krause']);
    expect(after.map((e) => Object.keys(e.people))).toEqual(before.map((e) => Object.keys(e.people)));
    await removeRecords({ contacts: ['c-hansen'] });
    expect(await layoutProblems()).toEqual([]);
    expect(await getEdges(['c-hansen'])).toEqual([]);
    expect((await (await liveTables()).edges.get('a-havbryggen'))?.contacts).toBeUndefined();
    await expectEvidenceOfLiveInteractions();
    await expectRanksAsOracle([account('a-havbryggen'), contact('c-ahlers'), contact('c-krause')]);
  });

  it("a contact page reads the contact's evidence from its account's record, in one transaction", async () => {
    await importGraphObject(STORY);
    const local = createLocalSource();
    const entities = [contact('c-weber'), contact('c-hansen')];
    const expected = await oracleRank(storeData, entities, { now: NOW, evidenceCache: new Map() });
    expect(expected.length).toBeGreaterThan(0);
    expect((await local.rank(entities, { now: NOW })).suggestions).toEqual(expected);
    expect(local.stats.transactions).toBe(1);
    // The two accounts' records (no record of the contacts' own).
    expect(local.stats.recordsRead).toBe(2);
  });

  it("a page contact of a packed account is read out of the pack: its columns hold buffers of their own, the pack's other contacts are not made", async () => {
    setPackMin(0);
    try {
      await importGraphObject(STORY);
      const t = await liveTables();
      const nordlicht = (await t.edges.get('a-nordlicht'))!;
      expect(nordlicht.pack?.ids).toEqual(['c-ahlers', 'c-krause']);
      // The page: a contact of a packed account, and (as an account page) another packed account with one of its contacts.
      const read = await readRankInputs(['c-krause', 'a-havbryggen', 'c-hansen'], ['a-havbryggen'], []);
      // Nordlicht's record was read for c-krause: its other contact (c-ahlers) is not made; Havbryggen's are (an account page).
      expect(read.edges.has('c-krause')).toBe(true);
      expect(read.edges.has('c-ahlers')).toBe(false);
      expect(read.contactsOf.get('a-havbryggen')).toContain('c-hansen');
      for (const id of read.contactsOf.get('a-havbryggen')!) expect(read.edges.has(id)).toBe(true);
      for (const id of ['c-krause', 'c-hansen']) {
        const c = read.edges.get(id)!;
        expect(c.kind.buffer.byteLength, id).toBe(c.kind.length * 37 + (c.people.length + 1) * 4);
      }
      await expectRanksAsOracle([contact('c-krause'), account('a-havbryggen'), contact('c-hansen')]);
    } finally {
      setPackMin(PACK_MIN);
    }
  });
});

/**
 * A small random graph: contacts with or without an account, interactions on any targets; sometimes the
 * first contact listed twice (the later record wins: another account, or none) and the last interaction
 * given the first one's id (the import drops duplicate interaction ids and aggregates again).
 */
const graphArb = fc
  .record({
    contactAccounts: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), { minLength: 1, maxLength: 6 }),
    twice: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    dupId: fc.boolean(),
    interactions: fc.array(
      fc.record({
        p: fc.integer({ min: 0, max: 3 }),
        a: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        c: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
        t: fc.boolean(),
        kind: fc.constantFrom<InteractionKind>('meeting', 'email', 'call', 'deal-won'),
        day: fc.integer({ min: 1, max: 28 }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
  })
  .map(({ contactAccounts, twice, dupId, interactions }): Graph => {
    const contacts: Contact[] = contactAccounts.map((a, i) => ({ id: `c-${i}`, name: `Contact ${i}`, ...(a === undefined ? {} : { accountId: `a-${a}` }) }));
    const listed = twice === undefined ? contacts : [...contacts, { id: 'c-0', name: 'Contact 0 again', ...(twice === 4 ? {} : { accountId: `a-${twice}` }) }];
    const graph: Graph = {
      people: [0, 1, 2, 3].map((i) => ({ id: `p-${i}`, name: `Person ${i}` })),
      accounts: [0, 1, 2, 3].map((i) => ({ id: `a-${i}`, name: `Account ${i}` })),
      contacts: listed,
      topics: [{ id: 't-0', label: 'Topic' }],
      interactions: interactions.flatMap((x, k): Interaction[] => {
        const i: Interaction = { id: `i-${k}`, personId: `p-${x.p}`, kind: x.kind, date: `2025-0${1 + (k % 9)}-${String(x.day).padStart(2, '0')}` };
        if (x.a !== undefined) i.accountId = `a-${x.a}`;
        if (x.c !== undefined && x.c < contacts.length) i.contactId = `c-${x.c}`;
        if (x.t) i.topicIds = ['t-0'];
        return i.accountId || i.contactId || i.topicIds ? [i] : [];
      }),
    };
    const n = graph.interactions.length;
    if (dupId && n >= 2) graph.interactions[n - 1].id = graph.interactions[0].id;
    return graph;
  });

type Op = { merge: Array<[number, number | undefined]>; extra: boolean } | { removeAccount: number } | { removeContact: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ merge: fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined })), { minLength: 1, maxLength: 3 }), extra: fc.boolean() }),
  fc.record({ removeAccount: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ removeContact: fc.integer({ min: 0, max: 5 }) }),
);

// With the threshold as shipped (no account of these small graphs packs) and at 0 (every account with contacts packs).
describe.each([PACK_MIN, 0])("contacts' evidence in their account's record (property), packed above %i contacts", (threshold) => {
  beforeAll(() => {
    packMin = threshold;
    setPackMin(threshold);
  });
  afterAll(() => {
    packMin = PACK_MIN;
    setPackMin(PACK_MIN);
  });
  it('after any import, merges that move contacts and removals: the layout holds, the evidence is that of the live interactions, the ranking that of the formula', async () => {
    await fc.assert(
      fc.asyncProperty(graphArb, fc.array(opArb, { minLength: 1, maxLength: 4 }), async (g, ops) => {
        await clearGraph();
        expect((await importGraphObject(g)).ok).toBe(true);
        for (const op of ops) {
          const t = await liveTables();
          if ('merge' in op) {
            const contacts: Contact[] = [];
            for (const [c, a] of op.merge) {
              const held = await t.contacts.get(`c-${c}`);
              if (!held) continue;
              const { nameKeys: _n, accountId: _a, ...rest } = held;
              contacts.push({ ...rest, ...(a === undefined ? {} : { accountId: `a-${a}` }) });
            }
            const accountsHeld = new Set(await t.accounts.toCollection().primaryKeys());
            const live = contacts.filter((c) => !c.accountId || accountsHeld.has(c.accountId));
            const interactions: Interaction[] = op.extra && live.length ? [{ personId: 'p-0', contactId: live[0].id, kind: 'call', date: '2025-06-01' }] : [];
            if (!live.length) continue;
            const r = await merge({ contacts: live, interactions });
            expect(r.ok, JSON.stringify(r.errors)).toBe(true);
          } else if ('removeAccount' in op) await removeRecords({ accounts: [`a-${op.removeAccount}`] });
          else await removeRecords({ contacts: [`c-${op.removeContact}`] });
          expect(await layoutProblems()).toEqual([]);
          await expectEvidenceOfLiveInteractions();
        }
        const t = await liveTables();
        const page = [...(await t.accounts.toCollection().primaryKeys()).map(account), ...(await t.contacts.toCollection().primaryKeys()).map(contact)];
        if (page.length) await expectRanksAsOracle(page.slice(0, 8));
      }),
      { numRuns: 40 },
    );
  });
});
