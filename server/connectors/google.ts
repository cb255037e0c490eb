/**
 * Google Workspace mail and calendar metadata: the same rules as Microsoft 365.
 *
 * A service account with domain-wide delegation acts as each configured
 * mailbox (`subject`) with two read scopes: `gmail.metadata` and
 * `calendar.events.readonly`. `@googleapis/gmail` and `@googleapis/calendar`
 * (gaxios 7) take a custom fetch (`fetchImplementation`): every request, the token requests
 * included, goes through `ctx.fetch` (budget, Retry-After, backoff); gaxios's
 * own retry is off so nothing is retried twice. On 401 the client asks its
 * refresh handler for a new token (a new JWT grant) and repeats once.
 *
 * Gmail: the first round lists `messages` (newest first; the metadata scope
 * allows no `q`, so the listing stops at the first page older than the
 * look-back) and reads each with `format=metadata` and only `metadataHeaders`
 * From, To, Cc, Date (no subject, no snippet, no body; the gmail.metadata
 * scope cannot read bodies). Its `historyId` (from the profile, taken before listing) starts the
 * next round: `history.list?startHistoryId=…&historyTypes=messageAdded`. A 404
 * (history no longer kept) restarts with a listing after the newest message
 * already counted. Mail is aggregated per (mailbox, external address, day,
 * direction) as in microsoft365.ts (ids carry the round; a round is yielded
 * when it ends; mail at or before the newest counted is not counted again).
 *
 * Calendar: `events.list` on the primary calendar (`singleEvents`, `timeMin`
 * = since on the first round, only the fields needed via `fields`), paged by
 * `pageToken`; `nextSyncToken` starts the next round; 410 → full sync again
 * (event ids are stable, so that replaces; full syncs ask `showDeleted`, so
 * events cancelled while the token was lost still become tombstones). One interaction per event with an
 * external attendee; cancelled, private/confidential and internal-only events
 * are tombstones.
 */
import { calendar } from '@googleapis/calendar';
import { auth as googleAuth, gmail } from '@googleapis/gmail';
import { z } from 'zod';
import type { Connector, ConnectorContext, Json, SourceInteraction, SourceRecord, SourceTombstone, SyncPage } from './types';

/** Gmail: 250 quota units per user and second (messages.get costs 5); the bench-tested budget per minute. */
export const GOOGLE_REQUESTS_PER_MINUTE = 3000;
export const GMAIL_SCOPES = ['https://www.googleapis.com/auth/gmail.metadata', 'https://www.googleapis.com/auth/calendar.events.readonly'];
export const METADATA_HEADERS = ['From', 'To', 'Cc', 'Date'] as const;
const TOKEN_URL = 'https://oauth2.googleapis.com/token';

export const googleConfigSchema = z.object({
  /** The service account's client email. */
  clientEmail: z.string(),
  /** Environment variable holding the service account's private key (PEM). */
  privateKeyEnv: z.string(),
  /** The mailboxes to read (e.g. the members of the sales and support group), with their names. */
  mailboxes: z.array(z.object({ email: z.string(), name: z.string().optional() })).min(1),
  pageSize: z.number().int().min(1).max(500).default(500),
  /** Overrides for tests (library-supported `rootUrl`s; the token endpoint). */
  gmailRootUrl: z.url().optional(),
  calendarRootUrl: z.url().optional(),
  tokenUrl: z.url().default(TOKEN_URL),
});
export type GoogleConfig = z.output<typeof googleConfigSchema>;

interface GmailState {
  historyId: string;
  round: number;
  /** The newest message date counted (ms since epoch). */
  newest?: number;
}
interface CalendarState {
  syncToken?: string;
  pageToken?: string;
  /** The first round's timeMin, kept for its later pages. */
  timeMin?: string;
}
type GoogleCursor = Record<string, { gmail?: GmailState; calendar?: CalendarState }>;

const status = (e: unknown): number | undefined => {
  const x = e as { status?: number; code?: number | string; response?: { status?: number } };
  return x.response?.status ?? x.status ?? (typeof x.code === 'number' ? x.code : Number(x.code) || undefined);
};

function clients(ctx: ConnectorContext<GoogleConfig>, subject: string) {
  const { config } = ctx;
  const fetchImplementation: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return ctx.fetch(url.startsWith(TOKEN_URL) ? config.tokenUrl + url.slice(TOKEN_URL.length) : url, init);
  };
  const transporterOptions = { fetchImplementation, retry: false };
  const auth = new googleAuth.OAuth2({ transporterOptions, forceRefreshOnFailure: true });
  // A fresh JWT grant for `subject` (domain-wide delegation) whenever a token is needed or refused.
  auth.refreshHandler = async () => {
    const jwt = new googleAuth.JWT({ email: config.clientEmail, key: process.env[config.privateKeyEnv], scopes: GMAIL_SCOPES, subject, transporterOptions });
    const c = await jwt.authorize();
    return { access_token: c.access_token!, expiry_date: c.expiry_date! };
  };
  const options = { auth, retry: false, fetchImplementation };
  return {
    mail: gmail({ version: 'v1', ...options, ...(config.gmailRootUrl ? { rootUrl: config.gmailRootUrl } : {}) }),
    cal: calendar({ version: 'v3', ...options, ...(config.calendarRootUrl ? { rootUrl: config.calendarRootUrl } : {}) }),
  };
}

const addresses = (header: string | undefined): string[] => [...(header ?? '').matchAll(/[^\s<>,;"]+@[^\s<>,;"]+/g)].map((m) => m[0].toLowerCase());

export const mailAggregateId = (email: string, direction: string, external: string, day: string, round: number) =>
  `google:email:${email}:${direction}:${external}:${day}:r${round}`;
export const eventInteractionId = (email: string, eventId: string) => `google:event:${email}:${eventId}`;

async function* sync(ctx: ConnectorContext<GoogleConfig>): AsyncIterable<SyncPage> {
  const { config } = ctx;
  const cursor: GoogleCursor = structuredClone((ctx.cursor ?? {}) as GoogleCursor);
  const snapshot = () => structuredClone(cursor) as unknown as Json;
  const boxes = config.mailboxes.map((m) => ({ ...m, email: m.email.toLowerCase() })).filter((m) => ctx.isInternal(m.email) && !ctx.isExcluded(m.email));
  yield {
    upserts: boxes.map((m) => ({ type: 'person', record: { id: m.email, name: m.name ?? m.email, email: m.email, languages: [], skills: [] } })),
    deletes: [],
    cursor: snapshot(),
  };
  const sinceMs = ctx.since.getTime();

  for (const box of boxes) {
    const state = (cursor[box.email] ??= {});
    const { mail, cal } = clients(ctx, box.email);

    // ---- Gmail: one round, aggregated, yielded at its end.
    const prev = state.gmail;
    const round = prev ? prev.round : 0;
    const floor = Math.max(sinceMs - 1, prev?.newest ?? 0);
    const counts = new Map<string, SourceInteraction>();
    let newest = prev?.newest;
    /** Reads one message's allowed headers and counts it; false when it is older than the floor. */
    const count = async (id: string): Promise<boolean> => {
      let m;
      try {
        m = (await mail.users.messages.get({ userId: 'me', id, format: 'metadata', metadataHeaders: [...METADATA_HEADERS] })).data;
      } catch (e) {
        if (status(e) === 404) return true; // deleted since it was listed
        throw e;
      }
      const at = Number(m.internalDate);
      if (!Number.isFinite(at) || at <= floor) return false;
      const labels = m.labelIds ?? [];
      if (labels.includes('DRAFT') || labels.includes('SPAM') || labels.includes('TRASH')) return true;
      if (newest === undefined || at > newest) newest = at;
      const h = (name: string) => m.payload?.headers?.find((x) => x.name?.toLowerCase() === name.toLowerCase())?.value ?? undefined;
      const outbound = labels.includes('SENT');
      const parts = outbound ? [...addresses(h('To')), ...addresses(h('Cc'))] : [...addresses(h('From')), ...addresses(h('To')), ...addresses(h('Cc'))];
      const externals = [...new Set(parts)].filter((x) => x !== box.email && !ctx.isInternal(x)).sort();
      const day = new Date(at).toISOString().slice(0, 10);
      const direction = outbound ? 'outbound' : 'inbound';
      for (const ext of externals) {
        const key = mailAggregateId(box.email, direction, ext, day, round);
        const agg = counts.get(key);
        if (agg) agg.count = (agg.count ?? 1) + 1;
        else counts.set(key, { id: key, personId: box.email, kind: 'email', direction, date: day, topicIds: [], externalEmails: [ext], count: 1 });
      }
      return true;
    };
    let historyId: string | undefined;
    let listed = false;
    if (prev) {
      try {
        const added = new Set<string>();
        let pageToken: string | undefined;
        do {
          const r = await mail.users.history.list({ userId: 'me', startHistoryId: prev.historyId, historyTypes: ['messageAdded'], maxResults: config.pageSize, pageToken });
          for (const h of r.data.history ?? []) for (const x of h.messagesAdded ?? []) if (x.message?.id) added.add(x.message.id);
          historyId = r.data.historyId ?? historyId;
          pageToken = r.data.nextPageToken ?? undefined;
        } while (pageToken);
        for (const id of added) await count(id);
        listed = true;
      } catch (e) {
        if (status(e) !== 404) throw e; // 404: the history is no longer kept; list again down to the newest counted
      }
    }
    if (!listed) {
      historyId = (await mail.users.getProfile({ userId: 'me' })).data.historyId ?? undefined;
      // The metadata scope allows no `q`: list newest first and stop at a page older than the floor.
      let pageToken: string | undefined;
      do {
        const r = await mail.users.messages.list({ userId: 'me', maxResults: config.pageSize, includeSpamTrash: false, pageToken });
        let fresh = 0;
        for (const x of r.data.messages ?? []) if (x.id && (await count(x.id))) fresh++;
        pageToken = fresh ? (r.data.nextPageToken ?? undefined) : undefined;
      } while (pageToken);
    }
    state.gmail = { historyId: historyId ?? prev?.historyId ?? '0', round: round + 1, newest };
    yield { upserts: [...counts.values()].map((record) => ({ type: 'interaction', record })), deletes: [], cursor: snapshot() };

    // ---- Calendar: page by page.
    let c: CalendarState = state.calendar ?? {};
    for (;;) {
      let r;
      try {
        r = await cal.events.list({
          calendarId: 'primary',
          singleEvents: true,
          maxResults: Math.min(config.pageSize, 250),
          fields: 'items(id,status,visibility,start,organizer(email),attendees(email,resource)),nextPageToken,nextSyncToken',
          ...(c.syncToken ? { syncToken: c.syncToken } : { timeMin: c.timeMin ?? ctx.since.toISOString(), showDeleted: true }),
          ...(c.pageToken ? { pageToken: c.pageToken } : {}),
        });
      } catch (e) {
        if (status(e) !== 410 || !c.syncToken) throw e;
        c = {}; // the sync token expired: a full sync of the window again
        state.calendar = c;
        continue;
      }
      const upserts: SourceRecord[] = [];
      const deletes: SourceTombstone[] = [];
      for (const ev of r.data.items ?? []) {
        if (!ev.id) continue;
        const id = eventInteractionId(box.email, ev.id);
        const date = (ev.start?.dateTime ?? ev.start?.date ?? '').slice(0, 10);
        const externals = [...new Set([ev.organizer?.email, ...(ev.attendees ?? []).filter((a) => !a.resource).map((a) => a.email)].filter((a): a is string => !!a).map((a) => a.toLowerCase()))]
          .filter((a) => a !== box.email && !ctx.isInternal(a))
          .sort();
        if (ev.status === 'cancelled' || ev.visibility === 'private' || ev.visibility === 'confidential' || !externals.length || !date || date < ctx.since.toISOString().slice(0, 10)) {
          deletes.push({ type: 'interaction', id });
        } else {
          upserts.push({ type: 'interaction', record: { id, personId: box.email, kind: 'meeting', date, topicIds: [], externalEmails: externals, count: 1 } });
        }
      }
      c = r.data.nextPageToken ? { ...c, pageToken: r.data.nextPageToken, timeMin: c.syncToken ? undefined : (c.timeMin ?? ctx.since.toISOString()) } : { syncToken: r.data.nextSyncToken ?? c.syncToken };
      state.calendar = c;
      yield { upserts, deletes, cursor: snapshot() };
      if (!r.data.nextPageToken) break;
    }
  }
}

export const connector: Connector<GoogleConfig> = {
  id: 'google',
  label: 'Google Workspace mail and calendar (metadata)',
  configSchema: googleConfigSchema,
  disclosure: {
    scopes: ['Domain-wide delegation for the service account with exactly: https://www.googleapis.com/auth/gmail.metadata, https://www.googleapis.com/auth/calendar.events.readonly'],
    reads: [
      'Gmail (format=metadata): message id, labelIds, internalDate, historyId and the headers From, To, Cc, Date only',
      'Gmail history: ids of added messages',
      'Calendar (primary, singleEvents): id, status, visibility, start, organizer.email, attendees.email, attendees.resource',
    ],
    never: [
      'Message bodies, snippets and attachments (the gmail.metadata scope cannot read them)',
      'Subjects and every header but From, To, Cc, Date',
      'Event titles, descriptions, locations, conference data',
      'Mail and meetings without an external participant; private and confidential events; drafts, spam, trash',
      'Mailboxes not configured or excluded by policy',
    ],
  },
  lookBackDays: 2 * 365,
  perMinute: GOOGLE_REQUESTS_PER_MINUTE,
  sync,
};

export default connector;
