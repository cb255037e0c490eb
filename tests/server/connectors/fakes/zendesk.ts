/**
 * A fake Zendesk Support API: the Incremental Exports endpoints as
 * developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/
 * documents them (see tests/fixtures/connectors/zendesk/SOURCE.md):
 * - GET /api/v2/incremental/organizations.json?start_time= (time based:
 *   `organizations`, `next_page`, `count`, `end_time`, `end_of_stream`; items of
 *   the boundary second come again on the next page, as documented);
 * - GET /api/v2/incremental/{users,tickets}/cursor.json?start_time=|cursor=
 *   (`after_url`, `after_cursor`, `before_url`, `before_cursor`,
 *   `end_of_stream`; `include=metric_sets` side-loads ticket metrics);
 * - POST /oauth/tokens (refresh_token grant);
 * - 401 `Couldn't authenticate you` / `invalid_token` bodies.
 * The tenant is mutable: `touch`/`remove` change items the way Zendesk does
 * (a new `updated_at`, `status: "deleted"`, `active: false`).
 */
import { readFileSync } from 'node:fs';
import { startFake, type FakeRequest, type FakeResponse, type FakeServer } from '../fake-server';

type Item = { id: number; updated_at: string; [k: string]: unknown };
export interface ZendeskTenant {
  organizations: Item[];
  users: Item[];
  tickets: Item[];
  metric_sets: (Item & { ticket_id: number })[];
}

const STORY = new URL('../../../fixtures/connectors/zendesk/story.json', import.meta.url);
export const zendeskStory = (): ZendeskTenant => JSON.parse(readFileSync(STORY, 'utf8')) as ZendeskTenant;

export const ZD_ADMIN = 'zendesk-admin@kenner-demo.example';

export interface ZendeskFake extends FakeServer {
  tenant: ZendeskTenant;
  /** The valid credentials; change `access` to expire the OAuth token. */
  auth: { apiToken: string; access: string; refresh: string; clientId: string; clientSecret: string };
  /** Change an item (a new updated_at, as Zendesk sets it). */
  touch(kind: 'tickets' | 'users' | 'organizations', id: number, changes: Record<string, unknown>, at: string): void;
}

const sec = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const order = (a: Item, b: Item) => sec(a.updated_at) - sec(b.updated_at) || a.id - b.id;
const encode = (s: number, id: number) => Buffer.from(`${s}.0||${id}|`).toString('base64').replace(/=+$/, '');
const decode = (c: string): [number, number] => {
  const [s, , id] = Buffer.from(c, 'base64').toString('utf8').split('|');
  return [Math.floor(Number(s)), Number(id)];
};

export async function startZendesk(tenant: ZendeskTenant = zendeskStory()): Promise<ZendeskFake> {
  const auth = { apiToken: 'zd-api-token-6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv', access: 'zd-oauth-access-1', refresh: 'zd-oauth-refresh-1', clientId: 'kenner_sync', clientSecret: 'zd-client-secret' };
  let generation = 1;

  const authorised = (req: FakeRequest): FakeResponse | undefined => {
    const h = String(req.headers.authorization ?? '');
    if (h.startsWith('Bearer ')) {
      return h.slice(7) === auth.access
        ? undefined
        : { status: 401, body: { error: 'invalid_token', error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.' } };
    }
    const basic = h.startsWith('Basic ') ? Buffer.from(h.slice(6), 'base64').toString('utf8') : '';
    return basic === `${ZD_ADMIN}/token:${auth.apiToken}` ? undefined : { status: 401, body: { error: "Couldn't authenticate you" } };
  };

  const handler = (req: FakeRequest, server: FakeServer): FakeResponse => {
    if (req.method === 'POST' && req.path === '/oauth/tokens') {
      const b = req.json as Record<string, string> | undefined;
      if (b?.grant_type !== 'refresh_token' || b.refresh_token !== auth.refresh || b.client_id !== auth.clientId || b.client_secret !== auth.clientSecret) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked, or does not match the redirection URI.' } };
      }
      generation++;
      auth.access = `zd-oauth-access-${generation}`;
      auth.refresh = `zd-oauth-refresh-${generation}`;
      return { body: { access_token: auth.access, refresh_token: auth.refresh, token_type: 'bearer', scope: 'tickets:read users:read organizations:read', expires_in: 172800, refresh_token_expires_in: 7776000 } };
    }
    const denied = authorised(req);
    if (denied) return denied;
    const perPage = Math.min(Number(req.query.get('per_page') ?? 1000), 1000);
    const base = `${server.url}/api/v2/incremental`;

    if (req.path === '/api/v2/incremental/organizations.json') {
      const startTime = Number(req.query.get('start_time'));
      if (!Number.isFinite(startTime)) return { status: 400, body: { error: 'InvalidValue', description: 'start_time is required' } };
      const items = tenant.organizations.filter((o) => sec(o.updated_at) >= startTime).sort(order).slice(0, perPage);
      const endTime = items.length ? sec(items[items.length - 1].updated_at) : startTime;
      const end = items.length < perPage;
      return {
        body: {
          organizations: items,
          next_page: end ? null : `${base}/organizations.json?per_page=${perPage}&start_time=${endTime}`,
          count: items.length,
          end_of_stream: end,
          end_time: endTime,
        },
      };
    }

    const m = /^\/api\/v2\/incremental\/(users|tickets)\/cursor\.json$/.exec(req.path);
    if (m) {
      const kind = m[1] as 'users' | 'tickets';
      const c = req.query.get('cursor');
      const st = req.query.get('start_time');
      if (!c && !st) return { status: 400, body: { error: 'InvalidPaginationParameter', description: 'start_time or cursor is required' } };
      const [ps, pid] = c ? decode(c) : [Number(st), -1];
      const after = tenant[kind].filter((x) => sec(x.updated_at) > ps || (sec(x.updated_at) === ps && x.id > pid)).sort(order);
      const items = after.slice(0, perPage);
      const last = items[items.length - 1];
      const afterCursor = last ? encode(sec(last.updated_at), last.id) : encode(ps, pid);
      const body: Record<string, unknown> = {
        [kind]: items,
        after_url: `${base}/${kind}/cursor.json?cursor=${afterCursor}`,
        after_cursor: afterCursor,
        before_url: null,
        before_cursor: null,
        end_of_stream: after.length <= perPage,
      };
      if (kind === 'tickets' && req.query.get('include') === 'metric_sets') {
        const ids = new Set(items.map((t) => t.id));
        body.metric_sets = tenant.metric_sets.filter((x) => ids.has(x.ticket_id));
      }
      return { body };
    }
    return { status: 404, body: { error: 'InvalidEndpoint', description: 'Not found' } };
  };

  const server = await startFake(handler);
  return Object.assign(server, {
    tenant,
    auth,
    touch(kind: 'tickets' | 'users' | 'organizations', id: number, changes: Record<string, unknown>, at: string) {
      const item = tenant[kind].find((x) => x.id === id);
      if (!item) throw new Error(`no ${kind} ${id}`);
      const wasSolved = ['solved', 'closed'].includes(String(item.status));
      Object.assign(item, changes, { updated_at: at });
      // Solving sets the metric's solved_at; closing a solved ticket keeps it.
      if (kind === 'tickets' && !wasSolved && typeof changes.status === 'string' && ['solved', 'closed'].includes(changes.status)) {
        const ms = tenant.metric_sets.find((x) => x.ticket_id === id);
        if (ms) Object.assign(ms, { solved_at: at, updated_at: at });
      }
    },
  });
}
