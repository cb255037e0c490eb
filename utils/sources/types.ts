/**
 * A graph source answers the background's questions. The embedded default is
 * the local graph in IndexedDB (local.ts); remote company-graph services come
 * on top. Only entity ids (and the user's own search text) ever reach a
 * source: page text and URLs never do.
 */
import type { GraphMeta } from '../graph/model';
import type { RankOptions } from '../ranking/rank';
import type { Suggestion } from '../ranking/types';
import type { DetectedEntity } from '../spotting/types';

export interface RankAnswer {
  suggestions: Suggestion[];
  source: 'local' | 'remote' | 'cache';
  /** The source could not be reached; this is the last answer it gave. */
  stale?: boolean;
  /** ISO date-time the answer was computed (for stale answers: when). */
  at: string;
}

export interface GraphSource {
  readonly kind: 'local' | 'remote' | 'microsoft365';
  meta(): Promise<GraphMeta | null>;
  rank(entities: DetectedEntity[], opts: RankOptions): Promise<RankAnswer>;
}
