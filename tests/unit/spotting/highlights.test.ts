// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Highlighter, highlightCss, highlightInheritance } from '../../../utils/spotting/highlights';

// jsdom has no CSS Custom Highlight API nor constructable sheets: minimal stand-ins that record what was done.
const sheets: Array<{ css: string }> = [];
beforeAll(() => {
  (globalThis as any).Highlight = class extends Set<AbstractRange> {};
  (globalThis as any).CSS = { highlights: new Map<string, Set<AbstractRange>>() };
  (globalThis as any).CSSStyleSheet = class {
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
  ((globalThis as any).CSS.highlights as Map<string, unknown>).clear();
});

describe('highlight styles', () => {
  it('scopes rules to :root where highlight pseudos inherit (Chromium), universal elsewhere', () => {
    expect(highlightCss(':root')).toContain(':root::highlight(kenner-account)');
    expect(highlightCss('')).not.toContain(':root');
    setUa('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36');
    expect(highlightInheritance(window)).toBe(true);
    setUa('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0');
    expect(highlightInheritance(window)).toBe(false);
    setUa('Mozilla/5.0 Chrome/110.0.0.0');
    expect(highlightInheritance(window)).toBe(false);
  });

  it('Chromium: one root-scoped sheet pushed onto the document only, also for text in shadow roots', () => {
    setUa('Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36');
    const { a, s, adoptedDoc, adoptedShadow } = setupRoots();
    const h = new Highlighter();
    h.add('account', a, 0, 4);
    h.add('account', s, 0, 3);
    expect(adoptedDoc).toHaveLength(1);
    expect(adoptedShadow).toHaveLength(0);
    expect((adoptedDoc[0] as unknown as { css: string }).css).toContain(':root::highlight(kenner-account)');
    expect((globalThis as any).CSS.highlights.get('kenner-account').size).toBe(2);
    h.dispose();
    expect(adoptedDoc).toHaveLength(0);
  });

  it('elsewhere: universal rules, adopted by the document and each shadow root holding a range', () => {
    setUa('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0');
    const { a, s, adoptedDoc, adoptedShadow } = setupRoots();
    const h = new Highlighter();
    h.add('contact', a, 0, 4);
    h.add('contact', s, 0, 3);
    expect(adoptedDoc).toHaveLength(1);
    expect(adoptedShadow).toEqual(adoptedDoc);
    expect((adoptedDoc[0] as unknown as { css: string }).css).not.toContain(':root');
    h.dispose();
    expect(adoptedShadow).toHaveLength(0);
  });
});
