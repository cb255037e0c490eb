/**
 * /v1/rank on PostgreSQL: the extension's own ranking (utils/ranking/rank.ts)
 * over `RankData` read from the precomputed evidence. One query reads the
 * evidence rows of the page's entities and of their accounts' contacts;
 * colleagues are read through the visibility condition, so a colleague the
 * viewer may not see never leaves the database.
 */
import { sql } from 'kysely';
import type { EntityKind, InteractionKind, Person } from '../../utils/graph/model';
import type { EntityEdges, KindStats } from '../../utils/ranking/aggregate';
import { rankEntities, type EvidenceCache, type RankData } from '../../utils/ranking/rank';
import type { Suggestion } from '../../utils/ranking/types';
import type { DetectedEntity } from '../../utils/spotting/types';
import type { Visibility } from '../config';
import type { WorksCouncil } from '../../utils/governance/works-council';
import type { Db } from '../db/database';
import { scopeKey, visibleTo, type Viewer } from './visibility';
import { applyPreferences, withClaimants, type ColleaguePreferences, type PreferenceMap } from '../../utils/ranking/preferences';
import { readClaims, readPreferences } from './preferences';

/** Folded entities kept per process (utils/ranking/prefix.ts): every entity of a busy day's pages, not the extension's 1,000. */
const FOLDED_MAX = 20_000;
/** Colleagues' records (or "not visible") and preferences kept per process, over all visibility scopes. */
const PEOPLE_MAX = 300_000;


interface EvidenceRow {
  entity_id: string;
  entity_kind: EntityKind;
  account_id: string | null;
  person_id: string;
  kind: InteractionKind;
  n: number;
  s1: number;
  s5: number;
  last: string;
  one_way: number;
  source: string | null;
  url: string | null;
}

/**
 * Per process, per graph revision: the evidence of entities read recently
 * (least recently used out first, bounded by the number of rows held) and
 * the ranking's per-hour evidence cache. A topic known by thousands is read
 * once, not on every page that names it. Stateless across servers: any
 * server rebuilds it from the database.
 */
export class RankCache {
  revision = '';
  private edges = new Map<string, { e: EntityEdges | null; rows: number }>();
  private contacts = new Map<string, string[]>();
  private skilled = new Map<string, string[]>();
  private names = new Map<string, string | null>();
  private rows = 0;
  evidence: EvidenceCache = new Map();
  /** Per visibility scope: colleagues' records as that scope's query returned them (null: not visible). */
  private visible = new Map<string, Map<string, Person | null>>();
  private visibleCount = 0;
  /** Colleagues' own preferences (null: none). */
  private prefs = new Map<string, ColleaguePreferences | null>();
  /** Per topic: the preferences of the colleagues who claim it ("ask me about"). */
  private claims = new Map<string, PreferenceMap>();
  private optedIn: Promise<Set<string>> | null = null;

  constructor(private readonly maxRows = 8_000_000) {}

  /**
   * Drops everything when the key changed: the graph's revision and the colleagues'
   * preferences revision (app.ts), so an import or any colleague's opt-out, hide or
   * claim starts a new cache.
   */
  use(revision: string): this {
    if (revision !== this.revision) {
      this.revision = revision;
      this.edges = new Map();
      this.contacts = new Map();
      this.skilled = new Map();
      this.names = new Map();
      this.rows = 0;
      this.evidence = new Map();
      this.visible = new Map();
      this.visibleCount = 0;
      this.prefs = new Map();
      this.claims = new Map();
      this.optedIn = null;
    }
    return this;
  }

  /**
   * Colleagues' records this viewer may see: each one read once per scope, by
   * `visiblePeople` itself (the visibility condition in the query), and remembered
   * with the answer, "not visible" included. A viewer of another scope reads through
   * its own query. The maps are taken before the read, so an answer read under an
   * older key never lands in a newer key's cache.
   */
  async visiblePeople(db: Db, ids: readonly string[], viewer: Viewer, visibility: Visibility | undefined): Promise<Map<string, Person>> {
    const key = scopeKey(viewer, visibility);
    let known = this.visible.get(key);
    if (!known) this.visible.set(key, (known = new Map<string, Person | null>()));
    const out = new Map<string, Person>();
    const missing: string[] = [];
    for (const id of ids) {
      const hit = known.get(id);
      if (hit === undefined) missing.push(id);
      else if (hit) out.set(id, hit);
    }
    if (!missing.length) return out;
    const read = await visiblePeople(db, missing, viewer, visibility);
    if (this.visible.get(key) === known) {
      if (this.visibleCount + missing.length > PEOPLE_MAX) {
        this.visible = new Map<string, Map<string, Person | null>>([[key, known]]);
        known.clear();
        this.visibleCount = 0;
      }
      for (const id of missing) {
        if (!known.has(id)) this.visibleCount++;
        known.set(id, read.get(id) ?? null);
      }
    }
    for (const id of missing) {
      const p = read.get(id);
      if (p) out.set(id, p);
    }
    return out;
  }

  /** These colleagues' own preferences (those who have any), each read once. */
  async preferences(db: Db, ids: readonly string[]): Promise<PreferenceMap> {
    const known = this.prefs;
    const missing = ids.filter((id) => !known.has(id));
    const read = missing.length ? await readPreferences(db, missing) : {};
    if (known === this.prefs) {
      if (known.size + missing.length > PEOPLE_MAX) known.clear();
      for (const id of missing) known.set(id, Object.hasOwn(read, id) ? read[id] : null);
    }
    const out: PreferenceMap = {};
    for (const id of ids) {
      const p = Object.hasOwn(read, id) ? read[id] : known.get(id);
      if (p) Object.defineProperty(out, id, { value: p, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /** Per topic, the preferences of the colleagues who claim it, each topic read once. */
  async claimsOf(db: Db, topicIds: readonly string[]): Promise<Map<string, PreferenceMap>> {
    const known = this.claims;
    const missing = [...new Set(topicIds.filter((t) => !known.has(t)))];
    const out = new Map<string, PreferenceMap>();
    if (missing.length) {
      const read = await readClaims(db, missing);
      for (const t of missing) out.set(t, {});
      // In person id order, as readClaims returns them.
      for (const [id, p] of Object.entries(read)) {
        for (const t of p.askMeAbout ?? []) {
          const m = out.get(t);
          if (m) Object.defineProperty(m, id, { value: p, enumerable: true, writable: true, configurable: true });
        }
      }
      if (known === this.claims) for (const t of missing) known.set(t, out.get(t)!);
    }
    for (const t of topicIds) if (!out.has(t)) out.set(t, known.get(t)!);
    return out;
  }

  /** Colleagues who opted in themselves (works-council mode), read once. */
  optedInIds(db: Db): Promise<Set<string>> {
    if (!this.optedIn) {
      const p = optedInIds(db);
      this.optedIn = p;
      p.catch(() => {
        if (this.optedIn === p) this.optedIn = null;
      });
    }
    return this.optedIn;
  }

  getEdges(id: string): EntityEdges | null | undefined {
    const hit = this.edges.get(id);
    if (!hit) return undefined;
    this.edges.delete(id);
    this.edges.set(id, hit);
    return hit.e;
  }

  hasEdges(id: string): boolean {
    return this.edges.has(id);
  }

  putEdges(id: string, e: EntityEdges | null, rows: number): void {
    const old = this.edges.get(id);
    if (old) this.rows -= old.rows;
    this.edges.delete(id);
    this.edges.set(id, { e, rows });
    this.rows += rows;
    for (const [k, v] of this.edges) {
      if (this.rows <= this.maxRows) break;
      this.edges.delete(k);
      this.rows -= v.rows;
    }
  }

  contactsOf(accountId: string): string[] | undefined {
    return this.contacts.get(accountId);
  }
  putContacts(accountId: string, ids: string[]): void {
    if (this.contacts.size > 200_000) this.contacts.delete(this.contacts.keys().next().value as string);
    this.contacts.set(accountId, ids);
  }
  private inflight = new Map<string, Promise<void>>();

  /** The read in progress of this entity's rows (or its account's contacts'), if another request started one. */
  loading(id: string): Promise<void> | undefined {
    return this.inflight.get(id);
  }

  /** Marks these ids as being read; the returned function ends it. */
  startLoading(ids: readonly string[]): () => void {
    let end!: () => void;
    const p = new Promise<void>((r) => (end = r));
    const mine = ids.filter((id) => !this.inflight.has(id));
    for (const id of mine) this.inflight.set(id, p);
    return () => {
      for (const id of mine) if (this.inflight.get(id) === p) this.inflight.delete(id);
      end();
    };
  }

  /** An entity's graph name by `kind:id` (null: not in the graph). */
  nameOf(key: string): string | null | undefined {
    return this.names.get(key);
  }
  putName(key: string, name: string | null): void {
    if (this.names.size > 500_000) this.names.delete(this.names.keys().next().value as string);
    this.names.set(key, name);
  }
  skilledIn(topicId: string): string[] | undefined {
    return this.skilled.get(topicId);
  }
  putSkilled(topicId: string, ids: string[]): void {
    this.skilled.set(topicId, ids);
  }
}

export interface RankRequestEntity {
  kind: EntityKind;
  id: string;
  focal?: boolean;
  open?: boolean;
}

/** Colleagues of the people table, as records, through the visibility condition. */
export async function visiblePeople(db: Db, ids: readonly string[], viewer: Viewer, visibility: Visibility | undefined): Promise<Map<string, Person>> {
  if (!ids.length) return new Map();
  const rows = await sql<{ record: Person }>`SELECT p.record FROM people p WHERE p.id = ANY(${[...ids]}::text[]) AND ${visibleTo(viewer, visibility)}`.execute(db);
  return new Map(rows.rows.map((r) => [r.record.id, r.record]));
}

/**
 * The page's entities with their graph names (unknown ids dropped), and
 * RankData over one evidence read: the entities' rows and their accounts'
 * contacts' rows, in first-appearance order (`ord`), as the extension
 * stores them.
 */
function rowsToEdges(rows: readonly EvidenceRow[], refTime: number, accountIds: readonly string[]) {
  const read = new Map<string, { e: EntityEdges; rows: number }>();
  const contactsOf = new Map<string, string[]>(accountIds.map((a) => [a, []]));
  for (const r of rows) {
    let hit = read.get(r.entity_id);
    if (!hit) {
      // Prototype-less, filled in `ord` order: the same key order as the extension's records.
      hit = { e: { entityId: r.entity_id, entityKind: r.entity_kind, refTime, people: Object.create(null) as EntityEdges['people'] }, rows: 0 };
      read.set(r.entity_id, hit);
      // Rows arrive ordered by entity id (code point order, COLLATE "C"), as the extension's index returns contacts.
      if (r.entity_kind === 'contact' && r.account_id) contactsOf.get(r.account_id)?.push(r.entity_id);
    }
    hit.rows++;
    const stats: KindStats = r.one_way ? { n: r.n, s1: r.s1, s5: r.s5, last: r.last, oneWay: r.one_way } : { n: r.n, s1: r.s1, s5: r.s5, last: r.last };
    if (r.source) stats.source = r.source;
    if (r.url) stats.url = r.url;
    (hit.e.people[r.person_id] ??= {})[r.kind] = stats;
  }
  return { read, contactsOf };
}

/**
 * These page entities' evidence rows (and their accounts' contacts', their topics' skilled colleagues) into
 * `edges`, `contactsOf` and `skilled`: what the cache holds, taken now; what another request is reading, waited
 * for; the rest in one query each (evidence, skills).
 */
async function gatherRows(
  db: Db,
  request: readonly RankRequestEntity[],
  refTime: number,
  cache: RankCache,
  edges: Map<string, EntityEdges | null>,
  contactsOf: Map<string, string[]>,
  skilled: Map<string, string[]>,
): Promise<void> {
  const ids = [...new Set(request.map((e) => e.id))];
  // 1. Take what the cache holds, now.
  for (const e of request) {
    const own = cache.getEdges(e.id);
    if (own !== undefined) edges.set(e.id, own);
    if (e.kind === 'account' && !contactsOf.has(e.id)) {
      const list = cache.contactsOf(e.id);
      const held = list?.map((c) => cache.getEdges(c));
      if (list && held && held.every((x) => x !== undefined)) {
        contactsOf.set(e.id, list);
        list.forEach((c, k) => edges.set(c, held[k]));
      }
    }
    if (e.kind === 'topic') {
      const list = cache.skilledIn(e.id);
      if (list) skilled.set(e.id, list);
    }
  }
  // 2. Wait for what others are reading, then take it too.
  const waits = ids.map((id) => cache.loading(id)).filter((p): p is Promise<void> => !!p);
  if (waits.length) {
    await Promise.all(waits);
    for (const id of ids) {
      if (!edges.has(id)) {
        const own = cache.getEdges(id);
        if (own !== undefined) edges.set(id, own);
      }
    }
  }
  // 3. Read the rest, in one query each (evidence, skills).
  const missing = ids.filter((id) => !edges.has(id));
  const accountIds = [...new Set(request.filter((e) => e.kind === 'account' && !contactsOf.has(e.id)).map((e) => e.id))];
  const topicIds = [...new Set(request.filter((e) => e.kind === 'topic' && !skilled.has(e.id)).map((e) => e.id))];
  if (!missing.length && !accountIds.length && !topicIds.length) return;
  const done = cache.startLoading([...missing, ...accountIds]);
  try {
    const [evidence, skills] = await Promise.all([
      missing.length || accountIds.length
        ? sql<EvidenceRow>`SELECT entity_id, entity_kind, account_id, person_id, kind, n, s1, s5, last, one_way, source, url FROM evidence
            WHERE entity_id = ANY(${missing}::text[]) OR account_id = ANY(${accountIds}::text[])
            ORDER BY entity_id, ord`.execute(db)
        : Promise.resolve({ rows: [] as EvidenceRow[] }),
      topicIds.length
        ? sql<{ topic: string; id: string }>`SELECT t AS topic, p.id FROM people p CROSS JOIN LATERAL unnest(p.skills) AS t
            WHERE p.skills && ${topicIds}::text[] AND t = ANY(${topicIds}::text[]) ORDER BY p.id`.execute(db)
        : Promise.resolve({ rows: [] as Array<{ topic: string; id: string }> }),
    ]);
    const { read, contactsOf: readContacts } = rowsToEdges(evidence.rows, refTime, accountIds);
    for (const id of missing) {
      edges.set(id, read.get(id)?.e ?? null);
      cache.putEdges(id, read.get(id)?.e ?? null, read.get(id)?.rows ?? 1);
    }
    for (const [id, hit] of read) {
      if (!edges.has(id) || edges.get(id) === undefined) edges.set(id, hit.e);
      if (!cache.hasEdges(id)) cache.putEdges(id, hit.e, hit.rows);
    }
    for (const [a, list] of readContacts) {
      contactsOf.set(a, list);
      for (const c of list) edges.set(c, read.get(c)!.e);
      cache.putContacts(a, list);
    }
    const bySkill = new Map<string, string[]>(topicIds.map((t) => [t, []]));
    for (const r of skills.rows) bySkill.get(r.topic)?.push(r.id);
    for (const [t, list] of bySkill) {
      skilled.set(t, list);
      cache.putSkilled(t, list);
    }
  } finally {
    done();
  }
}

/**
 * The page's entities with their graph names (unknown ids dropped), and
 * RankData over one evidence read: the entities' rows and their accounts'
 * contacts' rows, in first-appearance order (`ord`), as the extension stores
 * them. What the cache holds is taken at the start (so an eviction while this
 * request waits changes nothing); what another request is reading right now
 * is waited for, not read twice. An entity whose fold the ranking's cache
 * holds (`cache.evidence`, the usual warm page) is not gathered at all: the
 * ranking reads the fold, not the rows. Should the fold be gone by then (an
 * eviction in between, or a ranking without that cache), the rows are
 * gathered when the ranking asks for them.
 */
export async function pageRankData(
  db: Db,
  request: readonly RankRequestEntity[],
  refTime: number,
  viewer: Viewer,
  visibility: Visibility | undefined,
  cache: RankCache = new RankCache(),
): Promise<{ entities: DetectedEntity[]; data: RankData }> {
  const edges = new Map<string, EntityEdges | null>();
  const contactsOf = new Map<string, string[]>();
  const skilled = new Map<string, string[]>();
  const names = new Map<string, string | null>();
  for (const e of request) {
    const key = `${e.kind}:${e.id}`;
    const name = cache.nameOf(key);
    if (name !== undefined) names.set(key, name);
  }
  /** Page entities gathered (or being gathered) by `kind:id`. */
  const gathered = new Map<string, Promise<void>>();
  const gather = (list: readonly RankRequestEntity[]): Promise<void> => {
    const todo = list.filter((e) => !gathered.has(`${e.kind}:${e.id}`));
    const p = todo.length ? gatherRows(db, todo, refTime, cache, edges, contactsOf, skilled) : Promise.resolve();
    for (const e of todo) gathered.set(`${e.kind}:${e.id}`, p);
    return Promise.all(list.map((e) => gathered.get(`${e.kind}:${e.id}`)!)).then(() => undefined);
  };
  const unnamed = [...new Set(request.filter((e) => !names.has(`${e.kind}:${e.id}`)).map((e) => e.id))];
  const [nameRows] = await Promise.all([
    unnamed.length
      ? sql<{ kind: EntityKind; id: string; name: string }>`
          SELECT 'account' AS kind, id, name FROM accounts WHERE id = ANY(${unnamed}::text[])
          UNION ALL SELECT 'contact', id, name FROM contacts WHERE id = ANY(${unnamed}::text[])
          UNION ALL SELECT 'topic', id, label FROM topics WHERE id = ANY(${unnamed}::text[])`.execute(db)
      : Promise.resolve({ rows: [] as Array<{ kind: EntityKind; id: string; name: string }> }),
    gather(request.filter((e) => !cache.evidence.has(`${e.kind}:${e.id}`))),
  ]);
  const found = new Map(nameRows.rows.map((r) => [`${r.kind}:${r.id}`, r.name]));
  for (const e of request) {
    const key = `${e.kind}:${e.id}`;
    if (names.has(key)) continue;
    names.set(key, found.get(key) ?? null);
    cache.putName(key, found.get(key) ?? null);
  }
  const byId = (ids: readonly string[]) => request.filter((e) => ids.includes(e.id));
  // "Ask me about" (utils/ranking/preferences.ts): colleagues who claim a page topic count as listing it.
  const pageTopics = [...new Set(request.filter((e) => e.kind === 'topic').map((e) => e.id))];
  const claims = pageTopics.length ? await cache.claimsOf(db, pageTopics) : new Map<string, PreferenceMap>();
  const entities: DetectedEntity[] = [];
  for (const e of request) {
    const name = names.get(`${e.kind}:${e.id}`);
    if (name) entities.push({ kind: e.kind, id: e.id, name, via: 'record', focal: e.focal, ...(e.open ? { open: true } : {}), count: 1 });
  }
  const data: RankData = {
    async edges(want) {
      // Page entities not gathered yet (their fold was cached at the start); a contact's rows came with its account.
      await gather(byId(want));
      const out = new Map<string, EntityEdges>();
      for (const id of want) {
        const e = edges.get(id);
        if (e) out.set(id, e);
      }
      return out;
    },
    contactsOfAccount: async (accountId) => {
      await gather(request.filter((e) => e.kind === 'account' && e.id === accountId));
      return contactsOf.get(accountId) ?? [];
    },
    people: (want) => cache.visiblePeople(db, want, viewer, visibility),
    skilled: async (topicId) => {
      await gather(request.filter((e) => e.kind === 'topic' && e.id === topicId));
      return withClaimants(skilled.get(topicId) ?? [], claims.get(topicId), topicId);
    },
  };
  return { entities, data };
}

export interface RankOptions {
  me?: string;
  limit?: number;
  now?: number;
  /** The process's cache (RankCache.use(revision) first). */
  cache?: RankCache;
  /** Works-council mode: its colleague default (utils/governance/consent.ts). */
  worksCouncil?: WorksCouncil;
  /** As the graph has it, without the colleagues' preferences (the colleague's own view). */
  asGraph?: boolean;
}

/** Ranked colleagues for the page's entities; never the viewer, never a colleague the viewer may not see. */
export async function rankForViewer(
  db: Db,
  request: readonly RankRequestEntity[],
  refTime: number,
  viewer: Viewer,
  visibility: Visibility | undefined,
  o: RankOptions = {},
): Promise<Suggestion[]> {
  const { entities, data } = await pageRankData(db, request, refTime, viewer, visibility, o.cache);
  if (!entities.length) return [];
  const meId = viewer.personId ?? o.me ?? null;
  // Shown only once opted in (works-council mode): their own opt-in counts as much as the graph's.
  const optedIn = o.worksCouncil?.enabled && o.worksCouncil.colleagueDefault === 'shown-once-opted-in' ? await (o.cache ? o.cache.optedInIds(db) : optedInIds(db)) : null;
  const consentOf = optedIn ? (id: string) => (optedIn.has(id) ? ('in' as const) : undefined) : undefined;
  const out = await rankEntities(data, entities, { meId, limit: o.limit ?? 20, now: o.now, evidenceCache: o.cache?.evidence, evidenceCacheMax: FOLDED_MAX, worksCouncil: o.worksCouncil, consentOf });
  // The viewer never sees themselves, whatever `me` the request named.
  const shown = out.filter((s) => s.person.id !== viewer.personId && s.person.id !== o.me);
  if (o.asGraph) return shown;
  // Who is shown for what: the colleagues' own preferences, with the extension's one rule.
  const ids = shown.map((s) => s.person.id);
  const prefs = o.cache ? await o.cache.preferences(db, ids) : await readPreferences(db, ids);
  return applyPreferences(shown, entities.map((e) => e.id), prefs, { now: o.now ?? Date.now(), focalIds: entities.filter((e) => e.focal).map((e) => e.id) });
}

/** Colleagues who opted in themselves (preferences; an opt-out never reaches the ranking: visibility.ts). */
async function optedInIds(db: Db): Promise<Set<string>> {
  const r = await sql<{ person_id: string }>`SELECT person_id FROM preferences WHERE consent = 'in'`.execute(db);
  return new Set(r.rows.map((x) => x.person_id));
}
