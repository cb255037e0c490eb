/**
 * Dynamics 365 (model-driven apps) adapter.
 * Serves: https://<org>.crm<N>.dynamics.com/main.aspx?appid=…&pagetype=entityrecord&etn=<entity>&id=<GUID>
 * (account, contact, lead, opportunity, incident forms). Form field values live in <input value>
 * (not page text); the record comes from the URL id and the form header title.
 * Markup sources, per page kind:
 * - record (form): Microsoft's EasyRepro UI test framework (github microsoft/EasyRepro,
 *   Api.UCI/DTO/AppElementReference.cs: `data-id` header_title, lookup `_selected_tag` elements);
 *   URL parameters from Microsoft Learn ("Open forms, views, dialogs, and reports with a URL").
 * - list (entitylist views): URL structure only (pagetype=entitylist, documentation); free text.
 */
import { FieldCollector, type PageRecord, type SiteAdapter, queryFirst, textOf } from './types';
import { hostCheck } from './registry';

const DYNAMICS_SELECTORS = {
  headerTitle: 'h1[data-id="header_title"]',
  primaryContact: '[data-id^="primarycontactid"][data-id$="_selected_tag"] [data-id*="_selected_tag_text"], [data-id^="primarycontactid"] .lookup-tag',
  parentAccount: '[data-id^="parentcustomerid"] .lookup-tag, [data-id^="parentaccountid"] .lookup-tag, [data-id^="customerid"] .lookup-tag',
  emails: 'a[href^="mailto:" i]',
  owner: '[data-id="header_ownerid"] a, [data-id^="ownerid"] .lookup-tag',
  /** The Microsoft 365 account manager's signed-in address (in its flyout, present while closed). */
  signedIn: '#mectrl_currentAccount_secondary',
  shell: '[data-id="navbar-container"], [data-lp-id^="MscrmControls"], #mainContent[data-id="editFormRoot"]',
} as const;

const SAVED_SUFFIX = /\s*-\s*(Saved|Unsaved|Read-only|Gespeichert|Nicht gespeichert|Opgeslagen|Niet opgeslagen|Gemt|Ikke gemt|Sparad|Inte sparad)\s*$/i;
const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

function headerName(el: Element | null): string {
  if (!el) return '';
  const first = el.querySelector('span');
  const t = textOf(first && textOf(first) ? first : el) || el.getAttribute('title') || '';
  return t.replace(SAVED_SUFFIX, '').trim();
}

export const dynamics: SiteAdapter = {
  id: 'dynamics',
  selectors: DYNAMICS_SELECTORS,
  matchesHost: hostCheck('dynamics'),
  sniff: (doc, url) => url.pathname.endsWith('/main.aspx') || !!doc.querySelector(DYNAMICS_SELECTORS.shell),
  record(ctx): PageRecord | null {
    const p = ctx.url.searchParams;
    const etn = p.get('etn');
    const id = p.get('id');
    if (p.get('pagetype') !== 'entityrecord' || !etn) return null;
    return {
      system: 'dynamics',
      externalId: id && GUID.test(id) ? id : undefined,
      objectType: etn,
      name: headerName(queryFirst(ctx.roots, DYNAMICS_SELECTORS.headerTitle)) || undefined,
    };
  },
  fields(ctx) {
    const f = new FieldCollector(ctx);
    const rec = dynamics.record(ctx);
    if (rec) {
      const h = f.all('headerTitle', DYNAMICS_SELECTORS.headerTitle, true)[0];
      const kind = rec.objectType === 'account' ? 'account' : rec.objectType === 'contact' || rec.objectType === 'lead' ? 'contact' : null;
      if (h && kind) f.fields.push({ role: kind, name: headerName(h), focal: true });
    }
    f.names('primaryContact', DYNAMICS_SELECTORS.primaryContact, 'contact');
    f.names('parentAccount', DYNAMICS_SELECTORS.parentAccount, 'account');
    f.emails('emails', DYNAMICS_SELECTORS.emails, 'related');
    f.people('owner', DYNAMICS_SELECTORS.owner, 'owner');
    f.people('signedIn', DYNAMICS_SELECTORS.signedIn, 'me', { hidden: true });
    return f.result();
  },
};
