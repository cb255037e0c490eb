/**
 * Recurring problems (issue 15): topics that keep coming up in support cases
 * at several customers. Counted over case interactions (`case-open`,
 * `case-resolved`) by customer and topic only: who worked a case is never an
 * input, so no number here is ever about a person. One pure function for the
 * local graph (utils/background) and the company graph service (server/).
 */
import type { InteractionKind } from '../graph/model';

export const CASE_KINDS: ReadonlySet<InteractionKind> = new Set(['case-open', 'case-resolved']);
/** The period counted ("in the last 90 days") and compared with the one before it. */
export const RECURRING_DAYS = 90;
/**
 * Fewest distinct customers for a topic to be shown: an aggregate over fewer
 * is not shown (works-council mode sets its own minimum group size; until
 * its rule is merged this is the constant).
 */
export const RECURRING_MIN_GROUP = 5;

/** The minimum number of customers behind a recurring topic: 5, or works-council mode's group size if larger (utils/governance/min-group.ts). */
export function recurringMinGroup(wc: { enabled: boolean; minGroupSize: number }): number {
  return wc.enabled ? Math.max(RECURRING_MIN_GROUP, wc.minGroupSize) : RECURRING_MIN_GROUP;
}

/** A case as counted: no person in it. */
export interface CaseFact {
  kind: InteractionKind;
  /** ISO date or date-time. */
  date: string;
  accountId?: string;
  topicIds?: readonly string[];
}

export interface RecurringTopic {
  topicId: string;
  /** Distinct customers with a case on the topic in the period. */
  customers: number;
  /** Of those, customers with a resolved case on it in the period. */
  solved: number;
  /** Distinct customers in the period before. */
  previous: number;
  /** customers − previous. */
  rise: number;
}

export interface RecurringOptions {
  now: number;
  days?: number;
  /** Topics with fewer distinct customers are left out (minimum group size). */
  minGroup?: number;
}

const DAY_MS = 86_400_000;

/** A case without its person: the only shape `recurringProblems` reads. */
export function caseFact(i: CaseFact): CaseFact | null {
  if (!CASE_KINDS.has(i.kind) || !i.accountId || !i.topicIds?.length) return null;
  return { kind: i.kind, date: i.date, accountId: i.accountId, topicIds: [...i.topicIds] };
}

/**
 * Topics by distinct customers in the last `days` (most first), then by their
 * rise against the `days` before, then by id; only topics with at least
 * `minGroup` customers.
 */
export function recurringProblems(cases: Iterable<CaseFact>, o: RecurringOptions): RecurringTopic[] {
  const days = o.days ?? RECURRING_DAYS;
  const minGroup = o.minGroup ?? RECURRING_MIN_GROUP;
  const end = o.now;
  const start = end - days * DAY_MS;
  const before = start - days * DAY_MS;
  const now = new Map<string, { all: Set<string>; solved: Set<string> }>();
  const prev = new Map<string, Set<string>>();
  for (const c of cases) {
    if (!CASE_KINDS.has(c.kind) || !c.accountId || !c.topicIds?.length) continue;
    const t = Date.parse(c.date.length === 10 ? `${c.date}T00:00:00Z` : c.date);
    if (Number.isNaN(t) || t > end || t <= before) continue;
    for (const topic of c.topicIds) {
      if (t > start) {
        let x = now.get(topic);
        if (!x) now.set(topic, (x = { all: new Set(), solved: new Set() }));
        x.all.add(c.accountId);
        if (c.kind === 'case-resolved') x.solved.add(c.accountId);
      } else {
        let x = prev.get(topic);
        if (!x) prev.set(topic, (x = new Set()));
        x.add(c.accountId);
      }
    }
  }
  const out: RecurringTopic[] = [];
  for (const [topicId, x] of now) {
    if (x.all.size < minGroup) continue;
    const previous = prev.get(topicId)?.size ?? 0;
    out.push({ topicId, customers: x.all.size, solved: x.solved.size, previous, rise: x.all.size - previous });
  }
  return out.sort((a, b) => b.customers - a.customers || b.rise - a.rise || (a.topicId < b.topicId ? -1 : a.topicId > b.topicId ? 1 : 0));
}
