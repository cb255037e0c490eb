// @vitest-environment node
/**
 * The redacted page outline (utils/sites/outline.ts): structure kept (tags,
 * ids, classes, attribute names), and no word of the page's text or attribute
 * values in it, on every demo page in every language, shadow roots and frames
 * included.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { pageOutline } from '../../../utils/sites/outline';
import { PAGES, loadPage } from './harness';

const pages = readdirSync(PAGES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'i18n')
  .flatMap((d) => readdirSync(`${PAGES}/${d.name}`).filter((f) => f.endsWith('.expected.json')).map((f) => `${d.name}/${f.replace('.expected.json', '')}`))
  .sort();

const partsOf = (s: string) => s.split(/[^\p{L}]+|(?<=\p{Ll})(?=\p{Lu})/u).filter(Boolean).map((p) => p.toLowerCase());

/** Every word (4+ letters) of the page's text and attribute values (ids and classes aside), shadow roots, templates and frames included. */
function pageWords(root: Node, out = new Set<string>(), structural = new Set<string>()): { words: Set<string>; structural: Set<string> } {
  const add = (s: string | null) => {
    for (const w of (s ?? '').match(/\p{L}{4,}/gu) ?? []) out.add(w.toLowerCase());
  };
  const walk = (n: Node) => {
    if (n.nodeType === 3 || n.nodeType === 8) add(n.nodeValue);
    if (n.nodeType === 1) {
      const el = n as Element;
      for (const p of partsOf(el.localName)) structural.add(p);
      for (const a of Array.from(el.attributes)) {
        for (const p of partsOf(a.name)) structural.add(p);
        if (a.name !== 'id' && a.name !== 'class') add(a.value);
      }
      if (el.localName === 'template') walk((el as HTMLTemplateElement).content);
      if (el.shadowRoot) walk(el.shadowRoot);
      if (el.localName === 'iframe') {
        const d = (el as HTMLIFrameElement).contentDocument;
        if (d) walk(d);
      }
    }
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(root);
  return { words: out, structural };
}

/** The outline's own markers (#text 12, #comment 3, #shadow-root, #document). */
const MARKERS = new Set(['text', 'comment', 'shadow', 'root', 'document']);

/** The words an outline shows: every letter run of its tokens (tags, ids, classes, attribute names). */
function outlineWords(outline: string): Set<string> {
  return new Set(outline.split(/\s+/).flatMap(partsOf).filter((w) => !MARKERS.has(w)));
}

describe('redacted page outline', () => {
  it('keeps the structure and replaces every text and value by its length', () => {
    const { window } = new JSDOM(
      '<!DOCTYPE html><html><body><div id="ReadingPaneContainerId" class="pane main" role="main" aria-label="Lesebereich">Nordlicht Logistik GmbH<span title="h.ahlers@nordlicht-logistik.de" data-convid="AAQk">Henrik</span><a id="nav-to-havbryggen" class="Havbryggen weird:class">Havbryggen Shipping</a><p id="a b">x</p></div></body></html>',
    );
    const out = pageOutline({}, window.document);
    // `main` is also a word of the page (role="main"): that class is redacted, conservatively.
    expect(out).toContain('div#ReadingPaneContainerId.pane.#4[role=#4 aria-label=#11]');
    expect(out).toContain('#text 23');
    expect(out).toContain('span[title=#30 data-convid=#4]');
    // Ids and classes carrying the page's words, or characters of text, are redacted too.
    expect(out).toContain('a##17.#10.#11');
    expect(out).toContain('p##3');
    for (const w of ['nordlicht', 'logistik', 'henrik', 'ahlers', 'havbryggen', 'lesebereich', 'main"', 'AAQk']) expect(out.toLowerCase()).not.toContain(w.toLowerCase());
  });

  it('walks open shadow roots and same-origin frames', () => {
    const { window } = new JSDOM('<!DOCTYPE html><body><records-highlights2></records-highlights2><iframe srcdoc=""></iframe></body>');
    const host = window.document.querySelector('records-highlights2')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<h1 class="title"><slot name="primaryField">Solvik Energi AB</slot></h1>';
    const out = pageOutline({}, window.document);
    expect(out).toMatch(/records-highlights2\n\s+#shadow-root\n\s+h1\.title\n\s+slot\[name=#12\]\n\s+#text 16/);
    expect(out).not.toMatch(/solvik|energi/i);
  });

  it.each(pages)('%s: contains none of the page\'s words', async (page) => {
    const { doc, engine, dom } = await loadPage(page);
    try {
      engine.dispose(); // the outline is of the page, not of Kenner's overlay
      const out = pageOutline({}, doc);
      expect(out.split('\n').length).toBeGreaterThan(20);
      const { words, structural } = pageWords(doc);
      const shown = outlineWords(out);
      const leaked = [...words].filter((w) => shown.has(w) && !structural.has(w));
      expect(leaked).toEqual([]);
    } finally {
      dom.window.close();
    }
  });
});
