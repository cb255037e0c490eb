import { describe, expect, it } from 'vitest';
import { isPinnedTenant, siteStateFor } from '../../../utils/sites/enablement';
import { DEFAULT_SETTINGS } from '../../../utils/settings/items';
import { applyPolicy, parsePolicy } from '../../../utils/settings/policy';

const ZD = 'https://acme.zendesk.com/agent/tickets/1';
const EVIL = 'https://evil-tenant.zendesk.com/agent/tickets/1';

describe('tenants: the company pins its own tenants of the multi-tenant sites', () => {
  it('without tenants every tenant of a built-in site counts; with them, only those', () => {
    expect(siteStateFor(EVIL, DEFAULT_SETTINGS).enabled).toBe(true);
    const pinned = { ...DEFAULT_SETTINGS, tenants: ['acme.zendesk.com', '*.acme.my.salesforce.com'] };
    expect(siteStateFor(ZD, pinned).enabled).toBe(true);
    expect(siteStateFor(EVIL, pinned).enabled).toBe(false);
    expect(siteStateFor('https://eu.acme.my.salesforce.com/lightning/r/Account/001/view', pinned).enabled).toBe(true);
    expect(siteStateFor('https://other.my.salesforce.com/lightning/r/Account/001/view', pinned).enabled).toBe(false);
    // Single-host apps are not tenants: Gmail is unaffected.
    expect(siteStateFor('https://mail.google.com/mail/u/0/', pinned).enabled).toBe(true);
  });

  it('matches whole host names only', () => {
    expect(isPinnedTenant('acme.zendesk.com', ['acme.zendesk.com'])).toBe(true);
    expect(isPinnedTenant('notacme.zendesk.com', ['acme.zendesk.com'])).toBe(false);
    expect(isPinnedTenant('acme.zendesk.com.evil.example', ['acme.zendesk.com'])).toBe(false);
    expect(isPinnedTenant('x.acme.com', ['*.acme.com'])).toBe(true);
    expect(isPinnedTenant('evilacme.com', ['*.acme.com'])).toBe(false);
  });

  it('a policy pins them and locks the key; a refused list pins no tenant at all', () => {
    const ok = parsePolicy({ tenants: ['acme.zendesk.com'] });
    const eff = applyPolicy(DEFAULT_SETTINGS, ok.policy);
    expect(eff.locked).toContain('tenants');
    expect(siteStateFor(EVIL, eff.settings).enabled).toBe(false);
    expect(siteStateFor(ZD, eff.settings).enabled).toBe(true);

    const bad = parsePolicy({ tenants: ['https://acme.zendesk.com/agent'], highlight: false });
    expect(bad.refused.map((r) => r.key)).toEqual(['tenants']);
    const closed = applyPolicy(DEFAULT_SETTINGS, bad.policy, false, bad.refused);
    expect(siteStateFor(ZD, closed.settings).enabled).toBe(false);
    expect(closed.settings.highlight).toBe(false); // the other key stays in force
  });

  it('built-in patterns cover the agent areas, not public help centres or portals', () => {
    for (const url of ['https://acme.zendesk.com/hc/en-us/articles/1', 'https://acme.freshdesk.com/support/home', 'https://acme.crm4.dynamics.com/portal']) expect(siteStateFor(url, DEFAULT_SETTINGS).siteId, url).toBeNull();
    for (const url of [ZD, 'https://acme.freshdesk.com/a/tickets/2', 'https://acme.crm4.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=account&id=2']) expect(siteStateFor(url, DEFAULT_SETTINGS).enabled, url).toBe(true);
  });
});
