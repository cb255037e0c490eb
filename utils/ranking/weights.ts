/**
 * The numbers of the ranking model, in one place (ranking.design.md explains
 * each and why it has the value it has).
 */
import type { EntityKind, InteractionKind } from '../graph/model';

/** Evidence weight per interaction kind (issue: "Who knows this customer and this topic"). */
export const KIND_WEIGHT: Record<InteractionKind, number> = {
  'deal-won': 10,
  'account-owner': 8,
  'deal-open': 6,
  'case-resolved': 6,
  'account-team': 5,
  meeting: 3,
  'deal-lost': 3,
  call: 2,
  document: 2,
  email: 1,
  'community-answer': 2,
  'case-open': 1,
  endorsement: 2,
  'self-declared': 1,
};

/** One-way email or call counts this fraction of a two-way one. */
export const ONE_WAY_FACTOR = 0.3;
/** Mix of the two recency speeds: 0.75·e^(−age/1y) + 0.25·e^(−age/5y). */
export const RECENCY_SHORT_SHARE = 0.75;
export const RECENCY_LONG_SHARE = 0.25;
/** A contact's interactions count this much for its account. */
export const CONTACT_TO_ACCOUNT = 0.4;
/** Saturation: strength = 100·(1 − e^(−raw/SATURATION)). */
export const SATURATION = 25;
/** A listed skill on a topic: weak alone, strong when proven by resolved cases or won deals. */
export const SKILL_CLAIMED = 2;
export const SKILL_PROVEN = 8;

/** Mail: an entity only the list mentions (not the open message) weighs this much of its usual weight. */
export const LIST_FACTOR = 0.25;

/**
 * How much each entity of a page weighs in the page's ranking. `inList`: on a
 * mail page with an open message, the entity is only in the list around it.
 */
export function entityWeight(kind: EntityKind, focal: boolean, inList = false): number {
  if (focal) return 1;
  if (inList) return LIST_FACTOR * entityWeight(kind, false);
  switch (kind) {
    case 'account':
      return 0.7;
    case 'contact':
      return 0.5;
    case 'topic':
      return 0.6;
  }
}

/** The strength bar: 100·(1 − e^(−page / (SCORE_SCALE·max w))); one entity at strength 60 shows 63. */
export const SCORE_SCALE = 60;

/** Bonus per extra group covered (customer side and topic side): favours colleagues who know both. */
export const COVERAGE_BONUS = 0.35;
/** Below this strength an entity does not count as covered. */
export const COVERAGE_MIN_STRENGTH = 8;
