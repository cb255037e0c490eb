/**
 * Issue 10, where a URL is accepted and who may feed the graph: https only
 * for the company-graph service, its OAuth endpoints and Microsoft 365 (http
 * only to this machine), the administrator's lock wins over a user's earlier
 * addresses, and `allowImport: false` closes every path into the graph that
 * the policy does not configure itself (own service, own tenant, demo graph).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { configureSources, effectiveConfig, SourceManager, sourcesOverview } from '../../../utils/background/source-manager';
import { graphHandlers } from '../../../utils/background/handlers/graph';
import type { HandlerDeps } from '../../../utils/background/handlers/deps';
import { validate } from '../../../utils/messaging/messages';
import { applyPolicy } from '../../../utils/settings/policy';
import { DEFAULT_SETTINGS } from '../../../utils/settings/items';
import { sourcesConfigItem } from '../../../utils/sources/state';
import type { GraphSource } from '../../../utils/sources/types';
import { createGraphServiceClient } from '../../../utils/sources/graph-service-client';
import { clearGraph, getGraphMeta } from '../../../utils/store/db';
import { setLocale } from '../ui/reasons-i18n';
import { setPolicy } from '../settings/managed';

beforeEach(async () => {
  fakeBrowser.reset();
  setLocale('en');
  await clearGraph();
});

describe('https only, wherever a URL is accepted', () => {
  it('the options page’s sources message refuses cleartext to another machine, for the service, its OAuth endpoints and Microsoft 365', () => {
    const remote = (url: string, oauth?: Record<string, string>) => ({ remote: { url, auth: 'oauth', oauth: { clientId: 'c', ...oauth } } });
    for (const bad of [
      remote('http://graph.example'),
      remote('https://graph.example', { authorizeUrl: 'http://login.example/authorize' }),
      remote('https://graph.example', { tokenUrl: 'http://login.example/token' }),
      { microsoft365: { tenantId: 't', clientId: 'c', graphBaseUrl: 'http://graph.example' } },
      { microsoft365: { tenantId: 't', clientId: 'c', loginBaseUrl: 'http://login.example' } },
    ])
      expect(() => validate('configureSources', bad), JSON.stringify(bad)).toThrow(/https/);
    for (const good of [remote('https://graph.example'), remote('http://127.0.0.1:8080'), remote('http://localhost:1'), remote('http://[::1]:2'), { microsoft365: { tenantId: 't', clientId: 'c', graphBaseUrl: 'http://127.0.0.1:9' } }])
      expect(() => validate('configureSources', good), JSON.stringify(good)).not.toThrow();
  });

  it('a stored configuration with a cleartext address (from before the rule) is not used', () => {
    const stored = {
      remote: { url: 'http://graph.example', auth: 'token' as const },
      microsoft365: { tenantId: 't', clientId: 'c', graphBaseUrl: 'http://graph.example', loginBaseUrl: 'https://login.example' },
    };
    const c = effectiveConfig(stored, {});
    expect(c.remote).toBeNull();
    expect(c.microsoft365).toEqual({ tenantId: 't', clientId: 'c', loginBaseUrl: 'https://login.example' });
    expect(effectiveConfig({ remote: { url: 'https://g.example', auth: 'oauth', oauth: { authorizeUrl: 'http://evil.example/a', tokenUrl: '', clientId: 'x' } }, microsoft365: null }, {}).remote).toBeNull();
  });

  it('OAuth endpoints a service publishes must be https too: sign-in stops before any token is sent', async () => {
    const server: Server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ authorization_endpoint: 'http://evil.example/authorize', token_endpoint: 'http://evil.example/token' })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = createGraphServiceClient({ url, auth: 'oauth', oauth: { authorizeUrl: '', tokenUrl: '', clientId: 'app' } }, { retry: { retries: 0 } });
      const err = await client.signIn().catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'invalid' });
      expect((err as Error).message).toMatch(/https/);
    } finally {
      server.close();
    }
  });

  it('an administrator’s Microsoft 365 lock wins whole: the user’s earlier addresses are not used', () => {
    const stored = { remote: null, microsoft365: { tenantId: 'mine', clientId: 'mine', graphBaseUrl: 'https://graph.attacker.example', loginBaseUrl: 'https://login.attacker.example' } };
    expect(effectiveConfig(stored, { tenantId: 'corp', clientId: 'app' }).microsoft365).toEqual({ tenantId: 'corp', clientId: 'app', locked: true });
  });
});

describe('allowImport: false closes every path the policy does not configure', () => {
  const mine = { remote: { url: 'https://mine.example', auth: 'token' as const }, microsoft365: { tenantId: 'mine', clientId: 'mine' } };

  it('the user’s own service and tenant are not used; the policy’s service is', () => {
    expect(effectiveConfig(mine, { allowImport: false })).toEqual({ remote: null, microsoft365: null });
    expect(effectiveConfig(mine, { allowImport: false, graphServiceUrl: 'https://corp.example', graphServiceToken: 'x' }).remote).toMatchObject({ url: 'https://corp.example', locked: true });
    expect(effectiveConfig(mine, { allowImport: false, tenantId: 'corp', clientId: 'app' }).microsoft365).toMatchObject({ tenantId: 'corp', locked: true });
  });

  it('configuring one’s own service or tenant is refused with a clear message; disconnecting is not', async () => {
    await setPolicy({ allowImport: false });
    const m = new SourceManager();
    await expect(configureSources({ remote: { url: 'https://mine.example', auth: 'token', token: 't' } }, m)).rejects.toThrow(/does not allow data of your own/);
    await expect(configureSources({ microsoft365: { tenantId: 'mine', clientId: 'x' } }, m)).rejects.toThrow(/does not allow data of your own/);
    expect(await sourcesConfigItem.getValue()).toEqual({ remote: null, microsoft365: null });
    await expect(configureSources({ remote: null, microsoft365: null }, m)).resolves.toBeUndefined();
    const overview = await sourcesOverview(m);
    expect(overview.policy.ownSourcesAllowed).toBe(false);
    expect(overview.active).toBe('local');
  });

  it('a stored service of the user’s own stops answering once the policy forbids imports', async () => {
    await sourcesConfigItem.setValue(mine);
    const m = new SourceManager();
    expect(await m.remoteSource()).not.toBeNull();
    await setPolicy({ allowImport: false });
    expect(await m.remoteSource()).toBeNull();
    expect(await m.microsoft365()).toBeNull();
  });

  it('the answering source follows the stored configuration and the policy at once (kept between changes)', async () => {
    const local: GraphSource = { kind: 'local', meta: async () => null, rank: async () => ({ suggestions: [], source: 'local', at: '' }) };
    const m = new SourceManager();
    expect(await m.current(local)).toBe(local);
    expect(await m.current(local)).toBe(local);
    await sourcesConfigItem.setValue(mine);
    expect(await m.current(local)).not.toBe(local);
    expect(m.lastKind).toBe('remote');
    await sourcesConfigItem.setValue({ remote: null, microsoft365: null });
    expect(await m.current(local)).toBe(local);
    expect(m.lastKind).toBe('local');
    await setPolicy({ graphServiceUrl: 'https://corp.example', graphServiceToken: 'x' });
    expect(await m.current(local)).not.toBe(local);
  });

  it('a service configured here answers at once, before storage.onChanged (asynchronous in Chrome) reports it', async () => {
    const local: GraphSource = { kind: 'local', meta: async () => null, rank: async () => ({ suggestions: [], source: 'local', at: '' }) };
    // The change event never arrives here: only what configureSources itself does can move the answer.
    const listen = vi.spyOn(fakeBrowser.storage.onChanged, 'addListener').mockImplementation(() => undefined);
    const m = new SourceManager();
    expect(await m.current(local)).toBe(local);
    expect(listen).toHaveBeenCalled();
    await configureSources({ remote: { url: 'https://mine.example', auth: 'token', token: 't' } }, m);
    expect(await m.current(local)).not.toBe(local);
    expect(m.lastKind).toBe('remote');
  });

  it('the demo graph is refused too (and shown as locked)', async () => {
    const eff = applyPolicy(DEFAULT_SETTINGS, { allowImport: false });
    expect(eff.policy).toMatchObject({ allowImport: false, allowDemo: false });
    expect(eff.locked).toEqual(expect.arrayContaining(['allowImport', 'allowDemo']));
    await setPolicy({ allowImport: false });
    const handlers = graphHandlers({} as HandlerDeps);
    const r = await handlers.loadDemoGraph({ scale: 0.01 }, {});
    expect(r.ok).toBe(false);
    expect(await getGraphMeta()).toBeNull();
  });
});
