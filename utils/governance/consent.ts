/**
 * Whether a colleague may be suggested, from their own choice and the
 * company's default (works-council mode: shown unless they opt out, or shown
 * only once they opt in). The one rule; the ranking (local and the service)
 * and every view call it. `consent` is the colleague's own state (proposed
 * person field, docs/contract-proposals.md): 'in', 'out' or not stated.
 */
import type { ColleagueDefault, WorksCouncil } from './works-council';

export type Consent = 'in' | 'out';

export function colleagueShown(person: { consent?: Consent | null; discoverable?: boolean }, wc: Pick<WorksCouncil, 'enabled' | 'colleagueDefault'>): boolean {
  if (person.discoverable === false) return false;
  if (person.consent === 'out') return false;
  const def: ColleagueDefault = wc.enabled ? wc.colleagueDefault : 'shown-unless-opted-out';
  return def === 'shown-unless-opted-out' || person.consent === 'in';
}
