/** server/connectors/hubspot.ts (through @hubspot/api-client) against a fake portal that answers as HubSpot's CRM API documents. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import hubspot, { hubspotConfigSchema, hubspotProperties, HUBSPOT_OBJECTS, type HubspotConfig } from '../../../server/connectors/hubspot';
import { runPages, type PageRun } from './mail-context';
import type { Json, SourceRecord } from '../../../server/connectors/types';
import { sourceFetch } from '../../../server/sync/http';
import { hubspotStory, serveHubspotStory, startFakeHubspot, type FakeHubspot, type HsObject } from './fakes/hubspot';

const OAUTH = { clientId: 'hs-client', clientSecret: 'hs-secret', refreshToken: 'hs-refresh' };
beforeAll(() => {
  process.env.KENNER_TEST_HS_TOKEN = 'pat-eu1-fake-private-app';
  process.env.KENNER_TEST_HS_ID = OAUTH.clientId;
  process.env.KENNER_TEST_HS_SECRET = OAUTH.clientSecret;
  process.env.KENNER_TEST_HS_REFRESH = OAUTH.refreshToken;
});

let fake: FakeHubspot | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
const start = async (cap?: number) => (fake = await startFakeHubspot({ tenant: hubspotStory(), token: 'pat-eu1-fake-private-app', oauth: OAUTH, cap }));
const config = (f: FakeHubspot, extra: Partial<HubspotConfig> = {}): HubspotConfig =>
  hubspotConfigSchema.parse({ basePath: f.url, accessTokenEnv: 'KENNER_TEST_HS_TOKEN', dealTermProperties: ['dealtype', 'product_line'], ...extra });

type Run = PageRun;
const run = (f: FakeHubspot, opts: { cursor?: Json; since?: string; config?: Partial<HubspotConfig>; onPage?: (n: number) => void } = {}): Promise<Run> => runPages(hubspot, config(f, opts.config), opts);
const upserts = (r: Run) => r.pages.flatMap((p) => p.upserts);
const key = (u: SourceRecord) => `${u.type}:${u.record.id}`;
const byKey = (r: Run) => new Map(upserts(r).map((u) => [key(u), u]));
const touch = (o: HsObject, props: Record<string, string | null>, at: string): HsObject => ({ ...o, properties: { ...o.properties, ...props, hs_lastmodifieddate: at }, updatedAt: at });

describe('HubSpot connector', () => {
  it('maps the story portal: Zoë owns Van Dijk and won its WMS deal, with the deal associations', async () => {
    const f = await start();
    const r = await run(f, { config: { portalId: '26101234' } });
    expect(r.error).toBeUndefined();
    const all = byKey(r);
    expect(all.get('person:61000001')?.record).toMatchObject({ name: 'Zoë van den Berg', email: 'zoe.vandenberg@kenner-demo.example' });
    expect(all.get('account:9100003')?.record).toMatchObject({ name: 'Van Dijk Installatietechniek B.V.', domains: ['vandijk-installatie.nl'], ownerId: '61000001', externalIds: { hubspot: '9100003' } });
    expect(all.get('interaction:company:9100002:owner')?.record).toMatchObject({ personId: '61000002', accountId: '9100002', kind: 'account-owner', date: '2024-01-01' });
    expect(all.get('contact:7100002')?.record).toMatchObject({ name: 'Mette Hansen', email: 'mette.hansen@havbryggen.dk', accountId: '9100002' });
    const deal = all.get('interaction:deal:8100001');
    expect(deal?.record).toMatchObject({
      personId: '61000001', kind: 'deal-won', date: '2026-04-18', accountId: '9100003', contactId: '7100001', title: 'Magazijnbeheer rollout',
      url: 'https://app.hubspot.com/contacts/26101234/record/0-3/8100001',
    });
    expect(deal?.type === 'interaction' && deal.record.terms).toEqual([
      { field: 'deal.dealtype', value: 'newbusiness' },
      { field: 'deal.product_line', value: 'WMS' },
    ]);
    expect(all.get('interaction:deal:8100002')?.record).toMatchObject({ kind: 'deal-open', accountId: '9100002', contactId: '7100002' });
    expect(all.get('interaction:ticket:5100001')?.record).toMatchObject({ personId: '61000001', kind: 'case-resolved', date: '2026-06-01', accountId: '9100003', terms: [{ field: 'ticket.hs_ticket_category', value: 'PRODUCT_ISSUE' }] });
    expect(all.has('interaction:ticket:5100002')).toBe(false); // no owner
    expect(JSON.stringify(upserts(r))).not.toMatch(/never read|48000|\+31/);
    expect(upserts(r)).toHaveLength(all.size);
  });

  it('asks only for the documented properties, sorted by last modified date', async () => {
    const f = await start();
    const cfg = config(f);
    await run(f);
    const props = hubspotProperties(cfg);
    expect(f.searches.map((s) => s.type)).toEqual([...HUBSPOT_OBJECTS]);
    for (const s of f.searches) {
      expect(s.body.properties, s.type).toEqual(props[s.type as keyof typeof props]);
      expect(s.body.sorts).toEqual([{ propertyName: s.type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate', direction: 'ASCENDING' }]);
    }
    const archivedLists = f.requests.filter((q) => q.query.get('archived') === 'true' && q.path.startsWith('/crm/v3/objects/'));
    expect(archivedLists.map((q) => q.query.get('properties'))).toEqual(['hs_object_id', 'hs_object_id', 'hs_object_id', 'hs_object_id']);
  });

  it('pages by after, re-anchors on the last modified date at the 10,000-result cap, and repeats nothing', async () => {
    const f = await start(4);
    for (let i = 0; i < 9; i++) f.put('contacts', { id: String(7200000 + i), properties: { firstname: `Test${i}`, lastname: 'Kontakt', email: `t${i}@vandijk-installatie.nl`, lastmodifieddate: `2026-10-1${i}T09:00:00.000Z` }, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-10-10T09:00:00.000Z', archived: false });
    const r = await run(f, { config: { pageSize: 2, searchCap: 4 } });
    expect(r.error).toBeUndefined();
    const contacts = upserts(r).filter((u) => u.type === 'contact');
    expect(contacts).toHaveLength(12);
    expect(new Set(contacts.map(key)).size).toBe(12);
    const contactSearches = f.searches.filter((s) => s.type === 'contacts');
    expect(contactSearches.every((s) => Number(s.body.after ?? 0) + 2 <= 4)).toBe(true);
    expect(new Set(contactSearches.map((s) => s.body.filterGroups?.[0].filters[0].value)).size).toBeGreaterThan(2);
  });

  it('refreshes an expired OAuth access token and goes on', async () => {
    const f = await start();
    const oauth = { clientIdEnv: 'KENNER_TEST_HS_ID', clientSecretEnv: 'KENNER_TEST_HS_SECRET', refreshTokenEnv: 'KENNER_TEST_HS_REFRESH' };
    const r = await run(f, { config: { oauth }, onPage: (n) => n === 2 && f.expireTokens() });
    expect(r.error).toBeUndefined();
    expect(f.count('/oauth/v1/token')).toBe(2);
    expect(f.requests.filter((q) => q.headers.authorization?.endsWith('-fake-1')).length).toBeGreaterThan(2);
    expect(byKey(r).has('interaction:deal:8100001')).toBe(true);
  });

  it('waits for Retry-After on 429 and repeats the search', async () => {
    const f = await start();
    f.inject({ status: 429, headers: { 'retry-after': '2' }, body: { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: 'c0ffee', policyName: 'SECONDLY' }, match: (q) => q.path === '/crm/v3/objects/deals/search' });
    const r = await run(f);
    expect(r.error).toBeUndefined();
    expect(r.waits).toEqual([2000]);
    expect(f.count('/crm/v3/objects/deals/search')).toBe(2);
    expect(byKey(r).has('interaction:deal:8100001')).toBe(true);
  });

  it('resumes after a 5xx in the middle of a sync from the saved cursor, losing and repeating nothing', async () => {
    const f = await start();
    f.inject({ status: 502, body: { status: 'error', message: 'Bad Gateway', category: 'INTERNAL_ERROR' }, times: 4, match: (q) => q.path === '/crm/v3/objects/contacts/search' && (q.json as { after?: string } | undefined)?.after === '2' });
    const first = await run(f, { config: { pageSize: 2 } });
    expect(first.error).toBeDefined();
    const second = await run(f, { cursor: first.cursor, config: { pageSize: 2 } });
    expect(second.error).toBeUndefined();
    const keys = [...upserts(first), ...upserts(second)].map(key).filter((k) => !k.startsWith('person:'));
    expect(new Set(keys).size).toBe(keys.length);
    const whole = await run(f);
    expect(keys.sort()).toEqual([...byKey(whole).keys()].filter((k) => !k.startsWith('person:')).sort());
  });

  it('turns records archived since the last run into tombstones', async () => {
    const f = await start();
    const first = await run(f);
    expect(first.pages.flatMap((p) => p.deletes)).toEqual([]);
    f.archive('deals', '8100002', '2026-11-20T10:00:00.000Z');
    f.archive('companies', '9100001', '2026-11-20T10:01:00.000Z');
    const second = await run(f, { cursor: first.cursor });
    expect(second.pages.flatMap((p) => p.deletes)).toEqual([
      { type: 'account', id: '9100001' },
      { type: 'interaction', id: 'company:9100001:owner' },
      { type: 'interaction', id: 'deal:8100002' },
    ]);
    const third = await run(f, { cursor: second.cursor });
    expect(third.pages.flatMap((p) => p.deletes)).toEqual([]);
  });

  it('reads a record changed twice between runs once, with its last state, and nothing else', async () => {
    const f = await start();
    const first = await run(f);
    const deal = f.tenant.objects.deals.find((d) => d.id === '8100002')!;
    f.put('deals', touch(deal, { dealstage: 'contractsent' }, '2026-11-20T10:00:00.000Z'));
    f.put('deals', touch(deal, { hs_is_closed: 'true', hs_is_closed_won: 'true', closedate: '2026-11-21T10:00:00.000Z' }, '2026-11-21T10:00:00.000Z'));
    const second = await run(f, { cursor: first.cursor });
    const changed = upserts(second).filter((u) => u.type !== 'person');
    expect(changed).toEqual([{ type: 'interaction', record: expect.objectContaining({ id: 'deal:8100002', kind: 'deal-won', date: '2026-11-21' }) as unknown }]);
  });

  it('withdraws a ticket whose owner was removed', async () => {
    const f = await start();
    const first = await run(f);
    expect(first.pages.flatMap((p) => p.deletes)).toEqual([]);
    const ticket = f.tenant.objects.tickets.find((t) => t.id === '5100001')!;
    f.put('tickets', touch(ticket, { hubspot_owner_id: null }, '2026-11-20T10:00:00.000Z'));
    const second = await run(f, { cursor: first.cursor });
    expect(second.pages.flatMap((p) => p.deletes)).toEqual([{ type: 'interaction', id: 'ticket:5100001' }]);
  });

  it('does not search for deals or tickets closed before the look-back window', async () => {
    const f = await start();
    const r = await run(f, { since: '2025-01-01T00:00:00Z' });
    const all = byKey(r);
    expect(all.has('interaction:deal:8100003')).toBe(false); // lost 2021
    expect(all.has('interaction:deal:8100001')).toBe(true);
    const deals = f.searches.find((s) => s.type === 'deals');
    expect(deals?.body.filterGroups?.[1].filters[1]).toEqual({ propertyName: 'closedate', operator: 'GTE', value: String(Date.parse('2025-01-01T00:00:00Z')) });
  });

  it('serves the story portal with the settings that read it', async () => {
    const { server, env, config: raw } = await serveHubspotStory();
    try {
      Object.assign(process.env, env);
      const ctx = { config: hubspotConfigSchema.parse(raw), cursor: undefined, since: new Date('2022-11-01T00:00:00Z'), fetch: sourceFetch(), isExcluded: () => false, isInternal: () => false, signal: new AbortController().signal };
      const got: SourceRecord[] = [];
      for await (const p of hubspot.sync(ctx)) got.push(...p.upserts);
      expect(got.find((u) => u.type === 'account' && u.record.externalIds?.hubspot === '9100003')?.record).toMatchObject({ ownerId: '61000001' });
    } finally {
      await server.close();
    }
  });
});
