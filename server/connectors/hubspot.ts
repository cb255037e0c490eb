/**
 * HubSpot connector (docs/connectors/hubspot.md): CRM v3 through
 * `@hubspot/api-client`'s generated API classes, whose HTTP goes through
 * `ctx.fetch` (their `httpApi` is replaced), so the budget, `429` and 5xx
 * handling are the pipeline's and the library's own retry is not used.
 *
 * - Owners are listed in full each run (a few hundred at most).
 * - Companies, contacts, deals and tickets: the search endpoint, filtered by
 *   last-modified date (`hs_lastmodifieddate`, contacts `lastmodifieddate`)
 *   `GTE` the cursor and sorted ascending, paged by `after`. Search stops at
 *   10,000 results: the filter is re-anchored on the last modified date read.
 *   The cursor after each page is that date plus the ids read at it, so a
 *   rerun skips exactly what it already has.
 * - Deal and ticket associations (companies, contacts) come from the v4
 *   associations batch read, one call per page and target type.
 * - Archived (deleted) records: the list endpoint with `archived=true`,
 *   tombstones for those archived since the last run.
 * - Look-back: closed deals and tickets closed before `ctx.since` are not
 *   searched for (a filter group each for open and recently closed).
 */
import { z } from 'zod';
import { normalizeDomain } from '../../utils/graph/schema';
import * as objects from '@hubspot/api-client/lib/codegen/crm/objects';
import * as owners from '@hubspot/api-client/lib/codegen/crm/owners';
import * as associations from '@hubspot/api-client/lib/codegen/crm/associations/v4';
import type { Connector, ConnectorContext, Json, SourceInteraction, SourceRecord, SourceTombstone, SyncPage, Term } from './types';

const property = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a property internal name');

export const hubspotConfigSchema = z.object({
  basePath: z.string().url().default('https://api.hubapi.com'),
  /** A private app's access token (scopes in docs/connectors/hubspot.md)… */
  accessTokenEnv: z.string().default('HUBSPOT_ACCESS_TOKEN'),
  /** …or a public app's OAuth refresh token (then these three are used instead). */
  oauth: z.object({ clientId: z.string().optional(), clientIdEnv: z.string().default('HUBSPOT_CLIENT_ID'), clientSecretEnv: z.string(), refreshTokenEnv: z.string() }).optional(),
  /** The portal (hub) id and app host, for links to records (`…/contacts/<portalId>/record/0-3/<id>`); no links without it. */
  portalId: z.string().regex(/^\d+$/).optional(),
  appUrl: z.string().url().default('https://app.hubspot.com'),
  /** Search page size (HubSpot's maximum is 200). */
  pageSize: z.number().int().min(1).max(200).default(200),
  /** HubSpot's search stops at 10,000 results; lower only to test re-anchoring. */
  searchCap: z.number().int().min(1).max(10_000).default(10_000),
  /** Deal properties whose values are the product line (become terms). */
  dealTermProperties: z.array(property).max(10).default(['dealtype']),
  /** Ticket properties whose values are the product or problem. */
  ticketTermProperties: z.array(property).max(10).default(['hs_ticket_category']),
});
export type HubspotConfig = z.output<typeof hubspotConfigSchema>;

type ObjectType = 'companies' | 'contacts' | 'deals' | 'tickets';
export const HUBSPOT_OBJECTS: readonly ObjectType[] = ['companies', 'contacts', 'deals', 'tickets'];
const MODIFIED: Record<ObjectType, string> = { companies: 'hs_lastmodifieddate', contacts: 'lastmodifieddate', deals: 'hs_lastmodifieddate', tickets: 'hs_lastmodifieddate' };

/** The properties read per object (nothing else is requested). */
export function hubspotProperties(config: Pick<HubspotConfig, 'dealTermProperties' | 'ticketTermProperties'>): Record<ObjectType, string[]> {
  const u = (xs: string[]) => [...new Set(xs)];
  return {
    companies: ['name', 'domain', 'website', 'hubspot_owner_id', 'hubspot_owner_assigneddate', 'createdate', 'hs_lastmodifieddate'],
    contacts: ['firstname', 'lastname', 'email', 'jobtitle', 'associatedcompanyid', 'lastmodifieddate'],
    deals: u(['dealname', 'hubspot_owner_id', 'hs_is_closed', 'hs_is_closed_won', 'closedate', 'hs_lastmodifieddate', ...config.dealTermProperties]),
    tickets: u(['hubspot_owner_id', 'closed_date', 'createdate', 'hs_lastmodifieddate', ...config.ticketTermProperties]),
  };
}

// ------------------------------------------------------------------ cursor

interface Mark {
  /** Last-modified time (ms) of the last record read … */
  at: number;
  /** … and the ids read at exactly that time. */
  ids: string[];
}
interface HubspotCursor {
  v: 1;
  marks: Partial<Record<ObjectType, Mark>>;
  /** Per object: archivedAt (ms) of the newest tombstone handed out. */
  archived: Partial<Record<ObjectType, number>>;
}
function readCursor(c: Json | undefined): HubspotCursor {
  if (c && typeof c === 'object' && !Array.isArray(c) && c.v === 1) return c as unknown as HubspotCursor;
  return { v: 1, marks: {}, archived: {} };
}
const json = (c: HubspotCursor): Json => JSON.parse(JSON.stringify(c)) as Json;

// ------------------------------------------------------------------ mapping

type Props = Record<string, string | null | undefined>;
interface Found {
  id: string;
  properties: Props;
}
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const day = (v: unknown): string | undefined => {
  const s = str(v);
  if (!s) return undefined;
  if (/^\d+$/.test(s)) return new Date(Number(s)).toISOString().slice(0, 10);
  return s.length >= 10 ? s.slice(0, 10) : undefined;
};
const millis = (v: unknown): number | undefined => {
  const s = str(v);
  if (!s) return undefined;
  const n = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  return Number.isNaN(n) ? undefined : n;
};

function domainOf(p: Props): { url?: string; domains?: string[] } {
  const d = str(p.domain);
  const w = str(p.website);
  const url = w ? (/^https?:\/\//i.test(w) ? w : `https://${w}`) : undefined;
  const host = d ? normalizeDomain(d) : undefined;
  return { ...(url ? { url } : {}), ...(host?.includes('.') ? { domains: [host] } : {}) };
}

function termsOf(p: Props, object: string, names: string[]): Term[] | undefined {
  const terms = names.flatMap((n) => (str(p[n]) ?? '').split(';').filter((v) => v.trim()).map((value) => ({ field: `${object}.${n}`, value: value.trim() })));
  return terms.length ? terms : undefined;
}

const ix = (r: SourceInteraction): SourceRecord => ({ type: 'interaction', record: r });
const OBJECT_TYPE_ID: Record<ObjectType, string> = { contacts: '0-1', companies: '0-2', deals: '0-3', tickets: '0-5' };
/** The record's page in the HubSpot app, when the portal id is configured. */
const recordUrl = (config: HubspotConfig, type: ObjectType, id: string) => (config.portalId ? `${config.appUrl.replace(/\/$/, '')}/contacts/${config.portalId}/record/${OBJECT_TYPE_ID[type]}/${id}` : undefined);

/** First associated company and contact of a deal or ticket. */
interface Links {
  company?: string;
  contact?: string;
}

export function mapObject(type: ObjectType, o: Found, config: HubspotConfig, links: Links = {}): SourceRecord[] {
  const p = o.properties;
  const owner = str(p.hubspot_owner_id);
  switch (type) {
    case 'companies': {
      const name = str(p.name);
      if (!name) return [];
      const out: SourceRecord[] = [{ type: 'account', record: { id: o.id, name, ...domainOf(p), ownerId: owner, externalIds: { hubspot: o.id } } }];
      const date = day(p.hubspot_owner_assigneddate) ?? day(p.createdate);
      if (owner && date) out.push(ix({ id: `company:${o.id}:owner`, personId: owner, accountId: o.id, kind: 'account-owner', date, url: recordUrl(config, 'companies', o.id) }));
      return out;
    }
    case 'contacts': {
      const name = [str(p.firstname), str(p.lastname)].filter(Boolean).join(' ') || str(p.email);
      return name ? [{ type: 'contact', record: { id: o.id, name, email: str(p.email)?.toLowerCase(), title: str(p.jobtitle), accountId: str(p.associatedcompanyid) } }] : [];
    }
    case 'deals': {
      const closed = p.hs_is_closed === 'true';
      const kind = p.hs_is_closed_won === 'true' ? 'deal-won' : closed ? 'deal-lost' : 'deal-open';
      const date = day(kind === 'deal-open' ? p.hs_lastmodifieddate : p.closedate);
      if (!owner || !date) return [];
      return [ix({ id: `deal:${o.id}`, personId: owner, kind, date, accountId: links.company, contactId: links.contact, title: str(p.dealname), terms: termsOf(p, 'deal', config.dealTermProperties), url: recordUrl(config, 'deals', o.id) })];
    }
    case 'tickets': {
      const closed = day(p.closed_date);
      const date = closed ?? day(p.createdate);
      if (!owner || !date) return [];
      return [ix({ id: `ticket:${o.id}`, personId: owner, kind: closed ? 'case-resolved' : 'case-open', date, accountId: links.company, contactId: links.contact, terms: termsOf(p, 'ticket', config.ticketTermProperties), url: recordUrl(config, 'tickets', o.id) })];
    }
  }
}

/** The interaction a record stands for; withdrawn when the record no longer makes it (its owner removed). */
const OWN: Record<ObjectType, ((id: string) => string) | undefined> = {
  companies: (id) => `company:${id}:owner`,
  contacts: undefined,
  deals: (id) => `deal:${id}`,
  tickets: (id) => `ticket:${id}`,
};

function tombstones(type: ObjectType, id: string): SourceTombstone[] {
  switch (type) {
    case 'companies':
      return [
        { type: 'account', id },
        { type: 'interaction', id: `company:${id}:owner` },
      ];
    case 'contacts':
      return [{ type: 'contact', id }];
    case 'deals':
      return [{ type: 'interaction', id: `deal:${id}` }];
    case 'tickets':
      return [{ type: 'interaction', id: `ticket:${id}` }];
  }
}

/** Search filter groups (OR of ANDs): modified since the mark, and for deals and tickets not closed before the look-back. */
export function searchFilters(type: ObjectType, from: number, since: Date) {
  const modified = { propertyName: MODIFIED[type], operator: 'GTE', value: String(from) };
  const lb = String(since.getTime());
  if (type === 'deals')
    return [
      { filters: [modified, { propertyName: 'hs_is_closed', operator: 'EQ', value: 'false' }] },
      { filters: [modified, { propertyName: 'closedate', operator: 'GTE', value: lb }] },
    ];
  if (type === 'tickets')
    return [
      { filters: [modified, { propertyName: 'closed_date', operator: 'NOT_HAS_PROPERTY' }] },
      { filters: [modified, { propertyName: 'closed_date', operator: 'GTE', value: lb }] },
    ];
  return [{ filters: [modified] }];
}

// ------------------------------------------------------------------ HTTP through ctx.fetch

type Send = (url: string, init: RequestInit) => Promise<Response>;

/** Bearer auth: a private app token, or an OAuth access token refreshed on 401. */
function authorized(ctx: ConnectorContext<HubspotConfig>): Send {
  const { config } = ctx;
  const env = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`HubSpot: environment variable ${name} is not set`);
    return v;
  };
  let token = config.oauth ? undefined : env(config.accessTokenEnv);
  async function refresh(): Promise<string> {
    const o = config.oauth;
    if (!o) throw new Error('HubSpot: the private app token was refused (401)');
    const body = new URLSearchParams({ grant_type: 'refresh_token', client_id: o.clientId ?? env(o.clientIdEnv), client_secret: env(o.clientSecretEnv), refresh_token: env(o.refreshTokenEnv) });
    const res = await ctx.fetch(`${config.basePath}/oauth/v1/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: body.toString() });
    if (!res.ok) throw new Error(`HubSpot: the token refresh answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const t = (await res.json()) as { access_token?: string };
    if (!t.access_token) throw new Error('HubSpot: the token refresh sent no access_token');
    return t.access_token;
  }
  return async (url, init) => {
    token ??= await refresh();
    const go = () => ctx.fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
    let res = await go();
    if (res.status === 401 && config.oauth) {
      await res.body?.cancel();
      token = await refresh();
      res = await go();
    }
    return res;
  };
}

/** The generated clients' HTTP library, over `send`. */
function httpLibrary<R>(send: Send, Response: new (status: number, headers: Record<string, string>, body: { text(): Promise<string>; binary(): Promise<Buffer> }) => R) {
  return {
    async send(req: { getUrl(): string; getHttpMethod(): string; getHeaders(): Record<string, string>; getBody(): unknown }): Promise<R> {
      const body = req.getBody();
      const res = await send(req.getUrl(), { method: String(req.getHttpMethod()), headers: req.getHeaders(), body: typeof body === 'string' ? body : undefined });
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k] = v));
      const text = await res.text();
      return new Response(res.status, headers, { text: () => Promise.resolve(text), binary: () => Promise.resolve(Buffer.from(text)) });
    },
  };
}

function clients(ctx: ConnectorContext<HubspotConfig>) {
  const send = authorized(ctx);
  const base = ctx.config.basePath.replace(/\/$/, '');
  const objectsConfig = objects.createConfiguration({ baseServer: new objects.ServerConfiguration(base, {}), httpApi: objects.wrapHttpLibrary(httpLibrary(send, objects.ResponseContext)) });
  const ownersConfig = owners.createConfiguration({ baseServer: new owners.ServerConfiguration(base, {}), httpApi: owners.wrapHttpLibrary(httpLibrary(send, owners.ResponseContext)) });
  const assocConfig = associations.createConfiguration({ baseServer: new associations.ServerConfiguration(base, {}), httpApi: associations.wrapHttpLibrary(httpLibrary(send, associations.ResponseContext)) });
  return {
    search: new objects.SearchApi(objectsConfig),
    basic: new objects.BasicApi(objectsConfig),
    owners: new owners.OwnersApi(ownersConfig),
    associations: new associations.BatchApi(assocConfig),
  };
}

// ------------------------------------------------------------------ sync

async function* syncHubspot(ctx: ConnectorContext<HubspotConfig>): AsyncGenerator<SyncPage> {
  const { config, since } = ctx;
  const cursor = readCursor(ctx.cursor);
  const api = clients(ctx);
  const props = hubspotProperties(config);

  // Owners: the people (their ids are what hubspot_owner_id holds).
  let after: string | undefined;
  do {
    const page = await api.owners.getPage(undefined, after, 100, false);
    const upserts: SourceRecord[] = page.results.flatMap((o) => {
      const email = str(o.email);
      const name = [str(o.firstName), str(o.lastName)].filter(Boolean).join(' ') || email;
      return email && name ? [{ type: 'person' as const, record: { id: String(o.id), name, email: email.toLowerCase() } }] : [];
    });
    yield { upserts, deletes: [], cursor: json(cursor) };
    after = page.paging?.next?.after;
  } while (after);

  async function linksOf(type: 'deals' | 'tickets', ids: string[]): Promise<Map<string, Links>> {
    const links = new Map<string, Links>(ids.map((id) => [id, {}]));
    if (!ids.length) return links;
    for (const to of ['companies', 'contacts'] as const) {
      const res = await api.associations.getPage(type, to, { inputs: ids.map((id) => ({ id })) });
      for (const r of res.results) {
        // The primary association (label "Primary") if there is one, else the first.
        const first = (r.to.find((t) => t.associationTypes.some((a) => a.label === 'Primary')) ?? r.to[0])?.toObjectId;
        const l = links.get(String(r._from.id));
        if (l && first !== undefined) l[to === 'companies' ? 'company' : 'contact'] = String(first);
      }
    }
    return links;
  }

  for (const type of HUBSPOT_OBJECTS) {
    const mark = cursor.marks[type];
    /** On an object's first read there is nothing to withdraw. */
    const initial = !mark;
    let anchor = mark?.at ?? 0;
    let skip = new Set(mark?.ids ?? []);
    let pageAfter: string | undefined;
    for (;;) {
      ctx.signal.throwIfAborted();
      const res = await api.search.doSearch(type, {
        filterGroups: searchFilters(type, anchor, since) as objects.PublicObjectSearchRequest['filterGroups'],
        // The API takes sort objects; the generated model types them as strings.
        sorts: [{ propertyName: MODIFIED[type], direction: 'ASCENDING' }] as unknown as string[],
        properties: props[type],
        limit: config.pageSize,
        after: pageAfter,
      });
      const found = res.results.map((r) => ({ id: String(r.id), properties: r.properties })).filter((r) => !(skip.has(r.id) && millis(r.properties[MODIFIED[type]]) === anchor));
      const links = type === 'deals' || type === 'tickets' ? await linksOf(type, found.map((r) => r.id)) : new Map<string, Links>();
      const upserts = found.flatMap((r) => mapObject(type, r, config, links.get(r.id)));
      const made = new Set(upserts.map((u) => u.record.id));
      const own = OWN[type];
      const withdrawn: SourceTombstone[] = initial || !own ? [] : found.map((r) => own(r.id)).filter((id) => !made.has(id)).map((id) => ({ type: 'interaction' as const, id }));
      const last = res.results.at(-1);
      if (last) {
        const at = millis(last.properties[MODIFIED[type]]) ?? anchor;
        const prev = cursor.marks[type];
        const ids = prev && prev.at === at ? prev.ids : [];
        const atThis = res.results.filter((r) => millis(r.properties[MODIFIED[type]]) === at).map((r) => String(r.id));
        cursor.marks[type] = { at, ids: [...new Set([...ids, ...atThis])] };
      }
      if (res.results.length) yield { upserts, deletes: withdrawn, cursor: json(cursor) };
      const next = res.paging?.next?.after;
      if (!next) break;
      if (Number(next) + config.pageSize > config.searchCap) {
        // Re-anchor: search again from the last modified date read, skipping what was read at it.
        const m = cursor.marks[type]!;
        if (m.at === anchor && m.ids.length >= config.searchCap) throw new Error(`HubSpot: more than ${config.searchCap} ${type} share one modification time`);
        anchor = m.at;
        skip = new Set(m.ids);
        pageAfter = undefined;
      } else pageAfter = next;
    }
  }

  // Archived records since the last run become tombstones.
  for (const type of HUBSPOT_OBJECTS) {
    const from = cursor.archived[type];
    let newest = from ?? 0;
    let after: string | undefined;
    do {
      const page = await api.basic.getPage(type, 100, after, ['hs_object_id'], undefined, undefined, true);
      const deletes: SourceTombstone[] = [];
      for (const r of page.results) {
        const at = r.archivedAt ? new Date(r.archivedAt).getTime() : 0;
        if (from === undefined || at > from) deletes.push(...tombstones(type, String(r.id)));
        newest = Math.max(newest, at);
      }
      after = page.paging?.next?.after;
      if (!after) cursor.archived[type] = newest;
      if (deletes.length || !after) yield { upserts: [], deletes: from === undefined ? [] : deletes, cursor: json(cursor) };
    } while (after);
  }
}

const hubspot: Connector<HubspotConfig> = {
  id: 'hubspot',
  label: 'HubSpot',
  configSchema: hubspotConfigSchema,
  lookBackDays: 4 * 365,
  // Search API: 4–5 requests per second per account (developers.hubspot.com, API usage guidelines).
  perMinute: 240,
  disclosure: {
    scopes: ['crm.objects.owners.read', 'crm.objects.companies.read', 'crm.objects.contacts.read', 'crm.objects.deals.read', 'tickets', 'oauth (OAuth apps only)'],
    reads: [
      'Owners: id, email, first and last name',
      'Companies: name, domain, website, owner, owner assigned date, create date, last modified date',
      'Contacts: first and last name, email, job title, primary company, last modified date',
      'Deals: name, owner, closed / closed won, close date, last modified date, the configured product properties (default deal type); associated company and contact ids',
      'Tickets: owner, closed date, create date, last modified date, the configured category properties (default hs_ticket_category); associated company and contact ids',
      'Ids and archive dates of archived records',
    ],
    never: [
      'Ticket subjects and content, notes, emails, calls, meetings, tasks and other engagements',
      'Deal amounts, line items, quotes, products',
      'Phone numbers, addresses and any other property',
      'Closed deals and tickets closed before the look-back window',
    ],
  },
  sync: syncHubspot,
};

export const connector = hubspot;
export default hubspot;
