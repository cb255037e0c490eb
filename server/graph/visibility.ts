/**
 * Who a viewer may be shown, enforced in every query that reads colleagues:
 * never a non-discoverable one, and with KENNER_VISIBILITY, colleagues whose
 * scope field (country, department or location) is a closed value only to
 * viewers with the same value (a legal entity that shares only inside itself).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Visibility } from '../config';

export interface Viewer {
  /** Lower-case email or UPN from the token. */
  email: string;
  /** The viewer's own colleague record, when the graph has one. */
  personId?: string;
  /** The viewer's value of the visibility field. */
  scope?: string;
}

/** A colleague who said "don't suggest me" (utils/ranking/preferences.ts) is shown to no one, like a non-discoverable one. */
const notOptedOut = sql<boolean>`NOT EXISTS (SELECT 1 FROM preferences x WHERE x.person_id = p.id AND x.consent = 'out')`;

/** SQL condition over the people table aliased `p`. */
export function visibleTo(viewer: Viewer, visibility: Visibility | undefined): RawBuilder<boolean> {
  if (!visibility || !visibility.closed.length) return sql<boolean>`(p.discoverable AND ${notOptedOut})`;
  const col = sql.ref(`p.${visibility.field}`);
  return sql<boolean>`(p.discoverable AND ${notOptedOut} AND (${col} IS NULL OR NOT (${col} = ANY(${visibility.closed}::text[])) OR ${col} = ${viewer.scope ?? null}::text))`;
}

/**
 * The key of what a viewer may see: `visibleTo` depends on the viewer only through
 * their scope value, and only when closed scopes are configured. Caches of what a
 * visibility query returned are kept per this key.
 */
export function scopeKey(viewer: Viewer, visibility: Visibility | undefined): string {
  return visibility && visibility.closed.length ? JSON.stringify(viewer.scope ?? null) : '*';
}
