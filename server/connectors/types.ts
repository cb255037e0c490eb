/**
 * The one interface every connector implements (connectors.design.md).
 *
 * A connector reads one source system (a CRM, a help desk, a mailbox tenant)
 * with the smallest scope that works and yields pages of **source records**:
 * interchange-format records (docs/graph-format.md) whose ids are the
 * source's own. The sync pipeline (server/sync/) stores the cursor after each
 * page is applied, resolves identities across sources (colleagues and
 * contacts by email; customers by external id, domain, normalised name), maps
 * the source's vocabulary to topics, applies the governance rules and writes
 * the graph. A connector never decides identity, topics or who may be shown.
 */
import type { z } from 'zod';
import type { Account, Contact, Interaction, Person } from '../../utils/graph/model';

export const SOURCE_IDS = ['salesforce', 'hubspot', 'dynamics', 'zendesk', 'freshdesk', 'microsoft365', 'google'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A term of the source's own vocabulary (a product line, a case category, a
 * help-desk tag, a ticket field's value). The vocabulary mapping turns terms
 * into topic ids; unmapped terms are listed as suggestions, never applied.
 */
export interface Term {
  /** Where the term comes from, e.g. `tag`, `Case.Product__c`, `ticket_field:360001234`, `Opportunity.Type`. */
  field: string;
  value: string;
}

/**
 * Records with the source's ids. `source` is set by the pipeline from the
 * connector's id; interactions must carry an `id` that is stable in the
 * source (e.g. `Case:500…:resolved`), so that a re-sync replaces instead of
 * duplicating.
 */
export type SourcePerson = Person & { email: string };
export type SourceAccount = Account;
export type SourceContact = Contact;
export type SourceInteraction = Omit<Interaction, 'topicIds' | 'source'> & {
  id: string;
  topicIds?: string[];
  terms?: Term[];
  /** Mail/calendar: the external participants' email addresses, resolved to contacts and accounts by the pipeline. */
  externalEmails?: string[];
};

export type SourceRecord =
  | { type: 'person'; record: SourcePerson }
  | { type: 'account'; record: SourceAccount }
  | { type: 'contact'; record: SourceContact }
  | { type: 'interaction'; record: SourceInteraction };

export interface SourceTombstone {
  type: SourceRecord['type'];
  id: string;
}

export interface SyncPage {
  upserts: SourceRecord[];
  deletes: SourceTombstone[];
  /**
   * Where the next page, the next run or the resume after a crash starts.
   * Opaque JSON; stored in the same transaction that applies the page.
   */
  cursor: Json;
}

/** What a connector may use; the pipeline builds it. */
export interface ConnectorContext<C> {
  config: C;
  /** The stored cursor (undefined on the first sync). */
  cursor: Json | undefined;
  /** Do not read anything older than this (the source's look-back window). */
  since: Date;
  /**
   * fetch with the source's rate budget, `429`/`Retry-After`, `5xx` retries
   * with backoff and token refresh on `401` (server/sync/http.ts). Client
   * libraries that accept a fetch get this one.
   */
  fetch: typeof fetch;
  /** People and groups excluded by policy: never fetched (mailboxes) or dropped before storing. */
  isExcluded(email: string): boolean;
  /** The company's own mail domains: a participant elsewhere is external. */
  isInternal(email: string): boolean;
  signal: AbortSignal;
}

/** What a connector reads, for the README's connector pages and the transparency pack. */
export interface ConnectorDisclosure {
  /** OAuth scopes or API permissions to grant, smallest that works. */
  scopes: string[];
  /** Objects and fields read. */
  reads: string[];
  /** What is never read or stored. */
  never: string[];
}

export interface Connector<C = unknown> {
  id: SourceId;
  /** Shown to administrators. */
  label: string;
  /** The connector's settings (base URL, credentials' environment variable names, options). */
  configSchema: z.ZodType<C>;
  disclosure: ConnectorDisclosure;
  /** Default look-back in days (mail 2 years, calendar and CRM 4 years). */
  lookBackDays: number;
  /** The source's documented request budget per minute (a source's `perMinute` setting overrides it); absent: none. */
  perMinute?: number;
  /** Pages until the source has nothing newer than the cursor. */
  sync(ctx: ConnectorContext<C>): AsyncIterable<SyncPage>;
}
