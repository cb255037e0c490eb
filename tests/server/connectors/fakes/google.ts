/**
 * A fake Google OAuth token endpoint, Gmail API v1 and Calendar API v3,
 * answering as developers.google.com documents them (see
 * tests/fixtures/connectors/google/SOURCE.md):
 * - POST /token: the JWT bearer grant of a service account with domain-wide
 *   delegation (the assertion's RS256 signature, `iss`, `scope` and `sub` checked);
 * - GET /gmail/v1/users/me/profile, /messages (newest first, `maxResults`,
 *   `pageToken`; `q` refused under the metadata scope, as Gmail does),
 *   /messages/{id} (`format=metadata` with only the `metadataHeaders` asked
 *   for; `format=full|raw` refused), /history (`startHistoryId`,
 *   `historyTypes`; 404 when that history is no longer kept);
 * - GET /calendar/v3/calendars/primary/events (`timeMin`, `singleEvents`,
 *   `pageToken`, `syncToken` → changes incl. cancelled events, 410
 *   `fullSyncRequired`; `fields` partial responses for `items(...)`).
 * 401 with Google's error body for an unknown or expired token.
 */
import { createPublicKey, createVerify, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startFake, type FakeRequest, type FakeResponse, type FakeServer } from '../fake-server';

type Obj = Record<string, unknown>;
export interface GmailMessage extends Obj {
  id: string;
  threadId: string;
  labelIds: string[];
  internalDate: string;
  payload: { headers: { name: string; value: string }[] } & Obj;
}
export interface GoogleEvent extends Obj {
  id: string;
  status: string;
}
interface Mailbox {
  historyId: string;
  messages: GmailMessage[];
  events: GoogleEvent[];
}
export interface GoogleTenant {
  mailboxes: Record<string, Mailbox>;
}
const STORY = new URL('../../../fixtures/connectors/google/story.json', import.meta.url);
export const googleStory = (): GoogleTenant => JSON.parse(readFileSync(STORY, 'utf8')) as GoogleTenant;

export const SERVICE_ACCOUNT = 'kenner-sync@kenner-demo-prod.iam.gserviceaccount.com';
export const SCOPES = 'https://www.googleapis.com/auth/gmail.metadata https://www.googleapis.com/auth/calendar.events.readonly';

export interface GoogleFake extends FakeServer {
  tenant: GoogleTenant;
  /** The service account's private key (PEM), as the key file holds it. */
  privateKey: string;
  /** Tokens issued, per subject. */
  issued: Record<string, number>;
  expireTokens(): void;
  /** A new message arrives (a new history record). */
  addMessage(mailbox: string, m: GmailMessage): void;
  /** History older than now is no longer kept (history.list answers 404 for it). */
  dropHistory(mailbox: string): void;
  /** An event changes (appears in the next syncToken round); `expireSyncTokens` makes them answer 410. */
  changeEvent(mailbox: string, e: GoogleEvent): void;
  expireSyncTokens(): void;
}

const gError = (code: number, status: string, reason: string, message: string): FakeResponse => ({
  status: code,
  body: { error: { code, message, errors: [{ message, domain: 'global', reason }], status } },
});

/** The top-level names inside `items(...)` of a `fields` partial-response selector. */
function itemFields(fields: string | null): string[] | undefined {
  const m = fields ? /items\((.*)\)(?:,|$)/.exec(fields) : null;
  if (!m) return undefined;
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of m[1]) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    }
    else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.split('(')[0].trim());
}

export async function startGoogle(tenant: GoogleTenant = googleStory()): Promise<GoogleFake> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const pub = createPublicKey(publicKey);
  const tokens = new Map<string, string>();
  const issued: Record<string, number> = {};
  // Per mailbox: the history kept (records after `oldest`), the events' change sequence.
  const history: Record<string, { oldest: number; records: { id: string; messagesAdded: { message: Obj }[] }[] }> = {};
  const seq: Record<string, { n: number; changed: Map<string, number>; epoch: number }> = {};
  for (const [box, mb] of Object.entries(tenant.mailboxes)) {
    history[box] = { oldest: 0, records: [] };
    seq[box] = { n: 0, changed: new Map(), epoch: 0 };
    void mb;
  }
  let epoch = 0;

  const handler = (req: FakeRequest): FakeResponse => {
    if (req.method === 'POST' && req.path === '/token') {
      const f = new URLSearchParams(req.body);
      const [h, p, s] = (f.get('assertion') ?? '').split('.');
      const ok = f.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && h && p && s && createVerify('RSA-SHA256').update(`${h}.${p}`).verify(pub, Buffer.from(s, 'base64url'));
      if (!ok) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { iss: string; scope: string; sub?: string };
      if (claims.iss !== SERVICE_ACCOUNT || !claims.sub || !tenant.mailboxes[claims.sub]) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid email or User ID' } };
      if (claims.scope !== SCOPES) return { status: 401, body: { error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.' } };
      issued[claims.sub] = (issued[claims.sub] ?? 0) + 1;
      const token = `ya29.c.fake-${claims.sub}-${issued[claims.sub]}`;
      tokens.set(token, claims.sub);
      return { body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
    }
    const sub = tokens.get(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!sub) {
      return {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
        body: { error: { code: 401, message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }], status: 'UNAUTHENTICATED' } },
      };
    }
    const mb = tenant.mailboxes[sub];
    const q = req.query;

    if (req.path === '/gmail/v1/users/me/profile') return { body: { emailAddress: sub, messagesTotal: mb.messages.length, threadsTotal: mb.messages.length, historyId: mb.historyId } };
    if (req.path === '/gmail/v1/users/me/messages') {
      if (q.get('q')) return gError(403, 'PERMISSION_DENIED', 'forbidden', "Metadata scope does not support 'q' parameter");
      const all = mb.messages.filter((m) => q.get('includeSpamTrash') === 'true' || !m.labelIds.some((l) => l === 'SPAM' || l === 'TRASH')).sort((a, b) => Number(b.internalDate) - Number(a.internalDate));
      const max = Math.min(Number(q.get('maxResults') ?? 100), 500);
      const from = Number(q.get('pageToken') ?? 0);
      const page = all.slice(from, from + max);
      return { body: { messages: page.map((m) => ({ id: m.id, threadId: m.threadId })), ...(from + max < all.length ? { nextPageToken: String(from + max) } : {}), resultSizeEstimate: all.length } };
    }
    const m = /^\/gmail\/v1\/users\/me\/messages\/([^/]+)$/.exec(req.path);
    if (m) {
      const msg = mb.messages.find((x) => x.id === m[1]);
      if (!msg) return gError(404, 'NOT_FOUND', 'notFound', 'Requested entity was not found.');
      const format = q.get('format') ?? 'full';
      if (format !== 'metadata' && format !== 'minimal') return gError(403, 'PERMISSION_DENIED', 'forbidden', `Metadata scope doesn't allow format ${format.toUpperCase()}`);
      const allowed = q.getAll('metadataHeaders').map((x) => x.toLowerCase());
      const { snippet: _s, payload, ...rest } = msg;
      if (format === 'minimal') return { body: rest };
      const headers = payload.headers.filter((x) => !allowed.length || allowed.includes(x.name.toLowerCase()));
      return { body: { ...rest, payload: { partId: '', mimeType: payload.mimeType, filename: '', headers } } };
    }
    if (req.path === '/gmail/v1/users/me/history') {
      const start = Number(q.get('startHistoryId'));
      if (!start) return gError(400, 'INVALID_ARGUMENT', 'invalidArgument', 'Invalid startHistoryId');
      const h = history[sub];
      if (start < h.oldest) return gError(404, 'NOT_FOUND', 'notFound', 'Requested entity was not found.');
      const recs = h.records.filter((r) => Number(r.id) > start);
      const max = Math.min(Number(q.get('maxResults') ?? 100), 500);
      const from = Number(q.get('pageToken') ?? 0);
      const page = recs.slice(from, from + max);
      return { body: { ...(page.length ? { history: page.map((r) => ({ id: r.id, messages: r.messagesAdded.map((a) => a.message), messagesAdded: r.messagesAdded })) } : {}), ...(from + max < recs.length ? { nextPageToken: String(from + max) } : {}), historyId: mb.historyId } };
    }
    if (req.path === '/calendar/v3/calendars/primary/events') {
      const s = seq[sub];
      const sync = q.get('syncToken');
      let items: GoogleEvent[];
      let base: number;
      if (sync) {
        const t = JSON.parse(Buffer.from(sync, 'base64url').toString('utf8')) as { n: number; epoch: number };
        if (t.epoch !== epoch) return { status: 410, body: { error: { errors: [{ domain: 'global', reason: 'fullSyncRequired', message: 'Sync token is no longer valid, a full sync is required.' }], code: 410, message: 'Sync token is no longer valid, a full sync is required.' } } };
        items = mb.events.filter((e) => (s.changed.get(e.id) ?? 0) > t.n).map((e) => (e.status === 'cancelled' ? { kind: 'calendar#event', etag: e.etag, id: e.id, status: 'cancelled' } : e));
        base = t.n;
      } else {
        const timeMin = q.get('timeMin');
        if (q.get('singleEvents') !== 'true') return gError(400, 'INVALID_ARGUMENT', 'invalid', 'The fake serves single events only');
        items = mb.events.filter((e) => (e.status !== 'cancelled' || q.get('showDeleted') === 'true') && (!timeMin || Date.parse(String((e.start as Obj)?.dateTime ?? (e.start as Obj)?.date)) >= Date.parse(timeMin)));
        base = 0;
      }
      const max = Math.min(Number(q.get('maxResults') ?? 250), 2500);
      const from = Number(q.get('pageToken') ?? 0);
      const keep = itemFields(q.get('fields'));
      const page = items.slice(from, from + max).map((e) => (keep ? Object.fromEntries(Object.entries(e).filter(([k]) => keep.includes(k))) : e));
      const more = from + max < items.length;
      void base;
      return {
        body: {
          kind: 'calendar#events',
          summary: sub,
          timeZone: 'Europe/Berlin',
          items: page,
          ...(more ? { nextPageToken: String(from + max) } : { nextSyncToken: Buffer.from(JSON.stringify({ n: s.n, epoch })).toString('base64url') }),
        },
      };
    }
    return gError(404, 'NOT_FOUND', 'notFound', 'Not Found');
  };

  const server = await startFake(handler);
  return Object.assign(server, {
    tenant,
    privateKey,
    issued,
    expireTokens: () => tokens.clear(),
    addMessage(box: string, msg: GmailMessage) {
      const mb = tenant.mailboxes[box];
      mb.historyId = String(Number(mb.historyId) + 1);
      mb.messages.push({ ...msg, historyId: mb.historyId });
      history[box].records.push({ id: mb.historyId, messagesAdded: [{ message: { id: msg.id, threadId: msg.threadId, labelIds: msg.labelIds } }] });
    },
    dropHistory(box: string) {
      history[box].oldest = Number(tenant.mailboxes[box].historyId) + 1;
    },
    changeEvent(box: string, e: GoogleEvent) {
      const mb = tenant.mailboxes[box];
      const i = mb.events.findIndex((x) => x.id === e.id);
      if (i >= 0) mb.events[i] = e;
      else mb.events.push(e);
      seq[box].changed.set(e.id, ++seq[box].n);
    },
    expireSyncTokens: () => void epoch++,
  });
}
