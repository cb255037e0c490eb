/**
 * The built-in sites Kenner knows, in one place. The manifest's content-script
 * matches and host permissions are generated from this list (wxt.config.ts,
 * entrypoints/content.ts), the adapters' host checks derive from it
 * (`siteForHost`), the options page lists the sites with a switch each, and the
 * background decides from it whether a tab's site is enabled. Every host and
 * its public source: README.md beside this file.
 */
import { MatchPattern } from '@webext-core/match-patterns';

export interface SiteDefinition {
  /** Stable id, also the adapter's file name in utils/sites/. */
  id: SiteId;
  /** Product name as the vendor writes it (not translated). */
  label: string;
  /**
   * Match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns).
   * Only the areas where the company's own staff work (the agent workspace,
   * the CRM app), never a public help centre or portal on the same host,
   * where a tenant runs its own JavaScript.
   */
  matches: string[];
  /** Every customer has its own host here (acme.zendesk.com): the `tenants` setting can pin the company's own. */
  multiTenant?: boolean;
}

export type SiteId =
  | 'salesforce'
  | 'hubspot'
  | 'dynamics'
  | 'zendesk'
  | 'freshdesk'
  | 'gmail'
  | 'outlook';

/** HubSpot's app hosts, one per data-hosting location (na1 is app.hubspot.com). */
const HUBSPOT_APP_HOSTS = ['app.hubspot.com', 'app-na1.hubspot.com', 'app-na2.hubspot.com', 'app-na3.hubspot.com', 'app-eu1.hubspot.com', 'app-ap1.hubspot.com'];

/**
 * Dynamics 365 / Dataverse org hosts: <org>.crm<N>.dynamics.com per datacenter region
 * (crm NAM, crm2 SAM, crm3 CAN, crm4 EUR, crm5 APJ, crm6 OCE, crm7 JPN, crm8 IND, crm9 GCC,
 * crm11 GBR, crm12 FRA, crm14 ZAF, crm15 UAE, crm16 DEU, crm17 CHE, crm19 NOR, crm20 SGP,
 * crm21 KOR, crm22 SWE) and the sovereign clouds (GCC High, DoD, China).
 */
const DYNAMICS_ORG_SUFFIXES = [
  ...['', '2', '3', '4', '5', '6', '7', '8', '9', '11', '12', '14', '15', '16', '17', '19', '20', '21', '22'].map((n) => `crm${n}.dynamics.com`),
  'crm.microsoftdynamics.us',
  'crm.appsplatform.us',
  'crm.dynamics.cn',
];

export const BUILT_IN_SITES: readonly SiteDefinition[] = [
  {
    id: 'salesforce',
    label: 'Salesforce',
    // Enhanced domains: <MyDomain>.lightning.force.com and <MyDomain>.my.salesforce.com, sandboxes
    // <MyDomain>--<sandbox>.sandbox.lightning.force.com / .sandbox.my.salesforce.com, and the partitioned
    // develop./scratch./demo./patch./trailblaze. variants: all under these two wildcards. Not Experience
    // Cloud (my.site.com: the tenant's own public/partner site) nor Setup (my.salesforce-setup.com).
    matches: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
    multiTenant: true,
  },
  { id: 'hubspot', label: 'HubSpot', matches: HUBSPOT_APP_HOSTS.map((h) => `https://${h}/*`) },
  {
    id: 'dynamics',
    label: 'Dynamics 365',
    // The model-driven app (Unified Interface); Power Pages portals live on other hosts.
    matches: DYNAMICS_ORG_SUFFIXES.map((s) => `https://*.${s}/main.aspx*`),
    multiTenant: true,
  },
  // The agent workspace only: the help centre (/hc/) runs the tenant's own JavaScript.
  { id: 'zendesk', label: 'Zendesk', matches: ['https://*.zendesk.com/agent/*'], multiTenant: true },
  {
    id: 'freshdesk',
    label: 'Freshdesk',
    // The agent views (/a/, and /helpdesk/ of the older UI); the customer portal is /support/.
    // Freshworks' own org host (<org>.myfreshworks.com) serves the Freshsales/Freshworks CRM app under /crm/.
    matches: ['https://*.freshdesk.com/a/*', 'https://*.freshdesk.com/helpdesk/*', 'https://*.myfreshworks.com/crm/*'],
    multiTenant: true,
  },
  { id: 'gmail', label: 'Gmail', matches: ['https://mail.google.com/*'] },
  {
    id: 'outlook',
    label: 'Outlook',
    matches: [
      'https://outlook.cloud.microsoft/*',
      'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
      'https://outlook.live.com/*',
    ],
  },
];

/** Extra sites that only the e2e/demo build treats as enabled (contract: build:e2e). */
export const E2E_SITE_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];

export const BUILT_IN_MATCHES = BUILT_IN_SITES.flatMap((s) => s.matches);

/** A match pattern's host part as a host-only pattern (`https://*.zendesk.com/agent/*` → `https://*.zendesk.com/*`). */
export function hostPatternOf(match: string): string {
  return match.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*');
}

const hostPatterns = new Map<SiteId, MatchPattern[]>();
function patternsOf(site: SiteDefinition): MatchPattern[] {
  let p = hostPatterns.get(site.id);
  if (!p) {
    p = [...new Set(site.matches.map(hostPatternOf))].map((m) => new MatchPattern(m));
    hostPatterns.set(site.id, p);
  }
  return p;
}

/** The built-in site whose manifest patterns cover this host (any path), or null. */
export function siteForHost(host: string): SiteId | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9.-]+$/.test(h)) return null;
  for (const site of BUILT_IN_SITES) if (patternsOf(site).some((p) => p.includes(`https://${h}/`))) return site.id;
  return null;
}

/** An adapter's host check, derived from the registry so that it and the manifest cannot disagree. */
export function hostCheck(id: SiteId): (host: string) => boolean {
  return (host) => siteForHost(host) === id;
}
