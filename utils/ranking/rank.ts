/**
 * Ranking of colleagues for a page's entities (see ranking.design.md).
 * Placeholder signature, implemented by the lead.
 */
import type { DetectedEntity } from '../spotting/types';
import type { Suggestion } from './types';

export interface RankOptions {
  /** The user's own person id: never suggested to themselves. */
  meId?: string | null;
  limit?: number;
  /** personId → entity ids the user marked "not relevant". */
  dismissed?: Record<string, string[]>;
  now?: number;
}

export declare function rankEntities(entities: DetectedEntity[], opts?: RankOptions): Promise<Suggestion[]>;
