/**
 * Is Kenner enabled on this URL? Built-in sites (registry.ts) unless switched
 * off, the company's own sites the user added, and in the e2e/demo build
 * localhost. Paused hosts are enabled but asleep. Where the `tenants`
 * setting (usually administrator policy) names the company's own tenants,
 * the multi-tenant built-in sites run only on those hosts.
 */
import { MatchPattern } from '@webext-core/match-patterns';
import { isSiteEnabled, type Settings } from '../settings/items';
import { BUILT_IN_SITES, E2E_SITE_MATCHES, type SiteId } from './registry';

export interface SiteState {
  /** Built-in site id, 'custom' for a user-added site, 'demo' for localhost in the e2e build. */
  siteId: SiteId | 'custom' | 'demo' | null;
  host: string;
  enabled: boolean;
  paused: boolean;
}

const patternCache = new Map<string, MatchPattern | null>();
function pattern(p: string): MatchPattern | null {
  let m = patternCache.get(p);
  if (m === undefined) {
    try {
      m = new MatchPattern(p);
    } catch {
      m = null;
    }
    patternCache.set(p, m);
  }
  return m;
}

function matchesAny(url: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => pattern(p)?.includes(url) ?? false);
}

/** True in the build made by `npm run build:e2e` (tests, demos, benchmarks). */
const E2E_BUILD = import.meta.env?.MODE === 'e2e';

/** Is a host one of the pinned tenants (`acme.zendesk.com`, or `*.acme.com` for every host under acme.com)? */
export function isPinnedTenant(host: string, tenants: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  return tenants.some((t) => (t.startsWith('*.') ? h.endsWith(t.slice(1)) : h === t));
}

export function siteStateFor(url: string | undefined, settings: Settings, e2e = E2E_BUILD): SiteState {
  let host = '';
  try {
    host = url ? new URL(url).host : '';
  } catch {
    host = '';
  }
  const paused = !!host && settings.pausedHosts.includes(host);
  if (!url || !/^https?:/.test(url)) return { siteId: null, host, enabled: false, paused: false };
  for (const site of BUILT_IN_SITES) {
    if (matchesAny(url, site.matches)) {
      const tenants = settings.tenants ?? [];
      const enabled = isSiteEnabled(settings.sites, site.id) && (!site.multiTenant || !tenants.length || isPinnedTenant(host, tenants));
      return { siteId: site.id, host, enabled, paused: enabled && paused };
    }
  }
  if (settings.customSites.some((c) => matchesAny(url, [c.pattern]))) return { siteId: 'custom', host, enabled: true, paused };
  if (e2e && matchesAny(url, E2E_SITE_MATCHES)) return { siteId: 'demo', host, enabled: true, paused };
  return { siteId: null, host, enabled: false, paused: false };
}
