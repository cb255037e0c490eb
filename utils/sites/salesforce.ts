/**
 * Salesforce adapter.
 * Serves: Lightning Experience https://<org>.lightning.force.com/lightning/r/<Object>/<recordId>/view
 * (Account, Contact, Lead, Opportunity, Case records; list and home pages as free text) and
 * Salesforce Classic https://<org>.my.salesforce.com/<recordId> (where cheap: id prefix + page title).
 * Lightning renders most of the record (highlights panel, related lists) inside open shadow roots.
 * Fields are read by API name (data-target-selection-name="sfdc:RecordField.<Object>.AccountId"),
 * never by their label, which follows the user's language.
 * Markup sources, per page kind:
 * - record (Lightning): Salesforce's UTAM page objects (npm `salesforce-pageobjects`, Salesforce's
 *   public UI test model): records-highlights2 `[slot=primaryField]`, records-record-layout-item,
 *   records-hoverable-link, lightning-formatted-email, flexipage-field `[data-field-id]`; the
 *   `data-target-selection-name` API-name attribute: flexipage page objects in the same package.
 * - list (Lightning list views, related lists): UTAM page objects lst-* (related list cards);
 *   records are read from their /lightning/r/<Object>/<id>/view links (URL structure).
 * - record (Classic): documentation only (Salesforce Help, record URLs by id prefix); no public markup.
 */
import { FieldCollector, type AdapterContext, type PageRecord, type SiteAdapter, textOf, queryFirst } from './types';
import { hostCheck } from './registry';

const SALESFORCE_SELECTORS = {
  /** The highlights panel's record name (inside records-highlights2's shadow root). */
  recordName: '[slot="primaryField"], .slds-page-header__title lightning-formatted-text, h1 .slds-page-header__title',
  classicName: '.bPageTitle h2.pageDescription, h2.topName',
  /** Lookup fields by API name (sfdc:RecordField.<Object>.AccountId; Dynamic Forms: flexipage-field[data-field-id]), never by label. */
  accountField:
    '[data-target-selection-name$=".AccountId"] .test-id__field-value, flexipage-field[data-field-id="RecordAccountIdField"] [slot="outputField"]',
  contactField:
    '[data-target-selection-name$=".ContactId"] .test-id__field-value, flexipage-field[data-field-id="RecordContactIdField"] [slot="outputField"]',
  relatedAccounts: 'a[href*="/lightning/r/Account/"][href$="/view"], a[href*="/lightning/r/001"]',
  relatedContacts: 'a[href*="/lightning/r/Contact/"][href$="/view"], a[href*="/lightning/r/Lead/"][href$="/view"], a[href*="/lightning/r/003"]',
  emails: 'lightning-formatted-email a[href^="mailto:" i], a.emailuiFormattedEmail, a[href^="mailto:" i]',
  /** The record's owner: a link to a User record in the owner field. */
  owner: '[data-target-selection-name$=".OwnerId"] a[href*="/lightning/r/User/"], records-highlights-details-item a[href*="/lightning/r/User/"]',
  lightningShell: 'one-record-home-flexipage2, one-appnav, records-lwc-highlights-panel, [data-aura-class]',
} as const;

const LIGHTNING_RECORD = /\/lightning\/r\/(?:([A-Za-z0-9_]+)\/)?([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)\/view/;
const CLASSIC_RECORD = /^\/([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)\/?$/;
const KEY_PREFIX: Record<string, string> = { '001': 'Account', '003': 'Contact', '00Q': 'Lead', '006': 'Opportunity', '500': 'Case' };

export const salesforce: SiteAdapter = {
  id: 'salesforce',
  selectors: SALESFORCE_SELECTORS,
  matchesHost: hostCheck('salesforce'),
  sniff: (doc, url) => url.pathname.startsWith('/lightning/') && !!doc.querySelector(SALESFORCE_SELECTORS.lightningShell),
  record(ctx: AdapterContext): PageRecord | null {
    const m = LIGHTNING_RECORD.exec(ctx.url.pathname);
    const c = m ? null : CLASSIC_RECORD.exec(ctx.url.pathname);
    const id = m?.[2] ?? c?.[1];
    if (!id) return null;
    const objectType = m?.[1] ?? KEY_PREFIX[id.slice(0, 3)] ?? 'Unknown';
    const nameEl = queryFirst(ctx.roots, m ? SALESFORCE_SELECTORS.recordName : SALESFORCE_SELECTORS.classicName);
    return { system: 'salesforce', externalId: id, objectType, name: textOf(nameEl) || undefined };
  },
  fields(ctx) {
    const f = new FieldCollector(ctx);
    const rec = salesforce.record(ctx);
    if (rec) {
      const name = f.all('recordName', LIGHTNING_RECORD.test(ctx.url.pathname) ? SALESFORCE_SELECTORS.recordName : SALESFORCE_SELECTORS.classicName, true)[0];
      const type = rec.objectType.toLowerCase();
      if (name && ['account', 'contact', 'lead'].includes(type)) {
        f.fields.push({ role: type === 'account' ? 'account' : 'contact', name: textOf(name), focal: true });
      }
    }
    f.names('accountField', SALESFORCE_SELECTORS.accountField, 'account');
    f.names('contactField', SALESFORCE_SELECTORS.contactField, 'contact');
    f.names('relatedAccounts', SALESFORCE_SELECTORS.relatedAccounts, 'account');
    f.names('relatedContacts', SALESFORCE_SELECTORS.relatedContacts, 'contact');
    f.emails('emails', SALESFORCE_SELECTORS.emails, 'related');
    f.people('owner', SALESFORCE_SELECTORS.owner, 'owner');
    return f.result();
  },
};
