/** The Freshdesk connector against a fake that answers as the Freshdesk API v2 documents. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import freshdesk, { freshdeskConfigSchema, type FreshdeskConfig } from '../../../server/connectors/freshdesk';
import { startFreshdesk, type FreshdeskFake } from './fakes/freshdesk';
import { collect, interactions, ofType, testContext } from './mail-context';

let fake: FreshdeskFake;
beforeEach(async () => {
  fake = await startFreshdesk();
  process.env.FD_KEY = fake.key.value;
});
afterEach(async () => {
  await fake.close();
  delete process.env.FD_KEY;
});

const config = (over: Partial<FreshdeskConfig> = {}): FreshdeskConfig => freshdeskConfigSchema.parse({ baseUrl: fake.url, apiKeyEnv: 'FD_KEY', ticketFields: ['cf_category'], ...over });
const ticketReqs = () => fake.requests.filter((r) => r.path === '/api/v2/tickets' && !r.query.get('filter'));

describe('freshdesk connector', () => {
  it('maps the story tenant: Oliver resolved the SSO cases at Brightwater, Lars has the open invoice case', async () => {
    const run = await collect(freshdesk, testContext(config()));
    expect(run.error).toBeUndefined();
    const ix = interactions(run);
    const oliver = ix.filter((i) => i.personId === '43000101');
    expect(oliver.map((i) => [i.kind, i.accountId, i.contactId, i.date])).toEqual([
      ['case-resolved', '48002', '43000001', '2026-02-24T15:00:00Z'],
      ['case-resolved', '48002', '43000001', '2026-03-03T12:00:00Z'],
    ]);
    expect(oliver[0].terms).toEqual([
      { field: 'tag', value: 'sso' },
      { field: 'tag', value: 'okta' },
      { field: 'type', value: 'Problem' },
      { field: 'ticket_field:cf_category', value: 'Single sign-on' },
    ]);
    expect(ix.find((i) => i.id === 'freshdesk:ticket:3190')).toMatchObject({ kind: 'case-open', personId: '43000102' });
    expect(ofType(run, 'account').find((a) => a.id === '48002')).toMatchObject({ name: 'Brightwater Retail plc', domains: ['brightwater-retail.co.uk'], externalIds: { freshdesk: '48002' } });
    expect(ofType(run, 'person').map((p) => p.email)).toEqual(['oliver.bennett@kenner-demo.example', 'lars.moller@kenner-demo.example']);
    expect(ofType(run, 'contact').find((c) => c.id === '43000001')).toMatchObject({ email: 'priya.patel@brightwater-retail.co.uk', accountId: '48002' });
    expect(JSON.stringify(run.upserts)).not.toContain('SSO login loop');
  });

  it('asks the documented list endpoints with the documented parameters only', async () => {
    await collect(freshdesk, testContext(config()));
    const t = ticketReqs()[0];
    expect(Object.fromEntries(t.query)).toEqual({ updated_since: '2024-12-01T00:00:00Z', order_by: 'updated_at', order_type: 'asc', per_page: '100', page: '1', include: 'stats' });
    expect([...new Set(fake.requests.map((r) => r.path))].sort()).toEqual(['/api/v2/agents', '/api/v2/companies', '/api/v2/contacts', '/api/v2/tickets']);
  });

  it('follows the link header page by page with the cursor saved after each', async () => {
    const run = await collect(freshdesk, testContext(config({ perPage: 1 })));
    expect(run.error).toBeUndefined();
    expect(ticketReqs().map((r) => r.query.get('page'))).toEqual(['1', '2', '3', '4']);
    expect(interactions(run)).toHaveLength(4);
    const last = run.cursor as { tickets: { since: string; page: number } };
    expect(last.tickets).toMatchObject({ since: '2026-10-28T11:30:00Z', page: 1 });
  });

  it('starts the query again from the newest updated_at after page 300', async () => {
    const many = Array.from({ length: 302 }, (_, i) => ({ ...fake.tenant.tickets[0], id: 5000 + i, updated_at: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 3_600_000).toISOString().replace('.000', '') }));
    fake.tenant.tickets.push(...many);
    const run = await collect(freshdesk, testContext(config({ perPage: 1 })));
    expect(run.error).toBeUndefined();
    const pages = ticketReqs().map((r) => Number(r.query.get('page')));
    expect(Math.max(...pages)).toBe(300);
    const restarted = ticketReqs().filter((r) => r.query.get('page') === '1');
    expect(restarted).toHaveLength(2);
    expect(restarted[1].query.get('updated_since')! > '2026-01-01').toBe(true);
    const ids = interactions(run).map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(306);
  });

  it('reads a rotated API key again once on 401', async () => {
    const it = freshdesk.sync(testContext(config()))[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false); // companies, with the key read at the start
    process.env.FD_KEY = fake.key.value = 'fd-api-key-rotated';
    let pages = 1;
    for (let r = await it.next(); !r.done; r = await it.next()) pages++;
    expect(pages).toBeGreaterThan(3);
    const agents = fake.requests.filter((r) => r.path === '/api/v2/agents');
    expect(agents).toHaveLength(2); // refused with the old key, then sent with the new one
    const basic = (k: string) => `Basic ${Buffer.from(`${k}:X`).toString('base64')}`;
    expect(agents[1].headers.authorization).toBe(basic('fd-api-key-rotated'));
    // A key that is simply wrong is not retried forever: the run fails with the 401.
    process.env.FD_KEY = 'wrong';
    expect(String((await collect(freshdesk, testContext(config()))).error)).toMatch(/401/);
  });

  it('waits for Retry-After on 429 and stops at keepFree calls left, going on next run', async () => {
    fake.inject({ status: 429, headers: { 'retry-after': '30' }, body: { message: 'You have exceeded the limit of requests per minute' }, match: (r) => r.path === '/api/v2/tickets' });
    const ctx = testContext(config({ perPage: 1, keepFree: 190 }));
    const first = await collect(freshdesk, ctx);
    expect(first.error).toBeUndefined();
    expect(ctx.waits).toContain(30_000);
    const got = interactions(first).length;
    expect(got).toBeLessThan(4);
    fake.credits.remaining = fake.credits.total; // a new minute
    const second = await collect(freshdesk, testContext(config({ perPage: 1, keepFree: 0 }), { cursor: first.cursor }));
    expect(interactions(second).map((i) => i.id).filter((id) => interactions(first).some((f) => f.id === id))).toEqual([]);
    expect(got + interactions(second).length).toBe(4);
  });

  it('resumes after a 5xx mid-sync from the saved page', async () => {
    let n = 0;
    fake.inject({ status: 502, times: 4, match: (r) => r.path === '/api/v2/tickets' && !r.query.get('filter') && ++n >= 2 });
    const first = await collect(freshdesk, testContext(config({ perPage: 1 })));
    expect(first.error).toBeTruthy();
    expect(interactions(first)).toHaveLength(1);
    fake.requests.length = 0;
    const second = await collect(freshdesk, testContext(config({ perPage: 1 }), { cursor: first.cursor }));
    expect(second.error).toBeUndefined();
    expect(ticketReqs()[0].query.get('page')).toBe('2');
    expect([...interactions(first), ...interactions(second)].map((i) => i.id).sort()).toEqual(['freshdesk:ticket:3052', 'freshdesk:ticket:3108', 'freshdesk:ticket:3190', 'freshdesk:ticket:3101'].sort());
  });

  it('brings a deleted ticket as a tombstone and a ticket changed twice once', async () => {
    const first = await collect(freshdesk, testContext(config()));
    fake.touch('tickets', 3108, { deleted: true }, '2026-11-10T09:00:00Z');
    fake.touch('tickets', 3190, { status: 3 }, '2026-11-11T09:00:00Z');
    fake.touch('tickets', 3190, { status: 4, stats: { resolved_at: '2026-11-12T09:00:00Z' } }, '2026-11-12T09:00:00Z');
    fake.touch('contacts', 43000002, { active: false }, '2026-11-12T09:00:00Z');
    const second = await collect(freshdesk, testContext(config(), { cursor: first.cursor }));
    expect(interactions(second)).toEqual([expect.objectContaining({ id: 'freshdesk:ticket:3190', kind: 'case-resolved', date: '2026-11-12T09:00:00Z' })]);
    expect(second.deletes).toEqual(expect.arrayContaining([{ type: 'interaction', id: 'freshdesk:ticket:3108' }, { type: 'contact', id: '43000002' }]));
    expect(fake.requests.filter((r) => r.query.get('filter') === 'deleted').at(-1)?.query.get('updated_since')).toBeTruthy();
  });

  it('reads no ticket older than the look-back window', async () => {
    const run = await collect(freshdesk, testContext(config(), { since: '2026-01-01T00:00:00Z' }));
    expect(ticketReqs()[0].query.get('updated_since')).toBe('2026-01-01T00:00:00Z');
    expect(interactions(run).map((i) => i.id)).not.toContain('freshdesk:ticket:3052');
    fake.touch('tickets', 3052, { status: 5 }, '2026-02-01T00:00:00Z'); // closed in the window, resolved before it
    const again = await collect(freshdesk, testContext(config(), { since: '2026-01-01T00:00:00Z' }));
    expect(interactions(again).map((i) => i.id)).not.toContain('freshdesk:ticket:3052');
    expect(again.deletes).toContainEqual({ type: 'interaction', id: 'freshdesk:ticket:3052' });
  });
});
