/**
 * The remote company-graph service (docs/graph-api.yaml) as a GraphSource.
 * BACKGROUND ONLY (uses the graph store and the `kenner-cache` database).
 *
 * - rank: POST /v1/rank with entity ids only; the answer is validated,
 *   non-discoverable people and "me" are dropped, dismissals applied, and
 *   the answer cached per entity set. When the service is slow, down or
 *   answers garbage, the last cached answer comes back `stale`, `source:
 *   'cache'`, and the failure is recorded (time, path, kind).
 * - sync: GET /v1/dictionary page by page into the local graph (importer,
 *   merge mode), the cursor persisted after every page so that a stopped
 *   service worker resumes where it was.
 * - auth: the policy's bearer token, OAuth 2.0 + PKCE tokens (refreshed
 *   before expiry and once on a 401), or a token the user pasted (session).
 */
import type { Graph, GraphMeta, Person } from '../graph/model';
import { getGraphMeta, getPeople } from '../store/db';
import { importGraphObject } from '../store/importer';
import { removeRecords } from '../store/remove';
import type { RankOptions } from '../ranking/rank';
import { withoutDismissed } from '../ranking/dismissals';
import type { PersonSummary, Suggestion } from '../ranking/types';
import type { PersonHit } from '../ranking/types';
import { remoteSyncItem, sourceFailuresItem, sourceTokensItem } from './state';
import type { DetectedEntity } from '../spotting/types';
import { DictionaryPageSchema, PersonSchema, RankResponseSchema, SearchResponseSchema, type DictionaryItem } from '../contract/graph-api';
import { getCachedAnswer, putCachedAnswer } from './cache';
import { requestJson, SourceError, type RetryPolicy } from './http';
import { refreshTokens, signIn, clearTokens, storeTokens, validAccessToken, getTokens, type OAuthEndpoints } from './oauth';
import type { GraphSource, RankAnswer } from './types';
import type { RemoteSourceConfig, SourceFailure, SourceStatus, SyncResult, SyncState } from '../messaging/sources';
import { z } from 'zod';

export const FAILURES_KEPT = 20;

export interface RemoteSourceOptions {
  timeouts?: {
    /** One rank attempt (default 4 s). */
    rankMs?: number;
    /** All rank attempts together (default 6 s): then the cached answer. */
    rankDeadlineMs?: number;
    /** One dictionary page (default 30 s). */
    dictionaryMs?: number;
    searchMs?: number;
  };
  retry?: Partial<RetryPolicy>;
  /** Dictionary page size asked for (default 1000). */
  pageLimit?: number;
  /** After a failure, answer from the cache without asking for this long (default 15 s). */
  breakerMs?: number;
  /** The policy's token (read from managed storage on every use; never stored). */
  policyToken?: () => Promise<string | undefined>;
  /** Writes dictionary records into the local graph (default: the graph importer, merge mode). */
  importGraph?: (graph: Graph) => Promise<{ ok: boolean; errors?: Array<{ message: string }> }>;
  /** People of the local graph (to drop those marked non-discoverable there). */
  localPeople?: (ids: string[]) => Promise<Person[]>;
  localMeta?: () => Promise<GraphMeta | null>;
  /** The source became unreachable (true) or reachable again (false). */
  onHealthChange?: (degraded: boolean) => void;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RemoteSource extends GraphSource {
  readonly kind: 'remote';
  readonly config: RemoteSourceConfig;
  sync(opts?: { full?: boolean; signal?: AbortSignal; maxPages?: number }): Promise<SyncResult>;
  status(): SourceStatus;
  /** Loads persisted sync state and failures into status() (call once after creating). */
  ready(): Promise<void>;
  searchPeople(query: string, limit?: number): Promise<PersonHit[]>;
  getPerson(id: string): Promise<Person | null>;
  testConnection(): Promise<{ ok: boolean; message?: string; revision?: string }>;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  /** Stores a token the user pasted (storage.session). */
  setToken(token: string): Promise<void>;
  signedIn(): Promise<boolean>;
}

/** Stable key of an entity set (order-free), "me" and the service: the cache key of an answer. */
export function answerKey(base: string, entities: Array<Pick<DetectedEntity, 'kind' | 'id' | 'focal'>>, meId?: string | null): string {
  const set = entities
    .map((e) => `${e.kind}:${e.id}${e.focal ? '*' : ''}`)
    .sort()
    .join('|');
  return `remote|${base}|${meId ?? ''}|${set}`;
}

/** The base URL without trailing slash; paths of the contract are appended to it. */
export function baseOf(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** Drop "me" and anyone non-discoverable; apply the user's "not relevant" marks (ranking/dismissals.ts); best first. */
export function cleanSuggestions(
  list: Array<Suggestion & { person: PersonSummary & { discoverable?: boolean } }>,
  entityIds: string[],
  opts: Pick<RankOptions, 'meId' | 'dismissed' | 'limit'>,
  hidden: Set<string>,
): Suggestion[] {
  const out: Suggestion[] = [];
  for (const s of list) {
    const { discoverable, ...person } = s.person;
    if (discoverable === false || hidden.has(person.id) || person.id === opts.meId) continue;
    const next = withoutDismissed({ ...s, person }, entityIds, opts.dismissed);
    if (!next) continue;
    out.push(next);
  }
  out.sort((a, b) => b.score - a.score);
  return opts.limit ? out.slice(0, opts.limit) : out;
}

const MetadataSchema = z.object({ authorization_endpoint: z.string().url(), token_endpoint: z.string().url() });

/** Placeholder colleague for a company email domain (never shown: not discoverable). */
export function domainPerson(domain: string): Person {
  const d = domain.toLowerCase().replace(/^@/, '');
  return { id: `kenner-domain:${d}`, name: d, email: `colleagues@${d}`, discoverable: false };
}

/** Turns one dictionary page into graph records (merge) and deletions. */
export function pageToGraph(items: DictionaryItem[]): { graph: Graph; deletes: Array<{ type: string; id: string }> } {
  const graph: Graph = { people: [], accounts: [], contacts: [], topics: [], interactions: [] };
  const deletes: Array<{ type: string; id: string }> = [];
  for (const it of items) {
    if ('deleted' in it) {
      deletes.push({ type: it.type, id: it.type === 'domain' ? domainPerson(it.id).id : it.id });
      continue;
    }
    switch (it.type) {
      case 'account': {
        const { type: _t, ...a } = it;
        graph.accounts.push(a);
        break;
      }
      case 'contact': {
        const { type: _t, ...c } = it;
        graph.contacts.push(c);
        break;
      }
      case 'topic': {
        const { type: _t, ...t } = it;
        graph.topics.push(t);
        break;
      }
      case 'person': {
        const { type: _t, managerId: _m, ...p } = it;
        graph.people.push(p);
        break;
      }
      case 'domain':
        graph.people.push(domainPerson(it.domain));
        break;
    }
  }
  return { graph, deletes };
}

/** The same records without references to other records (a retry when the graph lacks a referenced id). */
function withoutReferences(g: Graph): Graph {
  return {
    ...g,
    contacts: g.contacts.map(({ accountId: _a, ...c }) => c),
    people: g.people.map(({ skills: _s, managerId: _m, ...p }) => p),
  };
}

export function createRemoteSource(config: RemoteSourceConfig, opts: RemoteSourceOptions = {}): RemoteSource {
  const base = baseOf(config.url);
  const origin = new URL(config.url).origin;
  const t = {
    rankMs: opts.timeouts?.rankMs ?? 4000,
    rankDeadlineMs: opts.timeouts?.rankDeadlineMs ?? 6000,
    dictionaryMs: opts.timeouts?.dictionaryMs ?? 30_000,
    searchMs: opts.timeouts?.searchMs ?? 5000,
  };
  const breakerMs = opts.breakerMs ?? 15_000;
  const importGraph =
    opts.importGraph ?? ((graph: Graph) => importGraphObject(graph, { mode: 'merge', source: 'remote' }));
  const localPeople = opts.localPeople ?? getPeople;
  const localMeta = opts.localMeta ?? getGraphMeta;

  let syncState: SyncState = {};
  let failures: SourceFailure[] = [];
  let degraded = false;
  let lastFailureAt = 0;
  let lastAnswerAt: string | undefined;
  let syncing: Promise<SyncResult> | null = null;
  let oauthEndpoints: OAuthEndpoints | undefined = config.oauth;
  let hasToken = config.auth === 'policy-token';

  async function endpoints(): Promise<OAuthEndpoints> {
    if (oauthEndpoints?.authorizeUrl && oauthEndpoints.tokenUrl) return oauthEndpoints;
    if (!config.oauth?.clientId) throw new SourceError('auth', 'No OAuth client id configured');
    // RFC 8414 metadata of the service's origin.
    const meta = await requestJson({ url: `${origin}/.well-known/oauth-authorization-server`, timeoutMs: 8000, retry: { retries: 1 }, schema: MetadataSchema });
    oauthEndpoints = { ...config.oauth, authorizeUrl: meta.authorization_endpoint, tokenUrl: meta.token_endpoint };
    return oauthEndpoints;
  }

  async function token(): Promise<string> {
    if (config.auth === 'policy-token') {
      const tok = await opts.policyToken?.();
      if (!tok) throw new SourceError('auth', 'The policy sets no token for the company-graph service');
      return tok;
    }
    return validAccessToken('remote', config.auth === 'oauth' ? await endpoints() : undefined);
  }

  function setHealth(bad: boolean) {
    if (bad) lastFailureAt = Date.now();
    if (bad === degraded) return;
    degraded = bad;
    opts.onHealthChange?.(bad);
  }

  async function recordFailure(err: unknown, path: string): Promise<void> {
    const e = err instanceof SourceError ? err : new SourceError('network', String((err as Error)?.message ?? err), undefined, path);
    const f: SourceFailure = { at: new Date().toISOString(), source: 'remote', path: e.path || path, kind: e.kind, status: e.status, message: e.message.slice(0, 300) };
    failures = [f, ...failures].slice(0, FAILURES_KEPT);
    const stored = (await sourceFailuresItem.getValue()).filter((x) => x.source !== 'remote');
    await sourceFailuresItem.setValue([...failures, ...stored].sort((a, b) => b.at.localeCompare(a.at)).slice(0, FAILURES_KEPT * 2));
  }

  /** One call of the contract, with auth and one refresh on 401 (OAuth). */
  async function call<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; timeoutMs: number; deadlineMs?: number; schema: z.ZodType<T>; signal?: AbortSignal }): Promise<T> {
    const send = async (tok: string) =>
      requestJson({
        url: `${base}${path}`,
        method: init.method,
        body: init.body,
        headers: { Authorization: `Bearer ${tok}` },
        timeoutMs: init.timeoutMs,
        deadlineMs: init.deadlineMs,
        retry: opts.retry,
        schema: init.schema,
        signal: init.signal,
        random: opts.random,
        sleep: opts.sleep,
      });
    const tok = await token();
    try {
      const r = await send(tok);
      hasToken = true;
      return r;
    } catch (e) {
      if (!(e instanceof SourceError) || e.kind !== 'auth' || config.auth !== 'oauth') throw e;
      const current = await getTokens('remote');
      if (!current) throw e;
      const fresh = await refreshTokens('remote', await endpoints(), current);
      return send(fresh.accessToken);
    }
  }

  async function hiddenPeople(ids: string[]): Promise<Set<string>> {
    try {
      const people = await localPeople(ids);
      return new Set(people.filter((p) => p.discoverable === false).map((p) => p.id));
    } catch {
      return new Set();
    }
  }

  async function fromCache(key: string, entityIds: string[], rankOpts: RankOptions): Promise<RankAnswer> {
    const cached = await getCachedAnswer(key).catch(() => undefined);
    if (!cached) return { suggestions: [], source: 'cache', stale: true, at: new Date().toISOString() };
    const hidden = await hiddenPeople(cached.suggestions.map((s) => s.person.id));
    return { suggestions: cleanSuggestions(cached.suggestions, entityIds, rankOpts, hidden), source: 'cache', stale: true, at: cached.at };
  }

  async function rank(entities: DetectedEntity[], rankOpts: RankOptions): Promise<RankAnswer> {
    const key = answerKey(base, entities, rankOpts.meId);
    const entityIds = entities.map((e) => e.id);
    if (!entities.length) return { suggestions: [], source: 'remote', at: new Date().toISOString() };
    if (degraded && Date.now() - lastFailureAt < breakerMs) return fromCache(key, entityIds, rankOpts);
    try {
      const body = {
        entities: entities.map((e) => ({ kind: e.kind, id: e.id, ...(e.focal ? { focal: true } : {}) })),
        ...(rankOpts.meId ? { me: rankOpts.meId } : {}),
        limit: Math.min(100, (rankOpts.limit ?? 20) + Object.keys(rankOpts.dismissed ?? {}).length),
      };
      const r = await call('/v1/rank', { method: 'POST', body, timeoutMs: t.rankMs, deadlineMs: t.rankDeadlineMs, schema: RankResponseSchema });
      const at = new Date().toISOString();
      const hidden = await hiddenPeople(r.suggestions.map((s) => s.person.id));
      // What is cached is already free of non-discoverable people; "me" and dismissals are applied on the way out.
      const safe = cleanSuggestions(r.suggestions, entityIds, {}, hidden);
      await putCachedAnswer(key, safe, at).catch(() => undefined);
      lastAnswerAt = at;
      setHealth(false);
      return { suggestions: cleanSuggestions(safe, entityIds, rankOpts, new Set()), source: 'remote', at };
    } catch (e) {
      await recordFailure(e, '/v1/rank');
      setHealth(true);
      return fromCache(key, entityIds, rankOpts);
    }
  }

  async function persistSync(next: SyncState): Promise<void> {
    syncState = next;
    await remoteSyncItem.setValue(next);
  }

  async function writePage(items: DictionaryItem[]): Promise<{ written: number; deleted: number }> {
    const { graph, deletes } = pageToGraph(items);
    const written = graph.people.length + graph.accounts.length + graph.contacts.length + graph.topics.length;
    if (written) {
      let res = await importGraph(graph);
      if (!res.ok) {
        // A record refers to one the graph does not hold (yet): keep the names, drop the references.
        const retry = await importGraph(withoutReferences(graph));
        if (!retry.ok) throw new SourceError('invalid', `The dictionary could not be stored: ${res.errors?.[0]?.message ?? 'import failed'}`, undefined, '/v1/dictionary');
        res = retry;
      }
    }
    let deleted = 0;
    let pending = [...(syncState.pendingDeletes ?? []), ...deletes];
    if (pending.length) {
      const ids = { people: [] as string[], accounts: [] as string[], contacts: [] as string[], topics: [] as string[] };
      for (const d of pending) {
        const table = d.type === 'account' ? ids.accounts : d.type === 'contact' ? ids.contacts : d.type === 'topic' ? ids.topics : ids.people;
        table.push(d.id);
      }
      await removeRecords(ids);
      deleted = pending.length;
      pending = [];
    }
    syncState = { ...syncState, pendingDeletes: pending.length ? pending.slice(-10_000) : undefined };
    return { written, deleted };
  }

  async function runSync(o: { full?: boolean; signal?: AbortSignal; maxPages?: number }): Promise<SyncResult> {
    const stored = await remoteSyncItem.getValue();
    let state: SyncState = stored.for === base ? stored : { for: base };
    const resumed = !!state.inProgress && !o.full;
    if (!state.inProgress || o.full) {
      state = { ...state, inProgress: { cursor: null, since: o.full ? undefined : state.revision, startedAt: new Date().toISOString(), pages: 0, records: 0 } };
    }
    syncState = state;
    await persistSync(state);
    let pages = 0;
    let records = 0;
    let deleted = 0;
    let restarted = false;
    let revision: string | undefined;
    try {
      for (;;) {
        if (o.maxPages !== undefined && pages >= o.maxPages) return { ok: false, pages, records, deleted, resumed, error: 'stopped' };
        const prog = syncState.inProgress!;
        const q = new URLSearchParams();
        if (prog.cursor) q.set('cursor', prog.cursor);
        else if (prog.since) q.set('since', prog.since);
        q.set('limit', String(opts.pageLimit ?? 1000));
        let page;
        try {
          page = await call(`/v1/dictionary?${q}`, { timeoutMs: t.dictionaryMs, schema: DictionaryPageSchema, signal: o.signal });
        } catch (e) {
          if (e instanceof SourceError && e.status === 410 && !restarted) {
            // Cursor or revision too old: start a full sync.
            restarted = true;
            await persistSync({ ...syncState, inProgress: { ...prog, cursor: null, since: undefined } });
            continue;
          }
          throw e;
        }
        const w = await writePage(page.items);
        pages += 1;
        records += w.written;
        deleted += w.deleted;
        revision = page.revision;
        await persistSync({ ...syncState, inProgress: { ...prog, cursor: page.nextCursor, pages: prog.pages + 1, records: prog.records + w.written } });
        if (!page.nextCursor) break;
      }
      await persistSync({ for: base, revision, completedAt: new Date().toISOString(), pendingDeletes: syncState.pendingDeletes });
      setHealth(false);
      return { ok: true, pages, records, deleted, revision, resumed };
    } catch (e) {
      await recordFailure(e, '/v1/dictionary');
      if (!(e instanceof SourceError && e.kind === 'aborted')) setHealth(true);
      return { ok: false, pages, records, deleted, resumed, error: e instanceof Error ? e.message : String(e) };
    }
  }

  const source: RemoteSource = {
    kind: 'remote',
    config,
    async meta() {
      return localMeta();
    },
    rank,
    sync(o = {}) {
      syncing ??= runSync(o).finally(() => (syncing = null));
      return syncing;
    },
    status() {
      return {
        kind: 'remote',
        configured: true,
        origin,
        auth: config.auth,
        signedIn: hasToken,
        locked: !!config.locked,
        syncing: !!syncing,
        sync: syncState,
        failures,
        degraded,
        lastAnswerAt,
      };
    },
    async ready() {
      const [s, f] = await Promise.all([remoteSyncItem.getValue(), sourceFailuresItem.getValue()]);
      syncState = s.for === base ? s : {};
      failures = f.filter((x) => x.source === 'remote').slice(0, FAILURES_KEPT);
      hasToken = config.auth === 'policy-token' ? !!(await opts.policyToken?.()) : !!(await sourceTokensItem.getValue()).remote;
    },
    async searchPeople(query, limit = 20) {
      const q = new URLSearchParams({ q: query.slice(0, 200), limit: String(limit) });
      const r = await call(`/v1/people/search?${q}`, { timeoutMs: t.searchMs, deadlineMs: t.searchMs * 2, schema: SearchResponseSchema });
      const hidden = await hiddenPeople(r.results.map((h) => h.person.id));
      return r.results
        .filter((h) => h.person.discoverable !== false && !hidden.has(h.person.id))
        .map(({ person: { discoverable: _d, ...person }, suggestion }) => ({ person, ...(suggestion ? { suggestion: cleanSuggestions([suggestion], [], {}, hidden)[0] } : {}) }))
        .filter((h) => !('suggestion' in h) || h.suggestion);
    },
    async getPerson(id) {
      try {
        const p = await call(`/v1/people/${encodeURIComponent(id)}`, { timeoutMs: t.searchMs, schema: PersonSchema });
        if (p.discoverable === false || (await hiddenPeople([p.id])).has(p.id)) return null;
        return p;
      } catch (e) {
        if (e instanceof SourceError && e.status === 404) return null;
        throw e;
      }
    },
    async testConnection() {
      try {
        const page = await call('/v1/dictionary?limit=1', { timeoutMs: 8000, deadlineMs: 12_000, schema: DictionaryPageSchema });
        setHealth(false);
        return { ok: true, revision: page.revision };
      } catch (e) {
        await recordFailure(e, '/v1/dictionary');
        setHealth(true);
        return { ok: false, message: e instanceof Error ? e.message : String(e) };
      }
    },
    async signIn() {
      if (config.auth !== 'oauth') throw new SourceError('auth', 'This source does not use OAuth sign-in');
      await signIn('remote', await endpoints());
      hasToken = true;
    },
    async signOut() {
      await clearTokens('remote');
      hasToken = config.auth === 'policy-token';
    },
    async setToken(tok) {
      await storeTokens('remote', { accessToken: tok });
      hasToken = true;
    },
    async signedIn() {
      if (config.auth === 'policy-token') return !!(await opts.policyToken?.());
      return !!(await getTokens('remote'));
    },
  };
  return source;
}
