/**
 * HubSpot adapter.
 * Serves: https://app.hubspot.com and the regional app hosts (app-eu1, app-na2, app-na3, app-ap1…,
 * registry.ts) record pages: /contacts/<portalId>/record/0-2/<companyId> (company),
 * /record/0-1/<contactId> (contact), /record/0-3/<dealId> (deal), /record/0-5/<ticketId> (ticket);
 * legacy /contacts/<portalId>/company/<id>.
 * Markup sources, per page kind:
 * - record: the `data-selenium-test` attributes (highlightTitle, association cards) as public
 *   time-tracking extensions read them (toggl/track-extension, clockify browser extension:
 *   src/scripts/content/hubspot.js); object type ids 0-1/0-2/0-3/0-5 from HubSpot's CRM API docs.
 * - list (index pages): URL structure only (documentation: HubSpot's object ids); free text.
 */
import { FieldCollector, type PageRecord, type SiteAdapter, queryFirst, textOf } from './types';
import { hostCheck } from './registry';

const HUBSPOT_SELECTORS = {
  recordName: '[data-selenium-test="highlightTitle"], [data-test-id="record-highlight-title"]',
  domain: '[data-selenium-test="property-input-domain"] .value, [data-selenium-test="highlightSubtitle"] a',
  associatedCompanies: '[data-selenium-test="association-card-company"] a, [data-test-id="associated-company-name"]',
  associatedContacts: '[data-selenium-test="association-card-contact"] a, [data-test-id="associated-contact-name"]',
  emails: 'a[href^="mailto:" i], [data-selenium-test="property-input-email"] .value',
  owner: '[data-selenium-test="property-input-hubspot_owner_id"] .value',
  /** The account menu's signed-in address. */
  signedIn: '#hs-nav-v4 [data-user-email]',
  shell: '#hs-nav-v4, [data-selenium-test^="record-page-"]',
} as const;

const RECORD = /\/contacts\/\d+\/(?:record\/(0-\d+)|(company|contact|deal|ticket))\/(\d+)/;
const TYPES: Record<string, string> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal', '0-5': 'ticket' };

export const hubspot: SiteAdapter = {
  id: 'hubspot',
  selectors: HUBSPOT_SELECTORS,
  matchesHost: hostCheck('hubspot'),
  sniff: (doc, url) => RECORD.test(url.pathname) || !!doc.querySelector('#hs-nav-v4'),
  record(ctx): PageRecord | null {
    const m = RECORD.exec(ctx.url.pathname);
    if (!m) return null;
    const objectType = m[1] ? TYPES[m[1]] ?? m[1] : m[2];
    return { system: 'hubspot', externalId: m[3], objectType, name: textOf(queryFirst(ctx.roots, HUBSPOT_SELECTORS.recordName)) || undefined };
  },
  fields(ctx) {
    const f = new FieldCollector(ctx);
    const rec = hubspot.record(ctx);
    if (rec && (rec.objectType === 'company' || rec.objectType === 'contact')) {
      f.names('recordName', HUBSPOT_SELECTORS.recordName, rec.objectType === 'company' ? 'account' : 'contact', { required: true, focal: true });
    }
    f.names('associatedCompanies', HUBSPOT_SELECTORS.associatedCompanies, 'account');
    f.names('associatedContacts', HUBSPOT_SELECTORS.associatedContacts, 'contact');
    f.emails('emails', HUBSPOT_SELECTORS.emails, 'related');
    f.people('owner', HUBSPOT_SELECTORS.owner, 'owner');
    f.people('signedIn', HUBSPOT_SELECTORS.signedIn, 'me', { attr: 'data-user-email', hidden: true });
    return f.result();
  },
};
