/**
 * Per-entity evidence, aggregated once when the graph is written so that a
 * ranking query reads one record per entity instead of every interaction.
 *
 * Recency decays at two speeds (see ranking.design.md):
 *   decay(age) = 0.75·e^(−age/1y) + 0.25·e^(−age/5y)
 * Both exponentials factor over a reference date t0, so the store keeps
 *   s1 = Σ count·e^(−(t0−date)/1y),  s5 = Σ count·e^(−(t0−date)/5y)
 * and a query at time `now` multiplies by e^(−(now−t0)/τ): exact, no re-scan.
 */
import type { EntityKind, Interaction, InteractionKind } from '../graph/model';

export const YEAR_MS = 365.25 * 24 * 3600 * 1000;
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

/** Accumulates interactions into per-entity edges. Memory: one entry per (entity, person, kind). */
export class EdgeAccumulator {
  private readonly edges = new Map<string, EntityEdges>();
  constructor(readonly refTime: number = Date.now()) {}

  private entity(id: string, kind: EntityKind): EntityEdges {
    let e = this.edges.get(id);
    if (!e) {
      e = { entityId: id, entityKind: kind, refTime: this.refTime, people: {} };
      this.edges.set(id, e);
    }
    return e;
  }

  add(i: Interaction): void {
    const count = i.count && i.count > 0 ? i.count : 1;
    const t = parseDateMs(i.date);
    const ongoing = ONGOING_KINDS.has(i.kind);
    const age = ongoing ? 0 : Math.max(0, this.refTime - t);
    const d1 = count * Math.exp(-age / TAU_SHORT);
    const d5 = count * Math.exp(-age / TAU_LONG);
    const oneWay = (i.kind === 'email' || i.kind === 'call') && i.direction !== undefined && i.direction !== 'both' ? count : 0;
    const day = i.date.slice(0, 10);
    const targets: Array<[string, EntityKind]> = [];
    if (i.accountId) targets.push([i.accountId, 'account']);
    if (i.contactId) targets.push([i.contactId, 'contact']);
    for (const tid of i.topicIds ?? []) targets.push([tid, 'topic']);
    for (const [id, kind] of targets) {
      const e = this.entity(id, kind);
      const byKind = (e.people[i.personId] ??= {});
      const s = byKind[i.kind];
      if (s) {
        s.n += count;
        s.s1 += d1;
        s.s5 += d5;
        if (day > s.last) s.last = day;
        if (oneWay) s.oneWay = (s.oneWay ?? 0) + oneWay;
      } else {
        byKind[i.kind] = oneWay ? { n: count, s1: d1, s5: d5, last: day, oneWay } : { n: count, s1: d1, s5: d5, last: day };
      }
    }
  }

  addAll(items: Iterable<Interaction>): this {
    for (const i of items) this.add(i);
    return this;
  }

  get size(): number {
    return this.edges.size;
  }

  records(): EntityEdges[] {
    return [...this.edges.values()];
  }
}
