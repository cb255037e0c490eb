import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { setPolicy } from '../settings/managed';
import { SettingsCache } from '../../../utils/background/settings-cache';
import { changeSettings, getEffectiveSettings } from '../../../utils/settings/policy';
import { settingsItem, DEFAULT_SETTINGS } from '../../../utils/settings/items';
import { pageHandlers } from '../../../utils/background/handlers/page';
import type { HandlerDeps } from '../../../utils/background/handlers/deps';
import type { QueryService } from '../../../utils/background/query-service';

describe('the effective settings held in memory (SettingsCache)', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('reads storage once, and answers as getEffectiveSettings does', async () => {
    const cache = new SettingsCache();
    const local = vi.spyOn(fakeBrowser.storage.local, 'get');
    const managed = vi.spyOn(fakeBrowser.storage.managed, 'get');
    const first = await cache.get();
    expect(first).toEqual(await getEffectiveSettings());
    local.mockClear();
    managed.mockClear();
    for (let i = 0; i < 5; i++) expect(await cache.get()).toEqual(first);
    expect(local).not.toHaveBeenCalled();
    expect(managed).not.toHaveBeenCalled();
  });

  it('a change written here is seen at once, before storage reports it', async () => {
    // The fake browser reports a change before set() resolves; here it never reports it, so only the
    // cache's own count of this context's writes can make it read again.
    vi.spyOn(fakeBrowser.storage.onChanged, 'addListener').mockImplementation(() => undefined);
    const cache = new SettingsCache();
    await cache.get();
    await changeSettings({ meId: 'p-1', highlight: false });
    const eff = await cache.get();
    expect(eff.settings.meId).toBe('p-1');
    expect(eff.settings.highlight).toBe(false);
  });

  it('a change written elsewhere, and a new policy, are seen once storage reports them', async () => {
    const cache = new SettingsCache();
    await cache.get();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, meId: 'p-2' });
    await vi.waitFor(async () => expect((await cache.get()).settings.meId).toBe('p-2'));
    await setPolicy({ meId: 'p-3' });
    await vi.waitFor(async () => expect((await cache.get()).settings.meId).toBe('p-3'));
    expect((await cache.get()).locked).toContain('meId');
  });

  it('every caller gets its own copy', async () => {
    const cache = new SettingsCache();
    const a = await cache.get();
    a.settings.pausedHosts.push('example.com');
    a.settings.kinds.account = false;
    const b = await cache.get();
    expect(b.settings.pausedHosts).toEqual([]);
    expect(b.settings.kinds.account).toBe(true);
  });

  it("a page's hello reads storage itself: a site paused in the options is paused at the very next hello", async () => {
    // What the background wires: the page handlers get the cache, but the hello must not trust it (the
    // content script's hello after a change may reach the worker before the worker's storage.onChanged).
    vi.spyOn(fakeBrowser.storage.onChanged, 'addListener').mockImplementation(() => undefined);
    const cache = new SettingsCache();
    const service = { graphMeta: () => Promise.resolve(null) } as unknown as QueryService;
    const { pageHello } = pageHandlers({ service, effectiveSettings: () => cache.get() } as HandlerDeps);
    const hello = (url: string) => pageHello(undefined, { url });
    const url = 'https://acme.lightning.force.com/lightning/r/Account/001/view';
    expect((await hello(url)).active).toBe(true);
    expect((await cache.get()).settings.pausedHosts).toEqual([]);
    // The options page (another context) pauses the host; the worker has not heard of it yet.
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pausedHosts: ['acme.lightning.force.com'] });
    expect((await cache.get()).settings.pausedHosts).toEqual([]);
    expect((await hello(url)).active).toBe(false);
    expect((await hello('https://other.lightning.force.com/lightning/r/Account/001/view')).active).toBe(true);
  });
});
