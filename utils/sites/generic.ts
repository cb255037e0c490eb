/**
 * Generic adapter: any other enabled page (custom sites, unknown layouts).
 * No structure assumed: free text and email addresses (mailto: links too).
 */
import { FieldCollector, type SiteAdapter } from './types';

const GENERIC_SELECTORS = {
  mailtoLinks: 'a[href^="mailto:" i]',
} as const;

export const generic: SiteAdapter = {
  id: 'generic',
  selectors: GENERIC_SELECTORS,
  matchesHost: () => false,
  sniff: () => true,
  record: () => null,
  fields(ctx) {
    const c = new FieldCollector(ctx);
    c.emails('mailtoLinks', GENERIC_SELECTORS.mailtoLinks, 'related');
    return c.result();
  },
};
