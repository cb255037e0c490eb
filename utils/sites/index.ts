/**
 * Adapter choice: by host first, else by a cheap DOM/URL signature (demo
 * pages on localhost, custom domains), else generic.
 */
import { generic } from './generic';
import type { SiteAdapter } from './types';

/** Every site adapter, most specific first (generic last). */
export const ADAPTERS: SiteAdapter[] = [generic];

export function registerAdapters(list: SiteAdapter[]): void {
  for (const a of list) if (!ADAPTERS.includes(a)) ADAPTERS.splice(ADAPTERS.length - 1, 0, a);
}

export function pickAdapter(doc: Document, url: URL): SiteAdapter {
  const host = url.hostname.toLowerCase();
  for (const a of ADAPTERS) if (a.id !== 'generic' && a.matchesHost(host)) return a;
  for (const a of ADAPTERS) {
    if (a.id === 'generic') continue;
    try {
      if (a.sniff(doc, url)) return a;
    } catch {
      /* a broken sniff never blocks the page */
    }
  }
  return generic;
}
