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
): Promise<{ entities: DetectedEntity[]; data: RankData }> {
  const ids = [...new Set(request.map((e) => e.id))];
  const accountIds = [...new Set(request.filter((e) => e.kind === 'account').map((e) => e.id))];
  const topicIds = [...new Set(request.filter((e) => e.kind === 'topic').map((e) => e.id))];
  const [names, evidence, skills] = await Promise.all([
    sql<{ kind: EntityKind; id: string; name: string }>`
      SELECT 'account' AS kind, id, name FROM accounts WHERE id = ANY(${ids}::text[])
      UNION ALL SELECT 'contact', id, name FROM contacts WHERE id = ANY(${ids}::text[])
      UNION ALL SELECT 'topic', id, label FROM topics WHERE id = ANY(${ids}::text[])`.execute(db),
    sql<EvidenceRow>`SELECT entity_id, entity_kind, account_id, person_id, kind, n, s1, s5, last, one_way FROM evidence
      WHERE entity_id = ANY(${ids}::text[]) OR account_id = ANY(${accountIds}::text[])
      ORDER BY entity_id, ord`.execute(db),
    topicIds.length
      ? sql<{ topic: string; id: string }>`SELECT t AS topic, p.id FROM people p CROSS JOIN LATERAL unnest(p.skills) AS t
          WHERE p.skills && ${topicIds}::text[] AND t = ANY(${topicIds}::text[]) ORDER BY p.id`.execute(db)
      : Promise.resolve({ rows: [] as Array<{ topic: string; id: string }> }),
  ]);
  const nameOf = new Map(names.rows.map((r) => [`${r.kind}:${r.id}`, r.name]));
  const entities: DetectedEntity[] = [];
  for (const e of request) {
    const name = nameOf.get(`${e.kind}:${e.id}`);
    if (name !== undefined) entities.push({ kind: e.kind, id: e.id, name, via: 'record', focal: e.focal, count: 1 });
  }
  const edges = new Map<string, EntityEdges>();
  const contactsOf = new Map<string, string[]>();
  for (const r of evidence.rows) {
    let e = edges.get(r.entity_id);
    if (!e) {
      // Prototype-less, filled in `ord` order: the same key order as the extension's records.
      e = { entityId: r.entity_id, entityKind: r.entity_kind, refTime, people: Object.create(null) as EntityEdges['people'] };
      edges.set(r.entity_id, e);
      if (r.entity_kind === 'contact' && r.account_id) {
        const list = contactsOf.get(r.account_id) ?? [];
        list.push(r.entity_id);
        contactsOf.set(r.account_id, list);
      }
    }
    const stats: KindStats = r.one_way ? { n: r.n, s1: r.s1, s5: r.s5, last: r.last, oneWay: r.one_way } : { n: r.n, s1: r.s1, s5: r.s5, last: r.last };
    (e.people[r.person_id] ??= {})[r.kind] = stats;
  }
  const skilled = new Map<string, string[]>();
  for (const r of skills.rows) {
    const list = skilled.get(r.topic) ?? [];
    list.push(r.id);
    skilled.set(r.topic, list);
  }
  const data: RankData = {
    async edges(want) {
      const out = new Map<string, EntityEdges>();
      for (const id of want) {
        const e = edges.get(id);
        if (e) out.set(id, e);
      }
      return out;
    },
    // Rows arrive ordered by entity id (code point order, COLLATE "C"), as the extension's index returns contacts.
    contactsOfAccount: async (accountId) => contactsOf.get(accountId) ?? [],
    people: (want) => visiblePeople(db, want, viewer, visibility),
    skilled: async (topicId) => skilled.get(topicId) ?? [],
  };
  return { entities, data };
}

export interface RankOptions {
  me?: string;
  limit?: number;
  now?: number;
  evidenceCache?: EvidenceCache;
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
  const { entities, data } = await pageRankData(db, request, refTime, viewer, visibility);
  if (!entities.length) return [];
  const meId = viewer.personId ?? o.me ?? null;
  const out = await rankEntities(data, entities, { meId, limit: o.limit ?? 20, now: o.now, evidenceCache: o.evidenceCache });
  // The viewer never sees themselves, whatever `me` the request named.
  return out.filter((s) => s.person.id !== viewer.personId && s.person.id !== o.me);
}
