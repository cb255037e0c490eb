/**
 * The one formula for what an interaction adds to an entity's evidence, and
 * the stored evidence's shape (aggregate.ts keeps the sums; ranking.design.md).
 */
import type { EntityKind, Interaction, InteractionKind } from '../graph/model';

const YEAR_MS = 365.25 * 24 * 3600 * 1000;
export const TAU_SHORT = 1 * YEAR_MS;
export const TAU_LONG = 5 * YEAR_MS;
/** Roles that are ongoing: they count as current whatever date they began. */
export const ONGOING_KINDS: ReadonlySet<InteractionKind> = new Set(['account-owner', 'account-team', 'self-declared', 'endorsement']);

/** Evidence of one kind between one person and one entity. */
export interface KindStats {
  /** Σ count (with one-way email/call discounted later by kind weight only). */
  n: number;
  /** Σ count·e^(−age/1y) at refDate. */
  s1: number;
  /** Σ count·e^(−age/5y) at refDate. */
  s5: number;
  /** ISO date (YYYY-MM-DD) of the latest. */
  last: string;
  /** Of n, how many were one-way (email/call with direction inbound/outbound). */
  oneWay?: number;
  /** The system the latest of them came from (its `source`; same day: the later in input order). */
  source?: string;
  /** The record link of that same latest one (its `url`). */
  url?: string;
}

/** Stored per entity: person id → kind → stats. */
export interface EntityEdges {
  entityId: string;
  entityKind: EntityKind;
  /** Epoch ms the s1/s5 sums refer to. */
  refTime: number;
  people: Record<string, Partial<Record<InteractionKind, KindStats>>>;
}

export function parseDateMs(date: string): number {
  const t = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
  return Number.isNaN(t) ? 0 : t;
}

/** What one interaction adds to each of its entities' (person, kind) evidence at reference time `refTime`. */
export interface Contribution {
  count: number;
  /** count·e^(−age/1y) (age 0 for ongoing kinds). */
  d1: number;
  /** count·e^(−age/5y). */
  d5: number;
  /** count when the interaction was one-way (email/call inbound or outbound), else 0. */
  oneWay: number;
}

/**
 * The one formula for an interaction's contribution: the accumulator below
 * sums these in input order, and so does the company graph service (server/)
 * in SQL, so both hold the same evidence to the last bit.
 */
export function contribution(i: Pick<Interaction, 'count' | 'date' | 'kind' | 'direction'>, refTime: number): Contribution {
  const count = i.count && i.count > 0 ? i.count : 1;
  const t = parseDateMs(i.date);
  const ongoing = ONGOING_KINDS.has(i.kind);
  const age = ongoing ? 0 : Math.max(0, refTime - t);
  const d1 = count * Math.exp(-age / TAU_SHORT);
  const d5 = count * Math.exp(-age / TAU_LONG);
  const oneWay = (i.kind === 'email' || i.kind === 'call') && i.direction !== undefined && i.direction !== 'both' ? count : 0;
  return { count, d1, d5, oneWay };
}
