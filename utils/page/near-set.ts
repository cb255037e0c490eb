/**
 * Which highlight holders are near the viewport, without observing them all.
 *
 * An IntersectionObserver over every holder (7,300 on the benchmark page)
 * recomputes every target in every frame in which the page's layout changed:
 * 16–40 ms per frame while a list re-renders (scripts/bench/spotting.ts,
 * `spot-frames`). Here only the holders near the viewport are observed
 * continuously (`watch`: a few dozen); they leave the set when they leave the
 * screen. The others are checked by short-lived probes: an observer that
 * observes a slice of holders, takes their first report and disconnects.
 *  - new holders: probed in the next frame;
 *  - the view changed (scroll, resize, the safety repaint): a sweep probes
 *    every holder, SLICE per frame, so no frame pays for all of them;
 *  - the page changed (mutations can move holders without a scroll): a
 *    sweep at most every so often (the painter's safety interval), in
 *    smaller slices (nobody waits for it; every frame stays cheap).
 * See highlights.design.md.
 */

/** Holders probed per frame during a sweep after the view changed (the user waits for those boxes). */
const SLICE = 1024;
/** ... and during a sweep after page mutations (nobody waits: small slices keep every frame cheap). */
const QUIET_SLICE = 128;
/**
 * New holders in a batch of at least this many (a scan's commit, not a typical mutation batch) are
 * measured first (`getBoundingClientRect`), and only those whose box touches the viewport are probed:
 * a box outside the viewport cannot intersect it (clipping by scroll containers and frames only
 * shrinks it). 7,300 holders: ~11 ms of CPU measured, ~23–29 ms probed. The measuring is done in an
 * animation frame, where the layout it needs is the frame's own (between frames, after the overlay
 * drew its boxes, it forced an extra layout of the page: ~6 ms each). Smaller batches are probed as
 * before (no layout forced in the mutation path).
 */
const MEASURE_MIN = 64;
/** Slack (px) around the viewport for the measured boxes: the observer counts edge-adjacent boxes as intersecting. */
const EDGE = 2;

export class NearSet {
  /**
   * Holders on screen now (no margin, as the painter's observer always had: it
   * honours clipping by scroll containers; a sweep follows scrolling within a few frames).
   */
  readonly near = new Set<Element>();
  private readonly all = new Set<Element>();
  private readonly watch: IntersectionObserver;
  private fresh: Element[] = [];
  private sweepList: Element[] | null = null;
  private sweepAt = 0;
  private sweepAgain = false;
  private slice = SLICE;
  private lastSweep = -Infinity;
  private probing = false;
  /** A large batch of new holders waits for the next animation frame to be measured... */
  private measuring = false;
  /** ... and only those of them whose box touches the viewport are probed (the others wait for a sweep). */
  private touching: Element[] = [];
  private queued = false;
  private disposed = false;
  /** A sweep asked for by `sweepSoon` within `everyMs` of the last one: due when that time is up. */
  private later: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param view the window whose viewport the holders are in (its size bounds what a probe can
   *   find; without it, every new holder is probed).
   */
  constructor(
    private readonly IO: typeof IntersectionObserver,
    private readonly onChange: () => void,
    private readonly view?: Pick<Window, 'innerWidth' | 'innerHeight' | 'requestAnimationFrame'>,
  ) {
    this.watch = new IO(
      (entries) => {
        let changed = false;
        for (const e of entries) {
          if (e.isIntersecting) continue;
          if (this.near.delete(e.target)) changed = true;
          this.watch.unobserve(e.target);
        }
        if (changed) this.onChange();
      },
    );
  }

  get size(): number {
    return this.all.size;
  }

  add(el: Element): void {
    if (this.all.has(el)) return;
    this.all.add(el);
    this.fresh.push(el);
    // Holders come in batches (a commit): one probe for the batch, started after it.
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.next();
    });
  }

  /** Returns whether it was near (then the caller repaints). */
  delete(el: Element): boolean {
    this.all.delete(el);
    if (!this.near.delete(el)) return false;
    this.watch.unobserve(el);
    return true;
  }

  /**
   * The page changed (mutations may move holders without a scroll): a quiet sweep now if none began in
   * the last `everyMs`, else one when that time is up (one pending at most: a change is never dropped).
   */
  sweepSoon(everyMs: number): void {
    const wait = this.lastSweep + everyMs - performance.now();
    if (wait <= 0) {
      this.sweep(QUIET_SLICE);
      return;
    }
    if (this.later !== null) return;
    this.later = setTimeout(() => {
      this.later = null;
      if (!this.disposed) this.sweep(QUIET_SLICE);
    }, wait);
  }

  /** Nothing signalled a change (the painter's safety interval): every holder probed again, in small slices. */
  sweepQuietly(): void {
    this.sweep(QUIET_SLICE);
  }

  /** The view changed: every holder is probed again (in slices). */
  sweep(slice = SLICE): void {
    if (!this.all.size) return;
    this.lastSweep = performance.now();
    if (this.sweepList) {
      this.sweepAgain = true;
      this.slice = Math.max(this.slice, slice);
    } else {
      this.slice = slice;
      this.sweepList = [...this.all];
      this.sweepAt = 0;
    }
    this.next();
  }

  clear(): void {
    this.all.clear();
    this.near.clear();
    this.watch.disconnect();
    this.fresh = [];
    this.touching = [];
    this.sweepList = null;
    this.sweepAgain = false;
    if (this.later !== null) clearTimeout(this.later);
    this.later = null;
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  /** The holders (still held) whose box touches the viewport: the only ones a probe could find on screen. */
  private onViewport(els: Element[], view: Pick<Window, 'innerWidth' | 'innerHeight'>): Element[] {
    const w = view.innerWidth + EDGE;
    const h = view.innerHeight + EDGE;
    const out: Element[] = [];
    for (const el of els) {
      if (!this.all.has(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom >= -EDGE && r.right >= -EDGE && r.top <= h && r.left <= w) out.push(el);
    }
    return out;
  }

  /** Starts the next probe unless one is running: fresh holders first, then the sweep's next slice. */
  private next(): void {
    if (this.probing || this.measuring || this.disposed) return;
    const view = this.view;
    if (view && this.fresh.length >= MEASURE_MIN && !this.touching.length) {
      this.measuring = true;
      view.requestAnimationFrame(() => {
        this.measuring = false;
        if (this.disposed) return;
        this.touching = this.onViewport(this.fresh, view);
        this.fresh = [];
        this.next();
      });
      return;
    }
    let batch: Element[];
    if (this.touching.length) {
      batch = this.touching.length > SLICE ? this.touching.splice(0, SLICE) : this.touching;
      if (batch === this.touching) this.touching = [];
    } else if (this.fresh.length) {
      batch = this.fresh.length > SLICE ? this.fresh.splice(0, SLICE) : this.fresh;
      if (batch === this.fresh) this.fresh = [];
    } else if (this.sweepList) {
      batch = this.sweepList.slice(this.sweepAt, this.sweepAt + this.slice);
      this.sweepAt += this.slice;
      if (this.sweepAt >= this.sweepList.length) {
        this.sweepList = this.sweepAgain ? [...this.all] : null;
        this.sweepAt = 0;
        this.sweepAgain = false;
      }
    } else return;
    this.probing = true;
    const probe = new this.IO(
      (entries) => {
        probe.disconnect();
        this.probing = false;
        if (this.disposed) return;
        let changed = false;
        for (const e of entries) {
          const el = e.target;
          if (!e.isIntersecting || !this.all.has(el) || this.near.has(el)) continue;
          this.near.add(el);
          this.watch.observe(el);
          changed = true;
        }
        if (changed) this.onChange();
        this.next();
      },
    );
    let observed = 0;
    for (const el of batch) {
      if (!this.all.has(el)) continue;
      probe.observe(el);
      observed++;
    }
    if (!observed) {
      probe.disconnect();
      this.probing = false;
      this.next();
    }
  }
}
