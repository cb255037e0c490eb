/**
 * The whole sync into the service (server/sync/pipeline.ts, write.ts, and the
 * import's merge with deletions, server/graph/commit.ts): three test-only
 * connectors over fake APIs tell the Havbryggen story; the first sync builds
 * the graph; a second one after a changed record, a deleted record and an
 * unchanged rest revises only those (dictionary revisions, evidence rows,
 * interactions), and leaves the same graph as a full import of the result.
 * Records per second and requests per source are printed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { importFiles, recordsInput } from '../../server/graph/ingest';
import { readGraphMeta } from '../../server/graph/meta';
import { rankForViewer } from '../../server/graph/rank';
import { runLine, syncAll, type SyncSetup } from '../../server/sync/pipeline';
import { parseConnectorsFile } from '../../server/sync/policy';
import { graphRecords } from '../../server/sync/write';
import { Tenant, tenantConnector } from './sync-tenant';
import { driver, testDatabase } from './support';

const CO = 'kenner-demo.example';
const mail = (l: string) => `${l}@${CO}`;
const NOW = Date.parse('2026-11-01T00:00:00Z');

const sf = new Tenant();
const zd = new Tenant();
const m365 = new Tenant();

function story(): void {
  sf.upsert(
    { type: 'person', record: { id: '005SOR', name: 'Søren Kjærgaard', email: mail('soeren.kjaergaard') } },
    { type: 'person', record: { id: '005LAR', name: 'Lars Møller', email: mail('lars.moller'), title: 'Support Engineer' } },
    { type: 'account', record: { id: '0015g00000HAVBRYAA', name: 'Havbryggen Shipping A/S', domains: ['havbryggen.dk'], ownerId: '005SOR', country: 'DK' } },
    { type: 'account', record: { id: '0015g00000NRDLCHAA', name: 'Nordlicht Logistik GmbH', domains: ['nordlicht-logistik.de'] } },
    { type: 'contact', record: { id: '003MET', name: 'Mette Hansen', email: 'mette.hansen@havbryggen.dk', accountId: '0015g00000HAVBRYAA' } },
    { type: 'interaction', record: { id: 'Account:0015g00000HAVBRYAA:owner', personId: '005SOR', accountId: '0015g00000HAVBRYAA', kind: 'account-owner', date: '2024-01-01' } },
  );
  zd.upsert(
    { type: 'person', record: { id: '9001', name: 'Lars Møller', email: mail('lars.moller') } },
    { type: 'person', record: { id: '9002', name: 'Zoë van den Berg', email: mail('zoe.vandenberg') } },
    { type: 'account', record: { id: '360002', name: 'Havbryggen', externalIds: { salesforce: '0015g00000HAVBRYAA' } } },
    { type: 'account', record: { id: '360007', name: 'Fjordline Tours', domains: ['fjordline.no'] } },
    ...[1, 2, 3].map((k) => ({
      type: 'interaction' as const,
      record: { id: `ticket:4810${k}:solved`, personId: '9001', accountId: '360002', kind: 'case-resolved' as const, date: `2026-0${4 + k}-10`, terms: [{ field: 'tag', value: 'edi' }] },
    })),
    ...[1, 2, 3, 4, 5, 6].map((k) => ({
      type: 'interaction' as const,
      record: { id: `ticket:4820${k}:solved`, personId: '9002', accountId: '360007', kind: 'case-resolved' as const, date: `2026-0${1 + k}-20`, terms: [{ field: 'tag', value: 'edi' }] },
    })),
  );
  m365.upsert(
    { type: 'person', record: { id: 'u-lars', name: 'Lars Møller', email: mail('lars.moller') } },
    { type: 'interaction', record: { id: 'event:AAMk1', personId: 'u-lars', kind: 'meeting', date: '2026-09-15', externalEmails: ['mette.hansen@havbryggen.dk'] } },
    { type: 'interaction', record: { id: 'event:AAMk2', personId: 'u-lars', kind: 'meeting', date: '2026-10-02', externalEmails: ['ole.berg@havbryggen.dk'] } },
  );
}

let database: Database;
let setup: SyncSetup;
beforeAll(async () => {
  story();
  await Promise.all([sf.start(), zd.start(), m365.start()]);
  database = await testDatabase();
  setup = {
    file: parseConnectorsFile({
      companyDomains: [CO],
      sources: [
        { connector: 'salesforce', settings: { baseUrl: sf.url, pageSize: 3 } },
        { connector: 'zendesk', settings: { baseUrl: zd.url, pageSize: 4 } },
        { connector: 'microsoft365', settings: { baseUrl: m365.url } },
      ],
    }),
    vocabulary: { topics: [{ id: 't-edi', label: 'EDI integration', kind: 'technology', aliases: { de: ['EDI-Anbindung'] }, terms: [{ field: 'tag', value: 'edi' }] }] },
    connectors: [tenantConnector('salesforce'), tenantConnector('zendesk'), tenantConnector('microsoft365', 730)],
  };
}, 60_000);
afterAll(async () => {
  await Promise.all([sf.close(), zd.close(), m365.close()]);
  await database?.close();
});

type Snapshot = { dict: Map<string, string>; evidence: Map<string, string>; interactions: Map<string, string> };
async function snapshot(db: Database['db']): Promise<Snapshot> {
  const d = await sql<{ kind: string; id: string; rev: string; deleted: boolean }>`SELECT kind, id, rev, deleted FROM dictionary`.execute(db);
  const e = await sql<{ entity_id: string; person_id: string; kind: string; n: number; s1: number; last: string; ord: string }>`SELECT * FROM evidence`.execute(db);
  const i = await sql<{ id: string; seq: string }>`SELECT id, seq FROM interactions`.execute(db);
  return {
    dict: new Map(d.rows.map((r) => [`${r.kind}/${r.id}`, `${r.rev}${r.deleted ? ' deleted' : ''}`])),
    evidence: new Map(e.rows.map((r) => [`${r.entity_id}/${r.person_id}/${r.kind}`, `${r.n}/${r.s1}/${r.last}/${r.ord}`])),
    interactions: new Map(i.rows.map((r) => [r.id, r.seq])),
  };
}
const changedKeys = (a: Map<string, string>, b: Map<string, string>) => [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();

describe(`sync into the service (${driver})`, () => {
  let first: Snapshot;

  it('builds the graph in one sync: the Havbryggen EDI ticket suggests Lars first, with the Zendesk cases as reasons', async () => {
    const r = await syncAll(database.db, setup, { now: NOW });
    for (const run of r.runs) console.log(`first sync  ${runLine(run)}`);
    const records = r.runs.reduce((n, x) => n + Object.values(x.counts).reduce((m, c) => m + c.upserts, 0), 0);
    console.log(`first sync  write: ${JSON.stringify(r.write.upserted)} in ${r.write.ms} ms (${Math.round((records / Math.max(1, r.write.ms)) * 1000)} records/s)`);
    expect(r.runs.map((x) => [x.source, x.status, x.stats.requests])).toEqual([
      ['salesforce', 'ok', 2],
      ['zendesk', 'ok', 4],
      ['microsoft365', 'ok', 2],
    ]);
    expect(r.write.ok).toBe(true);
    expect(r.write.upserted).toEqual({ person: 3, account: 3, contact: 2, topic: 1, interaction: 12 });
    const meta = (await readGraphMeta(database.db))!;
    const viewer = { email: mail('soeren.kjaergaard'), personId: `p:${mail('soeren.kjaergaard')}` };
    const ranked = await rankForViewer(
      database.db,
      [
        { kind: 'account', id: 'a:salesforce:0015g00000HAVBRYAA', focal: true },
        { kind: 'topic', id: 't-edi' },
        { kind: 'contact', id: 'c:mette.hansen@havbryggen.dk' },
      ],
      meta.refTime,
      viewer,
      undefined,
      { now: NOW },
    );
    expect(ranked[0].person.id).toBe(`p:${mail('lars.moller')}`);
    // "resolved 3 EDI cases for Havbryggen, last in Jul 2026, Zendesk"
    expect(ranked[0].reasons[0]).toMatchObject({ kind: 'case-resolved', count: 3, entityName: 'Havbryggen Shipping A/S', last: '2026-07-10', source: 'zendesk' });
    expect(ranked[0].reasons.find((x) => x.entityId === 't-edi')).toMatchObject({ kind: 'case-resolved', count: 3, source: 'zendesk' });
    first = await snapshot(database.db);
  });

  it('a second sync with nothing new changes nothing', async () => {
    const before = [sf, zd, m365].map((t) => t.fake.requests.length);
    const r = await syncAll(database.db, setup, { now: NOW });
    // One request per source, counted where they arrive (a kept-alive connection the fake closed meanwhile is retried by the client).
    expect([sf, zd, m365].map((t, k) => t.fake.requests.length - before[k])).toEqual([1, 1, 1]);
    expect(r.write.upserted).toEqual({ person: 0, account: 0, contact: 0, topic: 0, interaction: 0 });
    expect(r.write.deleted).toEqual({ person: 0, account: 0, contact: 0, topic: 0, interaction: 0 });
    expect(await snapshot(database.db)).toEqual(first);
  });

  it('a sync after a changed, a deleted and an unchanged rest revises only those', async () => {
    // Changed: Fjordline's name; a ticket re-solved later. Deleted: one of Zoë's tickets.
    zd.upsert({ type: 'account', record: { id: '360007', name: 'Fjordline Tours AS', domains: ['fjordline.no'] } });
    zd.upsert({ type: 'interaction', record: { id: 'ticket:48203:solved', personId: '9001', accountId: '360002', kind: 'case-resolved', date: '2026-07-20', terms: [{ field: 'tag', value: 'edi' }] } });
    zd.remove('interaction', 'ticket:48206:solved');
    const started = Date.now();
    const r = await syncAll(database.db, setup, { now: NOW });
    for (const run of r.runs) console.log(`second sync ${runLine(run)}`);
    console.log(`second sync write: ${JSON.stringify(r.write.upserted)} written, ${JSON.stringify(r.write.deleted)} deleted, in ${r.write.ms} ms; whole sync ${Date.now() - started} ms`);
    expect(r.runs.map((x) => [x.source, x.counts])).toEqual([
      ['salesforce', {}],
      ['zendesk', { account: { upserts: 1, deletes: 0 }, interaction: { upserts: 1, deletes: 1 } }],
      ['microsoft365', {}],
    ]);
    expect(r.write.upserted).toEqual({ person: 0, account: 1, contact: 0, topic: 0, interaction: 1 });
    expect(r.write.deleted).toEqual({ person: 0, account: 0, contact: 0, topic: 0, interaction: 1 });
    const second = await snapshot(database.db);
    // The dictionary: only the renamed account has a new revision.
    expect(changedKeys(first.dict, second.dict)).toEqual(['account/a:zendesk:360007']);
    // Interactions: the changed one has a new position, the deleted one is gone, no other moved.
    expect(changedKeys(first.interactions, second.interactions)).toEqual(['zendesk:ticket:48203:solved', 'zendesk:ticket:48206:solved']);
    expect(second.interactions.has('zendesk:ticket:48206:solved')).toBe(false);
    // Evidence: only the rows of the entities and colleagues those two interactions touch.
    const lars = `p:${mail('lars.moller')}`;
    const zoe = `p:${mail('zoe.vandenberg')}`;
    expect(changedKeys(first.evidence, second.evidence)).toEqual([
      `a:salesforce:0015g00000HAVBRYAA/${lars}/case-resolved`,
      `a:zendesk:360007/${zoe}/case-resolved`,
      `t-edi/${lars}/case-resolved`,
      `t-edi/${zoe}/case-resolved`,
    ]);
    // And it is the graph a full import of the same records would give (same evidence counts and last dates).
    const fresh = await testDatabase();
    try {
      const live = (await readGraphMeta(database.db))!;
      const imported = await importFiles(fresh.db, [recordsInput('all.ndjson', graphRecords(r.graph))], { refTime: live.refTime });
      expect(imported.ok).toBe(true);
      const strip = (m: Map<string, string>) => new Map([...m].map(([k, v]) => [k, v.split('/').slice(0, 1).concat(v.split('/')[2]).join('/')]));
      expect(strip((await snapshot(fresh.db)).evidence)).toEqual(strip(second.evidence));
      const dictOf = async (db: Database['db']) =>
        (await sql<{ kind: string; id: string; item: string }>`SELECT kind, id, item FROM dictionary WHERE NOT deleted ORDER BY kind, id`.execute(db)).rows.map((x) => [x.kind, x.id, JSON.parse(x.item) as unknown]);
      expect(await dictOf(database.db)).toEqual(await dictOf(fresh.db));
    } finally {
      await fresh.close();
    }
  });

  it('a record deleted at the source becomes a tombstone in the dictionary', async () => {
    zd.remove('account', '360007');
    for (let k = 1; k <= 5; k++) zd.remove('interaction', `ticket:4820${k}:solved`);
    const r = await syncAll(database.db, setup, { now: NOW });
    expect(r.write.deleted).toMatchObject({ account: 1, interaction: 5 });
    const row = await sql<{ deleted: boolean; item: string | null }>`SELECT deleted, item FROM dictionary WHERE kind = 'account' AND id = 'a:zendesk:360007'`.execute(database.db);
    expect(row.rows).toEqual([{ deleted: true, item: null }]);
    const ev = await sql<{ n: number }>`SELECT count(*)::int AS n FROM evidence WHERE entity_id = 'a:zendesk:360007' OR person_id = ${`p:${mail('zoe.vandenberg')}`}`.execute(database.db);
    expect(ev.rows[0].n).toBe(0);
  });
});
