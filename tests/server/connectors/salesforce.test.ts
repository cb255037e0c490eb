/** server/connectors/salesforce.ts against a fake org that answers as Salesforce's REST API documents. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import salesforce, { salesforceConfigSchema, salesforceFields, SALESFORCE_STREAMS, type SalesforceConfig } from '../../../server/connectors/salesforce';
import { runPages, type PageRun } from './mail-context';
import type { Json, SourceRecord, SyncPage } from '../../../server/connectors/types';
import { sourceFetch } from '../../../server/sync/http';
import { parseSoql, salesforceStory, serveSalesforceStory, startFakeSalesforce, type FakeSalesforce, type FakeSalesforceOptions } from './fakes/salesforce';

const U = (s: string) => `0055g00000${s}`;
const A = (s: string) => `0015g00000${s}`;
const O = (s: string) => `0065g00000${s}`;

beforeAll(() => {
  process.env.KENNER_TEST_SF_ID = 'sf-client';
  process.env.KENNER_TEST_SF_SECRET = 'sf-secret';
  process.env.KENNER_TEST_SF_REFRESH = 'sf-refresh';
});

let fake: FakeSalesforce | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await fake?.close();
  fake = undefined;
});

async function start(opts: Partial<FakeSalesforceOptions> = {}) {
  fake = await startFakeSalesforce({ tenant: salesforceStory(), ...opts });
  return fake;
}

const config = (f: FakeSalesforce, extra: Partial<SalesforceConfig> = {}): SalesforceConfig =>
  salesforceConfigSchema.parse({
    instanceUrl: f.url,
    loginUrl: f.url,
    clientIdEnv: 'KENNER_TEST_SF_ID',
    clientSecretEnv: 'KENNER_TEST_SF_SECRET',
    refreshTokenEnv: 'KENNER_TEST_SF_REFRESH',
    caseTermFields: ['Type', 'Product__c'],
    opportunityTermFields: ['Product_Line__c'],
    ...extra,
  });

type Run = PageRun;
const run = (f: FakeSalesforce, opts: { cursor?: Json; since?: string; config?: Partial<SalesforceConfig> } = {}): Promise<Run> => runPages(salesforce, config(f, opts.config), opts);

const upserts = (r: Run) => r.pages.flatMap((p) => p.upserts);
const key = (u: SourceRecord) => `${u.type}:${u.record.id}`;
const byKey = (r: Run) => new Map(upserts(r).map((u) => [key(u), u]));
const interactions = (r: Run) => upserts(r).flatMap((u) => (u.type === 'interaction' ? [u.record] : []));

describe('Salesforce connector', () => {
  it('maps the story tenant: Søren owns Havbryggen, 18-character ids, deals by stage, activities as metadata', async () => {
    const f = await start();
    const r = await run(f);
    expect(r.error).toBeUndefined();
    const all = byKey(r);
    const people = upserts(r).filter((u) => u.type === 'person');
    expect(people.map((p) => p.record.email).sort()).toContain('soeren.kjaergaard@kenner-demo.example');
    expect(people).toHaveLength(8);

    const hav = all.get(`account:${A('HAVBRYAA')}`);
    expect(hav?.record).toMatchObject({ name: 'Havbryggen Shipping A/S', domains: ['havbryggen.dk'], ownerId: U('SKJAERAA'), externalIds: { salesforce: '0015g00000HAVBRYAA' } });
    expect(all.get(`interaction:Account:${A('HAVBRYAA')}:owner`)?.record).toMatchObject({ personId: U('SKJAERAA'), kind: 'account-owner', date: '2024-01-01' });
    expect(all.get('interaction:AccountTeamMember:01M5g00000HAVLARAA')?.record).toMatchObject({ personId: U('LARSMOAA'), accountId: A('HAVBRYAA'), kind: 'account-team' });
    expect(all.get(`account:${A('NRDLCHAA')}`)?.record).toMatchObject({ domains: ['nordlicht-logistik.de'], url: 'https://www.nordlicht-logistik.de' });

    expect(all.get(`interaction:Opportunity:${O('NRDOPPAA')}`)?.record).toMatchObject({
      personId: U('SOFIELIA'), kind: 'deal-won', date: '2026-09-30', accountId: A('NRDLCHAA'), contactId: '0035g00000AHLERSAA', url: `${f.url}/${O('NRDOPPAA')}`,
      terms: [{ field: 'Opportunity.Product_Line__c', value: 'S/4HANA' }],
    });
    expect(all.get(`interaction:Opportunity:${O('SOLOPPAA')}`)?.record).toMatchObject({ personId: U('SOFIELIA'), kind: 'deal-lost' });
    expect(all.get('interaction:OpportunityTeamMember:00q5g00000SOLASAAA')?.record).toMatchObject({ personId: U('ASANYSAA'), kind: 'deal-lost', accountId: A('SOLVIKAA') });
    expect(all.get(`interaction:Opportunity:${O('MUEOPPAA')}`)?.record).toMatchObject({
      kind: 'deal-open', contactId: '0035g00000WEBERAAA',
      terms: [{ field: 'Opportunity.Product_Line__c', value: 'S/4HANA' }, { field: 'Opportunity.Product_Line__c', value: 'WMS' }],
    });
    const kase = all.get('interaction:Case:5005g00000S4MIG1AA');
    expect(kase?.record).toMatchObject({ personId: U('SKJAERAA'), kind: 'case-resolved', date: '2026-05-10' });
    expect(kase?.type === 'interaction' && kase.record.terms).toEqual([
      { field: 'Case.Type', value: 'Problem' },
      { field: 'Case.Product__c', value: 'S/4HANA' },
    ]);
    expect(all.get('interaction:Task:00T5g00000SKWEB1AA')?.record).toMatchObject({ kind: 'email', contactId: '0035g00000WEBERAAA', accountId: A('MUELLRAA') });
    expect(all.get('interaction:Task:00T5g00000JBVDK1AA')?.record).toMatchObject({ kind: 'call' });
    expect(all.get('interaction:Event:00U5g00000JBKRA1AA')?.record).toMatchObject({ kind: 'meeting', personId: U('JBAEUMAA'), contactId: '0035g00000KRAUSEAA' });
    // Not interactions: a case owned by a queue, a to-do task, a private event.
    expect(all.has('interaction:Case:5005g00000QUEUE1AA')).toBe(false);
    expect(all.has('interaction:Task:00T5g00000TODO01AA')).toBe(false);
    expect(all.has('interaction:Event:00U5g00000PRIV01AA')).toBe(false);
    // Every record appears once; no interaction carries a subject or free text.
    expect(upserts(r)).toHaveLength(all.size);
    expect(JSON.stringify(upserts(r))).not.toMatch(/Subject|Description/);
    expect(r.pages.flatMap((p) => p.deletes)).toEqual([]);
  });

  it('asks only for the documented fields', async () => {
    const f = await start();
    const cfg = config(f);
    await run(f);
    const fields = salesforceFields(cfg);
    const asked = f.soql.map((q) => parseSoql(q));
    expect(asked.map((q) => q.from)).toEqual(SALESFORCE_STREAMS.map((s) => (s === 'PrivateEvent' ? 'Event' : s)));
    SALESFORCE_STREAMS.forEach((stream, i) => {
      expect(asked[i].fields, stream).toEqual(fields[stream]);
      expect(asked[i].orderBy).toEqual(['SystemModstamp', 'Id']);
    });
    const opportunity = asked[SALESFORCE_STREAMS.indexOf('Opportunity')];
    expect(opportunity.children.map((c) => [c.rel, c.query.fields])).toEqual([
      ['OpportunityTeamMembers', ['Id', 'UserId']],
      ['OpportunityContactRoles', ['ContactId']],
    ]);
    expect(f.soql.join('\n')).toContain('IsPrivate = false');
    expect(f.requests.filter((q) => q.query.has('q')).every((q) => q.headers['sforce-query-options'] === 'batchSize=2000')).toBe(true);
  });

  it('pages through nextRecordsUrl and saves the last record read as the cursor of each page', async () => {
    const f = await start({ maxBatch: 2 });
    const r = await run(f);
    expect(r.error).toBeUndefined();
    expect(f.requests.filter((q) => /\/query\/01g/.test(q.path)).length).toBeGreaterThanOrEqual(8);
    const g = await startFakeSalesforce({ tenant: salesforceStory() });
    try {
      const whole = await run(g);
      expect([...byKey(r).keys()].sort()).toEqual([...byKey(whole).keys()].sort());
    } finally {
      await g.close();
    }
    const userPages = r.pages.filter((p) => p.upserts.some((u) => u.type === 'person'));
    expect(userPages).toHaveLength(4);
    const marks = userPages.map((p) => (p.cursor as { marks: { User: { id: string } } }).marks.User.id);
    expect(marks).toEqual([...marks].sort());
    expect(new Set(marks).size).toBe(4);
  });

  it('refreshes an expired session (401 INVALID_SESSION_ID) with the refresh token and goes on', async () => {
    const f = await start({ maxBatch: 2 });
    let expired = false;
    const r = await (async () => {
      const waits: number[] = [];
      const ctx = {
        config: config(f),
        cursor: undefined,
        since: new Date('2022-11-01T00:00:00Z'),
        fetch: sourceFetch({ sleep: (ms) => (waits.push(ms), Promise.resolve()) }),
        isExcluded: () => false,
        isInternal: () => false,
        signal: new AbortController().signal,
      };
      const pages: SyncPage[] = [];
      for await (const p of salesforce.sync(ctx)) {
        pages.push(p);
        if (!expired) {
          f.expireTokens();
          expired = true;
        }
      }
      return { pages, waits, cursor: undefined } as Run;
    })();
    // One refresh at the start (no access token yet), one after the tokens expired mid-sync.
    expect(f.requests.filter((q) => q.path === '/services/oauth2/token')).toHaveLength(2);
    const unauthorized = f.requests.filter((q) => q.path.startsWith('/services/data') && q.headers.authorization === 'Bearer 00DRO0000000001!sf-access-1');
    expect(unauthorized.length).toBeGreaterThanOrEqual(2);
    expect(byKey(r).has(`interaction:Opportunity:${O('NRDOPPAA')}`)).toBe(true);
  });

  it('waits for Retry-After on 429 and repeats the query', async () => {
    const f = await start();
    f.inject({ status: 429, headers: { 'retry-after': '30' }, body: [{ message: 'Too many requests', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], match: (q) => (q.query.get('q') ?? '').includes('FROM Contact') });
    const r = await run(f);
    expect(r.error).toBeUndefined();
    expect(r.waits).toEqual([30_000]);
    expect(f.requests.filter((q) => (q.query.get('q') ?? '').includes('FROM Contact'))).toHaveLength(2);
    expect(upserts(r).filter((u) => u.type === 'contact')).toHaveLength(7);
  });

  it('resumes after a 5xx in the middle of a sync from the saved cursor, losing and repeating nothing', async () => {
    const f = await start({ maxBatch: 2 });
    f.inject({ status: 503, body: [{ message: 'Service Unavailable', errorCode: 'SERVER_UNAVAILABLE' }], times: 4, match: (q) => (q.query.get('q') ?? '').includes('FROM Case') });
    const first = await run(f);
    expect(first.error).toBeDefined();
    expect(first.pages.length).toBeGreaterThan(3);
    const second = await run(f, { cursor: first.cursor });
    expect(second.error).toBeUndefined();
    const keys = [...upserts(first), ...upserts(second)].map(key);
    expect(new Set(keys).size).toBe(keys.length);
    const g = await startFakeSalesforce({ tenant: salesforceStory() });
    try {
      expect(keys.sort()).toEqual([...byKey(await run(g)).keys()].sort());
    } finally {
      await g.close();
    }
  });

  it('turns deleted records into tombstones (Get Deleted since the last run)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-01T08:00:00Z'));
    const f = await start();
    const first = await run(f);
    expect(first.pages.at(-1)?.deletes).toEqual([]);
    f.remove('Case', '5005g00000S4MIG2AA', '2026-11-01T09:00:00.000+0000');
    f.remove('Account', A('MUELLRAA'), '2026-11-01T09:05:00.000+0000');
    vi.setSystemTime(new Date('2026-11-01T10:00:00Z'));
    const second = await run(f, { cursor: first.cursor });
    expect(second.error).toBeUndefined();
    expect(second.pages.flatMap((p) => p.deletes)).toEqual([
      { type: 'account', id: A('MUELLRAA') },
      { type: 'interaction', id: `Account:${A('MUELLRAA')}:owner` },
      { type: 'interaction', id: 'Case:5005g00000S4MIG2AA' },
    ]);
    expect(upserts(second)).toEqual([]);
    const deletedCalls = f.requests.filter((q) => q.path.endsWith('/deleted/'));
    expect(deletedCalls.every((q) => q.query.get('start')?.startsWith('2026-11-01T08:00'))).toBe(true);
  });

  it('reads a record changed twice between runs once, with its last state, and nothing else', async () => {
    const f = await start();
    const first = await run(f);
    const opp = f.tenant.records.Opportunity.find((o) => o.Id === O('MUEOPPAA'))!;
    f.put('Opportunity', { ...opp, StageName: 'Negotiation/Review', SystemModstamp: '2026-11-20T10:00:00.000+0000' });
    f.put('Opportunity', { ...opp, StageName: 'Closed Won', IsClosed: true, IsWon: true, CloseDate: '2026-11-21', SystemModstamp: '2026-11-21T10:00:00.000+0000' });
    const second = await run(f, { cursor: first.cursor });
    expect(interactions(second)).toEqual([expect.objectContaining({ id: `Opportunity:${O('MUEOPPAA')}`, kind: 'deal-won', date: '2026-11-21' })]);
    expect(upserts(second)).toHaveLength(1);
  });

  it('re-reads an opportunity when its team changes, so the new member gets the deal', async () => {
    const f = await start();
    const first = await run(f);
    f.put('OpportunityTeamMember', { Id: '00q5g00000NRDJBAAA', OpportunityId: O('NRDOPPAA'), UserId: U('JBAEUMAA'), TeamMemberRole: 'Account Manager', CreatedDate: '2026-11-20T10:00:00.000+0000', SystemModstamp: '2026-11-20T10:00:00.000+0000' });
    const second = await run(f, { cursor: first.cursor });
    expect(byKey(second).get('interaction:OpportunityTeamMember:00q5g00000NRDJBAAA')?.record).toMatchObject({ personId: U('JBAEUMAA'), kind: 'deal-won', date: '2026-09-30', accountId: A('NRDLCHAA') });
  });

  it('withdraws the interaction of an event made private and of a case handed to a queue', async () => {
    const f = await start();
    const first = await run(f);
    expect(byKey(first).has('interaction:Event:00U5g00000JBKRA1AA')).toBe(true);
    const ev = f.tenant.records.Event.find((e) => e.Id === '00U5g00000JBKRA1AA')!;
    f.put('Event', { ...ev, IsPrivate: true, SystemModstamp: '2026-11-20T10:00:00.000+0000' });
    const kase = f.tenant.records.Case.find((c) => c.Id === '5005g00000S4MIG2AA')!;
    f.put('Case', { ...kase, OwnerId: '00G5g00000SUPPQAAA', SystemModstamp: '2026-11-20T10:00:00.000+0000' });
    const second = await run(f, { cursor: first.cursor });
    expect(upserts(second)).toEqual([]);
    expect(second.pages.flatMap((p) => p.deletes)).toEqual([
      { type: 'interaction', id: 'Case:5005g00000S4MIG2AA' },
      { type: 'interaction', id: 'Event:00U5g00000JBKRA1AA' },
    ]);
    // Of private events only the ids are read.
    expect(f.soql.filter((q) => q.includes('IsPrivate = true')).every((q) => q.startsWith('SELECT Id, SystemModstamp FROM Event'))).toBe(true);
  });

  it('reads no deal, case or activity older than the look-back window', async () => {
    const f = await start();
    const r = await run(f, { since: '2025-01-01T00:00:00Z' });
    const ids = new Set(interactions(r).map((i) => i.id));
    expect(ids.has(`Opportunity:${O('NRDSKJAA')}`)).toBe(false); // won 2022
    expect(ids.has(`Opportunity:${O('NRDOP2AA')}`)).toBe(false); // won 2023
    expect(ids.has(`Opportunity:${O('SOLOPPAA')}`)).toBe(false); // lost 2024
    expect(ids.has(`Opportunity:${O('NRDOPPAA')}`)).toBe(true);
    expect(ids.has('Task:00T5g00000JBVDK1AA')).toBe(true); // 2025-02-11
    expect(f.soql.find((q) => q.includes('FROM Opportunity'))).toContain('(IsClosed = false OR CloseDate >= 2025-01-01)');
    // Ownership is current state: the owner of an account created in 2019 is still read.
    expect(ids.has(`Account:${A('MUELLRAA')}:owner`)).toBe(true);
  });

  it('serves the story org with the settings that read it (for the cross-vendor acceptance)', async () => {
    const { server, env, config: raw } = await serveSalesforceStory();
    try {
      Object.assign(process.env, env);
      const ctx = { config: salesforceConfigSchema.parse(raw), cursor: undefined, since: new Date('2022-11-01T00:00:00Z'), fetch: sourceFetch(), isExcluded: () => false, isInternal: () => false, signal: new AbortController().signal };
      const got: SourceRecord[] = [];
      for await (const p of salesforce.sync(ctx)) got.push(...p.upserts);
      expect(got.find((u) => u.type === 'account' && u.record.externalIds?.salesforce === '0015g00000HAVBRYAA')?.record).toMatchObject({ ownerId: U('SKJAERAA') });
    } finally {
      await server.close();
    }
  });
});
