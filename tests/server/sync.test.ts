/**
 * server/sync/run.ts and store.ts: a connector's run, page by page, each
 * page's mirror changes and cursor in one transaction; resume after a failure
 * mid-run; the run log (counts only); one run per source at a time. The
 * connector is a test-only one over a fake API (sync-tenant.ts).
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { parseConnectorsFile, policyOf, PolicyError, type SourceConfig } from '../../server/sync/policy';
import { runConnector } from '../../server/sync/run';
import { listRuns, mirrorRecords, readCursor, resetSource, SyncBusy, takeSyncLease, dropSyncLease } from '../../server/sync/store';
import { Tenant, tenantConnector, type TenantConnectorSeen } from './sync-tenant';
import { driver, testDatabase } from './support';

const CO = 'kenner-demo.example';
const policy = policyOf(parseConnectorsFile({ companyDomains: [CO], sources: [], exclude: { emails: [`board@${CO}`] } }));
const noWait = () => {
  const waits: number[] = [];
  return { waits, fetch: { sleep: (ms: number) => (waits.push(ms), Promise.resolve()) } };
};

let database: Database;
let tenant: Tenant;
beforeAll(async () => {
  database = await testDatabase();
}, 60_000);
afterAll(async () => {
  await database?.close();
});
afterEach(async () => {
  await tenant?.close();
  await resetSource(database.db, 'zendesk');
});

const source = (t: Tenant, extra: Partial<SourceConfig> = {}): SourceConfig => ({ connector: 'zendesk', settings: { baseUrl: t.url, pageSize: 2 }, enabled: true, ...extra });
const org = (id: string, name: string) => ({ type: 'account' as const, record: { id, name } });

describe(`runConnector (${driver})`, () => {
  it('applies every page to the mirror with its cursor and logs the run with counts and requests, never content', async () => {
    tenant = await new Tenant().upsert(org('1', 'Havbryggen'), org('2', 'Nordlicht'), org('3', 'Solvik')).remove('account', '2').start();
    const seen: TenantConnectorSeen = { internal: [], excluded: [] };
    const c = tenantConnector('zendesk', 365, seen, [`lars@${CO}`, 'mette@havbryggen.dk', `board@${CO}`]);
    const now = Date.parse('2026-11-01T00:00:00Z');
    const r = await runConnector(database.db, c, source(tenant), policy, { now });
    expect(r).toMatchObject({ status: 'ok', pages: 2, counts: { account: { upserts: 3, deletes: 1 } } });
    expect(r.stats.requests).toBe(2);
    expect((await mirrorRecords(database.db, 'zendesk')).map((x) => x.record.id)).toEqual(['1', '3']);
    expect(await readCursor(database.db, 'zendesk')).toEqual({ after: 4 });
    // The context: look-back from the connector's default, the policy's answers.
    expect(seen.since?.toISOString()).toBe('2025-11-01T00:00:00.000Z');
    expect(seen.internal).toEqual([[`lars@${CO}`, true], ['mette@havbryggen.dk', false], [`board@${CO}`, true]]);
    expect(seen.excluded.map(([, x]) => x)).toEqual([false, false, true]);
    const [run] = await listRuns(database.db, { source: 'zendesk', limit: 1 });
    expect(run).toMatchObject({ id: r.runId, status: 'ok', pages: 2, counts: { account: { upserts: 3, deletes: 1 } }, requests: 2, retries: 0, throttled: 0, error: null });
    expect(run.finishedAt).not.toBeNull();
    expect(JSON.stringify(run)).not.toContain('Havbryggen');
    // A deleted record stays as a tombstone without content.
    const tomb = await sql<{ record: unknown; deleted: boolean }>`SELECT record, deleted FROM sync_records WHERE source = 'zendesk' AND source_id = '2'`.execute(database.db);
    expect(tomb.rows).toEqual([{ record: null, deleted: true }]);
  });

  it('is incremental: a second run starts at the stored cursor and fetches only what changed', async () => {
    tenant = await new Tenant().upsert(org('1', 'Havbryggen'), org('2', 'Nordlicht')).start();
    const c = tenantConnector('zendesk');
    await runConnector(database.db, c, source(tenant), policy);
    tenant.upsert(org('2', 'Nordlicht Logistik'));
    const before = tenant.fake.requests.length;
    const r = await runConnector(database.db, c, source(tenant), policy);
    expect(r.counts).toEqual({ account: { upserts: 1, deletes: 0 } });
    expect(tenant.fake.requests.slice(before).map((q) => q.query.get('after'))).toEqual(['2']);
    expect((await mirrorRecords(database.db, 'zendesk')).map((x) => (x.record as { name?: string }).name)).toEqual(['Havbryggen', 'Nordlicht Logistik']);
  });

  it('resumes after a 5xx mid-run from the last applied page: nothing lost, nothing twice', async () => {
    tenant = await new Tenant().upsert(org('1', 'A'), org('2', 'B'), org('3', 'C'), org('4', 'D'), org('5', 'E')).start();
    const c = tenantConnector('zendesk');
    tenant.fake.inject({ status: 503, body: { error: 'Service Unavailable' }, match: (q) => q.query.get('after') === '2', times: 3 });
    const w = noWait();
    const failed = await runConnector(database.db, c, source(tenant), policy, { fetch: { ...w.fetch, maxRetries: 2 } });
    expect(failed).toMatchObject({ status: 'failed', pages: 1, error: 'SourceHttpError 503' });
    expect(w.waits).toEqual([500, 1000]);
    expect(await readCursor(database.db, 'zendesk')).toEqual({ after: 2 });
    expect((await mirrorRecords(database.db, 'zendesk')).length).toBe(2);
    const [log] = await listRuns(database.db, { source: 'zendesk', limit: 1 });
    expect(log).toMatchObject({ status: 'failed', pages: 1, retries: 2, error: 'SourceHttpError 503' });
    // The source is back: the rerun resumes from the saved cursor.
    const ok = await runConnector(database.db, c, source(tenant), policy, w);
    expect(ok.status).toBe('ok');
    expect(tenant.fake.requests.filter((q) => q.query.get('after') === '0')).toHaveLength(1);
    const ids = (await mirrorRecords(database.db, 'zendesk')).map((x) => x.record.id);
    expect(ids).toEqual(['1', '2', '3', '4', '5']);
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sync_records WHERE source = 'zendesk'`.execute(database.db);
    expect(rows.rows[0].n).toBe(5);
  });

  it('waits for Retry-After on 429 (injected clock, no real wait) and counts it', async () => {
    tenant = await new Tenant().upsert(org('1', 'A')).start();
    tenant.fake.inject({ status: 429, headers: { 'retry-after': '30' }, body: { error: 'APIRateLimitExceeded' } });
    const w = noWait();
    const r = await runConnector(database.db, tenantConnector('zendesk'), source(tenant), policy, w);
    expect(r.status).toBe('ok');
    expect(w.waits).toEqual([30_000]);
    const [log] = await listRuns(database.db, { source: 'zendesk', limit: 1 });
    expect(log).toMatchObject({ throttled: 1, retries: 1, requests: 2, waitedMs: 30_000 });
  });

  it('never mirrors a record of an excluded person, whatever the connector yields', async () => {
    tenant = await new Tenant()
      .upsert({ type: 'person', record: { id: 'u1', name: 'Board', email: `Board@${CO}` } }, { type: 'person', record: { id: 'u2', name: 'Lars', email: `lars@${CO}` } })
      .start();
    await runConnector(database.db, tenantConnector('zendesk'), source(tenant), policy);
    expect((await mirrorRecords(database.db, 'zendesk')).map((x) => x.record.id)).toEqual(['u2']);
  });

  it('checks the settings with the connector schema, with a clear message, before fetching', async () => {
    tenant = await new Tenant().start();
    await expect(runConnector(database.db, tenantConnector('zendesk'), source(tenant, { settings: { baseUrl: 'not a url' } }), policy)).rejects.toThrow(PolicyError);
    await expect(runConnector(database.db, tenantConnector('zendesk'), source(tenant, { settings: { baseUrl: 'not a url' } }), policy)).rejects.toThrow(/^zendesk settings\.baseUrl: /);
    expect(tenant.fake.requests).toHaveLength(0);
  });

  it('runs one sync per source at a time', async () => {
    tenant = await new Tenant().upsert(org('1', 'A')).start();
    await takeSyncLease(database.db, 'zendesk');
    try {
      await expect(runConnector(database.db, tenantConnector('zendesk'), source(tenant), policy)).rejects.toBeInstanceOf(SyncBusy);
      // Another source is not held up.
      await takeSyncLease(database.db, 'salesforce');
      await dropSyncLease(database.db, 'salesforce');
    } finally {
      await dropSyncLease(database.db, 'zendesk');
    }
    expect((await runConnector(database.db, tenantConnector('zendesk'), source(tenant), policy)).status).toBe('ok');
  });
});
