// Web platform APIs the content script uses that TypeScript's lib.dom does not
// declare yet (TypeScript 5.9). Minimal, and optional where browsers differ:
// callers feature-test before use.

/** CSS Highlight API: what highlightsFromPoint() returns per highlight hit. */
interface HighlightHitResult {
  highlight?: Highlight;
  ranges?: AbstractRange[];
}

interface HighlightsFromPointOptions {
  shadowRoots?: ShadowRoot[];
}

interface HighlightRegistry {
  /**
   * The highlights at a viewport point (Chromium ≥ 140). The spec returns
   * HighlightHitResult dictionaries; early implementations returned the
   * Highlight objects themselves.
   */
  highlightsFromPoint?(x: number, y: number, options?: HighlightsFromPointOptions): ReadonlyArray<HighlightHitResult | Highlight>;
}
