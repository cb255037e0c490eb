/**
 * The embedded default source: the local graph in IndexedDB (Dexie, background
 * only). Ranks with utils/ranking/rank.ts over the page entities folded from
 * the stored columns (prefix.ts), read in one transaction per query, and
 * keeps the folded entities and colleagues in least-recently-used caches per
 * graph revision (sized so that every topic of a large graph stays).
 */
import type { EntityKind, Person } from '../graph/model';
import { getGraphMeta, getPeople } from '../store/db';
import { readRankInputs } from '../store/rank-read';
import { foldEntity, type RankEntity } from '../ranking/prefix';
import { rankEntities, type RankSource } from '../ranking/rank';
import type { GraphSource } from './types';
import { isSuggestable, preferencesOf, withClaimants, type PreferenceMap } from '../ranking/preferences';

/** Evidence rows held (≈ 70 bytes each): a topic known by 2,400 colleagues is ≈ 7,000 rows. */
const ENTITY_ROWS_MAX = 1_500_000;
const PEOPLE_MAX = 50_000;

/** A least-recently-used map, bounded by the summed size of its values. */
class Lru<V> {
  private readonly m = new Map<string, { v: V; size: number }>();
  private total = 0;
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const hit = this.m.get(k);
    if (!hit) return undefined;
    this.m.delete(k);
    this.m.set(k, hit);
    return hit.v;
  }
  has(k: string): boolean {
    return this.m.has(k);
  }
  set(k: string, v: V, size = 1): void {
    const old = this.m.get(k);
    if (old) this.total -= old.size;
    this.m.delete(k);
    this.m.set(k, { v, size });
    this.total += size;
    for (const [key, e] of this.m) {
      if (this.total <= this.max || this.m.size <= 1) break;
      this.m.delete(key);
      this.total -= e.size;
    }
  }
}

/** Counters of the local source's reads (the bench reports them: cache hit rates, reads per query). */
export interface LocalRankStats {
  queries: number;
  /** Page entities found folded in the cache / folded from a read. */
  entityHits: number;
  entityMisses: number;
  topicMisses: number;
  /** Read transactions opened for ranking inputs. */
  transactions: number;
  /** Evidence records read (an account's brings its contacts'). */
  recordsRead: number;
  /** Colleagues' records asked for, found cached / read. */
  peopleHits: number;
  peopleRead: number;
  /** Milliseconds (wall) from asking for the inputs to having them all, less folding and ranking; and in folding; and in the ranker's first pass. */
  readMs: number;
  foldMs: number;
  firstPassMs: number;
}

/** `claims`: colleagues' own preferences (utils/ranking/preferences.ts): "ask me about" topics count as listed skills, "don't suggest me" as not discoverable. */
export function createLocalSource(claims: () => PreferenceMap = () => ({})): GraphSource & { rankSource: RankSource; reset(): void; stats: LocalRankStats } {
  const stats: LocalRankStats = { queries: 0, entityHits: 0, entityMisses: 0, topicMisses: 0, transactions: 0, recordsRead: 0, peopleHits: 0, peopleRead: 0, readMs: 0, foldMs: 0, firstPassMs: 0 };
  let folded = new Lru<RankEntity | null>(ENTITY_ROWS_MAX);
  let people = new Lru<Person | null>(PEOPLE_MAX);

  const rankSource: RankSource = {
    async entities(list, then) {
      const key = (e: { kind: EntityKind; id: string }) => `${e.kind}:${e.id}`;
      const todo = list.filter((e) => !folded.has(key(e)));
      stats.queries++;
      stats.entityHits += list.length - todo.length;
      stats.entityMisses += todo.length;
      stats.topicMisses += todo.filter((e) => e.kind === 'topic').length;
      if (todo.length) {
        stats.transactions++;
        const fresh = new Map<string, RankEntity | null>();
        const t0 = performance.now();
        let inside = 0;
        const inputs = await readRankInputs(
          [...new Set(todo.map((e) => e.id))],
          todo.filter((e) => e.kind === 'account').map((e) => e.id),
          todo.filter((e) => e.kind === 'topic').map((e) => e.id),
          (read) => {
            // Folded inside the transaction, so that the colleagues the answer names come in the same read.
            const f0 = performance.now();
            for (const e of todo) {
              const contacts = (read.contactsOf.get(e.id) ?? []).flatMap((c) => read.edges.get(c) ?? []);
              const skilled = e.kind === 'topic' ? withClaimants(read.skilled.get(e.id) ?? [], claims(), e.id) : [];
              fresh.set(key(e), foldEntity(e.id, e.kind, read.edges.get(e.id), contacts, skilled));
            }
            const f1 = performance.now();
            stats.foldMs += f1 - f0;
            inside += f1 - f0;
            if (!then) return [];
            const all = new Map<string, RankEntity>();
            for (const e of list) {
              const x = fresh.has(key(e)) ? fresh.get(key(e)) : folded.get(key(e));
              if (x) all.set(key(e), x);
            }
            const names = then(all);
            stats.firstPassMs += performance.now() - f1;
            inside += performance.now() - f1;
            const missing = names.filter((p) => !people.has(p));
            stats.peopleHits += names.length - missing.length;
            stats.peopleRead += missing.length;
            return missing;
          },
        );
        stats.readMs += performance.now() - t0 - inside;
        stats.recordsRead += inputs.records;
        for (const p of inputs.people) people.set(p.id, p);
        for (const [k, x] of fresh) folded.set(k, x, 1 + (x?.rows ?? 0) + (x?.people.length ?? 0));
      }
      const out = new Map<string, RankEntity>();
      for (const e of list) {
        const x = folded.get(key(e));
        if (x) out.set(key(e), x);
      }
      return out;
    },
    async people(ids) {
      const missing = ids.filter((id) => !people.has(id));
      stats.peopleHits += ids.length - missing.length;
      stats.peopleRead += missing.length;
      if (missing.length) {
        stats.transactions++;
        const found = new Map((await getPeople(missing)).map((p) => [p.id, p]));
        for (const id of missing) people.set(id, found.get(id) ?? null);
      }
      const out = new Map<string, Person>();
      const prefs = claims();
      for (const id of ids) {
        const p = people.get(id);
        // "Don't suggest me" (preferences.ts): read as not discoverable, so the ranking fills its places with others (as the service does).
        if (p) out.set(id, isSuggestable(preferencesOf(prefs, id)) ? p : { ...p, discoverable: false });
      }
      return out;
    },
  };

  return {
    kind: 'local',
    rankSource,
    stats,
    meta: getGraphMeta,
    async rank(entities, opts) {
      const suggestions = await rankEntities(rankSource, entities, { ...opts, hourly: true });
      return { suggestions, source: 'local', at: new Date().toISOString() };
    },
    reset() {
      folded = new Lru(ENTITY_ROWS_MAX);
      people = new Lru(PEOPLE_MAX);
    },
  };
}
