/**
 * Colleagues' own preferences on the service (issue 15): stored per person in
 * `preferences` (migration 0005) and applied with the extension's own rule
 * (utils/ranking/preferences.ts) to rank, search and people answers; an
 * opted-out colleague is excluded by the visibility condition itself
 * (visibility.ts), so they leave the database for no one, the dictionary
 * included.
 */
import { sql } from 'kysely';
import type { ColleaguePreferences, PreferenceMap } from '../../utils/ranking/preferences';
import type { Db } from '../db/database';

interface Row {
  person_id: string;
  consent: 'in' | 'out' | null;
  hidden: string[];
  ask: string[];
  away_until: string | null;
}

function fromRow(r: Row): ColleaguePreferences {
  const p: ColleaguePreferences = {};
  if (r.consent) p.consent = r.consent;
  if (r.hidden.length) p.hidden = r.hidden;
  if (r.ask.length) p.askMeAbout = r.ask;
  if (r.away_until) p.awayUntil = r.away_until;
  return p;
}

/** The preferences of these colleagues (those who have any). */
export async function readPreferences(db: Db, personIds: readonly string[]): Promise<PreferenceMap> {
  if (!personIds.length) return {};
  const r = await sql<Row>`SELECT person_id, consent, hidden, ask, away_until FROM preferences WHERE person_id = ANY(${[...personIds]}::text[])`.execute(db);
  return Object.fromEntries(r.rows.map((row) => [row.person_id, fromRow(row)]));
}

/** The preferences of the colleagues who claim one of these topics ("ask me about"). */
export async function readClaims(db: Db, topicIds: readonly string[]): Promise<PreferenceMap> {
  if (!topicIds.length) return {};
  const r = await sql<Row>`SELECT person_id, consent, hidden, ask, away_until FROM preferences WHERE ask && ${[...topicIds]}::text[] ORDER BY person_id`.execute(db);
  return Object.fromEntries(r.rows.map((row) => [row.person_id, fromRow(row)]));
}

/** Replaces one colleague's preferences (all absent: the row goes) and moves the preferences revision on. */
export async function writePreferences(db: Db, personId: string, p: ColleaguePreferences): Promise<ColleaguePreferences> {
  const hidden = [...new Set(p.hidden ?? [])];
  const ask = [...new Set(p.askMeAbout ?? [])];
  await db.transaction().execute(async (tx) => {
    if (!p.consent && !hidden.length && !ask.length && !p.awayUntil) await sql`DELETE FROM preferences WHERE person_id = ${personId}`.execute(tx);
    else
      await sql`INSERT INTO preferences (person_id, consent, hidden, ask, away_until, updated_at)
        VALUES (${personId}, ${p.consent ?? null}, ${hidden}::text[], ${ask}::text[], ${p.awayUntil ?? null}, now())
        ON CONFLICT (person_id) DO UPDATE SET consent = EXCLUDED.consent, hidden = EXCLUDED.hidden, ask = EXCLUDED.ask, away_until = EXCLUDED.away_until, updated_at = now()`.execute(tx);
    await sql`UPDATE kenner_meta SET value = to_jsonb(COALESCE((value #>> '{}')::bigint, 0) + 1) WHERE key = 'preferences_rev'`.execute(tx);
  });
  return fromRow({ person_id: personId, consent: p.consent ?? null, hidden, ask, away_until: p.awayUntil ?? null });
}

/** Changes with every write of any colleague's preferences (part of the rank cache's key). */
export async function preferencesRevision(db: Db): Promise<string> {
  const r = await sql<{ v: string | null }>`SELECT value #>> '{}' AS v FROM kenner_meta WHERE key = 'preferences_rev'`.execute(db);
  return r.rows[0]?.v ?? '0';
}
