/**
 * The side panel's pure logic: entity order, chip filtering, and which
 * entities a "Not relevant" applies to. Tested in tests/unit/ui/sidepanel*.
 */
import type { DetectedEntity } from '@/utils/spotting/types';
import type { Suggestion } from '@/utils/ranking/types';

const KIND_ORDER = { account: 0, contact: 1, topic: 2 } as const;

/** Focal entities first, then accounts, contacts, topics; stable otherwise. */
export function orderEntities(entities: readonly DetectedEntity[]): DetectedEntity[] {
  return entities
    .map((e, i) => ({ e, i }))
    .sort((a, b) => Number(!!b.e.focal) - Number(!!a.e.focal) || KIND_ORDER[a.e.kind] - KIND_ORDER[b.e.kind] || a.i - b.i)
    .map(({ e }) => e);
}

/** The page entities this colleague is suggested for. */
function coveredEntities(s: Suggestion): Set<string> {
  const ids = new Set<string>();
  for (const [id, strength] of Object.entries(s.strengths ?? {})) if (strength > 0) ids.add(id);
  for (const r of s.reasons ?? []) ids.add(r.entityId);
  return ids;
}

/** Colleagues who cover at least one selected entity (none selected: all), rank order kept. */
export function filterSuggestions(suggestions: readonly Suggestion[], selected: readonly string[]): Suggestion[] {
  if (selected.length === 0) return [...suggestions];
  return suggestions.filter((s) => {
    const covered = coveredEntities(s);
    return selected.some((id) => covered.has(id));
  });
}

/**
 * What "Not relevant" demotes: with a filter on, the selected entities this
 * colleague covers; else every entity of the page they are suggested for
 * (so that they do not stay on top through another entity of the same page).
 */
export function dismissTargets(s: Suggestion, entities: readonly DetectedEntity[], selected: readonly string[]): string[] {
  const covered = coveredEntities(s);
  const onPage = entities.map((e) => e.id);
  const pool = selected.length > 0 ? selected : onPage;
  const targets = pool.filter((id) => covered.has(id));
  if (targets.length > 0) return [...new Set(targets)];
  // The suggestion names no page entity (should not happen): the focal or first one.
  const fallback = entities.find((e) => e.focal) ?? entities[0];
  return fallback ? [fallback.id] : [];
}
