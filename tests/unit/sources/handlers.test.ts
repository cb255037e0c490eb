/** Which source answers, policy over user configuration, and the configuration the options page may change. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { start, type GraphService } from '../../servers/graph-service.mjs';
import { STORY } from '../../../utils/demo/story';
import { clearGraph } from '../../../utils/store/db';
import { clearSourceCache } from '../../../utils/sources/cache';
import { activeSource, configureSources, effectiveConfig, SourceManager, sourcesOverview } from '../../../utils/background/source-manager';
import { sourcesConfigItem } from '../../../utils/sources/state';
import type { GraphSource } from '../../../utils/sources/types';
import { setLocale } from '../ui/reasons-i18n';
import { validate } from '../../../utils/messaging/messages';

const local: GraphSource = {
  kind: 'local',
  meta: async () => null,
  rank: async () => ({ suggestions: [], source: 'local', at: '2026-01-01T00:00:00.000Z' }),
};
const nordlicht = { kind: 'account' as const, id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH', via: 'record' as const, focal: true, count: 1 };

let server: GraphService;
beforeEach(async () => {
  fakeBrowser.reset();
  // Errors are worded through i18n: read them in English.
  setLocale('en');
  await clearGraph();
  await clearSourceCache();
  server = await start({ graph: STORY });
});
afterEach(async () => {
  await server.close();
});

describe('effective configuration', () => {
  it('the policy’s service, token and tenant win and are locked; graphSource local switches the remote off', () => {
    const stored = { remote: { url: 'https://mine.example', auth: 'oauth' as const, oauth: { authorizeUrl: '', tokenUrl: '', clientId: 'x' } }, microsoft365: { tenantId: 'a', clientId: 'b' } };
    expect(effectiveConfig(stored, {})).toEqual(stored);
    const c = effectiveConfig(stored, { graphServiceUrl: 'https://corp.example/graph', graphServiceToken: 'secret', tenantId: 'corp', clientId: 'app' });
    expect(c.remote).toEqual({ url: 'https://corp.example/graph', auth: 'policy-token', oauth: undefined, locked: true });
    expect(c.microsoft365).toMatchObject({ tenantId: 'corp', clientId: 'app', locked: true });
    expect(effectiveConfig(stored, { graphSource: 'local' }).remote).toBeNull();
  });
});

describe('activeSource', () => {
  it('answers locally until a remote service is configured, then from the service, and follows a switch back', async () => {
    const m = new SourceManager({ remote: { breakerMs: 0 } });
    const source = activeSource(local, m);
    expect((await source.rank([nordlicht], {})).source).toBe('local');
    expect(source.kind).toBe('local');

    await configureSources({ remote: { url: server.url, auth: 'token', token: 'test-token' } }, m);
    const answer = await source.rank([nordlicht], {});
    expect(answer.source).toBe('remote');
    expect(answer.suggestions[0].person.id).toBe('p-sofie');
    expect(source.kind).toBe('remote');
    // The pasted token is in session storage, the configuration (no secret) in local storage.
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('test-token');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain('test-token');

    await configureSources({ remote: null }, m);
    expect((await source.rank([nordlicht], {})).source).toBe('local');
  });

  it('uses the policy’s token for a policy-set service (never stored)', async () => {
    await fakeBrowser.storage.managed.set({ graphSource: 'remote', graphServiceUrl: server.url, graphServiceToken: 'test-token' });
    const m = new SourceManager();
    const answer = await activeSource(local, m).rank([nordlicht], {});
    expect(answer.source).toBe('remote');
    const overview = await sourcesOverview(m);
    expect(overview).toMatchObject({ active: 'remote', policy: { sourceLocked: true, hasToken: true }, remote: { locked: true, auth: 'policy-token', signedIn: true } });
    expect(JSON.stringify(overview)).not.toContain('test-token');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('test-token');
  });
});

describe('configuredRemote (the popup search asks it on every keystroke)', () => {
  it('is null without asking storage again until a service is configured, then the service, and null again after a switch back', async () => {
    const m = new SourceManager({ remote: { breakerMs: 0 } });
    expect(await m.configuredRemote()).toBeNull();
    const local = vi.spyOn(fakeBrowser.storage.local, 'get');
    const managed = vi.spyOn(fakeBrowser.storage.managed, 'get');
    expect(await m.configuredRemote()).toBeNull();
    expect(local).not.toHaveBeenCalled();
    expect(managed).not.toHaveBeenCalled();
    await configureSources({ remote: { url: server.url, auth: 'token', token: 'test-token' } }, m);
    const remote = await m.configuredRemote();
    expect(remote).not.toBeNull();
    expect(remote).toBe(await m.remoteSource());
    await configureSources({ remote: null }, m);
    expect(await m.configuredRemote()).toBeNull();
  });

  it('follows a policy that names a service, once storage reports it', async () => {
    const m = new SourceManager();
    expect(await m.configuredRemote()).toBeNull();
    await fakeBrowser.storage.managed.set({ graphSource: 'remote', graphServiceUrl: server.url, graphServiceToken: 'test-token' });
    await vi.waitFor(async () => expect(await m.configuredRemote()).not.toBeNull());
  });
});

describe('configureSources', () => {
  it('refuses bad input with a clear message and keeps what was there', async () => {
    const m = new SourceManager();
    await configureSources({ remote: { url: server.url, auth: 'token', token: 't' } }, m);
    const before = await sourcesConfigItem.getValue();
    // Malformed input is stopped at the message gate, before configureSources runs.
    expect(() => validate('configureSources', { remote: { url: 'ftp://x', auth: 'token' } })).toThrow(/http/);
    expect(() => validate('configureSources', { microsoft365: { tenantId: 'bad tenant!', clientId: 'x' } })).toThrow(/letters, digits/);
    await expect(configureSources({ remote: { url: server.url, auth: 'oauth' } }, m)).rejects.toThrow(/client id/);
    expect(await sourcesConfigItem.getValue()).toEqual(before);
  });

  it('refuses what the policy locks', async () => {
    await fakeBrowser.storage.managed.set({ graphServiceUrl: 'https://corp.example', tenantId: 'corp', clientId: 'app' });
    const m = new SourceManager();
    await expect(configureSources({ remote: { url: 'https://other.example', auth: 'token' } }, m)).rejects.toThrow(/administrator/);
    await expect(configureSources({ remote: null }, m)).rejects.toThrow(/administrator/);
    await expect(configureSources({ microsoft365: { tenantId: 'mine', clientId: 'x' } }, m)).rejects.toThrow(/administrator/);
  });
});

describe('background wiring', () => {
  it('the active source and the options page’s messages share one manager, so failures reach onChanged', async () => {
    const onChanged = vi.fn();
    const m = new SourceManager({ onChanged, remote: { retry: { retries: 0 }, breakerMs: 60_000 } });
    const active = activeSource(local, m);
    await configureSources({ remote: { url: server.url, auth: 'token', token: 'test-token' } }, m);
    const fresh = await active.rank([nordlicht], {});
    expect(fresh.source).toBe('remote');
    server.setFault('500');
    const viaHandlers = await m.remoteSource();
    expect((await viaHandlers!.testConnection()).ok).toBe(false);
    expect(onChanged).toHaveBeenCalledTimes(1);
    // The same instance answers the background: degraded, so straight from the cache without asking.
    server.clearLog();
    const stale = await active.rank([nordlicht], {});
    expect(stale).toMatchObject({ stale: true, source: 'cache' });
    expect(server.log).toHaveLength(0);
  });
});
