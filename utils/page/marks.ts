/**
 * The marks: Kenner's highlights drawn as boxes in an overlay that the page
 * cannot observe (see highlights.design.md). One host element per document,
 * created when the engine starts (not when something first matches, so its
 * presence says nothing about the page's text), fixed over the viewport,
 * `pointer-events: none`, its boxes in a CLOSED shadow root. The page's own
 * DOM and the document's `CSS.highlights` registry are never touched.
 *
 * Painting: a NearSet (near-set.ts: IntersectionObservers over the holders
 * near the viewport and short-lived probes of the others, never one
 * observer over every holder) keeps the set of holder elements within a
 * screen of the viewport; one frame after anything that moves the view
 * (scroll anywhere, resize, a holder coming near or leaving) the ranges of
 * those holders are measured and one box is drawn per line box on screen. A box is skipped where
 * something else covers the text (a dialog, a sticky header): the element at
 * the line box's centre must be the holder, inside it, or an ancestor of it.
 * That hit test is the expensive part on a large page, so page mutations
 * (which happen all the time on some pages: a clock, a ticker) repaint at
 * most every MUTATION_REPAINT_MS and only if a measured box moved; a slow
 * safety repaint catches what nothing signalled (a dialog opening over a
 * name without moving it, fonts, animations).
 */
import type { EntityKind } from '../graph/model';
import { KENNER_UI_ATTR } from '../sites/visibility';
import { NearSet } from './near-set';
import { NO_BACKDROP, TOP_LEVEL, asPopover, showOnTop } from './top-layer';

/** A range and its kind, as the highlighter holds them. */
export interface HeldRange {
  kind: EntityKind;
  range: AbstractRange;
}

const STYLE = `
:host{all:initial}
${NO_BACKDROP}
.layer{position:fixed;inset:0;overflow:hidden;pointer-events:none}
.layer[hidden]{display:none}
.m{position:absolute;left:0;top:0;box-sizing:border-box;border-radius:2px;pointer-events:none}
.account{background:rgba(37,99,235,.16);border-bottom:2px solid rgba(37,99,235,.85)}
.contact{background:rgba(5,150,105,.16);border-bottom:2px solid rgba(5,150,105,.85)}
.topic{background:rgba(217,119,6,.14);border-bottom:2px dotted rgba(217,119,6,.9)}
@media (prefers-color-scheme: dark){
.account{background:rgba(96,165,250,.28);border-bottom-color:rgba(147,197,253,.95)}
.contact{background:rgba(52,211,153,.26);border-bottom-color:rgba(110,231,183,.95)}
.topic{background:rgba(251,191,36,.24);border-bottom-color:rgba(252,211,77,.95)}
}`;

/**
 * Where the overlay host stays in the page (no layout, no hit testing, above the page). It goes into the
 * top layer (top-layer.ts); where that is missing, or the page hides the popover, this style keeps it
 * above the page as before (`display` is forced, so a hidden popover still shows).
 */
const HOST_STYLE =
  'all:initial!important;display:block!important;position:fixed!important;inset:0!important;' +
  'pointer-events:none!important;z-index:2147483646!important;contain:strict!important;';

const EMPTY: ReadonlySet<Element> = new Set();

/** A safety repaint while boxes are shown, for layout changes nothing signalled (fonts, animations). */
const SAFETY_REPAINT_MS = 1500;
/** How often a second a host the page removed is put back. */
const MAX_PUTBACKS = 5;
/**
 * The safety repaint hit-tests at most this many boxes a frame while nothing moved (each hit test is
 * 0.6–4 ms on a 33 k-element page: all of them in one frame were a 20–80 ms spike every 1.5 s, six a
 * frame still the tail of a re-rendering list's frames); as soon as one answer differs from the last
 * paint's, everything is redrawn in that frame.
 */
const CHECK_SLICE = 2;
/** How long a full paint's hit-test answers may be reused by the next (the holders on screen arriving over a scan's frames). */
const ANSWERS_KEPT_MS = 250;
/** Page mutations repaint at most this often. */
const MUTATION_REPAINT_MS = 200;

export class MarkPainter {
  private host: HTMLElement | null = null;
  private layer: HTMLElement | null = null;
  private readonly pool: HTMLElement[] = [];
  private shown = 0;
  private readonly nearSet: NearSet | null;
  private readonly abort = new AbortController();
  private frame = 0;
  /** The next frame's paint must hit-test again (the view moved), not just compare boxes. */
  private full = false;
  private mutationTimer: ReturnType<typeof setTimeout> | null = null;
  private lastSignature = '';
  /** Per box of the last full paint (in measuring order): whether it was drawn (nothing covered it). */
  private lastUncovered: boolean[] = [];
  /**
   * The last full paint's answers by holder and box, and whether they still hold: nothing but the set of
   * holders on screen and Kenner's own ranges changed since (no scroll, resize, page mutation or
   * safety check). Then a box measured exactly as before keeps its answer and only new boxes are
   * hit-tested (during a first scan the holders on screen arrive in several probes).
   */
  private answers: Map<Element, Map<string, boolean>> | null = null;
  private settled = false;
  private answeredAt = 0;
  /** The safety repaint's check, in slices: the next box to hit-test (-1: none running). */
  private checkAt = -1;
  private safety: ReturnType<typeof setInterval> | null = null;
  private on = true;
  private connected = false;
  /** Put-backs of a removed host in the current second (a page that keeps removing it gets it back at most MAX_PUTBACKS times a second). */
  private putBacks = { second: 0, n: 0 };
  private readonly measure: Range;

  constructor(
    private readonly doc: Document,
    private readonly rangesOf: (el: Element) => readonly HeldRange[] | undefined,
  ) {
    const win = doc.defaultView;
    this.measure = doc.createRange();
    const IO: typeof IntersectionObserver | undefined = win?.IntersectionObserver;
    this.nearSet = typeof IO === 'function' && typeof win?.requestAnimationFrame === 'function' ? new NearSet(IO, () => this.invalidate('near'), win) : null;
    if (!this.nearSet || !win) return;
    const signal = this.abort.signal;
    const inv = () => {
      this.nearSet?.sweep();
      this.invalidate('view');
    };
    doc.addEventListener('scroll', inv, { capture: true, passive: true, signal });
    win.addEventListener('resize', inv, { passive: true, signal });
    doc.addEventListener('transitionend', inv, { capture: true, passive: true, signal });
    doc.addEventListener('animationend', inv, { capture: true, passive: true, signal });
  }

  /**
   * Puts the host into the document (Kenner started there). From then on it
   * is put back whenever the page takes it out, on the page's own mutation,
   * whatever the page holds: its presence never depends on a match.
   */
  connect(): void {
    this.connected = true;
    this.ensureHost();
    this.invalidate('view'); // ranges kept before (a frame still being parsed) are drawn now
  }

  /** Whether this document can be painted (jsdom and old browsers cannot). */
  get active(): boolean {
    return !!this.nearSet;
  }

  /** Boxes drawn in the last frame (tests, benchmarks). */
  get boxes(): number {
    return this.shown;
  }

  /** When boxes were last drawn where there were none (performance.now(); benchmarks: the first highlight's frame). */
  firstBoxesAt = 0;

  track(el: Element): void {
    this.nearSet?.add(el);
  }

  untrack(el: Element): void {
    if (this.nearSet?.delete(el)) this.invalidate('ranges');
  }

  private get visible(): ReadonlySet<Element> {
    return this.nearSet?.near ?? EMPTY;
  }

  /**
   * Something may have moved. `view`: scrolling, resizing: repaint in the
   * next frame, hit tests included. `near`: the set of holders on screen
   * changed: the same, but boxes measured as in the last paint keep their
   * answers while nothing else changed. `page`: the page changed: repaint soon
   * (throttled), boxes compared first. `ranges`: Kenner's ranges changed: the
   * same, answers kept.
   */
  invalidate(why: 'view' | 'near' | 'page' | 'ranges' = 'page'): void {
    if (why === 'view' || why === 'page') this.settled = false;
    // Taken out by the page? Back at once, on the page's own mutation, whatever it holds (not asked
    // for Kenner's own changes: `ranges` comes once per match during a scan).
    if (why !== 'ranges' && this.connected && this.host && !this.host.isConnected) this.ensureHost();
    if (!this.on || !this.nearSet) return;
    if (!this.visible.size) {
      if (this.shown) this.hideFrom(0);
      // Nothing on screen: a page change may still bring holders into view without a scroll.
      if (why === 'page' && this.nearSet.size) this.nearSet.sweepSoon(SAFETY_REPAINT_MS);
      return;
    }
    if (why === 'view' || why === 'near') {
      this.full = true;
      this.requestFrame();
    } else if (!this.mutationTimer && !this.frame) {
      this.nearSet.sweepSoon(SAFETY_REPAINT_MS);
      this.mutationTimer = setTimeout(() => {
        this.mutationTimer = null;
        this.requestFrame();
      }, MUTATION_REPAINT_MS);
    }
  }

  private requestFrame(): void {
    if (this.frame) return;
    this.frame = this.doc.defaultView!.requestAnimationFrame(() => {
      this.frame = 0;
      const full = this.full;
      this.full = false;
      this.paint(full);
    });
  }

  setEnabled(on: boolean): void {
    this.on = on;
    if (this.layer) this.layer.hidden = !on;
    if (on) this.invalidate('view');
  }

  /** Forgets every holder (the highlighter cleared its ranges). */
  clear(): void {
    this.nearSet?.clear();
    this.lastSignature = '';
    this.lastUncovered = [];
    this.answers = null;
    this.settled = false;
    this.checkAt = -1;
    this.hideFrom(0);
  }

  dispose(): void {
    this.connected = false;
    this.clear();
    this.nearSet?.dispose();
    this.abort.abort();
    if (this.frame) this.doc.defaultView?.cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.mutationTimer) clearTimeout(this.mutationTimer);
    this.mutationTimer = null;
    if (this.safety) clearInterval(this.safety);
    this.safety = null;
    this.host?.remove();
    this.host = this.layer = null;
  }

  private ensureHost(): void {
    if (!this.connected || this.host?.isConnected) return;
    const second = Math.floor(performance.now() / 1000);
    if (second !== this.putBacks.second) this.putBacks = { second, n: 0 };
    if (this.host && ++this.putBacks.n > MAX_PUTBACKS) return;
    const doc = this.doc;
    const host = doc.createElement('kenner-marks');
    host.setAttribute(KENNER_UI_ATTR, '');
    host.setAttribute('aria-hidden', 'true');
    host.style.cssText = HOST_STYLE;
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = STYLE;
    const layer = doc.createElement('div');
    layer.className = 'layer';
    layer.hidden = !this.on;
    shadow.append(style, layer);
    asPopover(host);
    (doc.documentElement ?? doc).appendChild(host);
    showOnTop(host, TOP_LEVEL.marks);
    this.host = host;
    this.layer = layer;
    this.pool.length = 0;
    this.shown = 0;
    // A new layer holds no box: draw again in the next frame, even if nothing moved (a host put back
    // after the page removed it stayed empty until the next scroll: no later paint saw a change).
    this.lastSignature = '';
    this.full = true;
    if (this.nearSet) this.requestFrame();
  }

  private paint(full: boolean): void {
    if (!this.on || !this.nearSet || !this.connected) return;
    if (!this.host?.isConnected) return; // put back on the page's next mutation (invalidate), never because of a match
    const win = this.doc.defaultView!;
    const vw = win.innerWidth;
    const vh = win.innerHeight;
    // Measure first (cheap), then hit-test and draw only if something moved or the view changed.
    const boxes: Array<{ kind: EntityKind; r: DOMRect; el: Element; root: Document | ShadowRoot }> = [];
    let signature = '';
    for (const el of this.visible) {
      const list = this.rangesOf(el);
      if (!list) continue;
      const root = el.getRootNode() as Document | ShadowRoot;
      for (const { kind, range } of list) {
        let rects: DOMRectList;
        try {
          this.measure.setStart(range.startContainer, range.startOffset);
          this.measure.setEnd(range.endContainer, range.endOffset);
          rects = this.measure.getClientRects();
        } catch {
          continue; // the text changed under a stale range; the next scan replaces it
        }
        for (const r of Array.from(rects)) {
          if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.right <= 0 || r.top >= vh || r.left >= vw) continue;
          boxes.push({ kind, r, el, root });
          signature += `${kind[0]}${r.left | 0},${r.top | 0},${r.width | 0};`;
        }
      }
    }
    if (!full && signature === this.lastSignature) {
      if (this.checkAt >= 0) this.checkSlice(boxes);
      return;
    }
    this.draw(boxes, signature);
  }

  /** Hit-tests every box and draws those nothing covers. */
  private draw(boxes: Array<{ kind: EntityKind; r: DOMRect; el: Element; root: Document | ShadowRoot }>, signature: string): void {
    this.lastSignature = signature;
    this.checkAt = -1;
    const up = (this.lastUncovered = new Array<boolean>(boxes.length));
    // Kept answers are trusted for a short while only: attribute changes (a class that opens a dialog) are
    // not observed, so only the safety check (or this bound) would notice a cover they bring.
    const known = this.settled && performance.now() - this.answeredAt < ANSWERS_KEPT_MS ? this.answers : null;
    const answers = new Map<Element, Map<string, boolean>>();
    // Every hit test before any box is written: a write between two hit tests makes the second one
    // bring the document's lifecycle up to date again.
    for (let i = 0; i < boxes.length; i++) {
      const { el, r, root } = boxes[i];
      const key = `${r.left},${r.top},${r.width},${r.height}`;
      let u = known?.get(el)?.get(key);
      if (u === undefined) u = this.uncovered(root, el, r.left + r.width / 2, r.top + r.height / 2);
      up[i] = u;
      let byBox = answers.get(el);
      if (!byBox) answers.set(el, (byBox = new Map<string, boolean>()));
      byBox.set(key, u);
    }
    this.answers = answers;
    // The bound counts from the last paint that tested every box (reuse does not extend it).
    if (!known) this.answeredAt = performance.now();
    this.settled = true;
    let n = 0;
    for (let i = 0; i < boxes.length; i++) if (up[i]) this.box(n++, boxes[i].kind, boxes[i].r);
    this.hideFrom(n);
    if (n && !this.safety)
      this.safety = setInterval(() => {
        this.settled = false; // the safety repaint trusts no earlier answer
        this.nearSet?.sweepQuietly();
        // Nothing signalled a change: check the boxes in slices (a moved box or a changed answer repaints at once).
        if (this.on && this.nearSet?.near.size) {
          this.checkAt = 0;
          this.requestFrame();
        } else this.invalidate('view');
      }, SAFETY_REPAINT_MS);
    else if (!n && this.safety) {
      clearInterval(this.safety);
      this.safety = null;
    }
  }

  /** The safety repaint's next slice: boxes did not move; hit-test a few; redraw all if an answer changed. */
  private checkSlice(boxes: Array<{ kind: EntityKind; r: DOMRect; el: Element; root: Document | ShadowRoot }>): void {
    const end = Math.min(boxes.length, this.checkAt + CHECK_SLICE);
    for (let i = this.checkAt; i < end; i++) {
      const b = boxes[i];
      if (this.uncovered(b.root, b.el, b.r.left + b.r.width / 2, b.r.top + b.r.height / 2) !== this.lastUncovered[i]) {
        this.settled = false; // something changed that nothing signalled: every box is hit-tested again
        this.draw(boxes, this.lastSignature);
        return;
      }
    }
    this.checkAt = end >= boxes.length ? -1 : end;
    if (this.checkAt >= 0) this.requestFrame();
  }

  /** Is the text at (x, y) on top (not covered by a dialog, a header, or scrolled out of its container)? */
  private uncovered(root: Document | ShadowRoot, holder: Element, x: number, y: number): boolean {
    const hit = typeof root.elementFromPoint === 'function' ? root.elementFromPoint(x, y) : null;
    if (!hit) return false;
    return hit === holder || holder.contains(hit) || hit.contains(holder);
  }

  private box(i: number, kind: EntityKind, r: DOMRect): void {
    let b = this.pool[i];
    if (!b) {
      b = this.doc.createElement('div');
      this.pool.push(b);
      this.layer!.appendChild(b);
    }
    if (b.className !== `m ${kind}`) b.className = `m ${kind}`;
    b.style.cssText = `transform:translate(${r.left}px,${r.top}px);width:${r.width}px;height:${r.height}px`;
    if (i >= this.shown) b.hidden = false;
  }

  private hideFrom(n: number): void {
    if (n && !this.shown) this.firstBoxesAt = performance.now();
    for (let i = n; i < this.shown; i++) {
      const b = this.pool[i];
      if (b) b.hidden = true;
    }
    this.shown = n;
  }
}
