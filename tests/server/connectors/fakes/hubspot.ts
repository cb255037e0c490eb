/**
 * A fake HubSpot portal answering as HubSpot's CRM API reference documents it
 * (tests/fixtures/connectors/hubspot/SOURCE.md): `GET /crm/v3/owners`,
 * `POST /crm/v3/objects/{type}/search` (filterGroups OR'ed, filters AND'ed,
 * `sorts`, `properties`, `limit` ≤ 200, `after`; `total`, `paging.next.after`;
 * a `400` past 10,000 results), `GET /crm/v3/objects/{type}?archived=true`,
 * `POST /crm/v4/associations/{from}/{to}/batch/read`, `POST /oauth/v1/token`,
 * and HubSpot's error body `{status, message, correlationId, category}`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startFake, type FakeRequest, type FakeResponse, type FakeServer } from '../fake-server';

export interface HsObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}
export interface HsOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}
export interface HsAssociated {
  toObjectId: string;
  associationTypes: { category: string; typeId: number; label: string | null }[];
}
export interface HsTenant {
  owners: HsOwner[];
  objects: Record<string, HsObject[]>;
  archived: Record<string, HsObject[]>;
  /** `deals/companies` → from id → the associated records, as the v4 batch read answers them. */
  associations: Record<string, Record<string, HsAssociated[]>>;
}

interface Filter {
  propertyName: string;
  operator: string;
  value?: string;
}
interface SearchBody {
  filterGroups?: { filters: Filter[] }[];
  sorts?: { propertyName: string; direction?: string }[];
  properties?: string[];
  limit?: number;
  after?: string;
}

export interface FakeHubspot extends FakeServer {
  tenant: HsTenant;
  searches: { type: string; body: SearchBody }[];
  expireTokens(): void;
  put(type: string, o: HsObject): void;
  archive(type: string, id: string, at: string): void;
}

const hsError = (status: number, category: string, message: string): FakeResponse => ({ status, body: { status: 'error', message, correlationId: randomUUID(), category } });
const DEFAULT_PROPS: Record<string, string[]> = { contacts: ['createdate', 'lastmodifieddate', 'hs_object_id'] };
const defaults = (type: string) => DEFAULT_PROPS[type] ?? ['createdate', 'hs_lastmodifieddate', 'hs_object_id'];

function value(v: string | null | undefined): number | string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return Date.parse(v);
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}
function matches(o: HsObject, f: Filter): boolean {
  const a = value(o.properties[f.propertyName]);
  const b = value(f.value);
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return a !== undefined;
    case 'NOT_HAS_PROPERTY':
      return a === undefined;
    case 'EQ':
      return a !== undefined && String(a) === String(b);
    case 'NEQ':
      return String(a) !== String(b);
    case 'GT':
      return a !== undefined && b !== undefined && a > b;
    case 'GTE':
      return a !== undefined && b !== undefined && a >= b;
    case 'LT':
      return a !== undefined && b !== undefined && a < b;
    case 'LTE':
      return a !== undefined && b !== undefined && a <= b;
    default:
      throw new Error(`operator ${f.operator}`);
  }
}

export async function startFakeHubspot(options: { tenant: HsTenant; token?: string; oauth?: { clientId: string; clientSecret: string; refreshToken: string }; cap?: number }): Promise<FakeHubspot> {
  const tenant = options.tenant;
  const tokens = new Set<string>(options.token ? [options.token] : []);
  let issued = 0;
  const searches: FakeHubspot['searches'] = [];
  const cap = options.cap ?? 10_000;

  const handler = (req: FakeRequest): FakeResponse => {
    if (req.method === 'POST' && req.path === '/oauth/v1/token') {
      const f = new URLSearchParams(req.body);
      const o = options.oauth;
      if (!o || f.get('grant_type') !== 'refresh_token' || f.get('client_id') !== o.clientId || f.get('client_secret') !== o.clientSecret || f.get('refresh_token') !== o.refreshToken) {
        return hsError(400, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
      }
      const token = `CJSP5qf1KhICAQEYs-gDIIGOBii1hQIyGQ-fake-${++issued}`;
      tokens.add(token);
      return { body: { token_type: 'bearer', refresh_token: o.refreshToken, access_token: token, expires_in: 1800 } };
    }
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
    if (!auth || !tokens.has(auth[1])) return hsError(401, 'EXPIRED_AUTHENTICATION', 'The OAuth token used to make this call expired 0 second(s) ago.');

    if (req.method === 'GET' && req.path === '/crm/v3/owners/') return ownersPage(req);
    if (req.method === 'GET' && req.path === '/crm/v3/owners') return ownersPage(req);

    const search = /^\/crm\/v3\/objects\/([a-z]+)\/search$/.exec(req.path);
    if (search && req.method === 'POST') {
      const type = search[1];
      const body = (req.json ?? {}) as SearchBody;
      searches.push({ type, body });
      const limit = body.limit ?? 10;
      if (limit > 200) return hsError(400, 'VALIDATION_ERROR', 'limit must be less than or equal to 200');
      const after = Number(body.after ?? 0);
      if (after + limit > cap) return hsError(400, 'VALIDATION_ERROR', `There was a problem with the request. Search results are limited to ${cap} results.`);
      let rows = (tenant.objects[type] ?? []).filter((o) => !body.filterGroups?.length || body.filterGroups.some((g) => g.filters.every((f) => matches(o, f))));
      const sort = body.sorts?.[0];
      if (sort) {
        const dir = sort.direction === 'DESCENDING' ? -1 : 1;
        rows = [...rows].sort((x, y) => {
          const a = value(x.properties[sort.propertyName]) ?? 0;
          const b = value(y.properties[sort.propertyName]) ?? 0;
          return a < b ? -dir : a > b ? dir : Number(x.id) - Number(y.id);
        });
      }
      const page = rows.slice(after, after + limit);
      const props = [...new Set([...(body.properties ?? []), ...defaults(type)])];
      return {
        body: {
          total: rows.length,
          results: page.map((o) => ({ ...o, properties: Object.fromEntries(props.map((p) => [p, p === 'hs_object_id' ? o.id : (o.properties[p] ?? null)])) })),
          ...(after + limit < rows.length ? { paging: { next: { after: String(after + limit) } } } : {}),
        },
      };
    }

    const list = /^\/crm\/v3\/objects\/([a-z]+)$/.exec(req.path);
    if (list && req.method === 'GET') {
      const type = list[1];
      const archived = req.query.get('archived') === 'true';
      const rows = (archived ? tenant.archived[type] : tenant.objects[type]) ?? [];
      const limit = Math.min(Number(req.query.get('limit') ?? 10), 100);
      const after = Number(req.query.get('after') ?? 0);
      const props = (req.query.get('properties') ?? '').split(',').filter(Boolean);
      const page = rows.slice(after, after + limit).map((o) => ({ ...o, properties: Object.fromEntries([...new Set([...props, ...defaults(type)])].map((p) => [p, p === 'hs_object_id' ? o.id : (o.properties[p] ?? null)])) }));
      return { body: { results: page, ...(after + limit < rows.length ? { paging: { next: { after: String(after + limit), link: `${self.url}${req.path}?after=${after + limit}` } } } : {}) } };
    }

    const assoc = /^\/crm\/v4\/associations\/([a-z]+)\/([a-z]+)\/batch\/read$/.exec(req.path);
    if (assoc && req.method === 'POST') {
      const map = tenant.associations[`${assoc[1]}/${assoc[2]}`] ?? {};
      const inputs = ((req.json as { inputs?: { id: string }[] } | undefined)?.inputs ?? []).map((i) => String(i.id));
      const now = new Date().toISOString();
      return {
        body: {
          status: 'COMPLETE',
          results: inputs.filter((id) => map[id]?.length).map((id) => ({ from: { id }, to: map[id] })),
          startedAt: now,
          completedAt: now,
        },
      };
    }
    return hsError(404, 'OBJECT_NOT_FOUND', 'resource not found');
  };

  function ownersPage(req: FakeRequest): FakeResponse {
    const archived = req.query.get('archived') === 'true';
    const rows = tenant.owners.filter((o) => o.archived === archived);
    const limit = Math.min(Number(req.query.get('limit') ?? 100), 500);
    const after = Number(req.query.get('after') ?? 0);
    return { body: { results: rows.slice(after, after + limit), ...(after + limit < rows.length ? { paging: { next: { after: String(after + limit), link: `${self.url}/crm/v3/owners/?after=${after + limit}` } } } : {}) } };
  }

  const base = await startFake(handler);
  const self: FakeHubspot = Object.assign(base, {
    tenant,
    searches,
    expireTokens: () => tokens.clear(),
    put(type: string, o: HsObject) {
      const list = (tenant.objects[type] ??= []);
      const i = list.findIndex((x) => x.id === o.id);
      if (i >= 0) list[i] = o;
      else list.push(o);
    },
    archive(type: string, id: string, at: string) {
      const o = (tenant.objects[type] ?? []).find((x) => x.id === id);
      tenant.objects[type] = (tenant.objects[type] ?? []).filter((x) => x.id !== id);
      if (o) (tenant.archived[type] ??= []).push({ ...o, archived: true, archivedAt: at });
    },
  });
  return self;
}

/** The story portal (tests/fixtures/connectors/hubspot/story.json), in HubSpot's response shapes. */
export function hubspotStory(): HsTenant {
  const file = fileURLToPath(new URL('../../../fixtures/connectors/hubspot/story.json', import.meta.url));
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    owners: { results: HsOwner[] };
    search: Record<string, { results: HsObject[] }>;
    archived: Record<string, { results: HsObject[] }>;
    associations: Record<string, { results: { from: { id: string }; to: HsAssociated[] }[] }>;
  };
  const associations: HsTenant['associations'] = {};
  for (const [k, v] of Object.entries(raw.associations)) associations[k] = Object.fromEntries(v.results.map((r) => [r.from.id, r.to]));
  return {
    owners: raw.owners.results,
    objects: Object.fromEntries(Object.entries(raw.search).map(([k, v]) => [k, v.results])),
    archived: Object.fromEntries(Object.entries(raw.archived).map(([k, v]) => [k, v.results])),
    associations,
  };
}

/** The story portal, served, with the environment and connector settings that read it. */
export async function serveHubspotStory(): Promise<{ server: FakeHubspot; env: Record<string, string>; config: Record<string, unknown> }> {
  const server = await startFakeHubspot({ tenant: hubspotStory(), token: 'pat-story-private-app' });
  return { server, env: { KENNER_STORY_HS_TOKEN: 'pat-story-private-app' }, config: { basePath: server.url, accessTokenEnv: 'KENNER_STORY_HS_TOKEN', portalId: '26101234', dealTermProperties: ['dealtype', 'product_line'] } };
}
