/**
 * GET /v1/me/profile and GET /v1/recurring (issue 15): the viewer's own view
 * and recurring problems, with the extension's own pure code
 * (utils/ranking/own-view.ts, recurring.ts). The own view ranks each of the
 * viewer's customers and topics as the graph has it and shows the viewer
 * where they stand, in the ranking's own suggestion; it names nobody else.
 */
import { sql } from 'kysely';
import type { EntityKind, InteractionKind, Person } from '../../utils/graph/model';
import { ownEntries, strongestFirst, OWN_VIEW_RANK_LIMIT, type OwnEntry, type OwnEvidence } from '../../utils/ranking/own-view';
import { applyPreferences, type ColleaguePreferences } from '../../utils/ranking/preferences';
import { rankEntities, summarize } from '../../utils/ranking/rank';
import { recurringProblems, type CaseFact, type RecurringTopic } from '../../utils/ranking/recurring';
import type { PersonSummary } from '../../utils/ranking/types';
import type { Visibility } from '../config';
import type { Db } from '../db/database';
import { readPreferences } from './preferences';
import { pageRankData, type RankCache } from './rank';
import type { Viewer } from './visibility';

export interface ServerOwnProfile {
  person: PersonSummary | null;
  preferences: ColleaguePreferences;
  entries: OwnEntry[];
  topics: Array<{ id: string; name: string }>;
}

/** The viewer's own view (lookups are added by the caller from the audit). */
export async function ownProfile(db: Db, viewer: Viewer, visibility: Visibility | undefined, refTime: number, now: number, cache?: RankCache): Promise<ServerOwnProfile> {
  const topics = (await sql<{ id: string; name: string }>`SELECT id, label AS name FROM topics ORDER BY label, id LIMIT 5000`.execute(db)).rows;
  const selfId = viewer.personId;
  if (!selfId) return { person: null, preferences: {}, entries: [], topics };
  const self = (await sql<{ record: Person }>`SELECT record FROM people WHERE id = ${selfId}`.execute(db)).rows[0]?.record;
  if (!self) return { person: null, preferences: {}, entries: [], topics };
  const prefs = (await readPreferences(db, [selfId]))[selfId] ?? {};
  // A contact's evidence counts for its account (as the ranking counts it); the account's own rows already hold
  // interactions that named both, so only contact rows beyond them are added.
  const rows = await sql<{ entity_id: string; entity_kind: EntityKind; account_id: string | null; kind: InteractionKind; n: number; last: string }>`
    SELECT entity_id, entity_kind, account_id, kind, n, last FROM evidence WHERE person_id = ${selfId}`.execute(db);
  const byEntity = new Map<string, { kind: EntityKind; id: string; evidence: OwnEvidence[] }>();
  const put = (kind: EntityKind, id: string, v: OwnEvidence) => {
    const key = `${kind}:${id}`;
    let e = byEntity.get(key);
    if (!e) byEntity.set(key, (e = { kind, id, evidence: [] }));
    const same = e.evidence.find((x) => x.kind === v.kind);
    if (!same) e.evidence.push({ ...v });
    else {
      same.count = Math.max(same.count, v.count);
      if (v.last && (!same.last || v.last > same.last)) same.last = v.last;
    }
  };
  for (const r of rows.rows) {
    if (r.entity_kind === 'contact') {
      if (r.account_id) put('account', r.account_id, { kind: r.kind, count: r.n, last: r.last });
    } else put(r.entity_kind, r.entity_id, { kind: r.kind, count: r.n, last: r.last });
  }
  const candidates = strongestFirst([...byEntity.values()]);
  const topicIds = [...(self.skills ?? []), ...(prefs.askMeAbout ?? [])];
  for (const id of topicIds) if (!candidates.some((c) => c.kind === 'topic' && c.id === id)) candidates.push({ kind: 'topic', id, evidence: [] });
  for (const id of prefs.hidden ?? []) if (!candidates.some((c) => c.id === id)) candidates.push({ kind: 'account', id, evidence: [] }, { kind: 'topic', id, evidence: [] });
  const names = await sql<{ kind: EntityKind; id: string; name: string }>`
    SELECT 'account' AS kind, id, name FROM accounts WHERE id = ANY(${candidates.filter((c) => c.kind === 'account').map((c) => c.id)}::text[])
    UNION ALL SELECT 'topic', id, label FROM topics WHERE id = ANY(${candidates.filter((c) => c.kind === 'topic').map((c) => c.id)}::text[])`.execute(db);
  const nameOf = new Map(names.rows.map((r) => [`${r.kind}:${r.id}`, r.name]));
  const named = candidates.flatMap((c) => (nameOf.has(`${c.kind}:${c.id}`) ? [{ ...c, name: nameOf.get(`${c.kind}:${c.id}`)! }] : []));
  // Others' view: ranked for a viewer who is not this colleague (opted out: suggested nowhere, as others see it).
  const other: Viewer = { email: '', scope: viewer.scope };
  const asSeen = { [selfId]: { ...prefs, hidden: [], consent: 'in' as const } };
  const entries = await ownEntries(selfId, named, prefs, async (entity) => {
    const { entities, data } = await pageRankData(db, [{ kind: entity.kind, id: entity.id, focal: true }], refTime, other, visibility, cache);
    if (!entities.length) return [];
    const list = await rankEntities(data, entities, { meId: null, limit: OWN_VIEW_RANK_LIMIT, now });
    return applyPreferences(list, [entity.id], asSeen, { now });
  });
  return { person: summarize(self), preferences: prefs, entries, topics };
}

/** Case facts of the last two periods (no person read), per process and graph revision and day. */
export class RecurringCache {
  private hit: { key: string; value: Promise<CaseFact[]> } | null = null;

  facts(db: Db, revision: string, now: number, days: number): Promise<CaseFact[]> {
    const from = new Date(now - 2 * days * 86_400_000).toISOString().slice(0, 10);
    const key = `${revision}#${from}`;
    if (this.hit?.key !== key) {
      const value = sql<{ kind: InteractionKind; day: string; account_id: string; topic_ids: string[] }>`
        SELECT kind, day, account_id, topic_ids FROM interactions
        WHERE kind IN ('case-open', 'case-resolved') AND account_id IS NOT NULL AND cardinality(topic_ids) > 0 AND day >= ${from}`
        .execute(db)
        .then((r) => r.rows.map((x): CaseFact => ({ kind: x.kind, date: x.day, accountId: x.account_id, topicIds: x.topic_ids })));
      this.hit = { key, value };
      value.catch(() => (this.hit = null));
    }
    return this.hit.value;
  }
}

export async function recurringFor(db: Db, cache: RecurringCache, revision: string, now: number, days: number, minGroup: number): Promise<Array<RecurringTopic & { name: string }>> {
  const topics = recurringProblems(await cache.facts(db, revision, now, days), { now, days, minGroup });
  const names = await sql<{ id: string; label: string }>`SELECT id, label FROM topics WHERE id = ANY(${topics.map((x) => x.topicId)}::text[])`.execute(db);
  const nameOf = new Map(names.rows.map((r) => [r.id, r.label]));
  return topics.flatMap((x) => (nameOf.has(x.topicId) ? [{ ...x, name: nameOf.get(x.topicId)! }] : []));
}
