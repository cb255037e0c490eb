import { beforeEach, describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { clearGraph, getAccounts, getAllPeople, getEdges } from '../../../utils/store/db';
import { importGraph, importGraphObject } from '../../../utils/store/importer';
import { MAX_ERRORS } from '../../../utils/graph/import';
import { snapshot, textFile, toCsv, toNdjson } from './helpers';

describe('bad input: a clear message, and nothing lost', () => {
  beforeEach(async () => {
    await clearGraph();
    await importGraphObject(STORY, { source: 'demo' });
  });

  it('names file, line, column and field of a bad value, and leaves every table exactly as it was', async () => {
    const before = await snapshot();
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: `a-${i}`, name: `Account ${i}`, domains: `acc${i}.com` }));
    rows[210].domains = 'ok.com|acme..com'; // data row 211 = line 212
    const r = await importGraph([textFile('accounts.csv', toCsv(rows, ['id', 'name', 'domains']), 997)]);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([
      {
        file: 'accounts.csv',
        line: 212,
        column: 3,
        field: 'domains',
        code: 'invalid-domain',
        params: { field: 'domains', value: 'acme..com' },
        message: 'accounts.csv line 212: "domains" holds "acme..com", which is not a domain (column 3)',
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('reports missing required fields, unknown kinds and bad dates in NDJSON with their lines', async () => {
    const text = [
      '{"format":"kenner-graph","version":1}',
      '{"type":"person","id":"p-x"}',
      '{"type":"interaction","personId":"p-sofie","accountId":"a-nordlicht","kind":"lunch","date":"2025-02-30x"}',
      '{"type":"interaction","personId":"p-sofie","kind":"meeting","date":"2025-02-01"}',
      '{"type":"gadget","id":"g"}',
      '{"type":"account", "id": "a", "name": "A"',
    ].join('\n');
    const r = await importGraph([textFile('g.ndjson', text)], { mode: 'merge' });
    expect(r.ok).toBe(false);
    expect(r.errors!.map((e) => [e.line, e.code, e.field])).toEqual([
      [2, 'missing', 'name'],
      [3, 'invalid-interactionKind', 'kind'],
      [3, 'invalid-date', 'date'],
      [4, 'needs-target', undefined],
      [5, 'unknown-type', 'type'],
      [6, 'bad-json', undefined],
    ]);
    expect(r.errors![0].message).toBe('g.ndjson line 2: "name" is missing');
    expect(r.errors![2].message).toBe('g.ndjson line 3: "date" holds "2025-02-30x", which is not an ISO 8601 date (YYYY-MM-DD) or date-time');
  });

  it('reports a reference to an unknown person (replace mode does not look in the old graph)', async () => {
    const before = await snapshot();
    const text = toNdjson({
      people: [{ id: 'p-1', name: 'One' }],
      accounts: [{ id: 'a-1', name: 'Acme', ownerId: 'p-sofie' }],
      contacts: [{ id: 'c-1', name: 'C', accountId: 'a-404' }],
      topics: [],
      interactions: [
        { personId: 'p-1', accountId: 'a-1', kind: 'meeting', date: '2025-01-01' },
        { personId: 'p-99', accountId: 'a-1', kind: 'meeting', date: '2025-01-01' },
        { personId: 'p-99', accountId: 'a-1', kind: 'call', date: '2025-01-02' },
      ],
    });
    const r = await importGraph([textFile('g.ndjson', text)]);
    expect(r.ok).toBe(false);
    expect(r.errors!.map((e) => e.message)).toEqual([
      'g.ndjson line 3: "ownerId" refers to "p-sofie", but no person has that id',
      'g.ndjson line 4: "accountId" refers to "a-404", but no account has that id',
      'g.ndjson line 6: "personId" refers to "p-99", but no person has that id',
    ]);
    expect(r.errors![2]).toMatchObject({ code: 'unknown-person', params: { field: 'personId', id: 'p-99' } });
    expect(await snapshot()).toEqual(before);
  });

  it('in merge mode, resolves references against the graph in the store', async () => {
    const text = toNdjson({
      people: [],
      accounts: [{ id: 'a-1', name: 'Acme', ownerId: 'p-sofie' }],
      contacts: [],
      topics: [],
      interactions: [{ personId: 'p-lars', accountId: 'a-1', topicIds: ['t-edi'], kind: 'meeting', date: '2025-01-01' }],
    });
    const r = await importGraph([textFile('g.ndjson', text)], { mode: 'merge' });
    expect(r).toMatchObject({ ok: true, counts: { people: 8, accounts: 8, interactions: 29 } });
  });

  it('stops at the first 20 errors', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: `p-${i}`, name: 'X', email: `bad${i}` }));
    const r = await importGraph([textFile('people.csv', toCsv(rows, ['id', 'name', 'email']))]);
    expect(MAX_ERRORS).toBe(20);
    expect(r.errors).toHaveLength(20);
    expect(r.errors![19]).toMatchObject({ line: 21, field: 'email', column: 3, code: 'invalid-email' });
  });

  it('refuses a file that is not a Kenner graph, a CSV without a known type, and other file kinds', async () => {
    const before = await snapshot();
    const r = await importGraph([
      textFile('g.json', '{"format":"something-else","version":1,"people":[]}'),
      textFile('g2.json', '{"format":"kenner-graph","version":2}'),
      textFile('report.csv', 'Foo,Bar\n1,2\n'),
      textFile('notes.xlsx', 'PK...'),
    ]);
    expect(r.errors!.map((e) => [e.file, e.code])).toEqual([
      ['g.json', 'bad-header'],
      ['g2.json', 'bad-version'],
      ['notes.xlsx', 'unsupported-file'],
      ['report.csv', 'no-type'],
    ]);
    expect(r.errors![3].message).toMatch(/^report\.csv: the record type is unknown/);
    expect(await snapshot()).toEqual(before);
  });

  it('an empty import is an error, not an empty graph', async () => {
    const r = await importGraph([textFile('g.ndjson', '{"format":"kenner-graph","version":1}\n')]);
    expect(r).toMatchObject({ ok: false, errors: [{ code: 'empty' }] });
    expect(await getAllPeople()).toHaveLength(8);
  });
});

describe('duplicates', () => {
  beforeEach(() => clearGraph());

  it('never takes distinct interaction ids for duplicates, also where their hashes collide', async () => {
    // "xnkohqa" and "x1lq2k4m" share the importer's first 30-bit hash (FNV-1a), not the second.
    const ix = (id: string, count = 1) => ({ id, personId: 'p-1', accountId: 'a-1', kind: 'email' as const, date: '2025-01-01', count });
    const bulk = Array.from({ length: 20_000 }, (_, i) => ix(`ix-${i}`));
    const g = { people: [{ id: 'p-1', name: 'One' }], accounts: [{ id: 'a-1', name: 'A' }], contacts: [], topics: [] };
    const r = await importGraphObject({ ...g, interactions: [ix('xnkohqa', 1), ...bulk, ix('x1lq2k4m', 2), ix('x1lq2k4m', 3), ix('ix-7', 4)] });
    expect(r).toMatchObject({ ok: true, duplicates: 2, counts: { interactions: 20_002 } });
    const [edges] = await getEdges(['a-1']);
    expect(edges.people['p-1'].email?.n).toBe(1 + 20_000 - 1 + 3 + 4);
  });

  it('later records win and are counted, for entities and for interactions with an id', async () => {
    const text = toNdjson({
      people: [
        { id: 'p-1', name: 'First' },
        { id: 'p-1', name: 'Second' },
      ],
      accounts: [
        { id: 'a-1', name: 'Old name' },
        { id: 'a-1', name: 'New name' },
        { id: 'a-1', name: 'Newest name' },
      ],
      contacts: [],
      topics: [],
      interactions: [
        { id: 'i-1', personId: 'p-1', accountId: 'a-1', kind: 'meeting', date: '2025-01-01', count: 5 },
        { id: 'i-2', personId: 'p-1', accountId: 'a-1', kind: 'call', date: '2025-01-01' },
        { id: 'i-1', personId: 'p-1', accountId: 'a-1', kind: 'meeting', date: '2025-01-01', count: 2 },
      ],
    });
    const r = await importGraph([textFile('g.ndjson', text)]);
    expect(r).toMatchObject({ ok: true, duplicates: 4, counts: { people: 1, accounts: 1, interactions: 2 } });
    expect((await getAllPeople())[0].name).toBe('Second');
    expect((await getAccounts(['a-1']))[0].name).toBe('Newest name');
    const [edges] = await getEdges(['a-1']);
    expect(edges.people['p-1'].meeting?.n).toBe(2);
  });
});
