/**
 * The highlight ranges of a page, per document and per holder element, added
 * and removed incrementally. They are drawn by marks.ts in an overlay the
 * page cannot observe (a closed shadow root): the document's CSS Custom
 * Highlight registry is shared with the page's own scripts, which could read
 * back which of the names they insert Kenner knows (highlights.design.md).
 *
 * `expose` (the e2e/demo build only, contract: build:e2e) also registers the
 * ranges, unstyled, as the Custom Highlights kenner-account, kenner-contact
 * and kenner-topic, so that tests and outside scripts can see what is
 * highlighted. The store build never touches `CSS.highlights`.
 */
import type { EntityKind } from '../graph/model';
import { MarkPainter, type HeldRange } from './marks';

export const HIGHLIGHT_NAMES: Record<EntityKind, string> = {
  account: 'kenner-account',
  contact: 'kenner-contact',
  topic: 'kenner-topic',
};

interface DocHighlights {
  win: Window & typeof globalThis;
  /** The overlay that draws the ranges. */
  painter: MarkPainter;
  /** Registered in CSS.highlights (expose only). */
  byKind: Partial<Record<EntityKind, Highlight>>;
  /** Every range, by the element holding its text. */
  byEl: Map<Element, HeldRange[]>;
  total: number;
  /** Windowed (expose only): only ranges of elements near the viewport are registered (IntersectionObserver). */
  io: IntersectionObserver | null;
  near: Set<Element>;
}

/**
 * Above this many ranges in a document, only ranges near the viewport (one
 * screen above and below) are registered. Chromium revalidates every
 * registered range whenever a highlight changes or the page mutates: with
 * 8,000 ranges each such frame took 100–250 ms (scripts/bench/spotting.ts).
 */
export const WINDOW_THRESHOLD = 400;
const WINDOW_MARGIN = '100% 0px 100% 0px';

/** The element a text node's highlight belongs to (shadow host for text directly in a shadow root). */
function holder(node: Text): Element | null {
  return node.parentElement ?? ((node.parentNode as ShadowRoot | null)?.host ?? null);
}

/** Whether this window supports the Custom Highlight API (the exposed registry only). */
function highlightsSupported(win: Window = window): boolean {
  const w = win as Window & typeof globalThis;
  // Typed as always there (lib.dom), yet absent in older browsers and jsdom.
  const css: typeof CSS | undefined = w.CSS;
  return !!css?.highlights && typeof w.Highlight === 'function';
}

export class Highlighter {
  private docs = new Map<Document, DocHighlights>();
  private enabled = true;

  /** @param expose register the ranges in CSS.highlights too (e2e/demo build only; see the header). */
  constructor(private readonly expose = false) {}

  isEnabled(): boolean {
    return this.enabled;
  }

  private forDoc(doc: Document): DocHighlights | null {
    let d = this.docs.get(doc);
    if (d) return d;
    const win = doc.defaultView;
    if (!win) return null;
    const byEl = new Map<Element, HeldRange[]>();
    const painter = new MarkPainter(doc, (el) => byEl.get(el));
    painter.setEnabled(this.enabled);
    d = { win, painter, byKind: {}, byEl, total: 0, io: null, near: new Set() };
    this.docs.set(doc, d);
    return d;
  }

  /**
   * Puts the overlay into a document when Kenner starts there, before
   * anything matched (its presence tells the page nothing). Ranges of a
   * document not attached (yet) are kept but not drawn: no match ever
   * creates the overlay.
   */
  attach(doc: Document): void {
    this.forDoc(doc)?.painter.connect();
  }

  /** The page may have moved text (mutations): repaint the overlays (throttled). */
  invalidate(): void {
    for (const d of this.docs.values()) d.painter.invalidate('page');
  }

  /** When the first boxes of the current ones were drawn, over all documents (performance.now(); 0: none; benchmarks). */
  firstBoxesAt(): number {
    let t = 0;
    for (const d of this.docs.values()) if (d.painter.boxes && d.painter.firstBoxesAt && (!t || d.painter.firstBoxesAt < t)) t = d.painter.firstBoxesAt;
    return t;
  }

  /** Boxes drawn, over all documents (tests, benchmarks). */
  boxes(): number {
    let n = 0;
    for (const d of this.docs.values()) n += d.painter.boxes;
    return n;
  }

  private highlight(d: DocHighlights, kind: EntityKind): Highlight {
    let h = d.byKind[kind];
    if (!h) {
      h = new d.win.Highlight();
      d.byKind[kind] = h;
      if (this.enabled) d.win.CSS.highlights.set(HIGHLIGHT_NAMES[kind], h);
    }
    return h;
  }

  /**
   * A range over text[start, end) of a text node (null only for a node without a window). Only the
   * exposed registry needs a real StaticRange; the overlay and the hover card read the four
   * boundary fields, so the store build holds them in a plain object (a StaticRange per match was
   * ~5 ms of a 7,500-match first scan, and garbage).
   */
  add(kind: EntityKind, node: Text, start: number, end: number): AbstractRange | null {
    const doc = node.ownerDocument;
    const d = this.forDoc(doc);
    if (!d) return null;
    const StaticRangeCtor: typeof StaticRange | undefined = this.expose ? d.win.StaticRange : undefined;
    let range: AbstractRange;
    if (!this.expose) range = { startContainer: node, startOffset: start, endContainer: node, endOffset: end, collapsed: start === end };
    else if (StaticRangeCtor) range = new StaticRangeCtor({ startContainer: node, startOffset: start, endContainer: node, endOffset: end });
    else {
      const r = doc.createRange();
      r.setStart(node, start);
      r.setEnd(node, end);
      range = r;
    }
    const el = holder(node);
    if (el) {
      let list = d.byEl.get(el);
      if (!list) {
        d.byEl.set(el, (list = []));
        d.painter.track(el);
        d.io?.observe(el);
      }
      list.push({ kind, range });
      d.total++;
      d.painter.invalidate('ranges');
    }
    if (this.expose && highlightsSupported(d.win)) {
      if (!d.io && d.total > WINDOW_THRESHOLD) this.startWindow(d);
      if (!d.io || (el && d.near.has(el))) this.highlight(d, kind).add(range);
    }
    return range;
  }

  remove(kind: EntityKind, node: Text, range: AbstractRange | null): void {
    if (!range) return;
    const d = this.docs.get(node.ownerDocument);
    if (!d) return;
    d.byKind[kind]?.delete(range);
    const el = holder(node);
    const list = el ? d.byEl.get(el) : undefined;
    if (!el || !list) return;
    const i = list.findIndex((x) => x.range === range);
    if (i < 0) return;
    list.splice(i, 1);
    d.total--;
    if (!list.length) {
      d.byEl.delete(el);
      d.near.delete(el);
      d.io?.unobserve(el);
      d.painter.untrack(el);
    } else d.painter.invalidate('ranges');
  }

  /** Ranges held (registered or waiting off screen) and ranges registered, over all documents. */
  counts(): { held: number; registered: number } {
    let held = 0;
    let registered = 0;
    for (const d of this.docs.values()) {
      held += d.total;
      for (const h of Object.values(d.byKind)) registered += h?.size ?? 0;
    }
    return { held, registered };
  }

  /**
   * Switches a document to windowed registration: every holder element is
   * observed; the observer's first report (next frame) registers the ranges
   * of those near the viewport, later reports follow scrolling.
   */
  private startWindow(d: DocHighlights): void {
    const IO: typeof IntersectionObserver | undefined = d.win.IntersectionObserver;
    if (typeof IO !== 'function') return;
    d.io = new IO((entries) => {
      for (const e of entries) {
        const list = d.byEl.get(e.target);
        if (!list) continue;
        if (e.isIntersecting) {
          if (d.near.has(e.target)) continue;
          d.near.add(e.target);
          for (const x of list) this.highlight(d, x.kind).add(x.range);
        } else if (d.near.delete(e.target)) {
          for (const x of list) d.byKind[x.kind]?.delete(x.range);
        }
      }
    }, { rootMargin: WINDOW_MARGIN });
    for (const h of Object.values(d.byKind)) h?.clear();
    d.near.clear();
    for (const el of d.byEl.keys()) d.io.observe(el);
  }

  /** Removes every range (pause, navigation, teardown). */
  clear(): void {
    for (const d of this.docs.values()) {
      d.painter.clear();
      for (const h of Object.values(d.byKind)) h?.clear();
      d.io?.disconnect();
      d.io = null;
      d.byEl.clear();
      d.near.clear();
      d.total = 0;
    }
  }

  /** Off: nothing drawn, the exposed highlights leave the registry (ranges kept for when it is switched back on). */
  setEnabled(on: boolean): void {
    this.enabled = on;
    for (const d of this.docs.values()) {
      d.painter.setEnabled(on);
      if (!this.expose || !highlightsSupported(d.win)) continue;
      for (const kind of Object.keys(HIGHLIGHT_NAMES) as EntityKind[]) {
        const h = d.byKind[kind];
        if (on && h) d.win.CSS.highlights.set(HIGHLIGHT_NAMES[kind], h);
        else if (!on) d.win.CSS.highlights.delete(HIGHLIGHT_NAMES[kind]);
      }
    }
  }

  /** Teardown: the overlays go, and the exposed highlights leave the registry. */
  dispose(): void {
    for (const d of this.docs.values()) {
      d.io?.disconnect();
      d.io = null;
      d.painter.dispose();
      if (!this.expose || !highlightsSupported(d.win)) continue;
      for (const kind of Object.keys(HIGHLIGHT_NAMES) as EntityKind[]) {
        if (d.win.CSS.highlights.get(HIGHLIGHT_NAMES[kind]) === d.byKind[kind]) d.win.CSS.highlights.delete(HIGHLIGHT_NAMES[kind]);
      }
    }
    this.docs.clear();
  }
}
