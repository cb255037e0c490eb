/**
 * Freshdesk: who resolved which ticket, for which company, on which problem.
 *
 * API v2 (developers.freshdesk.com/api/) with an API key (basic auth,
 * `<key>:X`); no official Node client is kept, so requests go through
 * `ctx.fetch` (budget, 429 + Retry-After, backoff).
 * - Tickets: `GET /api/v2/tickets?updated_since=…&order_by=updated_at&order_type=asc
 *   &per_page=100&page=N&include=stats`, following the `link` header
 *   (`rel="next"`). Freshdesk serves at most 300 pages of one query; at that
 *   point (and at the end of every run) the query starts again from the last
 *   `updated_at` seen, skipping the ids already read at that second. The
 *   cursor after each page holds `updated_since`, the next page and those ids.
 * - Deleted tickets: the same query with `filter=deleted`, its own cursor →
 *   tombstones.
 * - Contacts (`_updated_since`), companies and agents: paged the same way;
 *   companies and agents have no change filter and are read whole each run
 *   (they are few); inactive contacts and agents become tombstones.
 * Mapping: company → account (`externalIds.freshdesk`, `domains`); agent →
 * person; contact → contact; a resolved (4) or closed (5) ticket →
 * `case-resolved` for its responder dated `stats.resolved_at`, any other →
 * `case-open`; tags, `type` and the configured custom fields → `terms`. Never
 * stored: descriptions (the list does not send them), conversations,
 * subjects (unless `includeSubjects`).
 *
 * Rate limits: the plan's per-minute limit is the pipeline's budget for this
 * source (FRESHDESK_REQUESTS_PER_MINUTE is the smallest paid plan's); when
 * `X-RateLimit-Remaining` falls to `keepFree`, the run ends at that page
 * (cursor saved) and leaves the rest of the minute's credits to the
 * company's other integrations.
 */
import { z } from 'zod';
import type { Connector, ConnectorContext, Json, SourceRecord, SourceTombstone, SyncPage, Term } from './types';

/** Growth plan: 200 calls per minute (Pro 400, Enterprise 700). */
export const FRESHDESK_REQUESTS_PER_MINUTE = 200;
const MAX_PAGES = 300;

export const freshdeskConfigSchema = z.object({
  /** `https://<domain>.freshdesk.com` */
  baseUrl: z.url(),
  /** Environment variable holding the API key of an agent who may see all tickets. */
  apiKeyEnv: z.string(),
  /** Custom ticket fields (`cf_…`) whose values become terms. */
  ticketFields: z.array(z.string()).default([]),
  includeSubjects: z.boolean().default(false),
  /** End the run when fewer calls than this are left in the minute (0: use them all). */
  keepFree: z.number().int().min(0).default(0),
  perPage: z.number().int().min(1).max(100).default(100),
});
export type FreshdeskConfig = z.output<typeof freshdeskConfigSchema>;

interface FdTicket {
  id: number;
  status: number;
  subject?: string | null;
  requester_id?: number | null;
  responder_id?: number | null;
  company_id?: number | null;
  type?: string | null;
  tags?: string[];
  custom_fields?: Record<string, unknown>;
  updated_at: string;
  deleted?: boolean;
  stats?: { resolved_at?: string | null; closed_at?: string | null };
}
interface FdContact {
  id: number;
  name: string;
  email?: string | null;
  company_id?: number | null;
  active: boolean;
  deleted?: boolean;
  updated_at: string;
}
interface FdCompany {
  id: number;
  name: string;
  domains?: string[];
}
interface FdAgent {
  id: number;
  contact: { name: string; email?: string | null; active: boolean };
}

/** One paged query's position. */
interface Pos {
  since?: string;
  page: number;
  /** Ids read at `since` (the next query returns them again). */
  seen?: number[];
}
interface FreshdeskCursor {
  tickets?: Pos;
  deleted?: Pos;
  contacts?: Pos;
}

class OutOfCredits extends Error {}

export const ticketInteractionId = (id: number) => `freshdesk:ticket:${id}`;
const RESOLVED = new Set([4, 5]);

function mapTicket(t: FdTicket, config: FreshdeskConfig): SourceRecord | SourceTombstone {
  const id = ticketInteractionId(t.id);
  if (t.deleted || !t.responder_id) return { type: 'interaction', id };
  const terms: Term[] = (t.tags ?? []).map((value) => ({ field: 'tag', value }));
  if (t.type) terms.push({ field: 'type', value: t.type });
  for (const f of config.ticketFields) {
    const v = t.custom_fields?.[f];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') if (v !== '') terms.push({ field: `ticket_field:${f}`, value: String(v) });
  }
  const resolved = RESOLVED.has(t.status);
  return {
    type: 'interaction',
    record: {
      id,
      personId: String(t.responder_id),
      kind: resolved ? 'case-resolved' : 'case-open',
      date: (resolved ? (t.stats?.resolved_at ?? t.stats?.closed_at) : undefined) ?? t.updated_at,
      accountId: t.company_id ? String(t.company_id) : undefined,
      contactId: t.requester_id ? String(t.requester_id) : undefined,
      topicIds: [],
      terms,
      title: config.includeSubjects && t.subject ? t.subject : undefined,
    },
  };
}

const mapContact = (c: FdContact): SourceRecord | SourceTombstone =>
  !c.active || c.deleted || !c.email
    ? { type: 'contact', id: String(c.id) }
    : { type: 'contact', record: { id: String(c.id), name: c.name, email: c.email.toLowerCase(), accountId: c.company_id ? String(c.company_id) : undefined } };
const mapCompany = (c: FdCompany): SourceRecord => ({
  type: 'account',
  record: { id: String(c.id), name: c.name, domains: c.domains ?? [], aliases: [], externalIds: { freshdesk: String(c.id) } },
});
const mapAgent = (a: FdAgent): SourceRecord | SourceTombstone =>
  !a.contact.active || !a.contact.email
    ? { type: 'person', id: String(a.id) }
    : { type: 'person', record: { id: String(a.id), name: a.contact.name, email: a.contact.email.toLowerCase(), languages: [], skills: [] } };

function split(items: (SourceRecord | SourceTombstone)[]): Pick<SyncPage, 'upserts' | 'deletes'> {
  const upserts: SourceRecord[] = [];
  const deletes: SourceTombstone[] = [];
  for (const x of items) {
    if ('record' in x) upserts.push(x);
    else deletes.push(x);
  }
  return { upserts, deletes };
}

async function* sync(ctx: ConnectorContext<FreshdeskConfig>): AsyncIterable<SyncPage> {
  const { config } = ctx;
  const cursor: FreshdeskCursor = structuredClone((ctx.cursor ?? {}) as FreshdeskCursor);
  const snapshot = () => structuredClone(cursor) as unknown as Json;
  let key = process.env[config.apiKeyEnv];
  const authorization = () => `Basic ${Buffer.from(`${key ?? ''}:X`).toString('base64')}`;

  async function get<T>(url: string): Promise<{ items: T; next: boolean }> {
    const send = () => ctx.fetch(url, { headers: { authorization: authorization(), accept: 'application/json' } });
    let res = await send();
    // A rotated key: read it again from the secret's environment variable, once.
    if (res.status === 401 && process.env[config.apiKeyEnv] !== key) {
      await res.body?.cancel();
      key = process.env[config.apiKeyEnv];
      res = await send();
    }
    if (!res.ok) throw new Error(`freshdesk: ${new URL(url).pathname} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const items = (await res.json()) as T;
    const left = res.headers.get('x-ratelimit-remaining');
    if (config.keepFree && left !== null && Number(left) <= config.keepFree) outOfCredits = true;
    return { items, next: /rel="next"/.test(res.headers.get('link') ?? '') };
  }
  let outOfCredits = false;
  const url = (path: string, q: Record<string, string | number | undefined>) => {
    const u = new URL(`/api/v2/${path}`, config.baseUrl);
    for (const [k, v] of Object.entries(q)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.href;
  };
  const sinceIso = ctx.since.toISOString().replace(/\.\d{3}Z$/, 'Z');

  /**
   * A changes query, page by page (`link` rel="next"); at page 300 and at the end it starts again
   * from the newest `updated_at` read (contacts come in no documented order, so the newest, not the last).
   */
  async function* changes<T extends { id: number; updated_at: string }>(
    stream: 'tickets' | 'deleted' | 'contacts',
    q: (pos: Pos) => string,
    floor: string | undefined,
    map: (x: T) => SourceRecord | SourceTombstone,
  ): AsyncIterable<SyncPage> {
    let pos: Pos = cursor[stream] ?? { since: floor, page: 1 };
    if (floor && (!pos.since || pos.since < floor)) pos = { since: floor, page: 1 };
    let newest = pos.since;
    let atNewest = new Set(pos.seen ?? []);
    for (;;) {
      if (outOfCredits) throw new OutOfCredits();
      const { items, next } = await get<T[]>(q(pos));
      const fresh = items.filter((x) => !(x.updated_at === pos.since && (pos.seen ?? []).includes(x.id)));
      for (const x of items) {
        if (!newest || x.updated_at > newest) {
          newest = x.updated_at;
          atNewest = new Set();
        }
        if (x.updated_at === newest) atNewest.add(x.id);
      }
      const more = next && pos.page < MAX_PAGES;
      pos = more ? { ...pos, page: pos.page + 1 } : { since: newest, page: 1, seen: [...atNewest] };
      cursor[stream] = pos;
      yield { ...split(fresh.map(map)), cursor: snapshot() };
      if (!more && !next) break;
    }
  }

  /** Lists without a change filter, read whole. */
  async function* whole<T>(path: string, map: (x: T) => SourceRecord | SourceTombstone): AsyncIterable<SyncPage> {
    for (let page = 1; page <= MAX_PAGES; page++) {
      if (outOfCredits) throw new OutOfCredits();
      const { items, next } = await get<T[]>(url(path, { per_page: config.perPage, page }));
      yield { ...split(items.map(map)), cursor: snapshot() };
      if (!next) break;
    }
  }

  const ticketQuery = (filter?: string) => (p: Pos) =>
    url('tickets', { filter, updated_since: p.since, order_by: 'updated_at', order_type: 'asc', per_page: config.perPage, page: p.page, include: filter ? undefined : 'stats' });
  try {
    yield* whole<FdCompany>('companies', mapCompany);
    yield* whole<FdAgent>('agents', mapAgent);
    yield* changes<FdContact>('contacts', (p) => url('contacts', { _updated_since: p.since, per_page: config.perPage, page: p.page }), undefined, mapContact);
    // A ticket resolved before the window is not evidence of it, even when touched since: withdrawn.
    const inWindow = (t: FdTicket) => {
      const x = mapTicket(t, config);
      return 'record' in x && x.type === 'interaction' && Date.parse(x.record.date) < ctx.since.getTime() ? { type: 'interaction' as const, id: x.record.id } : x;
    };
    yield* changes<FdTicket>('tickets', ticketQuery(), sinceIso, inWindow);
    yield* changes<FdTicket>('deleted', ticketQuery('deleted'), sinceIso, (t) => mapTicket({ ...t, deleted: true }, config));
  } catch (e) {
    if (!(e instanceof OutOfCredits)) throw e;
    // The rest of this minute's credits belong to other integrations: the next run goes on from the cursor.
  }
}

export const connector: Connector<FreshdeskConfig> = {
  id: 'freshdesk',
  label: 'Freshdesk',
  configSchema: freshdeskConfigSchema,
  disclosure: {
    scopes: ['The API key of an agent whose ticket scope is "Global access" (read only use; Freshdesk keys have no narrower scope)'],
    reads: [
      'Companies: id, name, domains',
      'Agents: id, contact.name, contact.email, contact.active',
      'Contacts: id, name, email, company_id, active',
      'Tickets (list, with stats): id, status, responder_id, requester_id, company_id, type, tags, the configured custom fields, updated_at, stats.resolved_at; subject only with includeSubjects',
      'Deleted tickets (filter=deleted): id',
    ],
    never: ['Ticket descriptions, conversations, notes and attachments', 'Ticket subjects (unless includeSubjects)', 'Contact phone numbers, addresses, notes', 'Satisfaction ratings, time entries'],
  },
  lookBackDays: 4 * 365,
  perMinute: FRESHDESK_REQUESTS_PER_MINUTE,
  sync,
};

export default connector;
