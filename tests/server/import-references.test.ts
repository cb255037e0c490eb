/**
 * The service checks references in SQL (server/graph/references.ts) instead of
 * keeping every id in memory: an import large enough to span several batches of
 * staged records and of references still names each broken reference at its
 * first file, line and field (and column, in CSV), with the extension's
 * message, in the extension's order, and changes nothing — in replace and in
 * merge mode (where the live graph may define what a reference names).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../server/graph/ingest';
import { readGraphMeta } from '../../server/graph/meta';
import type { Database } from '../../server/db/database';
import { importGraph } from '../../utils/store/importer';
import type { ImportFile } from '../../utils/graph/import/types';
import { driver, testDatabase } from './support';

const HEADER = '{"format":"kenner-graph","version":1}';

function file(name: string, lines: string[]): ImportFile {
  const body = lines.join('\n');
  async function* chunks() {
    // 64 KB chunks: lines across chunks, many parser batches.
    for (let k = 0; k < body.length; k += 1 << 16) yield body.slice(k, k + (1 << 16));
  }
  return { name, chunks: chunks() };
}

/**
 * 300 people, 10 topics, 3,000 accounts, 6,000 contacts and 9,000 interactions (over 9,000
 * distinct ids referenced: more than one batch of references), ids prefixed with `px`.
 */
function graph(px: string): string[] {
  const out: string[] = [];
  for (let k = 0; k < 300; k++) out.push(JSON.stringify({ type: 'person', id: `${px}p-${k}`, name: `Person ${k}`, email: `${px}p${k}@corp.example` }));
  for (let k = 0; k < 10; k++) out.push(JSON.stringify({ type: 'topic', id: `${px}t-${k}`, label: `Topic ${px}${k}` }));
  for (let k = 0; k < 3000; k++) out.push(JSON.stringify({ type: 'account', id: `${px}a-${k}`, name: `Account ${px}${k}` }));
  for (let k = 0; k < 6000; k++) out.push(JSON.stringify({ type: 'contact', id: `${px}c-${k}`, name: `Contact ${k}`, accountId: `${px}a-${k % 3000}` }));
  for (let k = 0; k < 9000; k++) {
    const target = k % 2 ? { contactId: `${px}c-${k % 6000}` } : { accountId: `${px}a-${k % 3000}`, topicIds: [`${px}t-${k % 10}`] };
    out.push(JSON.stringify({ type: 'interaction', id: `${px}i-${k}`, personId: `${px}p-${k % 300}`, kind: 'meeting', date: '2025-03-01', ...target }));
  }
  return out;
}

const interaction = (o: Record<string, unknown>) => JSON.stringify({ type: 'interaction', kind: 'email', date: '2025-04-01', ...o });

async function state(d: Database) {
  const r = await sql<{ people: number; accounts: number; contacts: number; interactions: number; evidence: number }>`SELECT
    (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM contacts)::int AS contacts,
    (SELECT count(*) FROM interactions)::int AS interactions, (SELECT count(*) FROM evidence)::int AS evidence`.execute(d.db);
  const stale = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class WHERE left(relname, 6) = 'stage_'`.execute(d.db);
  return { ...r.rows[0], revision: (await readGraphMeta(d.db))?.revision, staging: stale.rows[0].n };
}

describe(`server import: references checked in SQL (${driver})`, () => {
  let d: Database;
  beforeAll(async () => {
    d = await testDatabase();
    const r = await importFiles(d.db, [file('base.ndjson', [HEADER, ...graph('')])]);
    expect(r.errors).toBeUndefined();
  });
  afterAll(async () => {
    await d?.close();
  });

  it('replace: broken references deep in a large import are named (file, line, field, column) as the extension names them; nothing changes', async () => {
    const before = await state(d);
    const body = [HEADER, ...graph('n')];
    // Line numbers below are 1-based file lines; the header is line 1.
    const at = (line: number, text: string) => body.splice(line - 1, 0, text);
    // A reference to an account defined only at the end of the file: not an error.
    at(400, interaction({ personId: 'np-1', accountId: 'na-late' }));
    at(5000, JSON.stringify({ type: 'person', id: 'np-x', name: 'Manager Missing', managerId: 'np-ghost' }));
    at(9000, JSON.stringify({ type: 'contact', id: 'nc-x', name: 'Lost Contact', accountId: 'na-gone' }));
    at(12000, interaction({ personId: 'np-2', accountId: 'na-missing' }));
    at(12500, interaction({ personId: 'np-3', accountId: 'na-missing' })); // the same id again: named once, at its first place
    at(15000, interaction({ personId: 'np-ghost2', accountId: 'na-ghost2' })); // two on one line, in field order
    at(17000, interaction({ personId: 'np-4', accountId: 'na-1', topicIds: ['nt-1', 'nt-nope'] }));
    body.push(JSON.stringify({ type: 'account', id: 'na-late', name: 'Late Account' }));
    const csv = ['id;name;accountId', 'nc-y;Csv Contact;na-1', 'nc-z;Csv Lost;na-csv-gone'].join('\n');
    const files = () => [file('big.ndjson', body), file('contacts.csv', [csv])];

    const r = await importFiles(d.db, files());
    expect(r.ok).toBe(false);
    expect(r.errors?.map((e) => [e.file, e.line, e.field, e.code, e.column])).toEqual([
      ['big.ndjson', 5000, 'managerId', 'unknown-person', undefined],
      ['big.ndjson', 9000, 'accountId', 'unknown-account', undefined],
      ['big.ndjson', 12000, 'accountId', 'unknown-account', undefined],
      ['big.ndjson', 15000, 'personId', 'unknown-person', undefined],
      ['big.ndjson', 15000, 'accountId', 'unknown-account', undefined],
      ['big.ndjson', 17000, 'topicIds', 'unknown-topic', undefined],
      ['contacts.csv', 3, 'accountId', 'unknown-account', 3],
    ]);
    const local = await importGraph(files());
    expect(r.errors?.map((e) => e.message)).toEqual(local.errors?.map((e) => e.message));
    expect(await state(d)).toEqual(before);
  });

  it('merge: references may name the live graph; broken ones are named as the extension names them, also after an earlier error; nothing changes', async () => {
    const base = () => [file('base.ndjson', [HEADER, ...graph('')])];
    const before = await state(d);
    const body = [
      HEADER,
      interaction({ personId: 'p-1', accountId: 'a-1', date: 'yesterday' }), // line 2: invalid date, before everything else
      ...graph('m'),
      interaction({ personId: 'p-7', accountId: 'a-9', contactId: 'c-11' }), // live ids: fine
      interaction({ personId: 'mp-1', accountId: 'm-after' }), // defined after the first error, below: fine
      JSON.stringify({ type: 'account', id: 'm-after', name: 'After The Error' }),
      interaction({ personId: 'p-2', accountId: 'a-ghost1' }),
      interaction({ personId: 'p-ghost', accountId: 'a-ghost2' }),
      JSON.stringify({ type: 'contact', id: 'mc-x', name: 'Lost Contact', accountId: 'a-ghost1' }),
      interaction({ personId: 'p-3', contactId: 'c-ghost', topicIds: ['t-1', 'mt-2', 't-ghost'] }),
    ];
    const n = body.length;
    const r = await importFiles(d.db, [file('merge.ndjson', body)], { mode: 'merge' });
    expect(r.ok).toBe(false);
    expect(r.errors?.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, 'date', 'invalid-date'],
      [n - 3, 'accountId', 'unknown-account'],
      [n - 2, 'personId', 'unknown-person'],
      [n - 2, 'accountId', 'unknown-account'],
      [n, 'contactId', 'unknown-contact'],
      [n, 'topicIds', 'unknown-topic'],
    ]);
    expect(await state(d)).toEqual(before);
    // The extension, merging the same file into the same graph, says the same.
    expect((await importGraph(base())).ok).toBe(true);
    const local = await importGraph([file('merge.ndjson', body)], { mode: 'merge' });
    expect(r.errors?.map((e) => e.message)).toEqual(local.errors?.map((e) => e.message));
  });

  it('merge without errors: references to the live graph and to the file resolve', async () => {
    const body = [HEADER, JSON.stringify({ type: 'account', id: 'a-new', name: 'New Account' }), interaction({ personId: 'p-7', accountId: 'a-new', contactId: 'c-11' })];
    const r = await importFiles(d.db, [file('ok.ndjson', body)], { mode: 'merge' });
    expect(r.errors).toBeUndefined();
    expect(r.counts).toMatchObject({ people: 300, accounts: 3001, contacts: 6000, interactions: 9001 });
    expect((await state(d)).staging).toBe(0);
  });
});
