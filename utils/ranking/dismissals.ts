/**
 * The user's "not relevant" marks (ranking.design.md): person id → ids of the
 * entities for which that colleague is not relevant. Stored locally, never
 * sent to a source. One rule, applied where evidence is added up (the local
 * ranking, rank.ts) and to suggestions computed elsewhere (the remote
 * company-graph service and its cached answers, utils/sources).
 */
import type { Suggestion } from './types';

export type Dismissals = Readonly<Record<string, readonly string[]>>;

/**
 * A record's own value for a key, never one inherited from Object.prototype:
 * ids are data, and an id such as `constructor`, `toString` or `__proto__`
 * must read as absent, not as a function (issue 10, "ids are safe map keys").
 */
export function ownValue<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The entity ids the user dismissed for this colleague (none when the stored value is not a list). */
function dismissedFor(dismissed: Dismissals | undefined, personId: string): readonly string[] {
  const list: unknown = ownValue(dismissed, personId);
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

/** Whether the user marked this colleague not relevant for this entity. */
export function isDismissed(dismissed: Dismissals | undefined, personId: string, entityId: string): boolean {
  return dismissedFor(dismissed, personId).includes(entityId);
}

/**
 * A suggestion computed elsewhere, without what the user dismissed for its
 * colleague: the strengths and reasons of dismissed entities go, and the
 * score shrinks by their share of the strengths on the page's entities.
 * Null when every page entity the colleague was suggested for is dismissed.
 */
export function withoutDismissed(s: Suggestion, entityIds: readonly string[], dismissed: Dismissals | undefined): Suggestion | null {
  const personId = s.person.id;
  if (!dismissedFor(dismissed, personId).length) return s;
  const gone = (entityId: string) => isDismissed(dismissed, personId, entityId);
  const strength = (id: string) => ownValue(s.strengths, id) ?? 0;
  const covered = entityIds.filter((id) => strength(id) > 0 || s.reasons.some((r) => r.entityId === id));
  const kept = covered.filter((id) => !gone(id));
  if (covered.length && !kept.length) return null;
  const total = covered.reduce((n, id) => n + strength(id), 0);
  const left = kept.reduce((n, id) => n + strength(id), 0);
  return {
    ...s,
    score: total > 0 ? Math.round((s.score * left) / total) : s.score,
    strengths: Object.fromEntries(Object.entries(s.strengths).filter(([id]) => !gone(id))),
    reasons: s.reasons.filter((r) => !gone(r.entityId)),
  };
}
