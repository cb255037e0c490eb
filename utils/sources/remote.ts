/**
 * The remote company-graph service (docs/graph-api.yaml) as a GraphSource.
 * BACKGROUND ONLY (uses the graph store and the `kenner-cache` database).
 *
 * - rank: POST /v1/rank with entity ids only; the answer is validated,
 *   cleaned (clean-answers.ts: non-discoverable people and "me" dropped,
 *   dismissals applied) and cached per entity set. When the service is slow,
 *   down or answers garbage, the last cached answer comes back `stale`,
 *   `source: 'cache'`, and the failure is recorded (time, path, kind).
 * - sync: the dictionary into the local graph (dictionary-sync.ts).
 * - HTTP and auth: graph-service-client.ts.
 */
import type { GraphMeta, Person } from '../graph/model';
import { getGraphMeta, getPeople } from '../store/db';
import { importGraphObject } from '../store/importer';
import type { RankOptions } from '../ranking/rank';
import type { PersonHit } from '../ranking/types';
import type { DetectedEntity } from '../spotting/types';
import type { z } from 'zod';
import { DictionaryPageSchema, OwnProfileSchema, PersonSchema, PreferencesSchema, RankResponseSchema, RecurringResponseSchema, SearchResponseSchema } from '../contract/graph-api';
import type { RemoteSourceConfig, SourceFailure, SourceStatus, SyncResult } from '../messaging/sources';
import { answerKey, getCachedAnswer, putCachedAnswer } from './cache';
import { cleanSearchResults, cleanSuggestions, hiddenPeople, shownPerson } from './clean-answers';
import { createDictionarySync, type ImportGraph, type SyncOptions } from './dictionary-sync';
import { createGraphServiceClient, type GraphServiceClientOptions } from './graph-service-client';
import { errorMessage, scrubSecrets, SourceError } from './http';
import { sourceFailuresItem } from './state';
import type { GraphSource, RankAnswer } from './types';

const FAILURES_KEPT = 20;

export interface RemoteSourceOptions extends GraphServiceClientOptions {
  timeouts?: {
    /** One rank attempt (default 4 s). */
    rankMs?: number;
    /** All rank attempts together (default 6 s): then the cached answer. */
    rankDeadlineMs?: number;
    /** One dictionary page (default 30 s). */
    dictionaryMs?: number;
    searchMs?: number;
  };
  /** Dictionary page size asked for (default 5000, the contract's maximum: a sync of 1.5 M names is 298 requests, not 1,489). */
  pageLimit?: number;
  /** After a failure, answer from the cache without asking for this long (default 15 s). */
  breakerMs?: number;
  /** Writes dictionary records into the local graph (default: the graph importer, merge mode). */
  importGraph?: ImportGraph;
  /** People of the local graph (to drop those marked non-discoverable there). */
  localPeople?: (ids: string[]) => Promise<Person[]>;
  localMeta?: () => Promise<GraphMeta | null>;
  /** The source became unreachable (true) or reachable again (false). */
  onHealthChange?: (degraded: boolean) => void;
}

export interface RemoteSource extends GraphSource {
  readonly kind: 'remote';
  readonly config: RemoteSourceConfig;
  sync(opts?: SyncOptions): Promise<SyncResult>;
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
  /** The viewer's own view (GET /v1/me/profile). */
  ownProfile(): Promise<z.output<typeof OwnProfileSchema>>;
  /** Replaces the viewer's own preferences (PUT /v1/me/preferences). */
  setOwnPreferences(p: z.output<typeof PreferencesSchema>): Promise<z.output<typeof PreferencesSchema>>;
  /** Recurring problems (GET /v1/recurring). */
  recurring(): Promise<z.output<typeof RecurringResponseSchema>>;
}

export function createRemoteSource(config: RemoteSourceConfig, opts: RemoteSourceOptions = {}): RemoteSource {
  const client = createGraphServiceClient(config, opts);
  const { base, origin } = client;
  const t = {
    rankMs: opts.timeouts?.rankMs ?? 4000,
    rankDeadlineMs: opts.timeouts?.rankDeadlineMs ?? 6000,
    dictionaryMs: opts.timeouts?.dictionaryMs ?? 30_000,
    searchMs: opts.timeouts?.searchMs ?? 5000,
  };
  const breakerMs = opts.breakerMs ?? 15_000;
  const localPeople = opts.localPeople ?? getPeople;
  const localMeta = opts.localMeta ?? getGraphMeta;

  let failures: SourceFailure[] = [];
  let degraded = false;
  let lastFailureAt = 0;
  let lastAnswerAt: string | undefined;

  function setHealth(bad: boolean) {
    if (bad) lastFailureAt = Date.now();
    if (bad === degraded) return;
    degraded = bad;
    opts.onHealthChange?.(bad);
  }

  async function recordFailure(err: unknown, path: string): Promise<void> {
    const e = err instanceof SourceError ? err : new SourceError('network', errorMessage(err), undefined, path);
    const f: SourceFailure = { at: new Date().toISOString(), source: 'remote', path: e.path || path, kind: e.kind, status: e.status, message: scrubSecrets(e.message).slice(0, 300) };
    failures = [f, ...failures].slice(0, FAILURES_KEPT);
    const stored = (await sourceFailuresItem.getValue()).filter((x) => x.source !== 'remote');
    await sourceFailuresItem.setValue([...failures, ...stored].sort((a, b) => b.at.localeCompare(a.at)).slice(0, FAILURES_KEPT * 2));
  }

  const dictionary = createDictionarySync({
    client,
    // A sync never loosens what the local graph keeps hidden (discoverable: false stays).
    importGraph: opts.importGraph ?? ((graph) => importGraphObject(graph, { mode: 'merge', source: 'remote', neverLoosen: true })),
    pageLimit: opts.pageLimit ?? 5000,
    timeoutMs: t.dictionaryMs,
    onFailure: recordFailure,
    onHealth: setHealth,
  });

  const hidden = (ids: string[]) => hiddenPeople(localPeople, ids);

  async function fromCache(key: string, entityIds: string[], rankOpts: RankOptions): Promise<RankAnswer> {
    const cached = await getCachedAnswer(key).catch(() => undefined);
    if (!cached) return { suggestions: [], source: 'cache', stale: true, at: new Date().toISOString() };
    const hide = await hidden(cached.suggestions.map((s) => s.person.id));
    return { suggestions: cleanSuggestions(cached.suggestions, entityIds, rankOpts, hide, origin), source: 'cache', stale: true, at: cached.at };
  }

  async function rank(entities: DetectedEntity[], rankOpts: RankOptions): Promise<RankAnswer> {
    const key = answerKey(base, entities, rankOpts.meId);
    const entityIds = entities.map((e) => e.id);
    if (!entities.length) return { suggestions: [], source: 'remote', at: new Date().toISOString() };
    if (degraded && Date.now() - lastFailureAt < breakerMs) return fromCache(key, entityIds, rankOpts);
    try {
      const body = {
        entities: entities.map((e) => ({ kind: e.kind, id: e.id, ...(e.focal ? { focal: true } : {}), ...(e.open ? { open: true } : {}) })),
        ...(rankOpts.meId ? { me: rankOpts.meId } : {}),
        limit: Math.min(100, (rankOpts.limit ?? 20) + Object.keys(rankOpts.dismissed ?? {}).length),
      };
      const r = await client.call('/v1/rank', { method: 'POST', body, timeoutMs: t.rankMs, deadlineMs: t.rankDeadlineMs, schema: RankResponseSchema });
      const at = new Date().toISOString();
      const hide = await hidden(r.suggestions.map((s) => s.person.id));
      // What is cached is already free of non-discoverable people; "me" and dismissals are applied on the way out.
      const safe = cleanSuggestions(r.suggestions, entityIds, {}, hide, origin);
      await putCachedAnswer(key, safe, at).catch(() => undefined);
      lastAnswerAt = at;
      setHealth(false);
      return { suggestions: cleanSuggestions(safe, entityIds, rankOpts, new Set(), origin), source: 'remote', at };
    } catch (e) {
      await recordFailure(e, '/v1/rank');
      setHealth(true);
      return fromCache(key, entityIds, rankOpts);
    }
  }

  return {
    kind: 'remote',
    config,
    async meta() {
      return localMeta();
    },
    rank,
    sync: (o = {}) => dictionary.sync(o),
    status() {
      return {
        kind: 'remote',
        configured: true,
        origin,
        auth: config.auth,
        signedIn: client.hasToken,
        locked: !!config.locked,
        syncing: dictionary.syncing,
        sync: dictionary.state(),
        failures,
        degraded,
        lastAnswerAt,
      };
    },
    async ready() {
      const [f] = await Promise.all([sourceFailuresItem.getValue(), dictionary.ready()]);
      failures = f.filter((x) => x.source === 'remote').slice(0, FAILURES_KEPT);
      await client.ready();
    },
    async searchPeople(query, limit = 20) {
      const q = new URLSearchParams({ q: query.slice(0, 200), limit: String(limit) });
      const r = await client.call(`/v1/people/search?${q}`, { timeoutMs: t.searchMs, deadlineMs: t.searchMs * 2, schema: SearchResponseSchema });
      return cleanSearchResults(r.results, await hidden(r.results.map((h) => h.person.id)), origin);
    },
    async getPerson(id) {
      try {
        const p = await client.call(`/v1/people/${encodeURIComponent(id)}`, { timeoutMs: t.searchMs, schema: PersonSchema });
        return shownPerson(p, await hidden([p.id]), origin);
      } catch (e) {
        if (e instanceof SourceError && e.status === 404) return null;
        throw e;
      }
    },
    async testConnection() {
      try {
        const page = await client.call('/v1/dictionary?limit=1', { timeoutMs: 8000, deadlineMs: 12_000, schema: DictionaryPageSchema });
        setHealth(false);
        return { ok: true, revision: page.revision };
      } catch (e) {
        await recordFailure(e, '/v1/dictionary');
        setHealth(true);
        return { ok: false, message: scrubSecrets(errorMessage(e)) };
      }
    },
    async ownProfile() {
      const r = await client.call('/v1/me/profile', { timeoutMs: t.searchMs * 2, schema: OwnProfileSchema });
      const hide = await hidden(r.entries.flatMap((e) => (e.suggestion ? [e.suggestion.person.id] : [])));
      return { ...r, entries: r.entries.map((e) => (e.suggestion && cleanSuggestions([e.suggestion], [e.entity.id], {}, hide, origin).length === 0 ? { ...e, suggestion: undefined } : e)) };
    },
    setOwnPreferences: (p) => client.call('/v1/me/preferences', { method: 'POST', body: p, timeoutMs: t.searchMs, schema: PreferencesSchema.strip() }),
    recurring: () => client.call('/v1/recurring', { timeoutMs: t.searchMs, schema: RecurringResponseSchema }),
    signIn: () => client.signIn(),
    signOut: () => client.signOut(),
    setToken: (tok) => client.setToken(tok),
    signedIn: () => client.signedIn(),
  };
}
