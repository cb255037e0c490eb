/**
 * Microsoft 365 as a source of colleagues (Microsoft Graph). BACKGROUND ONLY.
 *
 * Sign-in: OAuth 2.0 authorization code + PKCE against the tenant's
 * `login.microsoftonline.com/<tenant>/oauth2/v2.0/authorize` with the
 * administrator's (or user's) application id, scopes
 * `User.Read.All People.Read offline_access`. Then:
 * - the directory (`/v1.0/users`, paged with `@odata.nextLink`, the link
 *   persisted after every page) becomes Person records `m365:<id>` (or
 *   enriches an existing colleague with the same email) in the local graph,
 *   merge mode, beside the other sources;
 * - `/me/people` relevance is stored in `kenner-cache` (getRelevance());
 * - profile skills (`/beta/users/{id}/profile/skills`) become `skills` where
 *   the tenant exposes them and a topic of that name exists.
 * Customers and interactions still come from an import or the remote service.
 * 429 waits for `Retry-After`; a 401 refreshes once, then "sign in again".
 */
import { z } from 'zod';
import type { Graph, Person } from '../graph/model';
import { findByNameKey, findPersonByEmail, getGraphMeta, getPeople } from '../store/db';
import { importGraphObject } from '../store/importer';
import { m365SyncItem, sourceFailuresItem, sourceTokensItem } from './state';
import { normalizeKey } from '../text/normalize';
import { putRelevance } from './cache';
import { errorMessage, requestJson, scrubSecrets, SourceError, type RetryPolicy } from './http';
import { clearTokens, getTokens, refreshTokens, signIn, validAccessToken, type OAuthEndpoints } from './oauth';
import type { Microsoft365Config, SourceFailure, SourceStatus, SyncResult, SyncState } from '../messaging/sources';
import { USER_SELECT, GraphUser, UsersPage, PeoplePage, SkillsPage, mapUser, enrich } from './microsoft365-directory';

const M365_SCOPES = 'User.Read.All People.Read offline_access';
const GRAPH_BASE = 'https://graph.microsoft.com';
const LOGIN_BASE = 'https://login.microsoftonline.com';
export interface Microsoft365Options {
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  importGraph?: (graph: Graph) => Promise<{ ok: boolean; errors?: Array<{ message: string }> }>;
  /** Skills are read for at most this many users per sync (default 300). */
  maxSkillUsers?: number;
  /** $top of the directory pages (default 999). */
  pageSize?: number;
}

export interface Microsoft365Source {
  readonly kind: 'microsoft365';
  readonly config: Microsoft365Config;
  endpoints(): OAuthEndpoints;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  signedIn(): Promise<boolean>;
  /** Directory, relevance and skills, in that order. */
  sync(opts?: { signal?: AbortSignal; maxPages?: number }): Promise<SyncResult>;
  syncDirectory(opts?: { signal?: AbortSignal; maxPages?: number }): Promise<SyncResult>;
  /** Stores `/me/people` relevance; returns how many colleagues it ranks. */
  syncRelevance(): Promise<number>;
  syncSkills(): Promise<{ users: number; skills: number; exposed: boolean }>;
  /** Directory lookup by name or address (`$search`, ConsistencyLevel: eventual): only the user's own text is sent. */
  searchDirectory(query: string, limit?: number): Promise<Person[]>;
  status(): SourceStatus;
  ready(): Promise<void>;
}

export function createMicrosoft365Source(config: Microsoft365Config, opts: Microsoft365Options = {}): Microsoft365Source {
  const graphBase = (config.graphBaseUrl ?? GRAPH_BASE).replace(/\/+$/, '');
  const loginBase = (config.loginBaseUrl ?? LOGIN_BASE).replace(/\/+$/, '');
  const graphOrigin = new URL(graphBase).origin;
  const ep: OAuthEndpoints = {
    authorizeUrl: `${loginBase}/${encodeURIComponent(config.tenantId)}/oauth2/v2.0/authorize`,
    tokenUrl: `${loginBase}/${encodeURIComponent(config.tenantId)}/oauth2/v2.0/token`,
    clientId: config.clientId,
    scope: M365_SCOPES,
  };
  const importGraph =
    opts.importGraph ??
    (async (graph: Graph) => {
      // The directory adds to whatever graph is there: keep its source label.
      const prev = (await getGraphMeta())?.source;
      return importGraphObject(graph, { mode: 'merge', source: prev && prev !== 'none' ? prev : 'import', neverLoosen: true });
    });
  let syncState: SyncState = {};
  let failures: SourceFailure[] = [];
  let syncing: Promise<SyncResult> | null = null;
  let hasToken = false;
  /** Directory user id → the person id it was written under (m365:<id>, or an existing colleague's). */
  const idOf = new Map<string, string>();

  async function recordFailure(err: unknown, path: string) {
    const e = err instanceof SourceError ? err : new SourceError('network', errorMessage(err), undefined, path);
    const f: SourceFailure = { at: new Date().toISOString(), source: 'microsoft365', path: e.path || path, kind: e.kind, status: e.status, message: scrubSecrets(e.message).slice(0, 300) };
    failures = [f, ...failures].slice(0, 20);
    const others = (await sourceFailuresItem.getValue()).filter((x) => x.source !== 'microsoft365');
    await sourceFailuresItem.setValue([...failures, ...others].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 40));
  }

  /** GET a Microsoft Graph URL: bearer, 429 Retry-After (http.ts), one refresh on 401, then "sign in again". */
  async function get<T>(url: string, schema: z.ZodType<T>, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<T> {
    if (new URL(url).origin !== graphOrigin) throw new SourceError('invalid', 'A paging link pointed outside Microsoft Graph', undefined, new URL(url).pathname);
    const send = (tok: string) =>
      requestJson({ url, headers: { Authorization: `Bearer ${tok}`, ...headers }, timeoutMs: opts.timeoutMs ?? 30_000, retry: { retries: 4, ...opts.retry }, schema, signal, sleep: opts.sleep, random: opts.random });
    try {
      const r = await send(await validAccessToken('microsoft365', ep));
      hasToken = true;
      return r;
    } catch (e) {
      if (!(e instanceof SourceError) || e.kind !== 'auth') throw e;
      const current = await getTokens('microsoft365');
      if (!current) throw new SourceError('auth', 'Sign in to Microsoft 365', 401, e.path);
      try {
        const fresh = await refreshTokens('microsoft365', ep, current);
        return await send(fresh.accessToken);
      } catch (e2) {
        if (e2 instanceof SourceError && e2.kind === 'auth') {
          hasToken = false;
          await clearTokens('microsoft365');
          throw new SourceError('auth', 'The Microsoft 365 sign-in expired: sign in again', 401, e.path);
        }
        throw e2;
      }
    }
  }

  async function personFor(u: GraphUser): Promise<Person | null> {
    const p = mapUser(u);
    if (!p) return null;
    if (p.email) {
      const existing = await findPersonByEmail(p.email).catch(() => undefined);
      if (existing && existing.id !== p.id) {
        idOf.set(u.id, existing.id);
        return enrich(existing, p);
      }
    }
    idOf.set(u.id, p.id);
    return p;
  }

  async function write(people: Person[]) {
    if (!people.length) return;
    const res = await importGraph({ people, accounts: [], contacts: [], topics: [], interactions: [] });
    if (!res.ok) throw new SourceError('invalid', `The directory could not be stored: ${res.errors?.[0]?.message ?? 'import failed'}`, undefined, '/v1.0/users');
  }

  async function persist(next: SyncState) {
    syncState = next;
    await m365SyncItem.setValue(next);
  }

  async function syncDirectory(o: { signal?: AbortSignal; maxPages?: number } = {}): Promise<SyncResult> {
    const key = `${config.tenantId}|${graphBase}`;
    const stored = await m365SyncItem.getValue();
    let state: SyncState = stored.for === key ? stored : { for: key };
    const resumed = !!state.inProgress?.cursor;
    if (!state.inProgress) state = { ...state, inProgress: { cursor: null, startedAt: new Date().toISOString(), pages: 0, records: 0 } };
    await persist(state);
    let pages = 0;
    let records = 0;
    let select = USER_SELECT;
    try {
      for (;;) {
        if (o.maxPages !== undefined && pages >= o.maxPages) return { ok: false, pages, records, deleted: 0, resumed, error: 'stopped' };
        const prog = syncState.inProgress!;
        const url = prog.cursor ?? `${graphBase}/v1.0/users?$select=${select}&$top=${opts.pageSize ?? 999}`;
        let page;
        try {
          page = await get(url, UsersPage, {}, o.signal);
        } catch (e) {
          // Without MailboxSettings.Read the directory still answers without mailboxSettings.
          if (e instanceof SourceError && e.status === 403 && select.includes('mailboxSettings') && !prog.cursor) {
            select = select.replace(',mailboxSettings', '');
            continue;
          }
          throw e;
        }
        const people = (await Promise.all(page.value.map(personFor))).filter((p): p is Person => !!p);
        await write(people);
        pages += 1;
        records += people.length;
        await persist({ ...syncState, inProgress: { ...prog, cursor: page['@odata.nextLink'] ?? null, pages: prog.pages + 1, records: prog.records + people.length } });
        if (!page['@odata.nextLink']) break;
      }
      await persist({ for: key, completedAt: new Date().toISOString() });
      return { ok: true, pages, records, deleted: 0, resumed };
    } catch (e) {
      await recordFailure(e, '/v1.0/users');
      return { ok: false, pages, records, deleted: 0, resumed, error: scrubSecrets(errorMessage(e)) };
    }
  }

  async function syncRelevance(): Promise<number> {
    const page = await get(`${graphBase}/v1.0/me/people?$top=100&$select=id,displayName,userPrincipalName,scoredEmailAddresses`, PeoplePage);
    const ids: string[] = [];
    for (const p of page.value) {
      let id = idOf.get(p.id);
      const address = p.scoredEmailAddresses?.[0]?.address ?? p.userPrincipalName ?? undefined;
      if (!id && address) id = (await findPersonByEmail(address).catch(() => undefined))?.id;
      ids.push(id ?? `m365:${p.id}`);
    }
    await putRelevance([...new Set(ids)]);
    return ids.length;
  }

  async function syncSkills(): Promise<{ users: number; skills: number; exposed: boolean }> {
    const userIds = [...idOf.keys()].slice(0, opts.maxSkillUsers ?? 300);
    let users = 0;
    let skills = 0;
    const updates: Person[] = [];
    for (const uid of userIds) {
      let page;
      try {
        page = await get(`${graphBase}/beta/users/${encodeURIComponent(uid)}/profile/skills`, SkillsPage);
      } catch (e) {
        // The tenant does not expose profile skills (403), or the API is not there (400/404): stop asking.
        if (e instanceof SourceError && e.kind === 'http' && e.status !== undefined && e.status < 500) return { users, skills, exposed: false };
        throw e;
      }
      users += 1;
      const topicIds = new Set<string>();
      for (const s of page.value) for (const t of await findByNameKey('topic', normalizeKey(s.displayName)).catch(() => [])) topicIds.add(t.id);
      if (!topicIds.size) continue;
      const [person] = await getPeople([idOf.get(uid)!]);
      if (!person) continue;
      const merged = [...new Set([...(person.skills ?? []), ...topicIds])];
      if (merged.length === (person.skills ?? []).length) continue;
      skills += merged.length - (person.skills ?? []).length;
      updates.push(enrich({ ...person, skills: merged }, person));
    }
    await write(updates);
    return { users, skills, exposed: true };
  }

  async function runAll(o: { signal?: AbortSignal; maxPages?: number }): Promise<SyncResult> {
    const dir = await syncDirectory(o);
    if (!dir.ok) return dir;
    try {
      await syncRelevance();
    } catch (e) {
      await recordFailure(e, '/v1.0/me/people');
    }
    try {
      await syncSkills();
    } catch (e) {
      await recordFailure(e, '/beta/users/profile/skills');
    }
    return dir;
  }

  return {
    kind: 'microsoft365',
    config,
    endpoints: () => ep,
    async signIn() {
      await signIn('microsoft365', ep);
      hasToken = true;
    },
    async signOut() {
      await clearTokens('microsoft365');
      hasToken = false;
    },
    async signedIn() {
      return !!(await getTokens('microsoft365'));
    },
    sync(o = {}) {
      syncing ??= runAll(o).finally(() => (syncing = null));
      return syncing;
    },
    syncDirectory,
    syncRelevance,
    syncSkills,
    async searchDirectory(query, limit = 10) {
      const q = query.replace(/["\\]/g, ' ').trim().slice(0, 100);
      if (!q) return [];
      const url = `${graphBase}/v1.0/users?$search=${encodeURIComponent(`"displayName:${q}" OR "mail:${q}"`)}&$select=${USER_SELECT.replace(',mailboxSettings', '')}&$top=${limit}`;
      const page = await get(url, UsersPage, { ConsistencyLevel: 'eventual' });
      return page.value.map(mapUser).filter((p): p is Person => !!p);
    },
    status() {
      return {
        kind: 'microsoft365',
        configured: true,
        origin: graphOrigin,
        signedIn: hasToken,
        locked: !!config.locked,
        syncing: !!syncing,
        sync: syncState,
        failures,
        degraded: false,
      };
    },
    async ready() {
      const [s, f, tokens] = await Promise.all([m365SyncItem.getValue(), sourceFailuresItem.getValue(), sourceTokensItem.getValue()]);
      syncState = s;
      failures = f.filter((x) => x.source === 'microsoft365').slice(0, 20);
      hasToken = !!tokens.microsoft365;
    },
  };
}
