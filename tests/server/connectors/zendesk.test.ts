/** The Zendesk connector against a fake that answers as the Incremental Exports API documents. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import zendesk, { zendeskConfigSchema, type ZendeskConfig } from '../../../server/connectors/zendesk';
import { startZendesk, ZD_ADMIN, type ZendeskFake } from './fakes/zendesk';
import { collect, interactions, ofType, testContext } from './mail-context';

let fake: ZendeskFake;
beforeEach(async () => {
  fake = await startZendesk();
  process.env.ZD_TOKEN = fake.auth.apiToken;
});
afterEach(async () => {
  await fake.close();
  for (const k of ['ZD_TOKEN', 'ZD_ACCESS', 'ZD_REFRESH', 'ZD_CLIENT', 'ZD_SECRET']) delete process.env[k];
});

const config = (over: Partial<ZendeskConfig> = {}): ZendeskConfig =>
  zendeskConfigSchema.parse({ baseUrl: fake.url, email: ZD_ADMIN, apiTokenEnv: 'ZD_TOKEN', ticketFields: [360010001], ...over });
const ticketRequests = () => fake.requests.filter((r) => r.path.endsWith('/tickets/cursor.json'));

describe('zendesk connector', () => {
  it('maps the story tenant: solvers, the open demo ticket, organizations, contacts and terms', async () => {
    const run = await collect(zendesk, testContext(config()));
    expect(run.error).toBeUndefined();
    const ix = interactions(run);
    const lars = ix.filter((i) => i.personId === '9001' && i.kind === 'case-resolved');
    expect(lars).toHaveLength(3);
    expect(lars.every((i) => i.accountId === '360002' && i.contactId === '9101' && i.terms?.some((t) => t.field === 'tag' && t.value === 'edi'))).toBe(true);
    expect(lars.map((i) => i.date).sort().at(-1)).toBe('2026-07-01T10:00:00Z');
    const zoe = ix.filter((i) => i.personId === '9002' && i.kind === 'case-resolved');
    expect(zoe).toHaveLength(6);
    expect(zoe.some((i) => i.accountId === '360002')).toBe(false);
    expect(ix.find((i) => i.id === 'zendesk:ticket:48213')).toMatchObject({ kind: 'case-open', personId: '9003', contactId: '9101', accountId: '360002' });
    expect(ix[0].terms).toContainEqual({ field: 'ticket_field:360010001', value: 'edi_integration' });
    expect(ofType(run, 'account').find((a) => a.id === '360002')).toMatchObject({ name: 'Havbryggen Shipping A/S', domains: ['havbryggen.dk'], externalIds: { zendesk: '360002' } });
    expect(ofType(run, 'contact').find((c) => c.email === 'mette.hansen@havbryggen.dk')).toMatchObject({ id: '9101', accountId: '360002' });
    expect(ofType(run, 'person').map((p) => p.email)).toContain('lars.moller@kenner-demo.example');
    // Neither descriptions nor (by default) subjects are kept.
    const text = JSON.stringify(run.upserts);
    expect(text).not.toContain('never stored');
    expect(text).not.toContain('fejler');
  });

  it('pages through each export with after_cursor and saves the position after every page', async () => {
    const run = await collect(zendesk, testContext(config({ pageSize: 3 })));
    expect(run.error).toBeUndefined();
    const tr = ticketRequests();
    expect(tr.length).toBe(4); // 10 tickets, 3 per page
    expect(tr[0].query.get('start_time')).toBeTruthy();
    expect(tr.slice(1).every((r) => r.query.get('cursor') && !r.query.get('start_time'))).toBe(true);
    const cursors = run.pages.map((p) => JSON.stringify(p.cursor));
    expect(new Set(cursors).size).toBe(cursors.length);
    expect(interactions(run)).toHaveLength(10);
  });

  it('asks only the documented incremental endpoints with their documented parameters', async () => {
    await collect(zendesk, testContext(config()));
    const paths = new Set(fake.requests.map((r) => r.path));
    expect([...paths].sort()).toEqual(['/api/v2/incremental/organizations.json', '/api/v2/incremental/tickets/cursor.json', '/api/v2/incremental/users/cursor.json']);
    for (const r of fake.requests) expect([...r.query.keys()].every((k) => ['start_time', 'cursor', 'per_page', 'include'].includes(k))).toBe(true);
    expect(ticketRequests().every((r) => r.query.get('include') === 'metric_sets')).toBe(true);
  });

  it('refreshes an expired OAuth token once and goes on', async () => {
    process.env.ZD_ACCESS = 'expired-token';
    process.env.ZD_REFRESH = fake.auth.refresh;
    process.env.ZD_CLIENT = fake.auth.clientId;
    process.env.ZD_SECRET = fake.auth.clientSecret;
    const run = await collect(zendesk, testContext(config({ apiTokenEnv: undefined, oauth: { accessTokenEnv: 'ZD_ACCESS', refreshTokenEnv: 'ZD_REFRESH', clientIdEnv: 'ZD_CLIENT', clientSecretEnv: 'ZD_SECRET' } })));
    expect(run.error).toBeUndefined();
    expect(fake.count('/oauth/tokens')).toBe(1);
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${fake.auth.access}`);
    expect(interactions(run)).toHaveLength(10);
  });

  it('waits for Retry-After on 429 within the 10-per-minute budget', async () => {
    fake.inject({ status: 429, headers: { 'retry-after': '42' }, body: 'Too Many Requests', match: (r) => r.path.endsWith('/tickets/cursor.json') });
    const ctx = testContext(config({ pageSize: 2 }), { perMinute: 10 });
    const run = await collect(zendesk, ctx);
    expect(run.error).toBeUndefined();
    expect(ctx.waits).toContain(42_000);
    expect(ctx.fetch.stats.throttled).toBe(1);
    expect(interactions(run)).toHaveLength(10);
    // 9 requests after the 429 (orgs, users, 5 ticket pages + retries): the budget made it wait once a minute filled up.
    expect(ctx.fetch.stats.requests).toBeGreaterThan(10);
    expect(ctx.waits.some((w) => w !== 42_000)).toBe(true);
  });

  it('resumes after a 5xx mid-sync from the last saved cursor without losing or repeating tickets', async () => {
    const full = interactions(await collect(zendesk, testContext(config({ pageSize: 3 })))).map((i) => i.id);
    fake.requests.length = 0;
    let n = 0;
    fake.inject({ status: 503, times: 4, match: (r) => r.path.endsWith('/tickets/cursor.json') && ++n >= 3 });
    const first = await collect(zendesk, testContext(config({ pageSize: 3 })));
    expect(first.error).toBeTruthy();
    const before = interactions(first).map((i) => i.id);
    expect(before.length).toBe(6);
    // The rerun starts from the stored cursor: the organizations and users streams are done, tickets continue.
    fake.requests.length = 0;
    const second = await collect(zendesk, testContext(config({ pageSize: 3 }), { cursor: first.cursor }));
    expect(second.error).toBeUndefined();
    expect(ticketRequests()[0].query.get('cursor')).toBeTruthy();
    const after = interactions(second).map((i) => i.id);
    expect([...before, ...after].sort()).toEqual([...full].sort());
  });

  it('turns a deleted ticket, a deleted user and a deleted organization into tombstones on the next run', async () => {
    const first = await collect(zendesk, testContext(config()));
    fake.touch('tickets', 48150, { status: 'deleted' }, '2026-11-20T10:00:00Z');
    fake.touch('users', 9104, { active: false }, '2026-11-20T10:00:00Z');
    fake.touch('organizations', 360004, { deleted_at: '2026-11-20T10:00:00Z' }, '2026-11-20T10:00:00Z');
    const second = await collect(zendesk, testContext(config(), { cursor: first.cursor }));
    expect(second.deletes).toEqual(
      expect.arrayContaining([
        { type: 'interaction', id: 'zendesk:ticket:48150' },
        { type: 'contact', id: '9104' },
        { type: 'account', id: '360004' },
      ]),
    );
    expect(interactions(second)).toHaveLength(0);
  });

  it('brings a ticket changed twice between runs once, in its last state, and nothing unchanged', async () => {
    const first = await collect(zendesk, testContext(config()));
    fake.touch('tickets', 48213, { assignee_id: 9002 }, '2026-11-02T09:00:00Z');
    fake.touch('tickets', 48213, { assignee_id: 9001, status: 'solved' }, '2026-11-03T09:00:00Z');
    const second = await collect(zendesk, testContext(config(), { cursor: first.cursor }));
    expect(interactions(second)).toEqual([expect.objectContaining({ id: 'zendesk:ticket:48213', kind: 'case-resolved', personId: '9001', date: '2026-11-03T09:00:00Z' })]);
    expect(second.upserts.filter((u) => u.type !== 'interaction')).toHaveLength(0);
    // The same id as the open ticket of the first run: the pipeline replaces it.
    expect(interactions(first).filter((i) => i.id === 'zendesk:ticket:48213')).toHaveLength(1);
  });

  it('reads nothing older than the look-back window', async () => {
    const since = '2026-04-02T00:00:00Z';
    const run = await collect(zendesk, testContext(config(), { since }));
    expect(ticketRequests()[0].query.get('start_time')).toBe(String(Date.parse(since) / 1000));
    const ids = interactions(run).map((i) => i.id);
    expect(ids).not.toContain('zendesk:ticket:48101');
    expect(ids).toContain('zendesk:ticket:48190');
    expect(interactions(run).every((i) => i.date >= since.slice(0, 10))).toBe(true);
    // Solved before the window, closed (touched) inside it: still not evidence of the window.
    fake.touch('tickets', 48055, { status: 'closed' }, '2026-05-01T00:00:00Z');
    const again = await collect(zendesk, testContext(config(), { since }));
    expect(interactions(again).map((i) => i.id)).not.toContain('zendesk:ticket:48055');
  });
});
