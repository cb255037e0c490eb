/**
 * A fake Freshdesk API v2, answering as developers.freshdesk.com/api/ documents
 * it (see tests/fixtures/connectors/freshdesk/SOURCE.md): basic auth with
 * `<api key>:X`; `GET /api/v2/tickets` (`updated_since`, `order_by`,
 * `order_type`, `per_page` ≤ 100, `page` ≤ 300, `include=stats`,
 * `filter=deleted`), `/api/v2/contacts` (`_updated_since`), `/api/v2/companies`,
 * `/api/v2/agents`; a `link: <…>; rel="next"` header while more pages follow;
 * `X-RateLimit-Total`, `X-RateLimit-Remaining`, `X-RateLimit-Used-CurrentRequest`
 * on every answer; the documented 401 and validation error bodies.
 */
import { readFileSync } from 'node:fs';
import { startFake, type FakeRequest, type FakeResponse, type FakeServer } from '../fake-server';

type Item = { id: number; updated_at: string; [k: string]: unknown };
export interface FreshdeskTenant {
  companies: Item[];
  contacts: Item[];
  agents: Item[];
  tickets: Item[];
}
const STORY = new URL('../../../fixtures/connectors/freshdesk/story.json', import.meta.url);
export const freshdeskStory = (): FreshdeskTenant => JSON.parse(readFileSync(STORY, 'utf8')) as FreshdeskTenant;

export interface FreshdeskFake extends FakeServer {
  tenant: FreshdeskTenant;
  /** The valid API key (change it to rotate the key). */
  key: { value: string };
  /** Calls left in the current minute (the plan's limit; the test moves the minute on). */
  credits: { total: number; remaining: number };
  touch(kind: keyof FreshdeskTenant, id: number, changes: Record<string, unknown>, at: string): void;
}

export async function startFreshdesk(tenant: FreshdeskTenant = freshdeskStory()): Promise<FreshdeskFake> {
  const key = { value: 'fd-api-key-Qe3R7xLkP0aZ' };
  const credits = { total: 200, remaining: 200 };

  const handler = (req: FakeRequest, server: FakeServer): FakeResponse => {
    const basic = Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
    if (basic !== `${key.value}:X`) return { status: 401, body: { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' } };
    const cost = req.query.get('include') === 'stats' ? 2 : 1;
    credits.remaining = Math.max(0, credits.remaining - cost);
    const rate = { 'x-ratelimit-total': String(credits.total), 'x-ratelimit-remaining': String(credits.remaining), 'x-ratelimit-used-currentrequest': String(cost) };
    const page = Number(req.query.get('page') ?? 1);
    const perPage = Number(req.query.get('per_page') ?? 30);
    if (!(page >= 1 && page <= 300)) {
      return { status: 400, headers: rate, body: { description: 'Validation failed', errors: [{ field: 'page', message: 'It should be a Positive Integer less than or equal to 300', code: 'invalid_value' }] } };
    }
    if (!(perPage >= 1 && perPage <= 100)) {
      return { status: 400, headers: rate, body: { description: 'Validation failed', errors: [{ field: 'per_page', message: 'It should be a Positive Integer less than or equal to 100', code: 'invalid_value' }] } };
    }
    const kind = /^\/api\/v2\/(tickets|contacts|companies|agents)$/.exec(req.path)?.[1] as keyof FreshdeskTenant | undefined;
    if (!kind) return { status: 404, headers: rate, body: { code: 'invalid_url', message: 'The requested URL is not found' } };
    let items = [...tenant[kind]];
    if (kind === 'tickets') {
      const since = req.query.get('updated_since');
      const deleted = req.query.get('filter') === 'deleted';
      items = items.filter((t) => !!t.deleted === deleted && (!since || t.updated_at >= since));
      const dir = req.query.get('order_type') === 'asc' ? 1 : -1;
      const by = req.query.get('order_by') ?? 'created_at';
      items.sort((a, b) => dir * (String(a[by]).localeCompare(String(b[by])) || a.id - b.id));
      const stats = req.query.get('include') === 'stats';
      items = items.map((t) => {
        if (stats) return t;
        const { stats: _s, ...rest } = t;
        return rest;
      });
    } else if (kind === 'contacts') {
      const since = req.query.get('_updated_since');
      items = items.filter((c) => !since || c.updated_at >= since).sort((a, b) => a.id - b.id);
    }
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const more = page * perPage < items.length;
    const next = new URL(`${server.url}${req.path}`);
    req.query.forEach((v, k) => next.searchParams.set(k, v));
    next.searchParams.set('page', String(page + 1));
    return { headers: { ...rate, ...(more ? { link: `<${next.href}>; rel="next"` } : {}) }, body: slice };
  };

  const server = await startFake(handler);
  return Object.assign(server, {
    tenant,
    key,
    credits,
    touch(kind: keyof FreshdeskTenant, id: number, changes: Record<string, unknown>, at: string) {
      const item = tenant[kind].find((x) => x.id === id);
      if (!item) throw new Error(`no ${kind} ${id}`);
      Object.assign(item, changes, { updated_at: at });
    },
  });
}
