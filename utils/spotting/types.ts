import type { EntityKind } from '../graph/model';

/** How an entity was found on the page; record beats email beats text. */
export type DetectionVia = 'record' | 'email' | 'text';

/** One graph entity found on a page (what the content script reports). */
export interface DetectedEntity {
  kind: EntityKind;
  /** Graph id. */
  id: string;
  /** The graph's display name (never page text). */
  name: string;
  via: DetectionVia;
  /** The page is this record's own page (e.g. the account whose page this is). */
  focal?: boolean;
  /** Occurrences on the page. */
  count: number;
}
