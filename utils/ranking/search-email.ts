/** People search and e-mail addresses (search.ts, search.design.md): what is indexed and what a query's address contributes. */

/** An address's domain, lower case ('' without one). */
function domainOf(email: string | undefined): string {
  const at = email ? email.lastIndexOf('@') : -1;
  return at < 0 ? '' : email!.slice(at + 1).trim().toLowerCase();
}

/**
 * The domains a fifth or more of the colleagues share (the company's own; at least two people).
 * Indexed, any prefix of such a domain ("k", "ke" … "kenner") found all of them, and scored all of
 * them on each such keystroke; a domain few share (a subsidiary's) still finds its people.
 */
export function sharedDomains(emails: Array<string | undefined>): Set<string> {
  const counts = new Map<string, number>();
  for (const e of emails) {
    const d = domainOf(e);
    if (d) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 2 && n * 5 >= emails.length).map(([d]) => d));
}

/** What the email field indexes: the address, without its domain where that is a shared one. */
export function indexedEmail(email: string | undefined, shared: ReadonlySet<string>): string {
  if (!email) return '';
  return shared.has(domainOf(email)) ? email.slice(0, email.lastIndexOf('@')) : email;
}

/** A query's e-mail domains ("…@kenner.de", also half typed): the text search leaves them out (see sharedDomains). */
export const AT_DOMAIN = /@[^\s<>,;]*/gu;
