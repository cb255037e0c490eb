/**
 * Microsoft 365 against the local Microsoft Graph stand-in
 * (tests/servers/msgraph.mjs): directory paging with @odata.nextLink into
 * the local graph, 429 + Retry-After, 401 expiry (refresh once, then "sign
 * in again"), /me/people relevance, profile skills.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { sampleUsers, start, type MsGraphServer } from '../../servers/msgraph.mjs';
import { clearGraph, getAllPeople, getPeople } from '../../../utils/store/db';
import { importGraphObject } from '../../../utils/store/importer';
import { clearSourceCache, getRelevance } from '../../../utils/sources/cache';
import { createMicrosoft365Source, type Microsoft365Options } from '../../../utils/sources/microsoft365';
import { countryCode, mapUser } from '../../../utils/sources/microsoft365-directory';
import { storeTokens } from '../../../utils/sources/oauth';
import { m365SyncItem } from '../../../utils/sources/state';

let server: MsGraphServer;
const users = sampleUsers();
const [sofie, joerg, zoe, soren] = users;

function source(opts: Microsoft365Options = {}) {
  return createMicrosoft365Source({ tenantId: 'contoso.onmicrosoft.com', clientId: 'c0ffee00-1111-2222-3333-444455556666', graphBaseUrl: server.url, loginBaseUrl: server.url }, { retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...opts });
}

async function signedIn(opts: Microsoft365Options = {}) {
  const s = source(opts);
  const t = server.issueToken();
  await storeTokens('microsoft365', { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: Date.now() + 3_600_000 });
  await s.ready();
  return s;
}

beforeEach(async () => {
  fakeBrowser.reset();
  await clearGraph();
  await clearSourceCache();
  server = await start({ pageSize: 2, people: [zoe.id, sofie.id], skills: { [sofie.id]: ['SAP S/4HANA migration', 'Kubernetes'] } });
});
afterEach(async () => {
  await server.close();
});

describe('mapping directory users', () => {
  it('maps a Graph user to a colleague: m365 id, Teams UPN, ISO country, IANA zone, language', () => {
    expect(mapUser(sofie)).toEqual({
      id: `m365:${sofie.id}`,
      name: 'Sofie Lindqvist',
      email: 'sofie.lindqvist@contoso.com',
      title: 'Solution Architect',
      department: 'Presales',
      location: 'Stockholm',
      country: 'SE',
      timezone: 'Europe/Berlin',
      languages: ['sv-SE'],
      chat: { teams: 'sofie.lindqvist@contoso.com' },
    });
    expect(mapUser(soren)?.email).toBe('soren.kristensen@contoso.com'); // no mail: the UPN
    expect(mapUser({ id: 'x', displayName: '  ' })).toBeNull();
    expect(countryCode('Deutschland')).toBe('DE');
    expect(countryCode('nl')).toBe('NL');
    expect(countryCode('Atlantis')).toBeUndefined();
  });
});

describe('Microsoft 365 directory sync', () => {
  it('follows @odata.nextLink page by page and writes the colleagues into the local graph (merge)', async () => {
    await importGraphObject({ people: [{ id: 'p-local', name: 'Lokal Person' }], accounts: [{ id: 'a-1', name: 'Acme' }], contacts: [], topics: [], interactions: [{ personId: 'p-local', kind: 'deal-won', date: '2026-01-01', accountId: 'a-1' }] }, { mode: 'replace' });
    const s = await signedIn();
    const r = await s.syncDirectory();
    expect(r).toMatchObject({ ok: true, pages: 3, records: users.length });
    const users1 = server.log.filter((e) => e.path === '/v1.0/users');
    expect(users1).toHaveLength(3);
    const q0 = new URLSearchParams(users1[0].query);
    expect(q0.get('$select')).toBe('id,displayName,mail,userPrincipalName,jobTitle,department,officeLocation,country,preferredLanguage,mailboxSettings');
    expect(q0.get('$top')).toBe('999');
    expect(new URLSearchParams(users1[1].query).get('$skiptoken')).toBe('2');
    const people = await getAllPeople();
    expect(people.map((p) => p.id).sort()).toEqual(['p-local', ...users.map((u) => `m365:${u.id}`)].sort());
    expect((await getPeople([`m365:${joerg.id}`]))[0]).toMatchObject({ name: 'Jörg Bäumer', country: 'DE', timezone: 'Europe/Berlin', chat: { teams: 'joerg.baeumer@contoso.com' } });
    expect(await m365SyncItem.getValue()).toMatchObject({ completedAt: expect.any(String) as string });
  });

  it('enriches a colleague already in the graph (same email) instead of adding a twin', async () => {
    await importGraphObject({ people: [{ id: 'p-sofie', name: 'Sofie Lindqvist', email: 'sofie.lindqvist@contoso.com', skills: [] }], accounts: [], contacts: [], topics: [], interactions: [] }, { mode: 'replace' });
    const s = await signedIn();
    await s.syncDirectory();
    const people = await getAllPeople();
    expect(people.filter((p) => p.email === 'sofie.lindqvist@contoso.com').map((p) => p.id)).toEqual(['p-sofie']);
    expect((await getPeople(['p-sofie']))[0]).toMatchObject({ title: 'Solution Architect', chat: { teams: 'sofie.lindqvist@contoso.com' } });
  });

  it('resumes from the persisted @odata.nextLink after an interruption', async () => {
    const s = await signedIn();
    expect(await s.syncDirectory({ maxPages: 1 })).toMatchObject({ ok: false, pages: 1 });
    const link = (await m365SyncItem.getValue()).inProgress?.cursor;
    expect(new URL(link!).searchParams.get('$skiptoken')).toBe('2');
    server.clearLog();
    const again = await signedIn();
    expect(await again.syncDirectory()).toMatchObject({ ok: true, pages: 2, resumed: true });
    expect(new URLSearchParams(server.log[0].query).get('$skiptoken')).toBe('2');
    expect((await getAllPeople()).length).toBe(users.length);
  });

  it('honours 429 Retry-After before asking again', async () => {
    const sleep = vi.fn(async () => undefined);
    const s = await signedIn({ sleep, random: () => 0 });
    server.setFault('throttle', { times: 2, retryAfter: 3, path: '/v1.0/users' });
    const r = await s.syncDirectory();
    expect(r.ok).toBe(true);
    expect(sleep.mock.calls.map((c: unknown[]) => c[0])).toEqual([3000, 3000]);
    expect(server.log.filter((e) => e.path === '/v1.0/users').map((e) => e.status).slice(0, 3)).toEqual([429, 429, 200]);
  });

  it('a 401 on an expired token refreshes once; a refused refresh asks to sign in again', async () => {
    const s = await signedIn();
    server.setFault('expired-token');
    expect((await s.syncDirectory()).ok).toBe(true);
    expect(server.log.some((e) => /oauth2\/v2\.0\/token$/.test(e.path) && e.status === 200)).toBe(true);

    await storeTokens('microsoft365', { accessToken: 'expired', refreshToken: 'unknown-refresh' });
    await m365SyncItem.setValue({});
    const r = await s.syncDirectory();
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/sign in again/i);
    expect(s.status().failures[0]).toMatchObject({ source: 'microsoft365', kind: 'auth' });
    expect(await s.signedIn()).toBe(false);
  });

  it('stores /me/people relevance and reads profile skills into topics the graph knows', async () => {
    await importGraphObject({ people: [], accounts: [], contacts: [], topics: [{ id: 't-s4', label: 'SAP S/4HANA migration' }], interactions: [] }, { mode: 'replace' });
    const s = await signedIn();
    const r = await s.sync();
    expect(r.ok).toBe(true);
    const rel = await getRelevance();
    expect([...rel.keys()]).toEqual([`m365:${zoe.id}`, `m365:${sofie.id}`]);
    expect(rel.get(`m365:${zoe.id}`)!).toBeGreaterThan(rel.get(`m365:${sofie.id}`)!);
    expect((await getPeople([`m365:${sofie.id}`]))[0].skills).toEqual(['t-s4']);
  });

  it('looks up the directory with $search and ConsistencyLevel: eventual, sending only the typed text', async () => {
    const s = await signedIn();
    const hits = await s.searchDirectory('zoë');
    expect(hits.map((p) => p.name)).toEqual(['Zoë van den Berg']);
    const req = server.log.at(-1)!;
    expect(req.headers.consistencylevel).toBe('eventual');
    expect(new URLSearchParams(req.query).get('$search')).toBe('"displayName:zoë" OR "mail:zoë"');
  });
});

describe('Microsoft 365 sign-in', () => {
  it('uses the tenant’s authorize endpoint with PKCE and the documented scopes', async () => {
    let asked = '';
    Object.assign(browser.identity, {
      getRedirectURL: () => 'https://kenner-test.chromiumapp.org/',
      launchWebAuthFlow: vi.fn(async ({ url }: { url: string }) => {
        asked = url;
        return (await fetch(url, { redirect: 'manual' })).headers.get('location');
      }),
    });
    const s = source();
    await s.signIn();
    const u = new URL(asked);
    expect(u.pathname).toBe('/contoso.onmicrosoft.com/oauth2/v2.0/authorize');
    expect(u.searchParams.get('scope')).toBe('User.Read.All People.Read offline_access');
    expect(u.searchParams.get('code_challenge_method')).toBe('S256');
    expect(await s.signedIn()).toBe(true);
    expect((await s.syncDirectory()).ok).toBe(true);
  });
});
