/**
 * Freshdesk adapter.
 * Serves: https://<sub>.freshdesk.com/a/tickets/<id> (tickets), /a/contacts/<id>, /a/companies/<id>;
 * Freshworks CRM on https://<org>.myfreshworks.com/crm/sales/(accounts|contacts|deals)/<id> (records
 * from the URL; the page as free text). A ticket is not an account page: no focal entity;
 * requester, company, subject, conversation.
 * Markup sources, per page kind:
 * - ticket: documentation only for the agent UI's `data-test-id` attributes (no public saved
 *   page found; agent userscripts matching *.freshdesk.com/a/tickets/* use them); URL structure
 *   from Freshdesk's API docs (ticket, contact and company ids).
 * - record (contact, company, Freshworks CRM): URL structure only (Freshworks CRM API docs).
 */
import { FieldCollector, type PageRecord, type SiteAdapter } from './types';
import { hostCheck } from './registry';

const FRESHDESK_SELECTORS = {
  requester: '[data-test-id="requester-info-contact-name"]',
  requesterEmail: '[data-test-id="requester-info-contact-email"]',
  company: '[data-test-id="requester-info-company-name"]',
  subject: '[data-test-id="ticket-subject"]',
  senders: '[data-test-id="conversation-from"]',
  conversation: '[data-test-id="conversation-body"]',
  emails: 'a[href^="mailto:" i]',
  agent: '[data-test-id="ticket-properties-agent"] .val',
  /** The signed-in agent (the profile menu's avatar names them). */
  signedIn: '[data-test-id="profile-menu-avatar"][title]',
  shell: '.ember-application [data-test-id^="ticket-"], [data-test-id="requester-info"]',
} as const;

const RECORD = /\/a\/(tickets|contacts|companies)\/(\d+)/;
/** Freshworks CRM (<org>.myfreshworks.com/crm/sales/…): the record from the URL. */
const CRM_RECORD = /^\/crm\/sales\/(accounts|contacts|deals)\/(\d+)/;
const CRM_TYPES: Record<string, string> = { accounts: 'sales_account', contacts: 'contact', deals: 'deal' };

// One adapter per site (ARCHITECTURE.md): every adapter has this shape, with its site's selectors and URLs.
export const freshdesk: SiteAdapter = {
  id: 'freshdesk',
  selectors: FRESHDESK_SELECTORS,
  matchesHost: hostCheck('freshdesk'),
  sniff: (doc, url) => RECORD.test(url.pathname) && !!doc.querySelector(FRESHDESK_SELECTORS.shell),
  record(ctx): PageRecord | null {
    const crm = CRM_RECORD.exec(ctx.url.pathname);
    if (crm) return { system: 'freshworks', externalId: crm[2], objectType: CRM_TYPES[crm[1]] };
    const m = RECORD.exec(ctx.url.pathname);
    if (!m) return null;
    return { system: 'freshdesk', externalId: m[2], objectType: m[1] === 'tickets' ? 'ticket' : m[1] === 'contacts' ? 'contact' : 'company' };
  },
  fields(ctx) {
    const f = new FieldCollector(ctx);
    const onTicket = freshdesk.record(ctx)?.objectType === 'ticket';
    f.names('requester', FRESHDESK_SELECTORS.requester, 'requester', { required: onTicket });
    f.emails('requesterEmail', FRESHDESK_SELECTORS.requesterEmail, 'requester');
    f.names('company', FRESHDESK_SELECTORS.company, 'organisation');
    f.names('subject', FRESHDESK_SELECTORS.subject, 'subject', { required: onTicket });
    f.names('senders', FRESHDESK_SELECTORS.senders, 'sender');
    f.all('conversation', FRESHDESK_SELECTORS.conversation, onTicket);
    f.emails('emails', FRESHDESK_SELECTORS.emails, 'related');
    f.people('agent', FRESHDESK_SELECTORS.agent, 'assignee');
    f.people('signedIn', FRESHDESK_SELECTORS.signedIn, 'me', { attr: 'title', hidden: true });
    return f.result();
  },
};
