/**
 * Highlights through the CSS Custom Highlight API: exactly one Highlight per
 * entity kind per document, registered as kenner-account, kenner-contact and
 * kenner-topic; ranges added and removed incrementally. Styles come from one
 * constructed stylesheet adopted by the document (and by each shadow root
 * that holds a highlighted range: ::highlight rules do not cross shadow
 * boundaries). Nothing is added to the page's DOM.
 */
import type { EntityKind } from '../graph/model';

export const HIGHLIGHT_NAMES: Record<EntityKind, string> = {
  account: 'kenner-account',
  contact: 'kenner-contact',
  topic: 'kenner-topic',
};

/**
 * The highlight styles. `scope` prefixes every rule: '' (universal, every
 * element matches: needed where highlight pseudos do not inherit) or ':root'
 * (Chromium's highlight inheritance carries the root's ::highlight styles to
 * every descendant, across shadow boundaries). A universal ::highlight rule
 * makes adopting the sheet restyle every element: 140–290 ms on a 33 k-element
 * page, versus ~12 ms for a root-scoped one (scripts/bench/spotting.ts).
 */
export function highlightCss(scope = ''): string {
  return `
${scope}::highlight(kenner-account){background-color:rgba(37,99,235,.16);text-decoration:underline solid rgba(37,99,235,.85) 2px}
${scope}::highlight(kenner-contact){background-color:rgba(5,150,105,.16);text-decoration:underline solid rgba(5,150,105,.85) 2px}
${scope}::highlight(kenner-topic){background-color:rgba(217,119,6,.14);text-decoration:underline dotted rgba(217,119,6,.9) 2px}
@media (prefers-color-scheme: dark){
${scope}::highlight(kenner-account){background-color:rgba(96,165,250,.28);text-decoration-color:rgba(147,197,253,.95)}
${scope}::highlight(kenner-contact){background-color:rgba(52,211,153,.26);text-decoration-color:rgba(110,231,183,.95)}
${scope}::highlight(kenner-topic){background-color:rgba(251,191,36,.24);text-decoration-color:rgba(252,211,77,.95)}
}`;
}

/**
 * Whether ::highlight styles inherit along the flat tree (CSS Highlight
 * Inheritance): Chromium ≥ 118 (Blink). Elsewhere (Firefox, Safari) the
 * universal rules, adopted by each shadow root holding a range, are used.
 */
export function highlightInheritance(win: Window): boolean {
  const nav = win.navigator as Navigator & { userAgentData?: { brands?: Array<{ brand: string; version: string }> } };
  const brands = nav.userAgentData?.brands;
  if (brands?.length) return brands.some((b) => /Chromium/i.test(b.brand) && Number(b.version) >= 118);
  const m = /Chrom(?:e|ium)\/(\d+)/.exec(nav.userAgent);
  return !!m && Number(m[1]) >= 118 && !/Firefox\//.test(nav.userAgent);
}

interface DocHighlights {
  win: Window & typeof globalThis;
  sheet: CSSStyleSheet | null;
  /** Root-scoped rules inherited everywhere (one adoption by the document is enough). */
  inherits: boolean;
  byKind: Partial<Record<EntityKind, Highlight>>;
  roots: Set<Document | ShadowRoot>;
  /** Every range, by the element holding its text (registered or not). */
  byEl: Map<Element, Array<{ kind: EntityKind; range: AbstractRange }>>;
  total: number;
  /** Windowed: only ranges of elements near the viewport are registered (IntersectionObserver). */
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

/** Whether this window supports the Custom Highlight API. */
function highlightsSupported(win: Window = window): boolean {
  const w = win as Window & typeof globalThis;
  // Typed as always there (lib.dom), yet absent in older browsers and jsdom.
  const css: typeof CSS | undefined = w.CSS;
  return !!css?.highlights && typeof w.Highlight === 'function';
}

export class Highlighter {
  private docs = new Map<Document, DocHighlights>();
  private enabled = true;

  isEnabled(): boolean {
    return this.enabled;
  }

  private forDoc(doc: Document): DocHighlights | null {
    let d = this.docs.get(doc);
    if (d) return d;
    const win = doc.defaultView;
    if (!win || !highlightsSupported(win)) return null;
    let sheet: CSSStyleSheet | null = null;
    const inherits = highlightInheritance(win);
    try {
      sheet = new win.CSSStyleSheet();
      sheet.replaceSync(highlightCss(inherits ? ':root' : ''));
    } catch {
      sheet = null;
    }
    d = { win, sheet, inherits, byKind: {}, roots: new Set(), byEl: new Map(), total: 0, io: null, near: new Set() };
    this.docs.set(doc, d);
    return d;
  }

  private adopt(d: DocHighlights, root: Document | ShadowRoot): void {
    if (!d.sheet || d.roots.has(root)) return;
    d.roots.add(root);
    try {
      const list = root.adoptedStyleSheets;
      if (list.includes(d.sheet)) return;
      // push() on the observable array: Chromium restyles incrementally (~10 ms on a 33 k-element page);
      // assigning a new array makes it restyle the whole document (100–190 ms there).
      if (typeof list.push === 'function' && !Object.isFrozen(list)) list.push(d.sheet);
      else root.adoptedStyleSheets = [...list, d.sheet];
    } catch {
      /* a frozen or foreign root: highlights stay unstyled there */
    }
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

  /** A range over text[start, end) of a text node, or null where highlights are unsupported. */
  add(kind: EntityKind, node: Text, start: number, end: number): AbstractRange | null {
    const doc = node.ownerDocument;
    const d = this.forDoc(doc);
    if (!d) return null;
    const StaticRangeCtor: typeof StaticRange | undefined = d.win.StaticRange;
    let range: AbstractRange;
    if (StaticRangeCtor) range = new StaticRangeCtor({ startContainer: node, startOffset: start, endContainer: node, endOffset: end });
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
        d.io?.observe(el);
      }
      list.push({ kind, range });
      d.total++;
    }
    if (!d.io && d.total > WINDOW_THRESHOLD) this.startWindow(d);
    if (!d.io || (el && d.near.has(el))) this.highlight(d, kind).add(range);
    this.adopt(d, doc);
    if (!d.inherits) {
      const root = node.getRootNode();
      if (root !== doc && root instanceof d.win.ShadowRoot) this.adopt(d, root);
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
    }
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
      for (const h of Object.values(d.byKind)) h?.clear();
      d.io?.disconnect();
      d.io = null;
      d.byEl.clear();
      d.near.clear();
      d.total = 0;
    }
  }

  /** Off: the three highlights are deleted from the registry (ranges kept for when it is switched back on). */
  setEnabled(on: boolean): void {
    this.enabled = on;
    for (const d of this.docs.values()) {
      for (const kind of Object.keys(HIGHLIGHT_NAMES) as EntityKind[]) {
        const h = d.byKind[kind];
        if (on && h) d.win.CSS.highlights.set(HIGHLIGHT_NAMES[kind], h);
        else if (!on) d.win.CSS.highlights.delete(HIGHLIGHT_NAMES[kind]);
      }
    }
  }

  /** Teardown: unregister everything and drop the adopted sheets. */
  dispose(): void {
    for (const d of this.docs.values()) {
      d.io?.disconnect();
      d.io = null;
      for (const kind of Object.keys(HIGHLIGHT_NAMES) as EntityKind[]) {
        if (d.win.CSS.highlights.get(HIGHLIGHT_NAMES[kind]) === d.byKind[kind]) d.win.CSS.highlights.delete(HIGHLIGHT_NAMES[kind]);
      }
      for (const root of d.roots) {
        try {
          const list = root.adoptedStyleSheets;
          const i = d.sheet ? list.indexOf(d.sheet) : -1;
          if (i >= 0 && typeof list.splice === 'function' && !Object.isFrozen(list)) list.splice(i, 1);
          else if (i >= 0) root.adoptedStyleSheets = list.filter((s) => s !== d.sheet);
        } catch {
          /* ignore */
        }
      }
    }
    this.docs.clear();
  }
}
