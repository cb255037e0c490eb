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
import type { Db } from '../db/database';
import { visibleTo, type Viewer } from './visibility';

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

  constructor(private readonly maxRows = 1_000_000) {}

  /** Drops everything when the graph changed. */
  use(revision: string): this {
    if (revision !== this.revision) {
      this.revision = revision;
      this.edges = new Map();
      this.contacts = new Map();
      this.skilled = new Map();
      this.names = new Map();
      this.rows = 0;
      this.evidence = new Map();
    }
    return this;
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
export async function pageRankData(
  db: Db,
  request: readonly RankRequestEntity[],
  refTime: number,
  viewer: Viewer,
  visibility: Visibility | undefined,
  cache: RankCache = new RankCache(),
): Promise<{ entities: DetectedEntity[]; data: RankData }> {
  const ids = [...new Set(request.map((e) => e.id))];
  const unnamed = [...new Set(request.filter((e) => cache.nameOf(`${e.kind}:${e.id}`) === undefined).map((e) => e.id))];
  // Only what the cache does not hold: the entities' own rows, and the rows of the contacts of accounts not yet read.
  const missing = ids.filter((id) => !cache.hasEdges(id));
  const accountIds = [...new Set(request.filter((e) => e.kind === 'account' && cache.contactsOf(e.id) === undefined).map((e) => e.id))];
  const topicIds = [...new Set(request.filter((e) => e.kind === 'topic' && cache.skilledIn(e.id) === undefined).map((e) => e.id))];
  const [names, evidence, skills] = await Promise.all([
    unnamed.length
      ? sql<{ kind: EntityKind; id: string; name: string }>`
          SELECT 'account' AS kind, id, name FROM accounts WHERE id = ANY(${unnamed}::text[])
          UNION ALL SELECT 'contact', id, name FROM contacts WHERE id = ANY(${unnamed}::text[])
          UNION ALL SELECT 'topic', id, label FROM topics WHERE id = ANY(${unnamed}::text[])`.execute(db)
      : Promise.resolve({ rows: [] as Array<{ kind: EntityKind; id: string; name: string }> }),
    missing.length || accountIds.length
      ? sql<EvidenceRow>`SELECT entity_id, entity_kind, account_id, person_id, kind, n, s1, s5, last, one_way FROM evidence
          WHERE entity_id = ANY(${missing}::text[]) OR account_id = ANY(${accountIds}::text[])
          ORDER BY entity_id, ord`.execute(db)
      : Promise.resolve({ rows: [] as EvidenceRow[] }),
    topicIds.length
      ? sql<{ topic: string; id: string }>`SELECT t AS topic, p.id FROM people p CROSS JOIN LATERAL unnest(p.skills) AS t
          WHERE p.skills && ${topicIds}::text[] AND t = ANY(${topicIds}::text[]) ORDER BY p.id`.execute(db)
      : Promise.resolve({ rows: [] as Array<{ topic: string; id: string }> }),
  ]);
  const nameOf = new Map(names.rows.map((r) => [`${r.kind}:${r.id}`, r.name]));
  const entities: DetectedEntity[] = [];
  for (const e of request) {
    const key = `${e.kind}:${e.id}`;
    let name = cache.nameOf(key);
    if (name === undefined) {
      name = nameOf.get(key) ?? null;
      cache.putName(key, name);
    }
    if (name !== null) entities.push({ kind: e.kind, id: e.id, name, via: 'record', focal: e.focal, count: 1 });
  }
  const read = new Map<string, { e: EntityEdges; rows: number }>();
  const contactsOf = new Map<string, string[]>(accountIds.map((a) => [a, []]));
  for (const r of evidence.rows) {
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
    (hit.e.people[r.person_id] ??= {})[r.kind] = stats;
  }
  for (const id of missing) cache.putEdges(id, read.get(id)?.e ?? null, read.get(id)?.rows ?? 1);
  for (const [id, hit] of read) if (!cache.hasEdges(id)) cache.putEdges(id, hit.e, hit.rows);
  for (const [a, list] of contactsOf) cache.putContacts(a, list);
  const skilled = new Map<string, string[]>(topicIds.map((t) => [t, []]));
  for (const r of skills.rows) skilled.get(r.topic)?.push(r.id);
  for (const [t, list] of skilled) cache.putSkilled(t, list);
  const local = (id: string) => read.get(id)?.e ?? cache.getEdges(id) ?? undefined;
  const data: RankData = {
    async edges(want) {
      const out = new Map<string, EntityEdges>();
      for (const id of want) {
        const e = local(id);
        if (e) out.set(id, e);
      }
      return out;
    },
    contactsOfAccount: async (accountId) => contactsOf.get(accountId) ?? cache.contactsOf(accountId) ?? [],
    people: (want) => visiblePeople(db, want, viewer, visibility),
    skilled: async (topicId) => skilled.get(topicId) ?? cache.skilledIn(topicId) ?? [],
  };
  return { entities, data };
}

export interface RankOptions {
  me?: string;
  limit?: number;
  now?: number;
  /** The process's cache (RankCache.use(revision) first). */
  cache?: RankCache;
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
  const out = await rankEntities(data, entities, { meId, limit: o.limit ?? 20, now: o.now, evidenceCache: o.cache?.evidence });
  // The viewer never sees themselves, whatever `me` the request named.
  return out.filter((s) => s.person.id !== viewer.personId && s.person.id !== o.me);
}
