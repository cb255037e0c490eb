/**
 * Generator phase 3, contacts: the story's contacts, then per bulk account a
 * Poisson number of contacts (more for bigger accounts) with local names, one
 * e-mail pattern per account and local job titles. Returns each account's
 * range of contact numbers.
 */
import type { Accounts } from './accounts';
import { CONTACT_TITLES, CUSTOMER_COUNTRIES } from './names';
import { emailLocal, freshPersonName, uniqueEmail } from './primitives';
import { createRng } from './random';
import { withType, type ContactRecord, type DemoRecord } from './records';
import { STORY } from './story';

/** Account i's contacts are `c-${start[i] + 1}` ... `c-${start[i] + count[i]}`, main contacts first. */
export interface Contacts {
  start: Int32Array;
  count: Uint16Array;
}

/** Yields the contact records (story first); returns each bulk account's contact range. */
export function* generateContacts(seed: number, targetContacts: number, accounts: Accounts): Generator<DemoRecord, Contacts> {
  for (const c of STORY.contacts) yield withType('contact', c);
  const rng = createRng(seed, 'contacts');
  const nAccounts = accounts.count;
  const meanContacts = (targetContacts - STORY.contacts.length) / nAccounts;
  const start = new Int32Array(nAccounts);
  const count = new Uint16Array(nAccounts);
  let contactSeq = 0;
  for (let i = 0; i < nAccounts; i++) {
    const c = CUSTOMER_COUNTRIES[accounts.country[i]];
    // Bigger accounts have more contacts (0.96 = the mean of the size factor).
    const want = rng.poisson((meanContacts * (0.5 + 0.5 * Math.min(accounts.size[i], 4))) / 0.96);
    const n = Math.min(60, want);
    start[i] = contactSeq;
    count[i] = n;
    const used = new Set<string>();
    const pattern = rng.int(0, 2);
    for (let k = 0; k < n; k++) {
      const name = freshPersonName(rng, c.locale);
      const contact: ContactRecord = {
        type: 'contact',
        id: `c-${contactSeq + 1}`,
        name,
        email: uniqueEmail(emailLocal(name, pattern), accounts.domain[i], used),
        accountId: `a-${i + 1}`,
        title: rng.pick(CONTACT_TITLES[c.locale]),
      };
      contactSeq++;
      yield contact;
    }
  }
  return { start, count };
}
