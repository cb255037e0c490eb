/**
 * Microsoft 365 mail and calendar metadata: who talks to whom outside the company.
 *
 * App-only (client credentials) through Microsoft Graph with the
 * `@microsoft/microsoft-graph-client`, whose one middleware here sends every
 * request through `ctx.fetch` (budget, Retry-After, backoff) with the app's
 * token, fetching a new token once on 401. Per mailbox, delta queries:
 * - `/users/{id}/mailFolders/{inbox,sentitems}/messages/delta` with
 *   `$select=from,toRecipients,ccRecipients,receivedDateTime,sentDateTime`
 *   (no subject, no body; `Mail.ReadBasic.All` cannot read bodies anyway) and
 *   `$filter=receivedDateTime ge <since>`;
 * - `/users/{id}/calendarView/delta?startDateTime=<since>&endDateTime=<now + calendarDaysAhead>`
 *   (`Calendars.ReadBasic.All`: no body; the subject Graph sends is dropped).
 * `@odata.nextLink` continues a round, `@odata.deltaLink` ends it and starts
 * the next run's round; both are the cursor.
 *
 * Only who/when with an EXTERNAL participant becomes an interaction:
 * - mail is aggregated per (mailbox, external address, day, direction) with
 *   `count`, so a mailbox does not become one interaction per message. A
 *   folder's round is aggregated in memory and yielded when the round ends
 *   (the cursor moves only then: a crash repeats the round, never half of it).
 *   The id carries the round number, so each round adds its own aggregates and
 *   a repeated round replaces them. Messages dated at or before the newest
 *   one already counted are changes (read flags, moves) of counted mail and
 *   are not counted again. A removed message (`@removed`) does not retract a
 *   count: the exchange happened (a person's opt-out is the pipeline's).
 * - meetings are one interaction per event (events are few), so a cancelled
 *   or removed event becomes a tombstone; private events (`sensitivity`
 *   private or confidential), cancelled ones and internal-only ones never
 *   become interactions (and withdraw an earlier record of that event).
 * Mailboxes for which `ctx.isExcluded` holds are never fetched. With
 * `groupId`, only the transitive members of that (mail-enabled) group are read.
 */
import { Client, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { Connector, ConnectorContext, Json, SourceInteraction, SourceRecord, SourceTombstone, SyncPage } from './types';

/** Outlook's documented limit is 10,000 requests per 10 minutes per app and mailbox; one mailbox at a time stays below it. */
export const M365_REQUESTS_PER_MINUTE = 900;

export const microsoft365ConfigSchema = z.object({
  tenantId: z.string(),
  clientId: z.string(),
  /** Environment variable holding the app's client secret. */
  clientSecretEnv: z.string(),
  /** Only the transitive members of this group (e.g. a mail-enabled "sales and support" group). */
  groupId: z.string().optional(),
  /** How far ahead meetings are read. */
  calendarDaysAhead: z.number().int().min(0).max(365).default(30),
  /** Items per page (`Prefer: odata.maxpagesize`). */
  pageSize: z.number().int().min(1).max(1000).default(1000),
  /** Overrides for national clouds and tests. */
  authorityUrl: z.url().default('https://login.microsoftonline.com'),
  graphUrl: z.url().default('https://graph.microsoft.com'),
});
export type Microsoft365Config = z.output<typeof microsoft365ConfigSchema>;

const GRAPH = 'https://graph.microsoft.com';
export const MESSAGE_SELECT = ['from', 'toRecipients', 'ccRecipients', 'receivedDateTime', 'sentDateTime'] as const;
const FOLDERS = ['inbox', 'sentitems'] as const;
type Stream = (typeof FOLDERS)[number] | 'calendar';

interface Recipient {
  emailAddress?: { address?: string | null } | null;
}
interface GraphMessage {
  id: string;
  '@removed'?: { reason: string };
  from?: Recipient | null;
  toRecipients?: Recipient[];
  ccRecipients?: Recipient[];
  receivedDateTime?: string;
  sentDateTime?: string;
}
interface GraphEvent {
  id: string;
  '@removed'?: { reason: string };
  sensitivity?: string;
  isCancelled?: boolean;
  start?: { dateTime: string; timeZone: string };
  organizer?: Recipient | null;
  attendees?: Recipient[];
}
interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
}
interface Collection<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** Where one stream of one mailbox stands. */
interface StreamState {
  /** The next request: a nextLink (mid-round) or the deltaLink (round done). */
  link: string;
  /** Rounds completed; the id of mail aggregates carries it. */
  round: number;
  /** Mail: the newest message date counted so far (ISO). */
  newest?: string;
}
type M365Cursor = Record<string, Partial<Record<Stream, StreamState>>>;

// ------------------------------------------------------------------ transport: Graph client → ctx.fetch

function graphClient(ctx: ConnectorContext<Microsoft365Config>): Client {
  const { config } = ctx;
  let token: string | undefined;
  const newToken = async (): Promise<string> => {
    const secret = process.env[config.clientSecretEnv];
    if (!secret) throw new Error(`microsoft365: ${config.clientSecretEnv} is not set`);
    const res = await ctx.fetch(`${config.authorityUrl.replace(/\/$/, '')}/${encodeURIComponent(config.tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: config.clientId, client_secret: secret, scope: `${GRAPH}/.default`, grant_type: 'client_credentials' }).toString(),
    });
    if (!res.ok) throw new Error(`microsoft365: token request answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    token = ((await res.json()) as { access_token: string }).access_token;
    return token;
  };
  const base = config.graphUrl.replace(/\/$/, '');
  const middleware: Middleware = {
    async execute(context: Context) {
      const raw = typeof context.request === 'string' ? context.request : context.request.url;
      // Graph's links name graph.microsoft.com; a national cloud or a test answers elsewhere.
      const url = raw.startsWith(GRAPH) ? base + raw.slice(GRAPH.length) : raw;
      const send = async () => {
        const headers = new Headers(context.options?.headers);
        headers.set('authorization', `Bearer ${token ?? (await newToken())}`);
        return ctx.fetch(url, { method: context.options?.method ?? 'GET', headers });
      };
      let res = await send();
      if (res.status === 401) {
        await res.body?.cancel();
        await newToken();
        res = await send();
      }
      context.response = res;
    },
  };
  return Client.initWithMiddleware({ middleware, defaultVersion: 'v1.0', baseUrl: GRAPH });
}

// ------------------------------------------------------------------ mapping

const addressOf = (r: Recipient | null | undefined) => r?.emailAddress?.address?.trim().toLowerCase() || undefined;

function externalsOf(list: (Recipient | null | undefined)[], mailbox: string, ctx: ConnectorContext<Microsoft365Config>): string[] {
  const out = new Set<string>();
  for (const r of list) {
    const a = addressOf(r);
    if (a && a !== mailbox && a.includes('@') && !ctx.isInternal(a)) out.add(a);
  }
  return [...out].sort();
}

export const mailAggregateId = (userId: string, direction: string, external: string, day: string, round: number) =>
  `microsoft365:email:${userId}:${direction}:${external}:${day}:r${round}`;
export const eventInteractionId = (userId: string, eventId: string) => `microsoft365:event:${userId}:${eventId}`;

function mapEvent(e: GraphEvent, user: GraphUser & { mail: string }, ctx: ConnectorContext<Microsoft365Config>): SourceRecord | SourceTombstone {
  const id = eventInteractionId(user.id, e.id);
  if (e['@removed'] || e.isCancelled || e.sensitivity === 'private' || e.sensitivity === 'confidential') return { type: 'interaction', id };
  const externalEmails = externalsOf([e.organizer, ...(e.attendees ?? [])], user.mail, ctx);
  const date = e.start?.dateTime?.slice(0, 10);
  if (!externalEmails.length || !date || date < ctx.since.toISOString().slice(0, 10)) return { type: 'interaction', id };
  return { type: 'interaction', record: { id, personId: user.id, kind: 'meeting', date, topicIds: [], externalEmails, count: 1 } };
}

// ------------------------------------------------------------------ sync

async function list<T>(client: Client, first: string, select: string[]): Promise<T[]> {
  const out: T[] = [];
  let page = (await client.api(first).select(select).top(999).get()) as Collection<T>;
  out.push(...page.value);
  while (page['@odata.nextLink']) {
    page = (await client.api(page['@odata.nextLink']).get()) as Collection<T>;
    out.push(...page.value);
  }
  return out;
}

function firstLink(stream: Stream, userId: string, ctx: ConnectorContext<Microsoft365Config>, now: Date): string {
  const since = ctx.since.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const u = encodeURIComponent(userId);
  if (stream === 'calendar') {
    const end = new Date(now.getTime() + ctx.config.calendarDaysAhead * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return `${GRAPH}/v1.0/users/${u}/calendarView/delta?startDateTime=${since}&endDateTime=${end}`;
  }
  return `${GRAPH}/v1.0/users/${u}/mailFolders/${stream}/messages/delta?$select=${MESSAGE_SELECT.join(',')}&$filter=receivedDateTime ge ${since}`;
}

async function* sync(ctx: ConnectorContext<Microsoft365Config>): AsyncIterable<SyncPage> {
  const { config } = ctx;
  const client = graphClient(ctx);
  const now = new Date();
  const cursor: M365Cursor = structuredClone((ctx.cursor ?? {}) as M365Cursor);
  const snapshot = () => structuredClone(cursor) as unknown as Json;
  const prefer = `odata.maxpagesize=${config.pageSize}`;

  const members = config.groupId
    ? await list<GraphUser>(client, `/groups/${encodeURIComponent(config.groupId)}/transitiveMembers/microsoft.graph.user`, ['id', 'displayName', 'mail'])
    : await list<GraphUser>(client, '/users', ['id', 'displayName', 'mail']);
  // Mailboxes of the company only, never an excluded one.
  const mailboxes = members
    .filter((u): u is GraphUser & { mail: string } => !!u.mail && ctx.isInternal(u.mail) && !ctx.isExcluded(u.mail))
    .map((u) => ({ ...u, mail: u.mail.toLowerCase() }))
    .sort((a, b) => a.id.localeCompare(b.id));
  yield {
    upserts: mailboxes.map((u) => ({ type: 'person', record: { id: u.id, name: u.displayName || u.mail, email: u.mail, languages: [], skills: [] } })),
    deletes: [],
    cursor: snapshot(),
  };

  for (const user of mailboxes) {
    const state = (cursor[user.id] ??= {});
    for (const folder of FOLDERS) {
      const prev = state[folder];
      const round = prev ? prev.round : 0;
      const newest = prev?.newest;
      let link = prev?.link ?? firstLink(folder, user.id, ctx, now);
      const counts = new Map<string, SourceInteraction>();
      let latest = newest;
      const direction = folder === 'inbox' ? 'inbound' : 'outbound';
      for (;;) {
        const page = (await client.api(link).header('Prefer', prefer).get()) as Collection<GraphMessage>;
        for (const m of page.value) {
          if (m['@removed']) continue;
          const at = (folder === 'inbox' ? m.receivedDateTime : m.sentDateTime) ?? m.receivedDateTime;
          if (!at || at < ctx.since.toISOString().slice(0, 19)) continue;
          // A change to mail counted in an earlier round (read, flagged, moved back): not new evidence.
          if (newest && at <= newest) continue;
          if (!latest || at > latest) latest = at;
          const externals = externalsOf(folder === 'inbox' ? [m.from, ...(m.toRecipients ?? []), ...(m.ccRecipients ?? [])] : [...(m.toRecipients ?? []), ...(m.ccRecipients ?? [])], user.mail, ctx);
          const day = at.slice(0, 10);
          for (const ext of externals) {
            const id = mailAggregateId(user.id, direction, ext, day, round);
            const agg = counts.get(id);
            if (agg) agg.count = (agg.count ?? 1) + 1;
            else counts.set(id, { id, personId: user.id, kind: 'email', direction, date: day, topicIds: [], externalEmails: [ext], count: 1 });
          }
        }
        const next = page['@odata.nextLink'] ?? page['@odata.deltaLink'];
        if (!next) throw new Error('microsoft365: a delta page without nextLink or deltaLink');
        link = next;
        if (page['@odata.deltaLink']) break;
      }
      state[folder] = { link, round: round + 1, newest: latest };
      yield { upserts: [...counts.values()].map((record) => ({ type: 'interaction', record })), deletes: [], cursor: snapshot() };
    }

    // Calendar: one page of the delta at a time, each page applied with its cursor.
    const cal = state.calendar;
    let link = cal?.link ?? firstLink('calendar', user.id, ctx, now);
    for (;;) {
      const page = (await client.api(link).header('Prefer', prefer).get()) as Collection<GraphEvent>;
      const upserts: SourceRecord[] = [];
      const deletes: SourceTombstone[] = [];
      for (const e of page.value) {
        const x = mapEvent(e, user, ctx);
        if ('record' in x) upserts.push(x);
        else deletes.push(x);
      }
      const next = page['@odata.nextLink'] ?? page['@odata.deltaLink'];
      if (!next) throw new Error('microsoft365: a delta page without nextLink or deltaLink');
      link = next;
      state.calendar = { link, round: (cal?.round ?? 0) + (page['@odata.deltaLink'] ? 1 : 0) };
      yield { upserts, deletes, cursor: snapshot() };
      if (page['@odata.deltaLink']) break;
    }
  }
}

export const connector: Connector<Microsoft365Config> = {
  id: 'microsoft365',
  label: 'Microsoft 365 mail and calendar (metadata)',
  configSchema: microsoft365ConfigSchema,
  disclosure: {
    scopes: [
      'Microsoft Graph application permissions: Mail.ReadBasic.All, Calendars.ReadBasic.All',
      'User.Read.All (to list the mailboxes), or GroupMember.Read.All instead when limited to a group',
    ],
    reads: [
      'Users: id, displayName, mail',
      'Inbox and Sent Items message metadata: from, toRecipients, ccRecipients, receivedDateTime, sentDateTime',
      'Calendar events (calendarView delta): organizer, attendees, start, sensitivity, isCancelled',
    ],
    never: [
      'Message and event bodies, body previews and attachments (the ReadBasic permissions exclude them)',
      'Subjects (not selected for mail; dropped for events)',
      'Mail and meetings without an external participant; private and confidential events; cancelled events',
      'Mailboxes excluded by policy (never requested)',
      'Bcc recipients, other folders, contacts, chats',
    ],
  },
  lookBackDays: 2 * 365,
  perMinute: M365_REQUESTS_PER_MINUTE,
  sync,
};

export default connector;
