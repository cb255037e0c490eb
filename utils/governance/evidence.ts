/**
 * Which interactions are evidence. Outside works-council mode, all of them.
 * In the mode: only relationships with external people (an interaction with
 * an account or a contact; documents, endorsements, community answers,
 * self-declared and other internal-only evidence do not count), and none
 * older than the look-back cap.
 *
 * The rule is applied where interactions become evidence (the extension's
 * EdgeAccumulator, utils/ranking/aggregate.ts, and the service's evidence
 * SQL, server/graph/commit.ts, which states the same two conditions), so
 * the ranking itself stays one code path and the differential test compares
 * both with the mode on and off.
 */
import type { WorksCouncil } from './works-council';

export interface EvidenceRule {
  /** Only interactions with an account or a contact. */
  externalOnly: boolean;
  /** Interactions before this day (YYYY-MM-DD) are no evidence; null: no cap. */
  since: string | null;
}

export const ALL_EVIDENCE: EvidenceRule = { externalOnly: false, since: null };

/** The rule of the mode, with the look-back measured back from `refTime` (the time the evidence is written for). */
export function evidenceRule(wc: WorksCouncil, refTime: number): EvidenceRule {
  if (!wc.enabled) return ALL_EVIDENCE;
  let since: string | null = null;
  if (wc.lookBackMonths !== null) {
    const d = new Date(refTime);
    d.setUTCMonth(d.getUTCMonth() - wc.lookBackMonths);
    since = d.toISOString().slice(0, 10);
  }
  return { externalOnly: true, since };
}

/** Whether an interaction counts as evidence under the rule. */
export function countsAsEvidence(i: { accountId?: string; contactId?: string; date: string }, rule: EvidenceRule): boolean {
  if (rule.externalOnly && !i.accountId && !i.contactId) return false;
  if (rule.since !== null && i.date.slice(0, 10) < rule.since) return false;
  return true;
}

/** Whether the rule filters anything (the writers skip the check otherwise). */
export function filtersEvidence(rule: EvidenceRule): boolean {
  return rule.externalOnly || rule.since !== null;
}
