// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Highlighter, WINDOW_THRESHOLD } from '../../../utils/page/highlights';

// jsdom has no CSS Custom Highlight API nor constructable sheets: minimal stand-ins that record what was done.
const sheets: Array<{ css: string }> = [];
type Stubbed = { Highlight: unknown; CSS: { highlights: Map<string, Set<AbstractRange>> }; CSSStyleSheet: unknown };
const g = globalThis as unknown as Stubbed;
/** The registered ranges of a highlight name. */
const registeredOf = (name: string) => g.CSS.highlights.get(name)!;
/** A fake IntersectionObserver: the callback and what is observed. */
type FakeIO = { cb: (e: Array<{ target: Element; isIntersecting: boolean }>) => void; observed: Set<Element>; margin?: string };
const win = window as unknown as { IntersectionObserver?: unknown };
beforeAll(() => {
  g.Highlight = class extends Set<AbstractRange> {};
  g.CSS = { highlights: new Map<string, Set<AbstractRange>>() };
  g.CSSStyleSheet = class {
    css = '';
    constructor() {
      sheets.push(this);
    }
    replaceSync(css: string) {
      this.css = css;
    }
  };
});

let ua = '';
const setUa = (s: string) => {
  ua = s;
  Object.defineProperty(window.navigator, 'userAgent', { configurable: true, get: () => ua });
};

function setupRoots() {
  document.body.innerHTML = '<p id="a">Nordlicht</p><div id="host"></div>';
  const sr = document.getElementById('host')!.attachShadow({ mode: 'open' });
  sr.innerHTML = '<span>Solvik</span>';
  const adoptedDoc: CSSStyleSheet[] = [];
  const adoptedShadow: CSSStyleSheet[] = [];
  // Observable-array stand-ins: a plain array the highlighter must push to (not replace).
  Object.defineProperty(document, 'adoptedStyleSheets', { configurable: true, get: () => adoptedDoc, set: () => { throw new Error('replaced the whole list'); } });
  Object.defineProperty(sr, 'adoptedStyleSheets', { configurable: true, get: () => adoptedShadow, set: () => { throw new Error('replaced the whole list'); } });
  return { a: document.getElementById('a')!.firstChild as Text, s: sr.querySelector('span')!.firstChild as Text, adoptedDoc, adoptedShadow };
}

afterEach(() => {
  sheets.length = 0;
  g.CSS.highlights.clear();
});

describe('the store build draws in an overlay the page cannot read', () => {
  it('never touches CSS.highlights and adds one closed, text-free host per document', () => {
    const { a, s } = setupRoots();
    const h = new Highlighter();
    h.attach(document);
    const hosts = () => document.querySelectorAll('kenner-marks');
    expect(hosts()).toHaveLength(1);
    h.add('account', a, 0, 4);
    h.add('contact', s, 0, 3);
    expect(g.CSS.highlights.size).toBe(0);
    expect(h.counts()).toEqual({ held: 2, registered: 0 });
    // The same single host before and after matches: its presence says nothing about the page's text.
    expect(hosts()).toHaveLength(1);
    const host = hosts()[0] as HTMLElement;
    expect(host.shadowRoot).toBeNull(); // closed
    expect(host.textContent).toBe('');
    expect(document.adoptedStyleSheets).toHaveLength(0);
    expect(sheets).toHaveLength(0);
    h.dispose();
    expect(hosts()).toHaveLength(0);
  });
});

describe('the e2e build also exposes the ranges (contract: build:e2e)', () => {
  it('one unstyled Highlight per kind, in the document and across shadow roots', () => {
    const { a, s } = setupRoots();
    const h = new Highlighter(true);
    h.add('account', a, 0, 4);
    h.add('account', s, 0, 3);
    expect(registeredOf('kenner-account').size).toBe(2);
    expect(sheets).toHaveLength(0);
    h.setEnabled(false);
    expect(g.CSS.highlights.has('kenner-account')).toBe(false);
    h.setEnabled(true);
    expect(registeredOf('kenner-account').size).toBe(2);
    h.dispose();
    expect(g.CSS.highlights.size).toBe(0);
  });
});

describe('windowed registration (many ranges)', () => {
  it(`above ${WINDOW_THRESHOLD} ranges only those near the viewport are registered, following scrolling`, () => {
    setUa('Mozilla/5.0 Chrome/156.0.0.0');
    const made: FakeIO[] = [];
    win.IntersectionObserver = class implements FakeIO {
      observed = new Set<Element>();
      margin?: string;
      constructor(
        public cb: FakeIO['cb'],
        opts?: { rootMargin?: string },
      ) {
        this.margin = opts?.rootMargin;
        // The overlay's own observer (no margin) is not the registration window.
        if (this.margin) made.push(this);
      }
      observe(el: Element) {
        this.observed.add(el);
      }
      unobserve(el: Element) {
        this.observed.delete(el);
      }
      disconnect() {
        this.observed.clear();
      }
    };
    try {
      const n = WINDOW_THRESHOLD + 50;
      document.body.innerHTML = Array.from({ length: n }, (_, i) => `<p>Name ${i}</p>`).join('');
      const ps = [...document.querySelectorAll('p')];
      const h = new Highlighter(true);
      const ranges = ps.map((p) => h.add('account', p.firstChild as Text, 0, 4));
      const registered = () => registeredOf('kenner-account').size;
      expect(made).toHaveLength(1);
      const observer = made[0];
      expect(observer.observed.size).toBe(n);
      expect(registered()).toBe(0); // nothing until the observer's first report
      expect(h.counts()).toEqual({ held: n, registered: 0 });
      observer.cb([0, 1, 2].map((i) => ({ target: ps[i], isIntersecting: true })).concat([{ target: ps[3], isIntersecting: false }]));
      expect(registered()).toBe(3);
      observer.cb([{ target: ps[0], isIntersecting: false }, { target: ps[10], isIntersecting: true }]);
      expect(registered()).toBe(3);
      expect(registeredOf('kenner-account').has(ranges[10]!)).toBe(true);
      expect(registeredOf('kenner-account').has(ranges[0]!)).toBe(false);
      // Removing a text's range unregisters it and stops observing its element.
      h.remove('account', ps[10].firstChild as Text, ranges[10]);
      expect(registered()).toBe(2);
      expect(observer.observed.has(ps[10])).toBe(false);
      h.clear();
      expect(h.counts()).toEqual({ held: 0, registered: 0 });
      h.dispose();
    } finally {
      delete win.IntersectionObserver;
    }
  });

  it('few ranges: all registered at once, no registration window', () => {
    win.IntersectionObserver = class {
      constructor(_cb: unknown, opts?: { rootMargin?: string }) {
        if (opts?.rootMargin) throw new Error('not expected');
      }
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    try {
      document.body.innerHTML = '<p>A</p><p>B</p>';
      const h = new Highlighter(true);
      for (const p of document.querySelectorAll('p')) h.add('topic', p.firstChild as Text, 0, 1);
      expect(h.counts()).toEqual({ held: 2, registered: 2 });
      h.dispose();
    } finally {
      delete win.IntersectionObserver;
    }
  });
});
