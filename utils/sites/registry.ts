/**
 * The built-in sites Kenner knows, in one place. The manifest's content-script
 * matches and host permissions are generated from this list (wxt.config.ts),
 * the options page lists them with a switch each, and the background decides
 * from it whether a tab's site is enabled.
 */
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

export const BUILT_IN_SITES: readonly SiteDefinition[] = [
  {
    id: 'salesforce',
    label: 'Salesforce',
    matches: [
      'https://*.lightning.force.com/*',
      'https://*.my.salesforce.com/*',
    ],
    multiTenant: true,
  },
  { id: 'hubspot', label: 'HubSpot', matches: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'] },
  {
    id: 'dynamics',
    label: 'Dynamics 365',
    // The model-driven app (Unified Interface); Power Pages portals live on other hosts.
    matches: ['https://*.dynamics.com/main.aspx*'],
    multiTenant: true,
  },
  // The agent workspace only: the help centre (/hc/) runs the tenant's own JavaScript.
  { id: 'zendesk', label: 'Zendesk', matches: ['https://*.zendesk.com/agent/*'], multiTenant: true },
  // The agent views (/a/, and /helpdesk/ of the older UI); the customer portal is /support/.
  { id: 'freshdesk', label: 'Freshdesk', matches: ['https://*.freshdesk.com/a/*', 'https://*.freshdesk.com/helpdesk/*'], multiTenant: true },
  { id: 'gmail', label: 'Gmail', matches: ['https://mail.google.com/*'] },
  {
    id: 'outlook',
    label: 'Outlook',
    matches: [
      'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
      'https://outlook.live.com/*',
    ],
  },
];

/** Extra sites that only the e2e/demo build treats as enabled (contract: build:e2e). */
export const E2E_SITE_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];

export const BUILT_IN_MATCHES = BUILT_IN_SITES.flatMap((s) => s.matches);
