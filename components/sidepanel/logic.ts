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
 * What "Not relevant" can mark on this card: the page entities this
 * colleague is suggested for (with a filter on, the selected ones among
 * them), named as the page names them. One mark is one colleague and one
 * entity (issue 11); the card offers the choice when there are several.
 */
export function dismissTargets(s: Suggestion, entities: readonly DetectedEntity[], selected: readonly string[]): Array<{ id: string; name: string }> {
  const covered = coveredEntities(s);
  const names = new Map(entities.map((e) => [e.id, e.name]));
  for (const r of s.reasons ?? []) if (!names.has(r.entityId)) names.set(r.entityId, r.entityName);
  const pool = selected.length > 0 ? selected : entities.map((e) => e.id);
  const ids = [...new Set(pool.filter((id) => covered.has(id)))];
  return ids.map((id) => ({ id, name: names.get(id) ?? id }));
}
