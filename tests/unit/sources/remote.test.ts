/**
 * The remote company-graph source against the local test service
 * (tests/servers/graph-service.mjs), with real fetch: ranking, stale cached
 * answers on every kind of failure, OAuth refresh, dictionary sync with
 * cursor, resume and tombstones, and what the service gets to see.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { start, type GraphService } from '../../servers/graph-service.mjs';
import { STORY } from '../../../utils/demo/story';
import { clearGraph, getAccounts, getAllPeople, getGraphMeta, getTopics, onGraphChanged, readDictionarySource } from '../../../utils/store/db';
import type { GraphMeta } from '../../../utils/graph/model';
import { importGraphObject } from '../../../utils/store/importer';
import { clearSourceCache } from '../../../utils/sources/cache';
import { createRemoteSource, type RemoteSourceOptions } from '../../../utils/sources/remote';
import { remoteSyncItem, sourceFailuresItem } from '../../../utils/sources/state';
import type { DetectedEntity } from '../../../utils/spotting/types';
import type { RemoteSourceConfig } from '../../../utils/messaging/sources';

const nordlicht: DetectedEntity = { kind: 'account', id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH', via: 'record', focal: true, count: 3 };
const FAST: RemoteSourceOptions = { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 }, breakerMs: 0, timeouts: { rankMs: 400, rankDeadlineMs: 1500, dictionaryMs: 2000 } };

let server: GraphService;

/** A POST /v1/rank body as the test service logged it (its raw keys, not stripped by a schema). */
interface RankRequestBody {
  entities: Array<Record<string, unknown>>;
  me?: string;
  limit?: number;
}
const rankBody = (raw: string) => JSON.parse(raw) as RankRequestBody;

async function tokenSource(opts: RemoteSourceOptions = {}, config: Partial<RemoteSourceConfig> = {}) {
  const source = createRemoteSource({ url: server.url, auth: 'token', ...config }, { ...FAST, ...opts });
  await source.setToken('test-token');
  await source.ready();
  return source;
}

beforeEach(async () => {
  fakeBrowser.reset();
  await clearGraph();
  await clearSourceCache();
  server = await start({ graph: STORY });
});
afterEach(async () => {
  await server.close();
});

describe('remote source: rank', () => {
  it('asks the service with entity ids only and returns its colleagues, never a non-discoverable one', async () => {
    const source = await tokenSource();
    const answer = await source.rank([nordlicht], { limit: 20 });
    expect(answer.source).toBe('remote');
    expect(answer.stale).toBeFalsy();
    expect(answer.suggestions.length).toBeGreaterThanOrEqual(3);
    expect(answer.suggestions[0].person.id).toBe('p-sofie');
    expect(answer.suggestions.map((s) => s.person.id)).not.toContain('p-konstantin');
    const req = server.log.find((e) => e.path === '/v1/rank')!;
    expect(JSON.parse(req.body)).toEqual({ entities: [{ kind: 'account', id: 'a-nordlicht', focal: true }], limit: 20 });
    expect(req.auth).toBe('bearer');
  });

  it('drops non-discoverable people even when the service leaks them (flagged, or known so locally)', async () => {
    await server.close();
    server = await start({ graph: STORY, leakNonDiscoverable: 'flagged' });
    let answer = await (await tokenSource()).rank([nordlicht], {});
    expect(server.log.some((e) => e.path === '/v1/rank' && e.status === 200)).toBe(true);
    expect(answer.suggestions.map((s) => s.person.id)).not.toContain('p-konstantin');

    await server.close();
    server = await start({ graph: STORY, leakNonDiscoverable: 'silent' });
    await importGraphObject({ ...STORY, interactions: [] }, { mode: 'replace' });
    answer = await (await tokenSource()).rank([nordlicht], {});
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.map((s) => s.person.id)).not.toContain('p-konstantin');
  });

  it('never suggests me, and applies "not relevant" marks locally without telling the service', async () => {
    const source = await tokenSource();
    const all = await source.rank([nordlicht], {});
    const [first, second] = all.suggestions.map((s) => s.person.id);
    const answer = await source.rank([nordlicht], { meId: first, dismissed: { [second]: ['a-nordlicht'] } });
    const ids = answer.suggestions.map((s) => s.person.id);
    expect(ids).not.toContain(first);
    expect(ids).not.toContain(second);
    const body = rankBody(server.log.filter((e) => e.path === '/v1/rank').at(-1)!.body);
    expect(body.me).toBe(first);
    expect(JSON.stringify(body)).not.toContain(second);
  });
});

describe('remote source: stale answers from the cache', () => {
  const cases: Array<[string, () => void | Promise<void>, string]> = [
    ['answers 500', () => server.setFault('500'), 'http'],
    ['answers garbage', () => server.setFault('garbage'), 'invalid'],
    ['answers malformed JSON', () => server.setFault('malformed'), 'invalid'],
    ['stalls past the timeout', () => server.setFault('stall', { stallMs: 3000 }), 'timeout'],
    ['never answers', () => server.setFault('timeout'), 'timeout'],
    ['is down', () => server.close(), 'network'],
  ];
  for (const [what, breakIt, kind] of cases) {
    it(`returns the last answer marked stale when the service ${what}, and records the failure`, async () => {
      const source = await tokenSource();
      const fresh = await source.rank([nordlicht], { limit: 10 });
      expect(fresh.source).toBe('remote');
      await breakIt();
      const stale = await source.rank([nordlicht], { limit: 10 });
      expect(stale.stale).toBe(true);
      expect(stale.source).toBe('cache');
      expect(stale.at).toBe(fresh.at);
      expect(stale.suggestions.map((s) => s.person.id)).toEqual(fresh.suggestions.map((s) => s.person.id));
      const failure = source.status().failures[0];
      expect(failure).toMatchObject({ source: 'remote', path: '/v1/rank', kind });
      expect(source.status().degraded).toBe(true);
      // Persisted for the options page; no query strings, tokens or bodies.
      const stored = await sourceFailuresItem.getValue();
      expect(stored[0]).toMatchObject({ path: '/v1/rank', kind });
      expect(JSON.stringify(stored)).not.toMatch(/test-token|\?|a-nordlicht/);
    });
  }

  it('answers empty and stale when the service is down and nothing is cached', async () => {
    const source = await tokenSource();
    await server.close();
    const answer = await source.rank([nordlicht], {});
    expect(answer).toMatchObject({ stale: true, source: 'cache', suggestions: [] });
  });

  it('retries a 5xx with backoff and then answers fresh', async () => {
    const source = await tokenSource({ retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    server.setFault('500', { times: 2, path: '/v1/rank' });
    const answer = await source.rank([nordlicht], {});
    expect(answer.source).toBe('remote');
    expect(server.log.filter((e) => e.path === '/v1/rank').map((e) => e.status)).toEqual([500, 500, 200]);
  });

  it('tells the background when the service becomes unreachable and reachable again', async () => {
    const onHealthChange = vi.fn();
    const source = await tokenSource({ onHealthChange });
    await source.rank([nordlicht], {});
    server.setFault('500');
    await source.rank([nordlicht], {});
    server.setFault(null);
    await source.rank([nordlicht], {});
    expect(onHealthChange.mock.calls).toEqual([[true], [false]]);
  });
});

describe('remote source: OAuth 2.0 + PKCE', () => {
  function stubIdentity() {
    // The browser's auth window: follow the authorization server's redirect and hand back its URL.
    Object.assign(browser.identity, {
      getRedirectURL: () => 'https://kenner-test.chromiumapp.org/',
      launchWebAuthFlow: vi.fn(async ({ url }: { url: string }) => {
        const res = await fetch(url, { redirect: 'manual' });
        return res.headers.get('location');
      }),
    });
  }
  const oauthConfig = (): Partial<RemoteSourceConfig> => ({ auth: 'oauth', oauth: { authorizeUrl: '', tokenUrl: '', clientId: 'kenner' } });

  it('signs in (endpoints from RFC 8414 metadata), keeps tokens in session storage only, and refreshes once on a 401', async () => {
    stubIdentity();
    const source = createRemoteSource({ url: server.url, ...oauthConfig() } as RemoteSourceConfig, FAST);
    await source.ready();
    await source.signIn();
    const session = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(session).toMatch(/at-/);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toMatch(/at-|rt-/);

    expect((await source.rank([nordlicht], {})).source).toBe('remote');
    server.setFault('expired-token');
    server.clearLog();
    const answer = await source.rank([nordlicht], {});
    expect(answer.source).toBe('remote');
    expect(server.log.map((e) => `${e.path} ${e.status}`)).toEqual(['/v1/rank 401', '/oauth/token 200', '/v1/rank 200']);
    expect(new URLSearchParams(server.log[1].body).get('grant_type')).toBe('refresh_token');
  });

  it('refreshes before the access token expires', async () => {
    stubIdentity();
    server.setTokenTtl(30); // inside the 60 s refresh margin
    const source = createRemoteSource({ url: server.url, ...oauthConfig() } as RemoteSourceConfig, FAST);
    await source.signIn();
    server.clearLog();
    await source.rank([nordlicht], {});
    expect(server.log.map((e) => e.path)).toEqual(['/oauth/token', '/v1/rank']);
  });

  it('a refused refresh means: sign in again (stale answer, auth failure recorded)', async () => {
    const source = await tokenSource({}, {});
    await source.rank([nordlicht], {});
    server.setFault('expired-token');
    const answer = await source.rank([nordlicht], {});
    expect(answer.stale).toBe(true);
    expect(source.status().failures[0]).toMatchObject({ kind: 'auth', path: '/v1/rank' });
  });
});

describe('remote source: dictionary sync', () => {
  const total = () => STORY.accounts.length + STORY.contacts.length + STORY.topics.length + STORY.people.filter((p) => p.discoverable !== false).length + 1; // + 1 colleague domain

  it('fetches the dictionary page by page into the local graph, so spotting knows the names', async () => {
    const source = await tokenSource({ pageLimit: 5 });
    const r = await source.sync();
    expect(r).toMatchObject({ ok: true, records: total(), revision: 'r1' });
    expect(r.pages).toBe(Math.ceil(total() / 5));
    const dict = server.log.filter((e) => e.path === '/v1/dictionary');
    expect(new URLSearchParams(dict[0].query).get('cursor')).toBeNull();
    for (const e of dict.slice(1)) expect(new URLSearchParams(e.query).get('cursor')).toBeTruthy();
    expect((await getAccounts(['a-nordlicht']))[0]?.name).toBe('Nordlicht Logistik GmbH');
    expect((await getTopics(STORY.topics.map((t) => t.id))).length).toBe(STORY.topics.length);
    const src = await readDictionarySource();
    expect(src.contacts.find((c) => c.id === 'c-ahlers')?.accountId).toBe('a-nordlicht');
    // Colleague domain known (never shown: not discoverable), non-discoverable colleague not sent at all.
    const people = await getAllPeople();
    expect(people.find((p) => p.id === 'kenner-domain:kenner-demo.example')?.discoverable).toBe(false);
    expect(people.find((p) => p.id === 'p-konstantin')).toBeUndefined();
    expect((await remoteSyncItem.getValue()).revision).toBe('r1');
  });

  it('asks for pages of 5,000 by default, the contract\'s largest', async () => {
    const source = await tokenSource();
    expect((await source.sync()).ok).toBe(true);
    const dict = server.log.filter((e) => e.path === '/v1/dictionary');
    expect(dict.length).toBeGreaterThan(0);
    for (const e of dict) expect(new URLSearchParams(e.query).get('limit')).toBe('5000');
  });

  it('resumes an interrupted sync from the persisted cursor (a new instance, as after a service-worker restart)', async () => {
    const first = await tokenSource({ pageLimit: 4 });
    const part = await first.sync({ maxPages: 2 });
    expect(part).toMatchObject({ ok: false, pages: 2 });
    const saved = await remoteSyncItem.getValue();
    expect(saved.inProgress?.cursor).toBeTruthy();
    server.clearLog();

    const second = await tokenSource({ pageLimit: 4 });
    const rest = await second.sync();
    expect(rest).toMatchObject({ ok: true, resumed: true });
    expect(part.records + rest.records).toBe(total());
    expect(new URLSearchParams(server.log[0].query).get('cursor')).toBe(saved.inProgress!.cursor);
    expect((await remoteSyncItem.getValue()).inProgress).toBeUndefined();
  });

  it('a failing page stops the sync without losing the pages before; the next sync continues', async () => {
    const source = await tokenSource({ pageLimit: 4, retry: { retries: 0 } });
    const r1 = await source.sync({ maxPages: 1 });
    expect(r1.pages).toBe(1);
    server.setFault('500', { path: '/v1/dictionary', times: 1 });
    const r2 = await source.sync();
    expect(r2).toMatchObject({ ok: false, pages: 0 });
    expect(source.status().failures[0]).toMatchObject({ path: '/v1/dictionary', kind: 'http', status: 500 });
    expect((await getTopics(STORY.topics.map((t) => t.id))).length).toBe(4); // the first page (topics come first) stays
    const r3 = await source.sync();
    expect(r3).toMatchObject({ ok: true, resumed: true });
    expect(r1.records + r3.records).toBe(total());
  });

  it('syncs incrementally from the last revision: changes arrive, tombstones remove records from the local graph', async () => {
    const source = await tokenSource();
    await source.sync();
    expect((await getTopics(['t-edi'])).map((t) => t.id)).toEqual(['t-edi']);
    expect((await getAllPeople()).filter((p) => p.skills?.includes('t-edi')).length).toBeGreaterThan(0);
    const before = await getGraphMeta();
    const heard: GraphMeta[] = [];
    const off = onGraphChanged((m) => heard.push(m));
    server.upsert('account', { id: 'a-new', name: 'Fjordkraft Nordic AS', domains: ['fjordkraft.example'] });
    server.remove('topic', 't-edi');
    server.clearLog();
    const r = await source.sync();
    off();
    expect(r).toMatchObject({ ok: true, records: 1, deleted: 1, revision: 'r3' });
    expect(new URLSearchParams(server.log[0].query).get('since')).toBe('r1');
    expect((await getAccounts(['a-new']))[0]?.name).toBe('Fjordkraft Nordic AS');
    // The real store: the topic is gone from the graph and from what spotting is built from, nothing waits.
    expect(await getTopics(['t-edi'])).toEqual([]);
    expect((await readDictionarySource()).topics.map((t) => t.id)).not.toContain('t-edi');
    expect((await getAllPeople()).filter((p) => p.skills?.includes('t-edi'))).toEqual([]);
    expect((await remoteSyncItem.getValue()).pendingDeletes).toBeUndefined();
    const after = await getGraphMeta();
    expect(after?.revision).not.toBe(before?.revision);
    expect(after?.counts.topics).toBe(STORY.topics.length - 1);
    expect(heard.at(-1)).toEqual(after);
  });
});

describe('privacy: what the service sees', () => {
  it('only ids and the user’s own search text: never page text or URLs', async () => {
    const source = await tokenSource();
    await source.sync();
    // What a content script reports carries display names and counts; the tab has a URL.
    const pageEntities: DetectedEntity[] = [
      nordlicht,
      { kind: 'contact', id: 'c-ahlers', name: 'Henrik Ahlers', via: 'email', count: 1 },
      { kind: 'topic', id: 't-s4', name: 'SAP S/4HANA migration', via: 'text', count: 2 },
    ];
    await source.rank(pageEntities, { limit: 5 });
    await source.searchPeople('sofie', 5);
    await source.getPerson('p-sofie');
    const sent = server.log.map((e) => `${e.path}${e.query}\n${e.body}`).join('\n');
    for (const text of ['Nordlicht', 'Henrik', 'Ahlers', 'SAP', 'lightning', 'force.com', 'http://', 'https://']) expect(sent).not.toContain(text);
    for (const e of server.log.filter((x) => x.path === '/v1/rank')) {
      const body = rankBody(e.body);
      expect(Object.keys(body).sort()).toEqual(['entities', 'limit']);
      for (const ent of body.entities) expect(Object.keys(ent).every((k) => ['kind', 'id', 'focal'].includes(k))).toBe(true);
    }
    expect(server.log.find((e) => e.path === '/v1/people/search')?.query).toBe('?q=sofie&limit=5');
  });

  it('search and person lookups never return a non-discoverable colleague', async () => {
    const source = await tokenSource();
    expect(await source.getPerson('p-konstantin')).toBeNull();
    expect((await source.searchPeople('adler')).length).toBe(0);
    expect((await source.getPerson('p-sofie'))?.name).toBe('Sofie Lindqvist');
  });
});
