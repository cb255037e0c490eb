/**
 * The end of an import: evidence from the staged interactions, the
 * dictionary's changes, and the switch that makes the staged graph live, in
 * one transaction (replace), or the merge of the staged records into the
 * live graph, also in one transaction (merge). See server.design.md.
 */
import { sql, type Transaction } from 'kysely';
import type { GraphCounts, GraphMeta } from '../../utils/graph/model';
import type { Db } from '../db/database';
import type { Tables } from '../db/schema';
import { GRAPH_TABLES } from './staging';

type Tx = Transaction<Tables>;
const t = (name: string) => sql.table(name);

/**
 * Evidence per (entity, person, kind), summed in input order (`ORDER BY seq`,
 * as the extension's EdgeAccumulator adds), with each entity's first
 * appearance order (`ord`). Contacts' rows carry their account.
 * `only`: a table of entity ids to compute (merge); all otherwise.
 */
function evidenceInsert(prefix: '' | 'stage_', only?: string) {
  const interactions = t(`${prefix}interactions`);
  const contacts = t(`${prefix}contacts`);
  const target = t(`${prefix}evidence`);
  // Only these entities (a merge): each branch filtered on its own column, so each can use its index.
  const ids = only ? sql`(SELECT entity_id FROM ${t(only)})` : null;
  const accountIf = ids ? sql`AND i.account_id IN ${ids}` : sql``;
  const contactIf = ids ? sql`AND i.contact_id IN ${ids}` : sql``;
  const topicIf = ids ? sql`WHERE i.topic_ids && ARRAY(SELECT entity_id FROM ${t(only!)}) AND tid IN ${ids}` : sql``;
  // source, url: those of the latest interaction, the same day's later one in input order (EdgeAccumulator).
  return sql`INSERT INTO ${target} (entity_id, person_id, kind, entity_kind, account_id, ord, n, s1, s5, last, one_way, source, url)
    SELECT x.entity_id, x.person_id, x.kind, min(x.entity_kind), min(x.account_id), min(x.seq),
      sum(x.n ORDER BY x.seq), sum(x.d1 ORDER BY x.seq), sum(x.d5 ORDER BY x.seq), max(x.day), sum(x.one_way ORDER BY x.seq),
      (array_agg(x.record->>'source' ORDER BY x.day COLLATE "C" DESC, x.seq DESC))[1],
      (array_agg(x.record->>'url' ORDER BY x.day COLLATE "C" DESC, x.seq DESC))[1]
    FROM (
      SELECT i.account_id AS entity_id, 'account' AS entity_kind, NULL::text AS account_id, i.person_id, i.kind, i.seq, i.n, i.d1, i.d5, i.day, i.one_way, i.record
        FROM ${interactions} i WHERE i.account_id IS NOT NULL ${accountIf}
      UNION ALL
      SELECT i.contact_id, 'contact', c.account_id, i.person_id, i.kind, i.seq, i.n, i.d1, i.d5, i.day, i.one_way, i.record
        FROM ${interactions} i LEFT JOIN ${contacts} c ON c.id = i.contact_id WHERE i.contact_id IS NOT NULL ${contactIf}
      UNION ALL
      SELECT tid, 'topic', NULL, i.person_id, i.kind, i.seq, i.n, i.d1, i.d5, i.day, i.one_way, i.record
        FROM ${interactions} i CROSS JOIN LATERAL unnest(i.topic_ids) AS tid ${topicIf}
    ) x
    GROUP BY x.entity_id, x.person_id, x.kind`;
}

export async function stageEvidence(db: Db): Promise<void> {
  await evidenceInsert('stage_').execute(db);
}

/** Dictionary items as the contract words them (docs/graph-api.yaml), from the graph tables with this prefix. */
function dictionaryItems(prefix: '' | 'stage_') {
  return sql`
    SELECT 'topic' AS kind, id, 0 AS korder, jsonb_build_object('type', 'topic') || record AS item FROM ${t(`${prefix}topics`)}
    UNION ALL
    SELECT 'account', id, 1, (jsonb_build_object('type', 'account') || record) - 'industry' - 'country' - 'ownerId' - 'url' FROM ${t(`${prefix}accounts`)}
    UNION ALL
    SELECT 'contact', id, 2, (jsonb_build_object('type', 'contact') || record) - 'title' FROM ${t(`${prefix}contacts`)}
    UNION ALL
    SELECT 'person', id, 3, (jsonb_build_object('type', 'person') || record) - 'discoverable' FROM ${t(`${prefix}people`)} WHERE discoverable
    UNION ALL
    SELECT DISTINCT 'domain', split_part(email, '@', 2), 4, jsonb_build_object('type', 'domain', 'domain', split_part(email, '@', 2))
      FROM ${t(`${prefix}people`)} WHERE email LIKE '%_@_%'`;
}

/**
 * New and changed items get the next revisions (in dependency order); items no
 * longer there (removed by a replace, or a colleague no longer discoverable)
 * become tombstones. A merge only adds or changes records, so it compares only
 * the records it staged (and the domains, derived from every colleague's email):
 * its cost follows the change, not the graph.
 */
async function applyDictionary(tx: Tx, merge = false): Promise<void> {
  const only = merge
    ? sql`WHERE (d.kind = 'topic' AND d.id IN (SELECT id FROM stage_topics)) OR (d.kind = 'account' AND d.id IN (SELECT id FROM stage_accounts))
        OR (d.kind = 'contact' AND d.id IN (SELECT id FROM stage_contacts)) OR (d.kind = 'person' AND d.id IN (SELECT id FROM stage_people)) OR d.kind = 'domain'`
    : sql``;
  // Items are kept as the JSON text they are sent as (jsonb's text output cost more than the rest of a page).
  await sql`CREATE TEMP TABLE next_dictionary ON COMMIT DROP AS SELECT d.kind, d.id, d.korder, d.item::text AS item FROM (${dictionaryItems('')}) d ${only}`.execute(tx);
  await sql`INSERT INTO dictionary (kind, id, korder, rev, deleted, item)
    SELECT s.kind, s.id, s.korder, nextval('dictionary_rev'), false, s.item FROM (
      SELECT n.* FROM next_dictionary n LEFT JOIN dictionary d ON d.kind = n.kind AND d.id = n.id
      WHERE d.id IS NULL OR d.deleted OR d.item IS DISTINCT FROM n.item
      ORDER BY n.korder, n.id) s
    ON CONFLICT (kind, id) DO UPDATE SET rev = excluded.rev, deleted = false, item = excluded.item, korder = excluded.korder`.execute(tx);
  // Gone: for a replace, anything not in the next dictionary; for a merge, the staged colleagues no
  // longer discoverable and domains no colleague's address has any more.
  const scope = merge ? sql`AND ((d2.kind = 'person' AND d2.id IN (SELECT id FROM stage_people)) OR d2.kind = 'domain')` : sql``;
  await sql`UPDATE dictionary d SET deleted = true, item = NULL, rev = nextval('dictionary_rev')
    FROM (SELECT kind, id FROM dictionary d2 WHERE NOT d2.deleted ${scope}
          AND NOT EXISTS (SELECT 1 FROM next_dictionary n WHERE n.kind = d2.kind AND n.id = d2.id)
          ORDER BY d2.korder DESC, d2.id) gone
    WHERE d.kind = gone.kind AND d.id = gone.id`.execute(tx);
}

export async function writeMeta(tx: Tx | Db, meta: GraphMeta & { refTime: number }): Promise<void> {
  await sql`INSERT INTO kenner_meta (key, value) VALUES ('graph', ${JSON.stringify(meta)}::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(tx);
}

/** Replace: the staged tables become the live ones (renames), the dictionary records the difference; one transaction. */
export async function commitReplace(db: Db, meta: GraphMeta & { refTime: number }): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const name of GRAPH_TABLES) {
      await sql`DROP TABLE ${t(name)}`.execute(tx);
      await sql`ALTER TABLE ${t(`stage_${name}`)} RENAME TO ${t(name)}`.execute(tx);
      const idx = await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ${name}`.execute(tx);
      for (const { indexname } of idx.rows) {
        if (indexname.startsWith('stage_')) await sql`ALTER INDEX ${t(indexname)} RENAME TO ${t(indexname.slice('stage_'.length))}`.execute(tx);
      }
    }
    await applyDictionary(tx);
    await writeMeta(tx, meta);
  });
  await sql`ANALYZE`.execute(db);
}

/** Merge: staged records upsert the live ones by id; interactions with an id replace the stored one; evidence of every touched entity is recomputed. One transaction. */
export async function commitMerge(db: Db, meta: GraphMeta & { refTime: number }): Promise<GraphCounts> {
  const counts = await db.transaction().execute(async (tx) => {
    await sql`INSERT INTO people SELECT * FROM stage_people ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email,
      discoverable = excluded.discoverable, country = excluded.country, department = excluded.department, location = excluded.location,
      skills = excluded.skills, record = excluded.record`.execute(tx);
    await sql`INSERT INTO accounts SELECT * FROM stage_accounts ON CONFLICT (id) DO UPDATE SET name = excluded.name, record = excluded.record`.execute(tx);
    await sql`INSERT INTO contacts SELECT * FROM stage_contacts ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email,
      account_id = excluded.account_id, record = excluded.record`.execute(tx);
    await sql`INSERT INTO topics SELECT * FROM stage_topics ON CONFLICT (id) DO UPDATE SET label = excluded.label, record = excluded.record`.execute(tx);
    await sql`CREATE TEMP TABLE touched (entity_id text COLLATE "C" PRIMARY KEY) ON COMMIT DROP`.execute(tx);
    const touch = (from: string) => sql`INSERT INTO touched
      SELECT DISTINCT e FROM ${t(from)} i CROSS JOIN LATERAL unnest(i.topic_ids || ARRAY[i.account_id, i.contact_id]) AS e
      WHERE e IS NOT NULL ON CONFLICT DO NOTHING`;
    // Interactions replaced by id: their entities are touched too.
    await sql`CREATE TEMP TABLE replaced ON COMMIT DROP AS SELECT i.* FROM interactions i JOIN stage_interactions s ON s.id = i.id`.execute(tx);
    await touch('replaced').execute(tx);
    await touch('stage_interactions').execute(tx);
    await sql`DELETE FROM interactions i USING stage_interactions s WHERE i.id = s.id`.execute(tx);
    await sql`INSERT INTO interactions SELECT s.seq + COALESCE((SELECT max(seq) FROM interactions), 0), s.id, s.person_id, s.kind, s.day, s.n,
      s.d1, s.d5, s.one_way, s.account_id, s.contact_id, s.topic_ids, s.record FROM stage_interactions s`.execute(tx);
    await sql`DELETE FROM evidence WHERE entity_id IN (SELECT entity_id FROM touched)`.execute(tx);
    await evidenceInsert('', 'touched').execute(tx);
    // A contact that moved to another account takes its evidence along.
    await sql`UPDATE evidence e SET account_id = c.account_id FROM stage_contacts c WHERE e.entity_id = c.id AND e.entity_kind = 'contact'
      AND e.account_id IS DISTINCT FROM c.account_id`.execute(tx);
    await applyDictionary(tx, true);
    const c = await sql<GraphCounts>`SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM accounts)::int AS accounts,
      (SELECT count(*) FROM contacts)::int AS contacts, (SELECT count(*) FROM topics)::int AS topics,
      (SELECT count(*) FROM interactions)::int AS interactions`.execute(tx);
    await writeMeta(tx, { ...meta, counts: c.rows[0] });
    return c.rows[0];
  });
  // No ANALYZE after a merge: it changes a fraction of the tables, and autovacuum's analyze
  // follows the change (an ANALYZE of the whole database took longer than the merge itself).
  return counts;
}
