/**
 * The minimum group size of works-council mode: any aggregate (a count of
 * customers, of colleagues, of lookups …) is shown only when at least N
 * distinct people stand behind it. One pure rule for every view and the
 * service (recurring problems, diagnostics, the yearly review).
 */
import type { WorksCouncil } from './works-council';

/** Whether an aggregate over `groupSize` distinct people may be shown. Outside the mode, any non-empty group. */
export function aggregateShown(groupSize: number, wc: Pick<WorksCouncil, 'enabled' | 'minGroupSize'>): boolean {
  return wc.enabled ? groupSize >= wc.minGroupSize : groupSize > 0;
}

/**
 * The groups that may be shown, in their order; the others are withheld
 * (counted, so a view can say "n groups too small to show").
 */
export function shownGroups<T>(groups: readonly T[], sizeOf: (g: T) => number, wc: Pick<WorksCouncil, 'enabled' | 'minGroupSize'>): { shown: T[]; withheld: number } {
  const shown: T[] = [];
  let withheld = 0;
  for (const g of groups) {
    if (aggregateShown(sizeOf(g), wc)) shown.push(g);
    else withheld++;
  }
  return { shown, withheld };
}
