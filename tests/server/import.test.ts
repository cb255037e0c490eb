/**
 * The service's importer (server/graph/ingest.ts) on PGlite, and on
 * PostgreSQL in `npm test`'s server step: streaming, all or nothing, replace
 * and merge, and the extension's own error messages for the same file.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../server/graph/ingest';
import { readGraphMeta } from '../../server/graph/meta';
import { demoInput } from '../../server/graph/sources';
import type { Database } from '../../server/db/database';
import { importGraph } from '../../utils/store/importer';
import type { ImportFile } from '../../utils/graph/import/types';
import { driver, testDatabase } from './support';

const text = (name: string, body: string): ImportFile => ({
  name,
  async *chunks() {
    // Two chunks that split a line: the parser must join them.
    const cut = Math.floor(body.length / 2);
    yield body.slice(0, cut);
    yield body.slice(cut);
  },
}) as unknown as ImportFile;
const file = (name: string, body: string): ImportFile => {
  const f = text(name, body) as unknown as { name: string; chunks: () => AsyncIterable<string> };
  return { name: f.name, chunks: f.chunks() };
};

const HEADER = '{"format":"kenner-graph","version":1}';
const SMALL = [
  HEADER,
  '{"type":"person","id":"p-1","name":"Ada Lind","email":"ada@corp.example"}',
  '{"type":"person","id":"p-2","name":"Bo Ek","email":"bo@corp.example"}',
  '{"type":"topic","id":"t-1","label":"S/4HANA"}',
  '{"type":"account","id":"a-1","name":"Nordlicht Logistik GmbH","domains":["nordlicht.example"]}',
  '{"type":"account","id":"a-2","name":"Havbryggen Shipping A/S"}',
  '{"type":"contact","id":"c-1","name":"Eva Nord","email":"eva@nordlicht.example","accountId":"a-1"}',
  '{"type":"interaction","id":"i-1","personId":"p-1","kind":"deal-won","date":"2025-05-01","accountId":"a-1","topicIds":["t-1"]}',
  '{"type":"interaction","id":"i-2","personId":"p-2","kind":"meeting","date":"2025-06-01","contactId":"c-1"}',
  '{"type":"interaction","id":"i-3","personId":"p-2","kind":"email","date":"2025-06-02","accountId":"a-2","direction":"inbound"}',
].join('\n');

async function counts(d: Database) {
  const r = await sql<{ people: number; accounts: number; evidence: number }>`SELECT (SELECT count(*) FROM people)::int AS people,
    (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM evidence)::int AS evidence`.execute(d.db);
  return r.rows[0];
}

describe(`server import (${driver})`, () => {
  let d: Database;
  beforeAll(async () => {
    d = await testDatabase();
  });
  afterAll(async () => {
    await d?.close();
  });

  it('imports a graph in replace mode and precomputes its evidence', async () => {
    const r = await importFiles(d.db, [file('small.ndjson', SMALL)], { refTime: Date.parse('2026-01-01') });
    expect(r.errors).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.counts).toEqual({ people: 2, accounts: 2, contacts: 1, topics: 1, interactions: 3 });
    // a-1 (deal), t-1 (deal), c-1 (meeting), a-2 (email): one row each.
    const ev = await sql<{ entity_id: string; kind: string; account_id: string | null; one_way: number }>`SELECT entity_id, kind, account_id, one_way FROM evidence ORDER BY entity_id`.execute(d.db);
    expect(ev.rows.map((r) => [r.entity_id, r.kind, r.account_id, r.one_way])).toEqual([
      ['a-1', 'deal-won', null, 0],
      ['a-2', 'email', null, 1],
      ['c-1', 'meeting', 'a-1', 0],
      ['t-1', 'deal-won', null, 0],
    ]);
  });

  it('refuses a file with a broken line, names file, line and field as the extension does, and changes nothing', async () => {
    const before = await counts(d);
    const meta = await readGraphMeta(d.db);
    const broken = [HEADER, '{"type":"person","id":"p-9","name":"Cy"}', '{"type":"interaction","personId":"p-9","kind":"deal-won","date":"yesterday","accountId":"a-1"}',
      '{"type":"interaction","personId":"p-9","kind":"meeting","date":"2025-01-01","accountId":"a-x"}', '{"type":"account","id":"a-9",'].join('\n');
    const r = await importFiles(d.db, [file('broken.ndjson', broken)]);
    expect(r.ok).toBe(false);
    expect(r.errors?.map((e) => [e.file, e.line, e.field, e.code])).toEqual([
      ['broken.ndjson', 3, 'date', 'invalid-date'],
      ['broken.ndjson', 5, undefined, 'bad-json'],
      ['broken.ndjson', 4, 'accountId', 'unknown-account'],
    ]);
    // The extension's importer says the same about the same file.
    const local = await importGraph([file('broken.ndjson', broken)]);
    expect(r.errors?.map((e) => e.message)).toEqual(local.errors?.map((e) => e.message));
    expect(await counts(d)).toEqual(before);
    expect((await readGraphMeta(d.db))?.revision).toBe(meta?.revision);
  });

  it('merges by id: new records are added, an interaction with a known id replaces the stored one, evidence follows', async () => {
    const merge = [
      HEADER,
      '{"type":"account","id":"a-3","name":"Solvik AB"}',
      '{"type":"interaction","id":"i-1","personId":"p-2","kind":"deal-won","date":"2025-05-01","accountId":"a-3"}',
    ].join('\n');
    const r = await importFiles(d.db, [file('merge.ndjson', merge)], { mode: 'merge' });
    expect(r.errors).toBeUndefined();
    expect(r.counts).toMatchObject({ people: 2, accounts: 3, interactions: 3 });
    const ev = await sql<{ entity_id: string; person_id: string }>`SELECT entity_id, person_id FROM evidence WHERE kind = 'deal-won' ORDER BY entity_id`.execute(d.db);
    // i-1 moved from Ada on a-1/t-1 to Bo on a-3: the old evidence is gone with it.
    expect(ev.rows).toEqual([{ entity_id: 'a-3', person_id: 'p-2' }]);
  });

  it('a merge that names an id neither the file nor the graph holds is refused', async () => {
    const r = await importFiles(d.db, [file('m.ndjson', [HEADER, '{"type":"contact","id":"c-2","name":"X Y","accountId":"a-404"}'].join('\n'))], { mode: 'merge' });
    expect(r.errors?.map((e) => [e.line, e.code])).toEqual([[2, 'unknown-account']]);
  });

  it('a replace that drops records leaves tombstones in the dictionary, and a second import of the same graph changes no revision', async () => {
    await importFiles(d.db, [file('small.ndjson', SMALL)]);
    const rev1 = await sql<{ m: string }>`SELECT max(rev)::text AS m FROM dictionary`.execute(d.db);
    await importFiles(d.db, [file('small.ndjson', SMALL)]);
    const rev2 = await sql<{ m: string }>`SELECT max(rev)::text AS m FROM dictionary`.execute(d.db);
    expect(rev2.rows[0].m).toBe(rev1.rows[0].m);
    const without = SMALL.split('\n').filter((l) => !l.includes('"a-2"') && !l.includes('"i-3"')).join('\n');
    const r = await importFiles(d.db, [file('small.ndjson', without)]);
    expect(r.ok).toBe(true);
    const row = await sql<{ deleted: boolean; rev: string }>`SELECT deleted, rev::text AS rev FROM dictionary WHERE kind = 'account' AND id = 'a-2'`.execute(d.db);
    expect(row.rows[0].deleted).toBe(true);
    expect(BigInt(row.rows[0].rev)).toBeGreaterThan(BigInt(rev2.rows[0].m));
  });

  it('a merge leaves the graph as a replace with the merged records would, and revises only what it staged', async () => {
    const live = async () => ({
      evidence: (await sql`SELECT entity_id, person_id, kind, entity_kind, account_id, n, s1, s5, last, one_way FROM evidence ORDER BY 1, 2, 3`.execute(d.db)).rows,
      dictionary: (await sql`SELECT kind, id, item FROM dictionary WHERE NOT deleted ORDER BY korder, id`.execute(d.db)).rows,
    });
    await importFiles(d.db, [file('small.ndjson', SMALL)], { refTime: Date.parse('2026-01-01') });
    const before = await sql<{ m: string }>`SELECT max(rev)::text AS m FROM dictionary`.execute(d.db);
    const changes = [
      '{"type":"person","id":"p-2","name":"Bo Ek","email":"bo@other.example","discoverable":false}',
      '{"type":"account","id":"a-3","name":"Solvik AB"}',
      '{"type":"interaction","id":"i-1","personId":"p-1","kind":"deal-won","date":"2025-05-01","accountId":"a-3","topicIds":["t-1"]}',
      '{"type":"interaction","id":"i-4","personId":"p-1","kind":"meeting","date":"2025-07-01","contactId":"c-1"}',
    ];
    expect((await importFiles(d.db, [file('merge.ndjson', [HEADER, ...changes].join('\n'))], { mode: 'merge' })).ok).toBe(true);
    const revised = await sql<{ kind: string; id: string; deleted: boolean }>`SELECT kind, id, deleted FROM dictionary WHERE rev > ${before.rows[0].m}::bigint ORDER BY kind, id`.execute(d.db);
    expect(revised.rows).toEqual([
      { kind: 'account', id: 'a-3', deleted: false },
      { kind: 'domain', id: 'other.example', deleted: false },
      { kind: 'person', id: 'p-2', deleted: true },
    ]);
    const merged = await live();
    // The same records as one file, later records winning: a replace gives the same evidence and dictionary.
    const whole = SMALL.split('\n').filter((l) => !l.includes('"id":"p-2"') && !l.includes('"id":"i-1"'));
    await importFiles(d.db, [file('whole.ndjson', [...whole, ...changes].join('\n'))], { refTime: Date.parse('2026-01-01') });
    expect(merged).toEqual(await live());
    expect(merged.evidence.length).toBeGreaterThan(4);
  });

  it('the switch leaves every live index in place under its own name, none of the staging names', async () => {
    await importFiles(d.db, [file('small.ndjson', SMALL)]);
    const idx = await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'interactions' ORDER BY 1`.execute(d.db);
    expect(idx.rows.map((r) => r.indexname)).toEqual(['interactions_account_idx', 'interactions_contact_idx', 'interactions_id_idx', 'interactions_pkey', 'interactions_topics_idx']);
    const stale = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class WHERE left(relname, 6) = 'stage_'`.execute(d.db);
    expect(stale.rows[0].n).toBe(0);
  });

  it('imports CSV files (people, accounts with owners given by email, interactions) in any order, as the extension does', async () => {
    const files = [
      file('interactions.csv', 'personId;kind;date;accountId\np-k;meeting;2025-03-01;a-k\n'),
      file('accounts.csv', 'id;name;ownerEmail\na-k;Kvist Trading AB;Kim@Corp.example\n'),
      file('people.csv', 'id;name;email\np-k;Kim Kvist;kim@corp.example\n'),
    ];
    const r = await importFiles(d.db, files);
    expect(r.errors).toBeUndefined();
    expect(r.counts).toEqual({ people: 1, accounts: 1, contacts: 0, topics: 0, interactions: 1 });
    const owner = await sql<{ owner: string }>`SELECT record->>'ownerId' AS owner FROM accounts WHERE id = 'a-k'`.execute(d.db);
    expect(owner.rows[0].owner).toBe('p-k');
  });

  it('imports the demo graph (CSV and JSON paths share the parsers; this is the NDJSON stream)', async () => {
    const r = await importFiles(d.db, [demoInput(0.2)]);
    expect(r.ok).toBe(true);
    expect(r.counts!.interactions).toBeGreaterThan(20_000);
    const ev = await sql<{ n: number }>`SELECT count(*)::int AS n FROM evidence`.execute(d.db);
    expect(ev.rows[0].n).toBeGreaterThan(10_000);
  });
});
