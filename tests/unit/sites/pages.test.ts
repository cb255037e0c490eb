// @vitest-environment node
/**
 * Every saved demo page (tests/pages/<site>/*.html with its *.expected.json),
 * loaded into jsdom at its real-site URL: the adapter chosen for it, exactly
 * the expected entities, the focal record, the texts that must match and the
 * near misses that must not.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pickAdapter } from '../../../utils/sites';
import { PAGES, expectation, key, loadPage, matchesOver } from './harness';

const pages = readdirSync(PAGES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(`${PAGES}/${d.name}`).filter((f) => f.endsWith('.expected.json')).map((f) => `${d.name}/${f.replace('.expected.json', '')}`))
  .filter((p) => expectation(p).enabled)
  .sort();

describe.each(pages)('demo page %s', (page) => {
  it('finds exactly the expected entities, the focal record, must-match texts and no near miss', async () => {
    const { engine, doc, adapter, expected, dom } = await loadPage(page);
    try {
      expect(adapter.id).toBe(expected.site);
      const r = await engine.reportNow();
      expect(r.entities.map(key).sort()).toEqual(expected.entities.map(key).sort());
      expect(r.entities.filter((e) => e.focal).map(key)).toEqual(expected.focal ? [key(expected.focal)] : []);
      expect(r.misses).toEqual([]);
      for (const m of expected.mustMatch) {
        expect(matchesOver(engine, doc, m.text), `"${m.text}"`).toContainEqual({ kind: m.kind, id: m.id });
      }
      for (const text of expected.mustNotMatch) {
        expect(matchesOver(engine, doc, text), `"${text}"`).toEqual([]);
      }
    } finally {
      engine.dispose();
      dom.window.close();
    }
  });

  it('is recognised by its DOM/URL signature when served from localhost', async () => {
    const e = expectation(page);
    const { doc, dom } = await loadPage(page, `http://localhost:5173${e.url}`);
    try {
      expect(pickAdapter(doc, new URL(dom.window.location.href)).id).toBe(e.site);
    } finally {
      dom.window.close();
    }
  });
});

describe('in-app navigation (Salesforce account → partner account)', () => {
  it('forgets the previous record at once and reports the new one with its focal account', async () => {
    const { engine, doc, dom, expected, reports } = await loadPage('salesforce/account');
    try {
      await engine.reportNow();
      for (const nav of expected.navigation ?? []) {
        (doc.querySelector(nav.click) as HTMLElement).click();
        await new Promise((r) => setTimeout(r, 20));
        expect(dom.window.location.pathname).toBe(nav.url);
        const before = reports.length;
        engine.navigate(); // what the content script does on wxt:locationchange / popstate
        expect(reports[before].entities).toEqual([]);
        await new Promise((r) => setTimeout(r, 30));
        const r = await engine.reportNow();
        expect(r.navigation).toBe(1);
        expect(r.entities.map(key).sort()).toEqual(nav.entities.map(key).sort());
        expect(r.entities.filter((e) => e.focal).map(key)).toEqual(nav.focal ? [key(nav.focal)] : []);
        for (const m of nav.mustMatch) expect(matchesOver(engine, doc, m.text)).toContainEqual({ kind: m.kind, id: m.id });
      }
    } finally {
      engine.dispose();
      dom.window.close();
    }
  });
});

describe('missing structure', () => {
  it('falls back to free text and records the selector that missed', async () => {
    const { engine, doc, dom } = await loadPage('salesforce/account');
    try {
      doc.querySelectorAll('records-highlights2').forEach((h) => h.remove());
      doc.querySelectorAll('records-record-layout-item').forEach((h) => h.remove());
      await new Promise((r) => setTimeout(r, 20));
      const r = await engine.reportNow();
      expect(r.misses).toContain('recordName');
      // The URL's record id still names the focal account; free text still finds the rest.
      expect(r.entities.find((e) => e.focal)?.id).toBe('a-nordlicht');
      expect(r.entities.map((e) => e.id)).toContain('c-ahlers');
    } finally {
      engine.dispose();
      dom.window.close();
    }
  });
});
