/**
 * Administrator policy fails closed, key by key: a value Kenner cannot accept
 * is refused and its key falls back to its most restrictive value, while every
 * other key stays in force (Chromium accepts values Kenner's schema rejects,
 * e.g. logRetentionDays 5000 or -1, a service URL without https, a custom site
 * without a pattern).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { setPolicy } from './managed';
import { applyPolicy, getEffectiveSettings, parsePolicy } from '../../../utils/settings/policy';
import { DEFAULT_SETTINGS, settingsItem } from '../../../utils/settings/items';
import { siteStateFor } from '../../../utils/sites/enablement';
import { effectiveConfig } from '../../../utils/background/source-manager';


describe('policy fails closed, key by key', () => {
  beforeEach(() => fakeBrowser.reset());

  it('one bad key is refused at its most restrictive value; every other key stays in force and locked', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, highlight: false, logRetentionDays: 90 });
    await setPolicy({ logRetentionDays: 5000, highlight: true, sites: { gmail: false }, allowImport: false });
    const eff = await getEffectiveSettings();
    expect(eff.settings.logRetentionDays).toBe(0);
    expect(eff.settings.highlight).toBe(true);
    expect(eff.settings.sites.gmail).toBe(false);
    expect(eff.policy.allowImport).toBe(false);
    // No import, no demo graph either (issue 10): allowDemo is locked with it.
    expect([...eff.locked].sort()).toEqual(['allowDemo', 'allowImport', 'highlight', 'logRetentionDays', 'sites']);
    expect(eff.policy.refused?.map((r) => r.key)).toEqual(['logRetentionDays']);
    expect(eff.policy.refused?.[0].reason).toMatch(/3650/);
  });

  it('refuses the values Chromium lets through, each falling back alone', () => {
    const { policy, refused } = parsePolicy({
      logRetentionDays: -1,
      customSites: [{ label: 'CRM without a pattern' }],
      highlight: 'yes',
      kinds: { contact: 'no' },
      allowDemo: 1,
      hoverCard: true,
    });
    expect(refused.map((r) => r.key).sort()).toEqual(['allowDemo', 'customSites', 'highlight', 'kinds', 'logRetentionDays']);
    expect(policy).toMatchObject({
      logRetentionDays: 0,
      customSites: [],
      highlight: false,
      kinds: { account: false, contact: false, topic: false },
      allowDemo: false,
      hoverCard: true,
    });
  });

  it('a service URL without https is refused and keeps the graph local; https and this machine are accepted', () => {
    const cleartext = parsePolicy({ graphServiceUrl: 'http://kenner-graph.example.com', graphServiceToken: 'secret' });
    expect(cleartext.refused.map((r) => r.key)).toEqual(['graphServiceUrl']);
    expect(cleartext.policy.graphServiceUrl).toBeUndefined();
    expect(cleartext.policy.graphSource).toBe('local');
    const eff = applyPolicy(DEFAULT_SETTINGS, cleartext.policy);
    expect(eff.locked).toContain('graphSource');
    expect(eff.policy.graphSource).toEqual({ kind: 'local', url: undefined });
    // The user cannot point Kenner at a service of their own instead.
    const stored = { remote: { url: 'https://mine.example', auth: 'token' as const }, microsoft365: null };
    expect(effectiveConfig(stored, cleartext.policy).remote).toBeNull();

    expect(parsePolicy({ graphServiceUrl: 'https://kenner-graph.example.com' }).refused).toEqual([]);
    expect(parsePolicy({ graphServiceUrl: 'http://127.0.0.1:8787' }).refused).toEqual([]);
    expect(parsePolicy({ graphServiceUrl: 'ftp://kenner-graph.example.com' }).refused.map((r) => r.key)).toEqual(['graphServiceUrl']);
  });

  it('ignores keys it does not know, and refuses nothing in a valid policy', () => {
    const { policy, refused } = parsePolicy({ someFutureKey: 3, highlight: false, sites: { salesforce: true } });
    expect(refused).toEqual([]);
    expect(policy).toMatchObject({ highlight: false, sites: { salesforce: true } });
  });

  it('"*" in sites decides every built-in site not named, over the user’s own switches', () => {
    const user = { ...DEFAULT_SETTINGS, sites: { salesforce: true, zendesk: true } };
    const allOff = applyPolicy(user, parsePolicy({ sites: { '*': false, gmail: true } }).policy).settings;
    expect(siteStateFor('https://acme.lightning.force.com/lightning/r/Account/001/view', allOff).enabled).toBe(false);
    expect(siteStateFor('https://acme.zendesk.com/agent/tickets/1', allOff).enabled).toBe(false);
    expect(siteStateFor('https://mail.google.com/mail/u/0/#inbox', allOff).enabled).toBe(true);
    // A refused `sites` value is the same as "every built-in site off".
    const refused = parsePolicy({ sites: ['salesforce'] });
    expect(refused.refused.map((r) => r.key)).toEqual(['sites']);
    const off = applyPolicy(user, refused.policy).settings;
    expect(siteStateFor('https://acme.lightning.force.com/lightning/r/Account/001/view', off).enabled).toBe(false);
    expect(siteStateFor('https://mail.google.com/mail/u/0/#inbox', off).enabled).toBe(false);
  });
});
