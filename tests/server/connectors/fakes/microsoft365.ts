/**
 * A fake Microsoft Graph (v1.0) and Microsoft identity platform token
 * endpoint, answering as learn.microsoft.com documents them (see
 * tests/fixtures/connectors/microsoft365/SOURCE.md):
 * - POST /{tenant}/oauth2/v2.0/token (client credentials);
 * - GET /v1.0/users and /v1.0/groups/{id}/transitiveMembers/microsoft.graph.user
 *   (`$select`, `$top`, `@odata.nextLink`);
 * - GET /v1.0/users/{id}/mailFolders/{inbox,sentitems}/messages/delta
 *   (`$select` honoured, `$filter=receivedDateTime ge …`, `Prefer:
 *   odata.maxpagesize`, `$skiptoken` pages ending in a `$deltatoken` link,
 *   removed items as `@removed`);
 * - GET /v1.0/users/{id}/calendarView/delta (`startDateTime`, `endDateTime`).
 * Links name https://graph.microsoft.com, as the real ones do; the connector
 * sends them to `graphUrl`. 401 `InvalidAuthenticationToken` when the token
 * is unknown or expired (`expireTokens()`).
 *
 * A mailbox folder is a change log: a round reads the entries after the
 * previous round's delta token, newest version per id. The story tenant keeps
 * arrays; `generatedTenant` (the bench) computes entries from their index and
 * stores nothing.
 */
import { readFileSync } from 'node:fs';
import { startFake, type FakeRequest, type FakeResponse, type FakeServer } from '../fake-server';

export type Json = Record<string, unknown> & { id: string };
/** Entries in change order; `unique` logs (no id twice, nothing removed) are paged by index. */
export interface ChangeLog {
  readonly length: number;
  at(i: number): Json;
  unique?: boolean;
}
export interface M365Tenant {
  users: Json[];
  groups: Record<string, string[]>;
  mail: Record<string, { inbox: ChangeLog; sentitems: ChangeLog }>;
  events: Record<string, ChangeLog>;
}

const arrayLog = (items: Json[]): ChangeLog & { items: Json[] } => ({
  items,
  get length() {
    return items.length;
  },
  at: (i) => items[i],
});

interface StoryFile {
  users: Json[];
  groups: Record<string, string[]>;
  mail: Record<string, { inbox: Json[]; sentitems: Json[] }>;
  events: Record<string, Json[]>;
}
const STORY = new URL('../../../fixtures/connectors/microsoft365/story.json', import.meta.url);
export function microsoft365Story(): M365Tenant {
  const s = JSON.parse(readFileSync(STORY, 'utf8')) as StoryFile;
  return {
    users: s.users,
    groups: s.groups,
    mail: Object.fromEntries(Object.entries(s.mail).map(([id, f]) => [id, { inbox: arrayLog(f.inbox), sentitems: arrayLog(f.sentitems) }])),
    events: Object.fromEntries(Object.entries(s.events).map(([id, e]) => [id, arrayLog(e)])),
  };
}

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CLIENT_ID = '6731de76-14a6-49ae-97bc-6eba6914391e';
export const CLIENT_SECRET = 'm365-client-secret';
const GRAPH = 'https://graph.microsoft.com/v1.0';

/** What a delta link remembers (Graph encodes it in the token; here: base64url JSON). */
interface DeltaState {
  /** Change-log entries before `from` were read in earlier rounds; the round reads up to `to`. */
  from: number;
  to: number;
  offset: number;
  select?: string;
  since?: string;
  window?: [string, string];
}
const enc = (s: DeltaState) => Buffer.from(JSON.stringify(s)).toString('base64url');
const dec = (t: string) => JSON.parse(Buffer.from(t, 'base64url').toString('utf8')) as DeltaState;

export interface M365Fake extends FakeServer {
  tenant: M365Tenant;
  /** Every token issued so far stops working (Graph answers 401 until a new one is fetched). */
  expireTokens(): void;
  tokensIssued(): number;
}

const dateOf = (x: Json): string | undefined => (x.receivedDateTime as string | undefined) ?? ((x.start as { dateTime?: string } | undefined)?.dateTime ? `${(x.start as { dateTime: string }).dateTime.slice(0, 19)}Z` : undefined);

function pick(x: Json, select: string | undefined, type: string): Json {
  if (x['@removed']) return { '@odata.type': type, id: x.id, '@removed': x['@removed'] };
  if (!select) return x;
  const out: Json = { '@odata.type': type, '@odata.etag': x['@odata.etag'], id: x.id };
  for (const f of select.split(',')) if (f in x) out[f] = x[f];
  return out;
}

export async function startMicrosoft365(tenant: M365Tenant = microsoft365Story()): Promise<M365Fake> {
  let issued = 0;
  const valid = new Set<string>();

  const unauthorized = (): FakeResponse => ({
    status: 401,
    headers: { 'www-authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"' },
    body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.', innerError: { date: '2026-12-01T06:00:00', 'request-id': 'b7f1c1a4-0000-4000-8000-000000000001', 'client-request-id': 'b7f1c1a4-0000-4000-8000-000000000001' } } },
  });
  const notFound = (what: string): FakeResponse => ({ status: 404, body: { error: { code: 'ErrorItemNotFound', message: `The specified object was not found in the store: ${what}` } } });

  function users(req: FakeRequest, list: Json[], context: string): FakeResponse {
    const top = Number(req.query.get('$top') ?? 100);
    const skip = Number(req.query.get('$skiptoken') ?? 0);
    const select = req.query.get('$select') ?? undefined;
    const page = list.slice(skip, skip + top).map((u) => pick(u, select, '#microsoft.graph.user'));
    const next = skip + top < list.length ? `${GRAPH}${req.path.replace(/^\/v1\.0/, '')}?$select=${select ?? ''}&$top=${top}&$skiptoken=${skip + top}` : undefined;
    return { body: { '@odata.context': `${GRAPH}/$metadata#${context}`, value: page, ...(next ? { '@odata.nextLink': next } : {}) } };
  }

  function delta(req: FakeRequest, log: ChangeLog, base: string, type: string, first: () => DeltaState): FakeResponse {
    const skip = req.query.get('$skiptoken');
    const dt = req.query.get('$deltatoken');
    const s: DeltaState = skip ? dec(skip) : dt ? { ...dec(dt), from: dec(dt).to, to: log.length, offset: 0 } : first();
    const size = Math.min(Number(/odata\.maxpagesize=(\d+)/.exec(String(req.headers.prefer ?? ''))?.[1] ?? 10), 1000);
    const keep = (x: Json) => {
      if (s.from === 0 && x['@removed']) return false;
      const d = dateOf(x);
      if (x['@removed'] || !d) return true;
      if (s.since && d < s.since) return false;
      if (s.window && (d < s.window[0] || d >= s.window[1])) return false;
      return true;
    };
    let page: Json[];
    let more: boolean;
    if (log.unique) {
      page = [];
      for (let i = s.from + s.offset; i < Math.min(s.to, s.from + s.offset + size); i++) {
        const x = log.at(i);
        if (keep(x)) page.push(x);
      }
      more = s.from + s.offset + size < s.to;
    } else {
      const latest = new Map<string, Json>();
      for (let i = s.from; i < s.to; i++) {
        const x = log.at(i);
        latest.delete(x.id);
        latest.set(x.id, x);
      }
      const all = [...latest.values()].filter(keep);
      page = all.slice(s.offset, s.offset + size);
      more = s.offset + size < all.length;
    }
    const body: Record<string, unknown> = {
      '@odata.context': `${GRAPH}/$metadata#Collection(${type.slice(17)})`,
      value: page.map((x) => pick(x, s.select, type)),
    };
    if (more) body['@odata.nextLink'] = `${base}?$skiptoken=${enc({ ...s, offset: s.offset + size })}`;
    else body['@odata.deltaLink'] = `${base}?$deltatoken=${enc({ ...s, offset: 0 })}`;
    return { body };
  }

  const handler = (req: FakeRequest): FakeResponse => {
    if (req.method === 'POST' && req.path === `/${TENANT_ID}/oauth2/v2.0/token`) {
      const f = new URLSearchParams(req.body);
      if (f.get('client_id') !== CLIENT_ID || f.get('client_secret') !== CLIENT_SECRET) {
        return { status: 401, body: { error: 'invalid_client', error_description: "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '6731de76-14a6-49ae-97bc-6eba6914391e'.", error_codes: [7000215] } };
      }
      if (f.get('grant_type') !== 'client_credentials' || f.get('scope') !== 'https://graph.microsoft.com/.default') {
        return { status: 400, body: { error: 'invalid_scope', error_description: 'AADSTS1002012: The provided value for scope is not valid.' } };
      }
      const token = `eyJ0eXAiOiJKV1QiLCJub25jZSI6Im0zNjUtJHtpc3N1ZWR9In0.${++issued}`;
      valid.add(token);
      return { body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
    }
    const auth = String(req.headers.authorization ?? '');
    if (!auth.startsWith('Bearer ') || !valid.has(auth.slice(7))) return unauthorized();

    if (req.path === '/v1.0/users') return users(req, tenant.users, 'users');
    let m = /^\/v1\.0\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/.exec(req.path);
    if (m) {
      const ids = tenant.groups[decodeURIComponent(m[1])];
      if (!ids) return { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: `Resource '${m[1]}' does not exist or one of its queried reference-property objects are not present.` } } };
      return users(req, tenant.users.filter((u) => ids.includes(u.id)), 'users');
    }
    m = /^\/v1\.0\/users\/([^/]+)\/mailFolders\/(inbox|sentitems)\/messages\/delta$/.exec(req.path);
    if (m) {
      const [userId, folder] = [decodeURIComponent(m[1]), m[2] as 'inbox' | 'sentitems'];
      const box = tenant.mail[userId];
      if (!box) return notFound(userId);
      const filter = req.query.get('$filter');
      const since = filter ? /^receivedDateTime ge (\S+)$/.exec(filter)?.[1] : undefined;
      if (filter && !since) return { status: 400, body: { error: { code: 'ErrorInvalidUrlQueryFilter', message: 'The query filter contains one or more invalid nodes.' } } };
      return delta(req, box[folder], `${GRAPH}/users/${m[1]}/mailFolders/${folder}/messages/delta`, '#microsoft.graph.message', () => ({ from: 0, to: box[folder].length, offset: 0, select: req.query.get('$select') ?? undefined, since }));
    }
    m = /^\/v1\.0\/users\/([^/]+)\/calendarView\/delta$/.exec(req.path);
    if (m) {
      const log = tenant.events[decodeURIComponent(m[1])];
      if (!log) return notFound(m[1]);
      const [start, end] = [req.query.get('startDateTime'), req.query.get('endDateTime')];
      if (!req.query.get('$skiptoken') && !req.query.get('$deltatoken') && (!start || !end)) {
        return { status: 400, body: { error: { code: 'ErrorInvalidParameter', message: "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime." } } };
      }
      return delta(req, log, `${GRAPH}/users/${m[1]}/calendarView/delta`, '#microsoft.graph.event', () => ({ from: 0, to: log.length, offset: 0, window: [start!, end!] }));
    }
    return { status: 400, body: { error: { code: 'BadRequest', message: `Resource not found for the segment '${req.path.split('/').pop()}'.` } } };
  };

  const server = await startFake(handler);
  return Object.assign(server, {
    tenant,
    expireTokens: () => valid.clear(),
    tokensIssued: () => issued,
  });
}

/** Appends a change (a new version of an item, or `{ id, '@removed': { reason: 'deleted' } }`) to a story log. */
export function change(log: ChangeLog, entry: Json): void {
  (log as ChangeLog & { items: Json[] }).items.push(entry);
}

// ------------------------------------------------------------------ the bench tenant: computed, never stored

/** A 32-bit mix of the inputs (deterministic, no state). */
const mix = (...xs: number[]) => {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h = Math.imul(h ^ x, 0x01000193);
    h ^= h >>> 15;
  }
  return h >>> 0;
};

export interface GeneratedOptions {
  /** Mail-metadata events in all (split evenly over mailboxes, half inbox, half sent items). */
  events: number;
  mailboxes?: number;
  /** External contacts each mailbox writes with. */
  contactsPerMailbox?: number;
  /** Share of mail that is internal-only (never an interaction). */
  internalShare?: number;
  /** The newest message's date; messages spread over the 700 days before it. */
  until?: string;
  domain?: string;
}

/**
 * A tenant of `events` mail messages, each computed from (mailbox, folder,
 * index) when asked for: the fake holds no message in memory, so the bench
 * measures the connector, not the fixture.
 */
export function generatedTenant(opts: GeneratedOptions): M365Tenant {
  const boxes = opts.mailboxes ?? Math.max(1, Math.round(opts.events / 5000));
  const perFolder = Math.ceil(opts.events / boxes / 2);
  const contacts = opts.contactsPerMailbox ?? 60;
  const internal = opts.internalShare ?? 0.2;
  const domain = opts.domain ?? 'kenner-demo.example';
  const until = Date.parse(opts.until ?? '2026-11-30T18:00:00Z');
  const span = 700 * 86_400_000;
  const users: Json[] = Array.from({ length: boxes }, (_, b) => ({
    id: `00000000-0000-4000-8000-${String(b).padStart(12, '0')}`,
    displayName: `Colleague ${b}`,
    mail: `colleague${b}@${domain}`,
    userPrincipalName: `colleague${b}@${domain}`,
  }));
  const addr = (a: string) => ({ emailAddress: { name: a.split('@')[0], address: a } });
  const folderLog = (b: number, f: number, total: number): ChangeLog => ({
    unique: true,
    length: total,
    at(i) {
      const h = mix(b, f, i);
      // Mail comes in threads: six messages in a row with one correspondent.
      const t = mix(b, f, Math.floor(i / 6));
      const when = new Date(until - span + Math.floor(((i + (h % 97) / 100) / total) * span)).toISOString();
      const me = addr(`colleague${b}@${domain}`);
      const other = (t >>> 8) / 0x1000000 < internal ? addr(`colleague${(b + 1 + (t % 7)) % boxes}@${domain}`) : addr(`contact${(b * 7919 + (t % contacts)) % 50_000}@customer${(b * 31 + (t % contacts)) % 8000}.example`);
      return {
        '@odata.etag': `W/"${h.toString(16)}"`,
        id: `AAMkAG${b.toString(36)}.${f}.${i.toString(36)}=`,
        receivedDateTime: when,
        sentDateTime: when,
        from: f === 0 ? other : me,
        toRecipients: f === 0 ? [me] : [other],
        ccRecipients: h % 5 === 0 ? [addr(`colleague${(b + 2) % boxes}@${domain}`)] : [],
        subject: 'generated',
      };
    },
  });
  const none: ChangeLog = { unique: true, length: 0, at: () => ({ id: '' }) };
  const total = (b: number, f: number) => Math.max(0, Math.min(perFolder, opts.events - (b * 2 + f) * perFolder));
  return {
    users,
    groups: {},
    mail: Object.fromEntries(users.map((u, b) => [u.id, { inbox: folderLog(b, 0, total(b, 0)), sentitems: folderLog(b, 1, total(b, 1)) }])),
    events: Object.fromEntries(users.map((u) => [u.id, none])),
  };
}
