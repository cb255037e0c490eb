/**
 * Adapter choice: by host first, else by a cheap DOM/URL signature (demo
 * pages on localhost, custom domains), else generic.
 */
import { dynamics } from './dynamics';
import { freshdesk } from './freshdesk';
import { generic } from './generic';
import { gmail } from './gmail';
import { hubspot } from './hubspot';
import { outlook } from './outlook';
import { salesforce } from './salesforce';
import type { SiteAdapter } from './types';
import { zendesk } from './zendesk';

/** Every site adapter (generic last). */
const ADAPTERS: readonly SiteAdapter[] = [salesforce, hubspot, dynamics, zendesk, freshdesk, gmail, outlook, generic];

export function pickAdapter(doc: Document, url: URL): SiteAdapter {
  const host = url.hostname.toLowerCase();
  for (const a of ADAPTERS) if (a !== generic && a.matchesHost(host)) return a;
  for (const a of ADAPTERS) {
    if (a === generic) continue;
    try {
      if (a.sniff(doc, url)) return a;
    } catch {
      /* a broken sniff never blocks the page */
    }
  }
  return generic;
}
