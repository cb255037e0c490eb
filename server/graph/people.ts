/**
 * People search and one person. Search is the extension's own
 * (utils/ranking/search.ts) over an index of the discoverable colleagues,
 * built per graph revision; its hits are then read through the visibility
 * condition, so a hit the viewer may not see is never returned.
 */
import { sql } from 'kysely';
import type { Account, Person, Topic } from '../../utils/graph/model';
import { buildSearchIndex, searchPeople, type SearchIndex } from '../../utils/ranking/search';
import type { PersonHit } from '../../utils/ranking/types';
import type { DetectedEntity } from '../../utils/spotting/types';
import type { Suggestion } from '../../utils/ranking/types';
import type { Visibility } from '../config';
import type { Db } from '../db/database';
import { visiblePeople } from './rank';
import { visibleTo, type Viewer } from './visibility';

export async function loadSearchIndex(db: Db): Promise<SearchIndex> {
  const [people, accounts, topics] = await Promise.all([
    sql<{ record: Person }>`SELECT record FROM people WHERE discoverable ORDER BY id`.execute(db),
    sql<{ id: string; name: string; aliases: string[] | null }>`SELECT id, name, ARRAY(SELECT jsonb_array_elements_text(COALESCE(record->'aliases', '[]'))) AS aliases FROM accounts ORDER BY id`.execute(db),
    sql<{ record: Topic }>`SELECT record FROM topics ORDER BY id`.execute(db),
  ]);
  return buildSearchIndex({
    people: people.rows.map((r) => r.record),
    accounts: accounts.rows.map((r): Pick<Account, 'id' | 'name' | 'aliases'> => ({ id: r.id, name: r.name, aliases: r.aliases?.length ? r.aliases : undefined })),
    topics: topics.rows.map((r) => r.record),
  });
}

/** Search hits the viewer may see, best first. */
export async function searchForViewer(
  db: Db,
  index: SearchIndex,
  q: string,
  limit: number,
  viewer: Viewer,
  visibility: Visibility | undefined,
  rank: (entities: DetectedEntity[]) => Promise<Suggestion[]>,
): Promise<PersonHit[]> {
  // Read a few more than asked: some hits may be out of the viewer's scope.
  const hits = await searchPeople(index, q, { limit: Math.min(limit * 3, 300), rank });
  const visible = await visiblePeople(db, hits.map((h) => h.person.id), viewer, visibility);
  return hits.filter((h) => visible.has(h.person.id) && h.person.id !== viewer.personId).slice(0, limit);
}

/** One colleague, if the viewer may see them (else undefined: 404, indistinguishable from absent). */
export async function personForViewer(db: Db, id: string, viewer: Viewer, visibility: Visibility | undefined): Promise<Person | undefined> {
  const rows = await sql<{ record: Person }>`SELECT p.record FROM people p WHERE p.id = ${id} AND ${visibleTo(viewer, visibility)}`.execute(db);
  return rows.rows[0]?.record;
}

/** The viewer's own colleague record, by the token's email (lower case). */
export async function viewerOf(db: Db, email: string, visibility: Visibility | undefined): Promise<Viewer> {
  const rows = await sql<{ id: string; scope: string | null }>`SELECT id, ${visibility ? sql.ref(visibility.field) : sql`NULL::text`} AS scope
    FROM people WHERE email = ${email} ORDER BY id LIMIT 1`.execute(db);
  const r = rows.rows[0];
  return { email, personId: r?.id, scope: r?.scope ?? undefined };
}
