/**
 * The common interface of site adapters (one file per site in utils/sites/).
 * An adapter reads what the page itself says about its record (record id
 * from the URL, the record's name, requester, sender, recipients…); the
 * engine scans the rest as free text. Selectors are data: a typed object of
 * named selectors, so diagnostics can name the one that did not match.
 */
import { isRendered } from './visibility';
import type { SiteId } from './registry';

export type AdapterId = SiteId | 'generic';

export interface PageRecord {
  /** External system of the record id (salesforce, hubspot, dynamics, zendesk, freshdesk). */
  system: string;
  /** Record id as the system writes it (Salesforce 15/18 chars, HubSpot number, Dynamics GUID…). */
  externalId?: string;
  /** Account, Contact, Lead, Opportunity, Case, company, ticket… */
  objectType: string;
  /** The record's display name as the page shows it. */
  name?: string;
}

export type FieldRole =
  | 'record-name'
  | 'account'
  | 'contact'
  | 'organisation'
  | 'requester'
  | 'cc'
  | 'sender'
  | 'recipient'
  | 'subject'
  | 'related'
  /** The signed-in user of the CRM or mail page (its account menu): never suggested. */
  | 'me'
  /** A colleague the record or ticket is assigned to. */
  | 'assignee'
  /** The colleague who owns the record. */
  | 'owner'
  /** Someone on the open message or thread (sender, recipient or CC, when the page does not say which). */
  | 'participant';

export interface FieldValue {
  role: FieldRole;
  /** A name as the page writes it (resolved as one whole name). */
  name?: string;
  /** An email address. */
  email?: string;
  /** The field stands for the page's own record (focal). */
  focal?: boolean;
}

export interface AdapterContext {
  url: URL;
  doc: Document;
  /** The document and every open shadow root the engine knows (Lightning renders in them). */
  roots: ReadonlyArray<Document | ShadowRoot>;
}

/** A colleague the page names in a structured field (never an entity: resolved against the graph's people, in the background only). */
export interface PersonField {
  role: Extract<FieldRole, 'me' | 'assignee' | 'owner' | 'participant' | 'sender' | 'recipient' | 'cc'>;
  name?: string;
  email?: string;
}

export interface AdapterReading {
  record: PageRecord | null;
  fields: FieldValue[];
  /** The signed-in user and the colleagues on the open record or message. */
  people?: PersonField[];
  /** Names of selectors this page should have had but did not (diagnostics). */
  misses: string[];
}

export interface SiteAdapter {
  id: AdapterId;
  /** Named selectors (data). */
  selectors: Readonly<Record<string, string>>;
  matchesHost(host: string): boolean;
  /** Cheap DOM/URL signature, for demo pages on localhost and custom domains. */
  sniff(doc: Document, url: URL): boolean;
  /** What the URL and the page say about the record shown (null: not a record page). */
  record(ctx: AdapterContext): PageRecord | null;
  /**
   * Mail: the open message or thread (its entities outweigh the list's), or null
   * for a list without an open item. Absent for sites without a list/item split.
   */
  openItem?(ctx: AdapterContext): Element | null;
  /** Structured names and emails with their roles, plus the selectors that missed. */
  fields(ctx: AdapterContext): { fields: FieldValue[]; misses: string[]; people?: PersonField[] };
}

/**
 * A site adapter read nothing structural from the page: no field at all, and
 * a selector it expected on this kind of page missed (or it failed). The site
 * probably changed its markup; Kenner reads the page only as text.
 */
export function readsOnlyText(adapter: AdapterId, reading: { fields: readonly FieldValue[]; misses: readonly string[] }): boolean {
  return adapter !== 'generic' && reading.fields.length === 0 && reading.misses.length > 0;
}

/** querySelectorAll over the document and every known open shadow root. */
function queryAll(roots: ReadonlyArray<Document | ShadowRoot>, selector: string): Element[] {
  const out: Element[] = [];
  for (const r of roots) {
    try {
      r.querySelectorAll(selector).forEach((e) => out.push(e));
    } catch {
      return out; // invalid selector: treat as no match
    }
  }
  return out;
}

export function queryFirst(roots: ReadonlyArray<Document | ShadowRoot>, selector: string): Element | null {
  for (const r of roots) {
    try {
      const e = r.querySelector(selector);
      if (e) return e;
    } catch {
      return null;
    }
  }
  return null;
}

/** Visible text of an element, whitespace collapsed. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const EMAIL_IN = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;

/** An email address in an attribute/href/text (mailto: included), or undefined. */
function emailIn(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  const m = EMAIL_IN.exec(decodeURIComponent(s.replace(/^mailto:/i, '')));
  return m ? m[0] : undefined;
}

/** Helper for adapters: run named selectors, collect fields and misses. */
export class FieldCollector {
  fields: FieldValue[] = [];
  misses: string[] = [];
  persons: PersonField[] = [];
  constructor(readonly ctx: AdapterContext) {}

  all(name: string, selector: string, required = false, hidden = false): Element[] {
    // What the page shows: a hidden previous record (SPAs keep them) is not this page.
    // `hidden`: read closed menus too (the signed-in user sits in the account menu).
    const els = queryAll(this.ctx.roots, selector).filter((e) => hidden || isRendered(e));
    if (!els.length && required) this.misses.push(name);
    return els;
  }

  names(name: string, selector: string, role: FieldRole, opts: { required?: boolean; focal?: boolean } = {}): void {
    for (const el of this.all(name, selector, opts.required)) {
      const t = textOf(el);
      if (t) this.fields.push({ role, name: t, focal: opts.focal });
    }
  }

  emails(name: string, selector: string, role: FieldRole, attr?: string, opts: { required?: boolean } = {}): void {
    for (const el of this.all(name, selector, opts.required)) {
      const e = emailIn(attr ? el.getAttribute(attr) : null) ?? emailIn(el.getAttribute('href')) ?? emailIn(textOf(el));
      if (e) this.fields.push({ role, email: e, name: attr === 'email' ? el.getAttribute('name') ?? undefined : undefined });
    }
  }

  /**
   * People in structured fields (signed-in user, assignee, owner, thread
   * participants): an address where the attribute or text holds one, else the
   * name (after the last `/` of a "Group/Name" value). Read by stable attributes only.
   */
  people(name: string, selector: string, role: PersonField['role'], opts: { attr?: string; hidden?: boolean } = {}): void {
    for (const el of this.all(name, selector, false, opts.hidden)) {
      const raw = (opts.attr ? el.getAttribute(opts.attr) : textOf(el)) ?? '';
      const email = emailIn(raw);
      const person = raw.split('/').pop()?.replace(/\s+/g, ' ').trim();
      if (email) this.persons.push({ role, email });
      else if (person) this.persons.push({ role, name: person.slice(0, 200) });
    }
  }

  result() {
    return { fields: this.fields, misses: this.misses, people: this.persons };
  }
}
