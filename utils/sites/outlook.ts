/**
 * Outlook on the web adapter.
 * Serves: https://outlook.cloud.microsoft/mail/…, https://outlook.office.com/mail/…,
 * https://outlook.office365.com/mail/…, https://outlook.live.com/mail/… — message list and
 * reading pane (…/mail/inbox/id/<id>). Persona buttons carry the address in `title`; the reading
 * pane body is free text. Read by ids, roles and addresses, never by aria-label text (the German
 * reading pane is "Lesebereich").
 * Markup sources, per page kind:
 * - inbox (message list: [role=listbox] [role=option][data-convid]) and thread (reading pane
 *   #ReadingPaneContainerId, [role=heading], persona [title=address], body #UniqueMessageBody_*):
 *   the ids and attributes public Outlook extensions and userscripts on GitHub read; no public
 *   saved page found. Compose: not read structurally (documentation only), free text.
 */
import { FieldCollector, queryFirst, type SiteAdapter } from './types';
import { hostCheck } from './registry';

const OUTLOOK_SELECTORS = {
  readingPane: '#ReadingPaneContainerId',
  subject: '#ReadingPaneContainerId [role="heading"]',
  personas: '#ReadingPaneContainerId .persona-button[title*="@"], #ReadingPaneContainerId button[title*="@"], #ReadingPaneContainerId span[title*="@"]',
  listSenders: '[role="listbox"] [role="option"] span[title*="@"], [data-convid] span[title*="@"]',
  body: '[id^="UniqueMessageBody"], #ReadingPaneContainerId [role="document"] .allowTextSelection',
  shell: '#ReadingPaneContainerId, [role="listbox"] [data-convid]',
  /** The Microsoft 365 account manager's signed-in address (in its flyout, present while closed). */
  signedIn: '#mectrl_currentAccount_secondary',
  openSender: '#ReadingPaneContainerId .persona-row > div > .persona-button[title*="@"]',
  openRecipients: '#ReadingPaneContainerId .recipients [title*="@"]',
} as const;

export const outlook: SiteAdapter = {
  id: 'outlook',
  selectors: OUTLOOK_SELECTORS,
  matchesHost: hostCheck('outlook'),
  sniff: (doc, url) => url.pathname.startsWith('/mail') && !!doc.querySelector(OUTLOOK_SELECTORS.shell),
  record: () => null,
  openItem: (ctx) => (/\/id\//.test(ctx.url.pathname) ? queryFirst(ctx.roots, '#ReadingPaneContainerId') : null),
  fields(ctx) {
    const f = new FieldCollector(ctx);
    const reading = /\/id\//.test(ctx.url.pathname);
    f.all('readingPane', OUTLOOK_SELECTORS.readingPane, reading);
    f.names('subject', OUTLOOK_SELECTORS.subject, 'subject', { required: reading });
    f.emails('personas', OUTLOOK_SELECTORS.personas, 'sender', 'title', { required: reading });
    f.emails('listSenders', OUTLOOK_SELECTORS.listSenders, 'sender', 'title');
    f.all('body', OUTLOOK_SELECTORS.body, reading);
    f.people('signedIn', OUTLOOK_SELECTORS.signedIn, 'me', { hidden: true });
    if (reading) {
      f.people('openSender', OUTLOOK_SELECTORS.openSender, 'sender', { attr: 'title' });
      f.people('openRecipients', OUTLOOK_SELECTORS.openRecipients, 'recipient', { attr: 'title' });
    }
    return f.result();
  },
};
