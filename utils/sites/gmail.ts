/**
 * Gmail adapter.
 * Serves: https://mail.google.com/mail/u/<n>/ — inbox and other lists (#inbox, #label/…),
 * threads (#inbox/<threadId>), compose. People carry their address in `email` attributes
 * (senders span.gD / span.zF / span.yP, recipients span.g2, compose recipient chips).
 * Markup sources, per page kind:
 * - inbox (list rows tr.zA, sender span.zF/yP[email]), thread (h2.hP, span.gD[email], span.g2[email],
 *   div.a3s bodies) and compose (div[name=to|cc] chips): gmail.js (github KartikTalwar/gmail.js,
 *   MIT, src/gmail.js DOM helpers), a public library that many extensions build on.
 */
import { FieldCollector, queryFirst, type SiteAdapter } from './types';
import { hostCheck } from './registry';

const GMAIL_SELECTORS = {
  threadSubject: 'h2.hP',
  senders: 'span.gD[email], span.zF[email], span.yP[email]',
  recipients: 'span.g2[email]',
  composeRecipients: 'div[name="to"] [email], div[name="cc"] [email], .afV[data-hovercard-id], .aXjCH [email]',
  bodies: 'div.a3s',
  rows: 'tr.zA',
  /** The signed-in account (its address in the account button's label). */
  signedIn: 'a[href^="https://accounts.google.com/SignOutOptions"][aria-label*="@"], .gb_avatar[aria-label*="@"]',
  threadSenders: '[data-message-id] span.gD[email]',
  threadRecipients: '[data-message-id] span.g2[email]',
  shell: '[gh="tm"], div[role="main"] .ae4, #gmail-main, .nH.bkK',
} as const;

export const gmail: SiteAdapter = {
  id: 'gmail',
  selectors: GMAIL_SELECTORS,
  matchesHost: hostCheck('gmail'),
  sniff: (doc, url) => url.pathname.startsWith('/mail/') && !!doc.querySelector('span[email], tr.zA, h2.hP, [gh="tm"]'),
  record: () => null,
  openItem: (ctx) => (/^#[^/]+\/[A-Za-z0-9]+/.test(ctx.url.hash) ? queryFirst(ctx.roots, '[role="main"]') : null),
  fields(ctx) {
    const f = new FieldCollector(ctx);
    const inThread = /^#[^/]+\/[A-Za-z0-9]+/.test(ctx.url.hash);
    f.names('threadSubject', GMAIL_SELECTORS.threadSubject, 'subject', { required: inThread });
    f.emails('senders', GMAIL_SELECTORS.senders, 'sender', 'email', { required: inThread });
    f.emails('recipients', GMAIL_SELECTORS.recipients, 'recipient', 'email');
    f.emails('composeRecipients', GMAIL_SELECTORS.composeRecipients, 'recipient', 'email');
    f.emails('composeRecipients', '.afV[data-hovercard-id]', 'recipient', 'data-hovercard-id');
    f.people('signedIn', GMAIL_SELECTORS.signedIn, 'me', { attr: 'aria-label', hidden: true });
    if (inThread) {
      f.people('threadSenders', GMAIL_SELECTORS.threadSenders, 'sender', { attr: 'email' });
      f.people('threadRecipients', GMAIL_SELECTORS.threadRecipients, 'recipient', { attr: 'email' });
    }
    if (!inThread) f.all('rows', GMAIL_SELECTORS.rows, true);
    return f.result();
  },
};
