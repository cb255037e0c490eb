/** server/connectors/dynamics.ts against a fake Dataverse environment that answers as the Web API documents. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import dynamics, { dynamicsColumns, dynamicsConfigSchema, DYNAMICS_TABLES, type DynamicsConfig } from '../../../server/connectors/dynamics';
import { runPages, type PageRun } from './mail-context';
import type { Json, SourceRecord, SyncPage } from '../../../server/connectors/types';
import { sourceFetch } from '../../../server/sync/http';
import { dynamicsStory, serveDynamicsStory, startFakeDynamics, type FakeDynamics } from './fakes/dynamics';

const SOLVIK = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const ASA = 'a1b2c3d4-0001-4000-8000-00000000a5a0';

beforeAll(() => {
  process.env.KENNER_TEST_DV_ID = 'dv-client';
  process.env.KENNER_TEST_DV_SECRET = 'dv-secret';
});

let fake: FakeDynamics | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const start = async () => (fake = await startFakeDynamics({ tenant: dynamicsStory() }));
const config = (f: FakeDynamics, extra: Partial<DynamicsConfig> = {}): DynamicsConfig =>
  dynamicsConfigSchema.parse({ orgUrl: f.url, tokenUrl: `${f.url}${f.tokenPath}`, clientIdEnv: 'KENNER_TEST_DV_ID', clientSecretEnv: 'KENNER_TEST_DV_SECRET', ...extra });

type Run = PageRun;
const run = (f: FakeDynamics, opts: { cursor?: Json; since?: string; config?: Partial<DynamicsConfig> } = {}): Promise<Run> => runPages(dynamics, config(f, opts.config), opts);
const upserts = (r: Run) => r.pages.flatMap((p) => p.upserts);
const key = (u: SourceRecord) => `${u.type}:${u.record.id}`;
const byKey = (r: Run) => new Map(upserts(r).map((u) => [key(u), u]));

describe('Dynamics 365 connector', () => {
  it('maps the story tenant: Åsa owns Solvik, the account carries its Dataverse id, cases carry their subject', async () => {
    const f = await start();
    const r = await run(f);
    expect(r.error).toBeUndefined();
    const all = byKey(r);
    expect(all.get(`account:${SOLVIK}`)?.record).toMatchObject({ name: 'Solvik Energi AB', domains: ['solvik-energi.se'], ownerId: ASA, externalIds: { dynamics: SOLVIK } });
    expect(all.get(`interaction:account:${SOLVIK}:owner`)?.record).toMatchObject({ personId: ASA, kind: 'account-owner', date: '2022-09-01' });
    expect(all.get('person:' + ASA)?.record).toMatchObject({ email: 'asa.nystrom@kenner-demo.example', name: 'Åsa Nyström' });
    expect(all.get('contact:d1e2f3a4-0001-4000-8000-0000000000c1')?.record).toMatchObject({ accountId: SOLVIK, email: 'erik.lindberg@solvik-energi.se' });
    expect(all.get('interaction:opportunity:e1f2a3b4-0001-4000-8000-00000000a001')?.record).toMatchObject({ kind: 'deal-lost', date: '2024-05-20', accountId: SOLVIK });
    expect(all.get('interaction:opportunity:e1f2a3b4-0002-4000-8000-00000000a002')?.record).toMatchObject({ kind: 'deal-open', personId: ASA });
    const kase = all.get('interaction:incident:f1a2b3c4-0001-4000-8000-00000000b001');
    expect(kase?.record).toMatchObject({
      personId: ASA, kind: 'case-resolved', date: '2026-10-05', accountId: SOLVIK, contactId: 'd1e2f3a4-0001-4000-8000-0000000000c1',
      url: `${f.url}/main.aspx?pagetype=entityrecord&etn=incident&id=f1a2b3c4-0001-4000-8000-00000000b001`,
    });
    expect(kase?.type === 'interaction' && kase.record.terms).toEqual([
      { field: 'incident.casetypecode', value: 'Problem' },
      { field: 'incident._subjectid_value', value: 'GDPR compliance' },
    ]);
    // A case whose customer is a contact; a case and an account owned by a team (no person).
    expect(all.get('interaction:incident:f1a2b3c4-0002-4000-8000-00000000b002')?.record).toMatchObject({ kind: 'case-open', contactId: 'd1e2f3a4-0001-4000-8000-0000000000c1', accountId: undefined });
    expect(all.has('interaction:incident:f1a2b3c4-0003-4000-8000-00000000b003')).toBe(false);
    expect(all.get('account:b5c6d7e8-0003-4000-8000-0000000000aa')?.record).toMatchObject({ ownerId: undefined });
    expect(JSON.stringify(upserts(r))).not.toMatch(/never read|DSGVO Auskunft|\+46/);
    expect(upserts(r)).toHaveLength(all.size);
  });

  it('selects only the documented columns, with change tracking', async () => {
    const f = await start();
    await run(f);
    const cols = dynamicsColumns(config(f));
    expect(f.selects.map((s) => s.table)).toEqual([...DYNAMICS_TABLES]);
    for (const s of f.selects) expect(s.columns, s.table).toEqual(cols[s.table as keyof typeof cols]);
    const reads = f.requests.filter((q) => q.path.startsWith('/api/data/'));
    expect(reads.every((q) => /odata\.track-changes/.test(String(q.headers.prefer)))).toBe(true);
    expect(reads.some((q) => q.query.has('$filter') || q.query.has('$expand'))).toBe(false);
  });

  it('pages by @odata.nextLink and saves each next link, then the delta link, as the cursor', async () => {
    const f = await start();
    const r = await run(f, { config: { pageSize: 1 } });
    expect(r.error).toBeUndefined();
    expect(f.requests.filter((q) => q.query.has('$skiptoken')).length).toBeGreaterThanOrEqual(8);
    expect(r.pages.some((p) => (p.cursor as { next?: unknown }).next)).toBe(true);
    const last = r.cursor as { next?: unknown; delta: Record<string, string> };
    expect(last.next).toBeUndefined();
    expect(Object.keys(last.delta)).toEqual([...DYNAMICS_TABLES]);
    const whole = await run(f);
    expect([...byKey(r).keys()].sort()).toEqual([...byKey(whole).keys()].sort());
  });

  it('gets a new client-credentials token when the old one expires mid-sync', async () => {
    const f = await start();
    const ctx = {
      config: config(f, { pageSize: 1 }),
      cursor: undefined,
      since: new Date('2022-11-01T00:00:00Z'),
      fetch: sourceFetch({ sleep: () => Promise.resolve() }),
      isExcluded: () => false,
      isInternal: () => false,
      signal: new AbortController().signal,
    };
    const pages: SyncPage[] = [];
    for await (const p of dynamics.sync(ctx)) {
      if (pages.length === 2) f.expireTokens();
      pages.push(p);
    }
    expect(f.count(f.tokenPath)).toBe(2);
    // Three pages read with the first token, the fourth request refused with it and repeated with the second.
    const withFirst = f.requests.filter((q) => q.path.startsWith('/api/data/') && q.headers.authorization === 'Bearer eyJ0eXAiOiJKV1Qi.fake.1');
    expect(withFirst).toHaveLength(4);
    expect(f.requests.filter((q) => q.headers.authorization === 'Bearer eyJ0eXAiOiJKV1Qi.fake.2')[0]?.query.toString()).toBe(withFirst[3].query.toString());
    expect(new Set(pages.flatMap((p) => p.upserts).map(key)).size).toBe(byKey(await run(f)).size);
    const token = f.requests.find((q) => q.path === f.tokenPath);
    expect(new URLSearchParams(token?.body).get('scope')).toBe(`${f.url}/.default`);
    expect(new URLSearchParams(token?.body).get('grant_type')).toBe('client_credentials');
  });

  it('waits for Retry-After on 429 (service protection limits)', async () => {
    const f = await start();
    f.inject({ status: 429, headers: { 'retry-after': '12' }, body: { error: { code: '0x80072322', message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.' } }, match: (q) => q.path.endsWith('/contacts') });
    const r = await run(f);
    expect(r.error).toBeUndefined();
    expect(r.waits).toEqual([12_000]);
    expect(upserts(r).filter((u) => u.type === 'contact')).toHaveLength(2);
  });

  it('resumes after a 5xx in the middle of a sync from the saved next link, losing and repeating nothing', async () => {
    const f = await start();
    f.inject({ status: 503, body: { error: { code: '0x80040216', message: 'An unexpected error occurred.' } }, times: 4, match: (q) => q.path.endsWith('/opportunities') && q.query.has('$skiptoken') });
    const first = await run(f, { config: { pageSize: 1 } });
    expect(first.error).toBeDefined();
    expect((first.cursor as { next?: { table: string } }).next?.table).toBe('opportunities');
    const second = await run(f, { cursor: first.cursor, config: { pageSize: 1 } });
    expect(second.error).toBeUndefined();
    const keys = [...upserts(first), ...upserts(second)].map(key);
    expect(new Set(keys).size).toBe(keys.length);
    const whole = await run(f);
    expect(keys.sort()).toEqual([...byKey(whole).keys()].sort());
  });

  it('turns $deletedEntity rows of the delta into tombstones', async () => {
    const f = await start();
    const first = await run(f);
    f.remove('incidents', 'f1a2b3c4-0001-4000-8000-00000000b001');
    f.remove('accounts', 'b5c6d7e8-0003-4000-8000-0000000000aa');
    const second = await run(f, { cursor: first.cursor });
    expect(second.pages.flatMap((p) => p.deletes)).toEqual([
      { type: 'account', id: 'b5c6d7e8-0003-4000-8000-0000000000aa' },
      { type: 'interaction', id: 'account:b5c6d7e8-0003-4000-8000-0000000000aa:owner' },
      { type: 'interaction', id: 'incident:f1a2b3c4-0001-4000-8000-00000000b001' },
    ]);
    expect(upserts(second)).toEqual([]);
    expect(f.requests.filter((q) => q.query.has('$deltatoken'))).toHaveLength(DYNAMICS_TABLES.length);
  });

  it('reads a row changed twice between runs once, with its last state', async () => {
    const f = await start();
    const first = await run(f);
    const opp = f.tenant.opportunities[1];
    f.put('opportunities', { ...opp, name: 'Data protection review v2', modifiedon: '2026-11-20T10:00:00Z' });
    f.put('opportunities', { ...opp, statecode: 1, actualclosedate: '2026-11-21', modifiedon: '2026-11-21T10:00:00Z' });
    const second = await run(f, { cursor: first.cursor });
    expect(upserts(second)).toEqual([{ type: 'interaction', record: expect.objectContaining({ id: `opportunity:${String(opp.opportunityid)}`, kind: 'deal-won', date: '2026-11-21' }) as unknown }]);
  });

  it('withdraws a case that was cancelled or handed to a team', async () => {
    const f = await start();
    const first = await run(f);
    expect(first.pages.flatMap((p) => p.deletes)).toEqual([]);
    const [resolved, open] = f.tenant.incidents;
    f.put('incidents', { ...resolved, statecode: 2, modifiedon: '2026-11-20T10:00:00Z' });
    f.put('incidents', { ...open, _ownerid_value: 'c0ffee00-0000-4000-8000-00000000beef', '_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'team', modifiedon: '2026-11-20T10:01:00Z' });
    const second = await run(f, { cursor: first.cursor });
    expect(upserts(second)).toEqual([]);
    expect(second.pages.flatMap((p) => p.deletes)).toEqual([
      { type: 'interaction', id: `incident:${String(resolved.incidentid)}` },
      { type: 'interaction', id: `incident:${String(open.incidentid)}` },
    ]);
  });

  it('reads a table in full again when its columns change (a delta link keeps its $select)', async () => {
    const f = await start();
    const first = await run(f);
    const before = f.selects.length;
    const second = await run(f, { cursor: first.cursor, config: { incidentTermColumns: ['casetypecode'] } });
    const reads = f.selects.slice(before);
    expect(reads.find((r) => r.table === 'incidents')?.columns).not.toContain('_subjectid_value');
    expect(byKey(second).get('interaction:incident:f1a2b3c4-0001-4000-8000-00000000b001')).toBeDefined();
    expect(upserts(second).filter((u) => u.type === 'account')).toEqual([]);
  });

  it('drops closed deals and resolved cases older than the look-back window', async () => {
    const f = await start();
    const r = await run(f, { since: '2025-01-01T00:00:00Z' });
    const all = byKey(r);
    expect(all.has('interaction:opportunity:e1f2a3b4-0001-4000-8000-00000000a001')).toBe(false); // lost 2024
    expect(all.has('interaction:opportunity:e1f2a3b4-0003-4000-8000-00000000a003')).toBe(false); // won 2021
    expect(all.has('interaction:opportunity:e1f2a3b4-0002-4000-8000-00000000a002')).toBe(true);
    expect(all.has(`interaction:account:${SOLVIK}:owner`)).toBe(true);
  });

  it('serves the story environment with the settings that read it', async () => {
    const { server, env, config: raw } = await serveDynamicsStory();
    try {
      Object.assign(process.env, env);
      const ctx = { config: dynamicsConfigSchema.parse(raw), cursor: undefined, since: new Date('2022-11-01T00:00:00Z'), fetch: sourceFetch(), isExcluded: () => false, isInternal: () => false, signal: new AbortController().signal };
      const got: SourceRecord[] = [];
      for await (const p of dynamics.sync(ctx)) got.push(...p.upserts);
      expect(got.find((u) => u.type === 'account' && u.record.externalIds?.dynamics === SOLVIK)?.record).toMatchObject({ ownerId: ASA });
    } finally {
      await server.close();
    }
  });
});
