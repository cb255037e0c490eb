/**
 * Zendesk Support (agent workspace) adapter.
 * Serves: https://<sub>.zendesk.com/agent/tickets/<id> (tickets), /agent/users/<id>,
 * /agent/organizations/<id>. A ticket is not an account page: no focal entity; requester,
 * organisation, CCs, subject and comments are read.
 * Markup sources, per page kind:
 * - ticket: the agent workspace's `data-test-id` attributes (omni-log-message-content,
 *   omni-log-item-sender, header-tab-title, ticket-system-field-*) as public agent userscripts and
 *   extensions read them (e.g. Zendesk agent userscripts on GitHub matching /agent/*);
 *   `data-garden-id` from Zendesk Garden (github zendeskgarden/react-components, public).
 * - user and organization records: URL structure only (documentation: Zendesk agent URLs).
 */
import { FieldCollector, type PageRecord, type SiteAdapter } from './types';
import { hostCheck } from './registry';

const ZENDESK_SELECTORS = {
  requester: '[data-test-id="tooltip-requester-name"], [data-test-id="ticket-system-field-requester-select"] [data-garden-id="tags.tag"]',
  organisation: '[data-test-id="ticket-organization-link"], [data-test-id="ticket-system-field-organization-select"] a',
  ccs: '[data-test-id="ticket-fields-collaborators"] [data-garden-id="tags.tag"], [data-test-id="ticket-fields-collaborators"] .select',
  subject: '[data-test-id="header-tab-title"]',
  senders: '[data-test-id="omni-log-item-sender"]',
  comments: '[data-test-id="omni-log-message-content"]',
  emails: 'a[href^="mailto:" i], [data-test-id="customer-context-user"] [data-test-id*="email"]',
  assignee: '[data-test-id="ticket-system-field-assignee-select"] .select, [data-test-id="assignee-field-selected-agent-tag"]',
  /** The signed-in agent (the profile menu's avatar names them). */
  signedIn: '[data-test-id="header-profile-menu-button"] img[alt]',
  shell: '[data-garden-id^="chrome."], [data-test-id="ticket-workspace"]',
} as const;

const RECORD = /\/agent\/(tickets|users|organizations)\/(\d+)/;

// One adapter per site (ARCHITECTURE.md): every adapter has this shape, with its site's selectors and URLs.
export const zendesk: SiteAdapter = {
  id: 'zendesk',
  selectors: ZENDESK_SELECTORS,
  matchesHost: hostCheck('zendesk'),
  sniff: (doc, url) => url.pathname.startsWith('/agent/') && !!doc.querySelector(ZENDESK_SELECTORS.shell),
  record(ctx): PageRecord | null {
    const m = RECORD.exec(ctx.url.pathname);
    if (!m) return null;
    const objectType = m[1] === 'tickets' ? 'ticket' : m[1] === 'users' ? 'user' : 'organization';
    return { system: 'zendesk', externalId: m[2], objectType };
  },
  fields(ctx) {
    const f = new FieldCollector(ctx);
    const onTicket = zendesk.record(ctx)?.objectType === 'ticket';
    f.names('requester', ZENDESK_SELECTORS.requester, 'requester', { required: onTicket });
    f.names('organisation', ZENDESK_SELECTORS.organisation, 'organisation');
    f.names('ccs', ZENDESK_SELECTORS.ccs, 'cc');
    f.names('subject', ZENDESK_SELECTORS.subject, 'subject', { required: onTicket });
    f.names('senders', ZENDESK_SELECTORS.senders, 'sender');
    f.all('comments', ZENDESK_SELECTORS.comments, onTicket); // free text: scanned by the engine; checked for diagnostics
    f.emails('emails', ZENDESK_SELECTORS.emails, 'related');
    f.people('assignee', ZENDESK_SELECTORS.assignee, 'assignee');
    f.people('signedIn', ZENDESK_SELECTORS.signedIn, 'me', { attr: 'alt', hidden: true });
    return f.result();
  },
};
