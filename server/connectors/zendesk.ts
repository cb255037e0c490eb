/**
 * Zendesk Support: who solved which case, for which customer, on which problem.
 *
 * Reads the Incremental Exports API (developer.zendesk.com/api-reference/ticketing/
 * ticket-management/incremental_exports/): organizations (time based, the only
 * method that endpoint has), users and tickets (cursor based: `start_time` on
 * the first run, then `cursor=<after_cursor>` until `end_of_stream`, and the
 * same `after_cursor` again on the next run). Tickets come with their
 * `metric_sets` side-loaded (`include=metric_sets`, no extra request) for
 * `solved_at`. The cursor after every page holds all three streams' positions,
 * so a crash resumes at the last applied page; an item exported twice (time
 * based exports repeat the boundary second) is an upsert of the same id.
 *
 * Mapping: organization → account (`externalIds.zendesk`, `domain_names`);
 * agents and admins → people; end users → contacts; a solved or closed ticket
 * → `case-resolved` for its assignee (the solver: Zendesk keeps the assignee
 * when a ticket is solved) dated `solved_at`; any other ticket → `case-open`
 * for its assignee; tags and the configured ticket fields → `terms`. A ticket
 * with `status: "deleted"`, a user with `active: false` and an organization
 * with `deleted_at` become tombstones. One interaction id per ticket
 * (`zendesk:ticket:<id>`), so a ticket that moves from open to solved replaces
 * its earlier record. Subjects are kept only with `includeSubjects`;
 * descriptions and comments are never stored (the export sends the
 * description; it is dropped here).
 *
 * node-zendesk (6.0.1) is not used: its `getAll` gathers every page in memory
 * before returning (no cursor per page), it only offers the time-based ticket
 * export, and it throws on 429 instead of waiting. Requests go through
 * `ctx.fetch` (budget, Retry-After, backoff) with the connector's own auth.
 */
import { z } from 'zod';
import type { Connector, ConnectorContext, Json, SourceRecord, SourceTombstone, SyncPage, Term } from './types';

/** Incremental exports: 10 requests per minute (30 with the High Volume add-on). */
export const ZENDESK_REQUESTS_PER_MINUTE = 10;

export const zendeskConfigSchema = z.object({
  /** `https://<subdomain>.zendesk.com` */
  baseUrl: z.url(),
  /** API token auth: the admin's email and the environment variable holding the token. */
  email: z.string().optional(),
  apiTokenEnv: z.string().optional(),
  /** OAuth: environment variables of the access token and, for refresh, the refresh token and client. */
  oauth: z
    .object({
      accessTokenEnv: z.string(),
      refreshTokenEnv: z.string().optional(),
      clientIdEnv: z.string().optional(),
      clientSecretEnv: z.string().optional(),
    })
    .optional(),
  /** Custom ticket field ids whose values become terms (e.g. a product or category field). */
  ticketFields: z.array(z.number().int()).default([]),
  /** Store the ticket subject as the interaction's title (off by default). */
  includeSubjects: z.boolean().default(false),
  /** Items per page (Zendesk: up to 1000). */
  pageSize: z.number().int().min(1).max(1000).default(1000),
});
export type ZendeskConfig = z.output<typeof zendeskConfigSchema>;

// ------------------------------------------------------------------ the vendor's shapes (the fields read)

interface ZdOrganization {
  id: number;
  name: string;
  domain_names?: string[];
  updated_at: string;
  deleted_at?: string | null;
}
interface ZdUser {
  id: number;
  name: string;
  email?: string | null;
  role: 'end-user' | 'agent' | 'admin';
  organization_id?: number | null;
  active: boolean;
}
interface ZdTicket {
  id: number;
  status: string;
  subject?: string | null;
  requester_id?: number | null;
  assignee_id?: number | null;
  organization_id?: number | null;
  tags?: string[];
  custom_fields?: { id: number; value: unknown }[];
  created_at: string;
  updated_at: string;
}
interface ZdMetricSet {
  ticket_id: number;
  solved_at?: string | null;
}
interface CursorPage {
  after_cursor?: string | null;
  end_of_stream: boolean;
}

interface StreamPos {
  /** Cursor-based streams: the last after_cursor. */
  cursor?: string;
  /** Time-based streams and first runs: unix seconds. */
  startTime?: number;
  /** Time-based streams: the ids already read of the second `startTime` (the export repeats that second). */
  seen?: number[];
}
interface ZendeskCursor {
  organizations: StreamPos;
  users: StreamPos;
  tickets: StreamPos;
}

// ------------------------------------------------------------------ auth

const env = (name: string | undefined): string | undefined => (name ? process.env[name] : undefined);

/** Sends the credentials; on 401 refreshes an OAuth token once (POST /oauth/tokens) and repeats. */
function authedFetch(ctx: ConnectorContext<ZendeskConfig>): (url: string) => Promise<Response> {
  const { config } = ctx;
  let access = env(config.oauth?.accessTokenEnv);
  let refresh = env(config.oauth?.refreshTokenEnv);
  const header = (): string => {
    if (config.oauth) return `Bearer ${access ?? ''}`;
    const token = env(config.apiTokenEnv);
    if (!config.email || !token) throw new Error('zendesk: set email and apiTokenEnv, or oauth');
    return `Basic ${Buffer.from(`${config.email}/token:${token}`).toString('base64')}`;
  };
  const refreshToken = async (): Promise<boolean> => {
    const clientId = env(config.oauth?.clientIdEnv);
    const secret = env(config.oauth?.clientSecretEnv);
    if (!refresh || !clientId || !secret) return false;
    const res = await ctx.fetch(new URL('/oauth/tokens', config.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: refresh, client_id: clientId, client_secret: secret }),
    });
    if (!res.ok) return false;
    const t = (await res.json()) as { access_token: string; refresh_token?: string };
    access = t.access_token;
    refresh = t.refresh_token ?? refresh;
    return true;
  };
  return async (url) => {
    const get = () => ctx.fetch(url, { headers: { authorization: header(), accept: 'application/json' } });
    let res = await get();
    if (res.status === 401 && config.oauth) {
      await res.body?.cancel();
      if (await refreshToken()) res = await get();
    }
    if (!res.ok) throw new Error(`zendesk: ${new URL(url).pathname} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return res;
  };
}

// ------------------------------------------------------------------ mapping

function mapOrganization(o: ZdOrganization): SourceRecord | SourceTombstone {
  if (o.deleted_at) return { type: 'account', id: String(o.id) };
  return {
    type: 'account',
    record: { id: String(o.id), name: o.name, domains: o.domain_names ?? [], aliases: [], externalIds: { zendesk: String(o.id) } },
  };
}

function mapUser(u: ZdUser): SourceRecord | SourceTombstone {
  const type = u.role === 'end-user' ? 'contact' : 'person';
  if (!u.active || !u.email) return { type, id: String(u.id) };
  const base = { id: String(u.id), name: u.name, email: u.email.toLowerCase() };
  return type === 'person'
    ? { type, record: { ...base, languages: [], skills: [] } }
    : { type, record: { ...base, accountId: u.organization_id ? String(u.organization_id) : undefined } };
}

const RESOLVED = new Set(['solved', 'closed']);
export const ticketInteractionId = (ticketId: number) => `zendesk:ticket:${ticketId}`;

function mapTicket(t: ZdTicket, metrics: Map<number, ZdMetricSet>, config: ZendeskConfig): SourceRecord | SourceTombstone | undefined {
  const id = ticketInteractionId(t.id);
  if (t.status === 'deleted') return { type: 'interaction', id };
  // An unassigned ticket is nobody's evidence; a record from an earlier assignment is withdrawn.
  if (!t.assignee_id) return { type: 'interaction', id };
  const terms: Term[] = (t.tags ?? []).map((value) => ({ field: 'tag', value }));
  for (const f of t.custom_fields ?? []) {
    if (!config.ticketFields.includes(f.id) || f.value === null || f.value === undefined || f.value === '') continue;
    for (const v of Array.isArray(f.value) ? f.value : [f.value]) terms.push({ field: `ticket_field:${f.id}`, value: String(v) });
  }
  const resolved = RESOLVED.has(t.status);
  return {
    type: 'interaction',
    record: {
      id,
      personId: String(t.assignee_id),
      kind: resolved ? 'case-resolved' : 'case-open',
      date: (resolved ? metrics.get(t.id)?.solved_at : undefined) ?? t.updated_at,
      accountId: t.organization_id ? String(t.organization_id) : undefined,
      contactId: t.requester_id ? String(t.requester_id) : undefined,
      topicIds: [],
      terms,
      title: config.includeSubjects && t.subject ? t.subject : undefined,
    },
  };
}

function page(items: (SourceRecord | SourceTombstone | undefined)[], cursor: ZendeskCursor): SyncPage {
  const upserts: SourceRecord[] = [];
  const deletes: SourceTombstone[] = [];
  for (const x of items) {
    if (!x) continue;
    if ('record' in x) upserts.push(x);
    else deletes.push(x);
  }
  return { upserts, deletes, cursor: structuredClone(cursor) as unknown as Json };
}

// ------------------------------------------------------------------ sync

async function* sync(ctx: ConnectorContext<ZendeskConfig>): AsyncIterable<SyncPage> {
  const { config } = ctx;
  const get = authedFetch(ctx);
  const sinceSec = Math.floor(ctx.since.getTime() / 1000);
  const prev = (ctx.cursor ?? {}) as Partial<ZendeskCursor>;
  const cursor: ZendeskCursor = {
    // Organizations and users are reference data, not evidence: read from the start, whatever their age.
    organizations: prev.organizations ?? { startTime: 0 },
    users: prev.users ?? { startTime: 0 },
    tickets: prev.tickets ?? { startTime: sinceSec },
  };
  const api = (path: string, q: Record<string, string | number>) => {
    const u = new URL(`/api/v2/incremental/${path}`, config.baseUrl);
    for (const [k, v] of Object.entries(q)) u.searchParams.set(k, String(v));
    return u.href;
  };
  // Tickets (the evidence) never reach before ctx.since, even from an older stored position.
  const start = (p: StreamPos, floor: number) => Math.max(p.startTime ?? floor, floor);

  // Organizations: time based.
  for (;;) {
    const from = start(cursor.organizations, 0);
    const res = await get(api('organizations.json', { start_time: from, per_page: config.pageSize }));
    const body = (await res.json()) as { organizations: ZdOrganization[]; end_time?: number | null; end_of_stream: boolean };
    const end = Math.max(body.end_time ?? from, from);
    const seen = new Set(cursor.organizations.seen ?? []);
    const fresh = body.organizations.filter((o) => !(seen.has(o.id) && Math.floor(Date.parse(o.updated_at) / 1000) === from));
    const atEnd = body.organizations.filter((o) => Math.floor(Date.parse(o.updated_at) / 1000) === end).map((o) => o.id);
    cursor.organizations = { startTime: end, seen: end === from ? [...new Set([...seen, ...atEnd])] : atEnd };
    yield page(fresh.map(mapOrganization), cursor);
    // end_time not moving on would repeat the same page: the rest comes next run.
    if (body.end_of_stream || end <= from) break;
  }

  // Users and tickets: cursor based.
  for (const stream of ['users', 'tickets'] as const) {
    for (;;) {
      const pos = cursor[stream];
      const q: Record<string, string | number> = pos.cursor ? { cursor: pos.cursor } : { start_time: start(pos, stream === 'tickets' ? sinceSec : 0) };
      q.per_page = config.pageSize;
      if (stream === 'tickets') q.include = 'metric_sets';
      const res = await get(api(`${stream}/cursor.json`, q));
      const body = (await res.json()) as CursorPage & { users?: ZdUser[]; tickets?: ZdTicket[]; metric_sets?: ZdMetricSet[] };
      if (body.after_cursor) cursor[stream] = { cursor: body.after_cursor };
      if (stream === 'users') {
        yield page((body.users ?? []).map(mapUser), cursor);
      } else {
        const metrics = new Map((body.metric_sets ?? []).map((m) => [m.ticket_id, m]));
        // Look-back: a ticket last touched before ctx.since is not evidence of this window.
        const tickets = (body.tickets ?? []).filter((t) => Date.parse(t.updated_at) >= ctx.since.getTime());
        // A case solved before the window is not evidence of it, even when touched since (e.g. closed later).
        const inWindow = (x: SourceRecord | SourceTombstone | undefined) => !(x && 'record' in x && x.type === 'interaction' && Date.parse(x.record.date) < ctx.since.getTime());
        yield page(tickets.map((t) => mapTicket(t, metrics, config)).filter(inWindow), cursor);
      }
      if (body.end_of_stream || !body.after_cursor) break;
    }
  }
}

export const connector: Connector<ZendeskConfig> = {
  id: 'zendesk',
  label: 'Zendesk Support',
  configSchema: zendeskConfigSchema,
  disclosure: {
    scopes: [
      'An admin (incremental exports are admin-only) with an API token, or an OAuth client of that admin with the scopes tickets:read users:read organizations:read',
    ],
    reads: [
      'Organizations: id, name, domain_names, updated_at, deleted_at',
      'Users: id, name, email, role, organization_id, active',
      'Tickets: id, status, assignee_id, requester_id, organization_id, tags, the configured custom fields, created_at, updated_at; subject only with includeSubjects',
      'Ticket metric sets (side-loaded): solved_at',
    ],
    never: [
      'Ticket descriptions, comments and attachments (the export sends the description; it is dropped before anything is stored)',
      'Ticket subjects (unless includeSubjects)',
      'Satisfaction ratings, user notes, details, phone numbers, photos',
    ],
  },
  lookBackDays: 4 * 365,
  perMinute: ZENDESK_REQUESTS_PER_MINUTE,
  sync,
};

export default connector;
