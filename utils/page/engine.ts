/**
 * The page scanning engine (content script side, plain DOM, no framework):
 * walks the page once in time-boxed chunks, then scans only what mutations
 * added or changed, and reports the page's full entity set (debounced, sent
 * only when different). This file schedules the work; the parts are:
 *  - page-roots.ts: one MutationObserver per root (document, open shadow
 *    roots, same-origin iframe documents);
 *  - text-walk.ts: the time-boxed walk of a subtree;
 *  - match-state.ts: per-text-node matches, highlight ranges and counts;
 *  - entity-report.ts: the report (matches + the site adapter's fields);
 *  - mutation-batch.ts, probe-guard.ts, engine-options.ts.
 * See spotting.design.md.
 */
import type { AdapterContext, SiteAdapter } from '../sites/types';
import { insideSkipped } from '../sites/visibility';
import type { Matcher } from '../spotting/matcher';
import { BUSY_WINDOW_MS, FIELDS_RECHECK_MS, timings, type EngineConfig, type EngineOptions, type Timings } from './engine-options';
import { buildReport, type EngineReport } from './entity-report';
import { Highlighter } from './highlights';
import { MatchState, type KindSwitches, type MatchAtPoint } from './match-state';
import { PageRoots, type Root } from './page-roots';
import { readBatch } from './mutation-batch';
import { ProbeGuard } from './probe-guard';
import { walkText } from './text-walk';

export type { EngineReport } from './entity-report';
export type { EngineConfig, EngineOptions } from './engine-options';

export { PROBE_LIMIT, PROBE_WINDOW_MS } from './probe-guard';

export class SpotEngine {
  readonly doc: Document;
  navigation = 0;
  private adapter: SiteAdapter;
  private highlight: boolean;
  private readonly opts: Timings;
  private readonly onReport?: (r: EngineReport) => void;
  readonly highlighter: Highlighter;

  /** The scan generation (see ScanGeneration): walks and commits of an older one give up. */
  private readonly epoch = { gen: 0 };
  private readonly matches: MatchState;
  private readonly roots: PageRoots;
  private pending: MutationRecord[] = [];
  /** Walks under way (they yield to the page), and whether records came in during one (see flush). */
  private walking = 0;
  private recordsWhileWalking = false;
  /** When the last mutation batch began (see onMutations). */
  private lastFlushAt = -Infinity;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private reportTimer: ReturnType<typeof setTimeout> | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private hiddenTimer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private busy: Promise<void> = Promise.resolve();
  private lastSignature = '';
  private lastNavigationReported = -1;
  /** When the next report is due (throttled: a page that changes all the time still reports). */
  private reportDue = 0;
  private readonly probe = new ProbeGuard();
  /** Stopped by the probing guard (for good, until the page is reloaded). */
  guarded = false;

  constructor(o: EngineOptions) {
    this.doc = o.doc ?? document;
    this.adapter = o.adapter;
    this.highlight = o.config.highlight;
    this.onReport = o.onReport;
    this.highlighter = new Highlighter(o.exposeHighlights ?? false);
    this.opts = timings(o);
    this.matches = new MatchState(this.highlighter, this.epoch, this.opts.budgetMs, o.matcher, { ...o.config.kinds });
    this.matches.onFirstMatch = (e) => this.probe.sighted(e);
    this.roots = new PageRoots({
      onMutations: (records) => this.onMutations(records),
      onFrameDocument: (d) => this.scanFrameDocument(d),
      isRunning: () => this.running,
    });
    this.highlighter.setEnabled(this.highlight);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** The overlay in now, before the dictionary arrives: its first frame is then not on the way to the first highlight (start() does it too). */
  prepare(): void {
    if (!this.guarded) this.highlighter.attach(this.doc);
  }

  /** Starts observing and runs the first full scan (resolves when it is done and reported). */
  start(): Promise<void> {
    if (this.running || this.guarded) return this.busy;
    this.running = true;
    this.highlighter.attach(this.doc);
    this.roots.add(this.doc);
    return this.enqueueFullScan(true);
  }

  /** Stops observing and removes every highlight (pause, teardown). */
  stop(): void {
    this.running = false;
    this.epoch.gen++;
    this.roots.disconnect();
    this.pending = [];
    for (const t of [this.flushTimer, this.reportTimer, this.settleTimer, this.hiddenTimer]) if (t) clearTimeout(t);
    this.flushTimer = this.reportTimer = this.settleTimer = this.hiddenTimer = null;
    this.reportDue = 0;
    this.matches.clear();
  }

  dispose(): void {
    this.stop();
    this.highlighter.dispose();
  }

  setMatcher(m: Matcher | null): Promise<void> {
    this.matches.matcher = m;
    this.probe.reset();
    return this.running ? this.enqueueFullScan(true) : Promise.resolve();
  }

  setAdapter(a: SiteAdapter): void {
    this.adapter = a;
  }

  getAdapter(): SiteAdapter {
    return this.adapter;
  }

  getMatcher(): Matcher | null {
    return this.matches.matcher;
  }

  setConfig(c: Partial<EngineConfig>): void {
    if (c.highlight !== undefined && c.highlight !== this.highlight) {
      this.highlight = c.highlight;
      this.highlighter.setEnabled(c.highlight);
    }
    const kinds = c.kinds;
    if (kinds) {
      const current = this.matches.kinds;
      const changed = (Object.keys(kinds) as Array<keyof KindSwitches>).some((k) => kinds[k] !== current[k]);
      if (changed) {
        this.matches.setKinds({ ...kinds });
        this.scheduleReport(0);
      }
    }
  }

  /**
   * In-app navigation: forget the previous record at once (report an empty
   * page with a new navigation number), then rescan once the new record rendered.
   */
  navigate(): void {
    if (!this.running) return;
    this.navigation++;
    this.epoch.gen++;
    this.matches.clear();
    // Nothing of the previous record survives: an empty report now, the new record after it rendered.
    this.lastSignature = '';
    this.lastNavigationReported = this.navigation;
    this.onReport?.({ adapter: this.adapter.id, entities: [], misses: [], navigation: this.navigation });
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      void this.enqueueFullScan(true);
    }, this.opts.navigationSettleMs);
  }

  /** Resolves when queued work (scans, pending mutations) has been processed. */
  async idle(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const b = this.busy;
      if (this.flushTimer) {
        clearTimeout(this.flushTimer);
        this.flushTimer = null;
        this.busy = this.busy.then(() => this.flush());
      }
      await this.busy;
      if (b === this.busy && !this.flushTimer && !this.pending.length) break;
    }
  }

  /** Sends the report now (tests, teardown). */
  async reportNow(): Promise<EngineReport> {
    await this.idle();
    if (this.reportTimer) clearTimeout(this.reportTimer);
    this.reportTimer = null;
    return this.emit(true);
  }

  /** The known roots (document, open shadow roots, same-origin frame documents). */
  getRoots(): ReadonlyArray<Root> {
    return this.roots.list;
  }

  /** The entity under a caret position (hover card). */
  matchAt(node: Node, offset: number): MatchAtPoint | null {
    return this.matches.matchAt(node, offset);
  }

  /** The current full entity set and adapter misses (what reports carry). */
  current(): EngineReport {
    const { matcher, kinds, counts } = this.matches;
    if (!matcher) return { adapter: this.adapter.id, entities: [], misses: [], navigation: this.navigation };
    const roots = this.roots.list;
    const ctx: AdapterContext = { url: new URL(this.doc.location?.href || 'about:blank'), doc: this.doc, roots: roots.length ? roots : [this.doc] };
    return buildReport({ matcher, adapter: this.adapter, kinds, counts, ctx, navigation: this.navigation });
  }

  // ---- scanning ---------------------------------------------------------

  private enqueueFullScan(report: boolean): Promise<void> {
    const gen = ++this.epoch.gen;
    this.busy = this.busy.then(async () => {
      if (gen !== this.epoch.gen || !this.running) return;
      this.matches.clear();
      for (const r of [...this.roots.list]) {
        await this.walk(r, gen);
        if (gen !== this.epoch.gen) return;
        if (this.checkProbe()) return;
      }
      this.probe.firstScanFinished();
      if (report) this.emit(false);
    });
    return this.busy;
  }

  /** Observe a frame's document, walk it, and report what it added (a mail body in a frame, say). */
  private scanFrameDocument(d: Document): void {
    // The overlay goes into a frame's document once it is parsed (an element added to the root
    // while the parser still runs loses the frame's body to it), before anything matched there.
    const attach = () => {
      if (this.running) this.highlighter.attach(d);
    };
    if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', attach, { once: true });
    else attach();
    this.roots.add(d);
    const gen = this.epoch.gen;
    this.busy = this.busy.then(async () => {
      await this.walk(d, gen);
      if (gen !== this.epoch.gen || !this.running) return;
      // A frame's text may not be rendered yet when it is first walked: look again once that is due.
      this.restageHidden();
      await this.matches.commit(gen);
      if (this.checkProbe()) return;
      this.scheduleReport(this.opts.reportDelayMs);
    });
  }

  /** Walks a subtree, then commits its matches (or drops them if the walk was superseded). */
  private async walk(start: Node | readonly Node[], gen: number): Promise<void> {
    this.walking++;
    // Records waiting for their batch may name nodes this walk is about to walk (a full scan): no shortcut for it.
    if (this.pending.length) this.recordsWhileWalking = true;
    try {
      const since = await walkText(start, gen, this.epoch, this.opts.budgetMs, this.matches, this.roots);
      if (gen === this.epoch.gen) await this.matches.commit(gen, since);
      else this.matches.discardStaged();
    } finally {
      this.walking--;
    }
  }

  // ---- mutations --------------------------------------------------------

  private onMutations(records: MutationRecord[]): void {
    if (!this.running) return;
    if (this.walking) this.recordsWhileWalking = true;
    for (const r of records) this.pending.push(r);
    // Text may have moved even where nothing of ours changed (a banner above it, say).
    this.highlighter.invalidate();
    if (!this.flushTimer) {
      // Records again soon after a batch: the page keeps changing (a list re-rendered every frame), so
      // batches stretch to busyFlushDelayMs and take in several renders; a batch's work is its last render's.
      const busy = performance.now() - this.lastFlushAt < BUSY_WINDOW_MS;
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.busy = this.busy.then(() => this.flush());
      }, busy ? this.opts.busyFlushDelayMs : this.opts.flushDelayMs);
    }
  }

  private async flush(): Promise<void> {
    const records = this.pending;
    this.pending = [];
    if (!records.length || !this.running) return;
    this.lastFlushAt = performance.now();
    const gen = this.epoch.gen;
    // A walk that ran while these records waited may have walked what they added: no shortcut (mutation-batch.ts).
    const ordered = this.roots.list.length === 1 && !this.recordsWhileWalking;
    this.recordsWhileWalking = false;
    const { texts, starts, removed } = readBatch(records, ordered);
    // Text inside open shadow roots of removed hosts goes too (only looked for when the page has any).
    if (removed.length) this.matches.prune(removed, this.doc, this.roots.list.length > 1);
    for (const t of texts) {
      if (!t.isConnected) continue;
      if (insideSkipped(t)) {
        this.matches.drop(t);
        continue;
      }
      this.matches.stage(t);
    }
    // The added subtrees in one walk and one commit (a list re-rendered each frame adds dozens of
    // rows at a time: a walk and a commit each cost more than matching a row).
    if (starts.length) {
      await this.walk(starts, gen);
      if (gen !== this.epoch.gen) return;
    }
    // Text that matched while hidden may have become visible (tabs, expanders).
    this.restageHidden();
    await this.matches.commit(gen);
    if (gen !== this.epoch.gen || this.checkProbe()) return;
    // Structured fields may change without text changes: re-read now and then (sent only when different).
    this.scheduleReport(this.matches.dirty ? this.opts.reportDelayMs : Math.max(this.opts.reportDelayMs * 2, FIELDS_RECHECK_MS));
  }

  /** Hidden matched text is re-checked now, or once its next check is due (a trailing pass, so nothing waits for another mutation). */
  private restageHidden(): void {
    const wait = this.matches.restageHidden();
    if (wait <= 0 || this.hiddenTimer) return;
    this.hiddenTimer = setTimeout(() => {
      this.hiddenTimer = null;
      if (!this.running) return;
      const gen = this.epoch.gen;
      this.busy = this.busy.then(async () => {
        if (gen !== this.epoch.gen || !this.running) return;
        this.restageHidden();
        await this.matches.commit(gen);
        if (gen !== this.epoch.gen || this.checkProbe()) return;
        if (this.matches.dirty) this.scheduleReport(this.opts.reportDelayMs);
      });
    }, wait);
  }

  // ---- the probing guard -------------------------------------------------

  /** After a commit: stops for good if the page brought too many new entities too fast (probe-guard.ts). */
  private checkProbe(): boolean {
    if (this.guarded) return true;
    if (!this.probe.tripped()) return false;
    this.guarded = true;
    const navigation = this.navigation;
    this.stop();
    this.onReport?.({ adapter: this.adapter.id, entities: [], misses: [], navigation, guarded: true });
    return true;
  }

  // ---- reporting ----------------------------------------------------------

  /** Throttled, not debounced: a report is due at most `delay` after the first change, however often the page changes. */
  private scheduleReport(delay: number): void {
    const due = performance.now() + delay;
    if (this.reportTimer && this.reportDue <= due) return;
    if (this.reportTimer) clearTimeout(this.reportTimer);
    this.reportDue = due;
    this.reportTimer = setTimeout(() => {
      this.reportTimer = null;
      this.reportDue = 0;
      this.emit(false);
    }, delay);
  }

  private emit(force: boolean): EngineReport {
    this.matches.dirty = false;
    if (this.guarded) return { adapter: this.adapter.id, entities: [], misses: [], navigation: this.navigation, guarded: true };
    const r = this.current();
    const sig = JSON.stringify([r.entities, r.misses, r.more, r.people]);
    if (force || sig !== this.lastSignature || r.navigation !== this.lastNavigationReported) {
      this.lastSignature = sig;
      this.lastNavigationReported = r.navigation;
      this.onReport?.(r);
    }
    return r;
  }
}
