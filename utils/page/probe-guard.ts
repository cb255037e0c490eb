/**
 * The probing guard (spotting.design.md, privacy): a page that brings more entities new to it than
 * PROBE_LIMIT within PROBE_WINDOW_MS after the first scan is probing the dictionary (pasting name
 * lists to learn who the customers are), and the engine stops on it for good.
 */

/** More entities new to the page than this within PROBE_WINDOW_MS (after the first scan) is a probe. */
export const PROBE_LIMIT = 250;
export const PROBE_WINDOW_MS = 10_000;

export class ProbeGuard {
  /** Entities seen on the page since the first scan of this dictionary, and when new ones appeared. */
  private readonly seen = new Set<number>();
  private firstScanDone = false;
  private newSightings: number[] = [];

  /** A new dictionary numbers entities anew: its first scan is a first scan again. */
  reset(): void {
    this.seen.clear();
    this.firstScanDone = false;
  }

  /** The first scan of this dictionary is done: entities new to the page count from now on. */
  firstScanFinished(): void {
    this.firstScanDone = true;
  }

  /** An entity got its first match on the page. */
  sighted(e: number): void {
    if (this.seen.has(e)) return;
    this.seen.add(e);
    if (this.firstScanDone) this.newSightings.push(performance.now());
  }

  /** Whether the page brought too many new entities too fast (then everything is forgotten). */
  tripped(): boolean {
    const cutoff = performance.now() - PROBE_WINDOW_MS;
    let i = 0;
    while (i < this.newSightings.length && this.newSightings[i] < cutoff) i++;
    if (i) this.newSightings = this.newSightings.slice(i);
    if (this.newSightings.length <= PROBE_LIMIT) return false;
    this.seen.clear();
    this.newSightings = [];
    return true;
  }
}
