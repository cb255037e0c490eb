/**
 * The demo pages are fixtures for the site adapters and the end-to-end tests,
 * so their expectation files must agree with what the pages actually show:
 * every expected entity is visibly mentioned, no other story entity is, every
 * near miss is really on the page, no bulk-generated name sneaks onto a page,
 * and no page loads anything from the network.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDemoPages, PAGES_DIR, type DemoPage, type DemoPageExpectation } from '../../../scripts/demo-server.mjs';
import { generateDemoGraph } from '../../../utils/demo/generate';
import { STORY } from '../../../utils/demo/story';
import { BUILT_IN_SITES } from '../../../utils/sites/registry';
import { nameKeys, normalizeKey } from '../../../utils/text/normalize';

// jsdom ships without type declarations here: a computed specifier keeps TypeScript from resolving it,
// and the part of its API these tests use is declared below (its windows are DOM windows).
const jsdomModule = 'jsdom';
/** A demo page's window; the navigation test leaves a marker on it to tell a reload from pushState. */
type DemoWindow = Window & { __sameDocument?: unknown };
interface JsdomInstance {
  window: DemoWindow;
}
type JsdomConstructor = new (html?: string, options?: { url?: string; runScripts?: 'dangerously' | 'outside-only' }) => JsdomInstance;
const { JSDOM } = (await import(jsdomModule)) as { JSDOM: JsdomConstructor };

type Entity = { kind: 'account' | 'contact' | 'topic'; id: string };

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'NOSCRIPT', 'OPTION']);

/** The text a person sees: light DOM, open shadow roots and srcdoc frames; no scripts, form fields or hidden parts. */
function visibleText(root: Node, win: Window, out: string[] = []): string[] {
  // jsdom's nodes come from its own window, not this realm's globals: told apart by nodeType, not instanceof.
  for (const child of Array.from(root.childNodes)) {
    if (child.nodeType === 3) {
      out.push((child as Text).data);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const node = child as HTMLElement;
    if (SKIP.has(node.tagName) || node.hidden) continue;
    const style = win.getComputedStyle(node);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    out.push('\n');
    // Addresses that adapters read from attributes (Gmail's email="", Outlook's persona title, mailto links).
    for (const attr of ['email', 'title', 'aria-label', 'href']) {
      const v = node.getAttribute(attr);
      if (v && v.includes('@')) for (const m of v.match(EMAIL) ?? []) out.push(`\n${m}\n`);
    }
    const srcdoc = node.getAttribute('srcdoc');
    if (node.tagName === 'IFRAME' && srcdoc) {
      const frame = new JSDOM(srcdoc);
      visibleText(frame.window.document.body, frame.window, out);
    } else if (node.shadowRoot) {
      visibleText(node.shadowRoot, win, out);
    } else {
      visibleText(node, win, out);
    }
    out.push('\n');
  }
  return out;
}

function pageFile(p: DemoPage): string {
  // The Gmail thread lives at the inbox URL with a hash; its content is thread.html.
  return join(PAGES_DIR, `${p.name}.html`);
}

function load(p: DemoPage): JsdomInstance {
  const html = readFileSync(pageFile(p), 'utf8');
  return new JSDOM(html, { url: `http://localhost${p.url}`, runScripts: 'dangerously' });
}

const textOf = (dom: JsdomInstance) => visibleText(dom.window.document.body, dom.window).join('');
const has = (textKey: string, key: string) => key.length > 0 && ` ${textKey} `.includes(` ${key} `);

/** Matching keys per story entity (names, aliases, e-mails, domains), the way the spotter folds them. */
function storyKeys(): Map<string, { entity: Entity; keys: string[] }> {
  const m = new Map<string, { entity: Entity; keys: string[] }>();
  for (const a of STORY.accounts) {
    // "anchor" alone is the common word, not the account (that is the point of Anchor Ltd).
    const keys = nameKeys(a.name, a.aliases).filter((k) => k !== 'anchor');
    m.set(`account:${a.id}`, { entity: { kind: 'account', id: a.id }, keys: [...keys, ...(a.domains ?? []).map(normalizeKey)] });
  }
  for (const c of STORY.contacts) m.set(`contact:${c.id}`, { entity: { kind: 'contact', id: c.id }, keys: [normalizeKey(c.name), normalizeKey(c.email ?? '')] });
  for (const t of STORY.topics) m.set(`topic:${t.id}`, { entity: { kind: 'topic', id: t.id }, keys: [t.label, ...(t.aliases ?? [])].map(normalizeKey) });
  return m;
}

function checkState(label: string, text: string, exp: Pick<DemoPageExpectation, 'entities' | 'mustMatch' | 'mustNotMatch'>) {
  const key = normalizeKey(text);
  const expected = new Set(exp.entities.map((e) => `${e.kind}:${e.id}`));
  for (const [id, { keys }] of storyKeys()) {
    const found = keys.some((k) => has(key, k)) || exp.mustMatch.some((m) => `${m.kind}:${m.id}` === id && text.includes(m.text));
    expect(found, `${label}: ${id} is ${expected.has(id) ? 'expected but not visibly mentioned' : 'visibly mentioned but not expected'}`).toBe(expected.has(id));
  }
  for (const m of exp.mustMatch) {
    expect(text.includes(m.text), `${label}: mustMatch "${m.text}" is not visible`).toBe(true);
    expect(expected.has(`${m.kind}:${m.id}`), `${label}: mustMatch "${m.text}" names an entity not in entities`).toBe(true);
  }
  for (const s of exp.mustNotMatch) expect(text.includes(s), `${label}: mustNotMatch "${s}" is not visible`).toBe(true);
}

const pages = listDemoPages({ localised: true }); // the German and Dutch copies too (tests/pages/i18n)

describe('demo pages: expectation files', () => {
  it('exist for every page and name real story entities', () => {
    const htmlPages = readdirSync(PAGES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(PAGES_DIR, d.name)).filter((f) => f.endsWith('.html')).map((f) => `${d.name}/${f.slice(0, -5)}`));
    expect(pages.map((p) => p.name).sort()).toEqual(htmlPages.sort());
    expect(pages.length).toBeGreaterThanOrEqual(10);
    const siteIds = new Set<string>(BUILT_IN_SITES.map((s) => s.id));
    const keys = storyKeys();
    for (const p of pages) {
      const e = p.expectation;
      expect(e.url.startsWith('/'), p.name).toBe(true);
      expect(new URL(e.realUrl).protocol, p.name).toBe('https:');
      if (e.site === null) expect(e.enabled, p.name).toBe(false);
      else expect(siteIds.has(e.site), `${p.name}: site ${e.site}`).toBe(true);
      for (const ent of [...e.entities, ...(e.focal ? [e.focal] : []), ...(e.navigation ?? []).flatMap((n) => n.entities)]) {
        expect(keys.has(`${ent.kind}:${ent.id}`), `${p.name}: ${ent.kind}:${ent.id}`).toBe(true);
      }
      if (e.focal) expect(e.entities).toContainEqual(e.focal);
    }
    // Every site in the registry has at least one demo page.
    for (const s of BUILT_IN_SITES) expect(pages.some((p) => p.expectation.site === s.id), s.id).toBe(true);
  });

  it('pages load nothing from the network', () => {
    for (const p of pages) {
      const html = readFileSync(pageFile(p), 'utf8');
      expect(html, p.name).not.toMatch(/<(script|img|link|iframe|source|video|audio|embed|object)\b[^>]*\b(src|href|data)\s*=\s*["']?(https?:)?\/\//i);
      expect(html, p.name).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
      expect(html, p.name).not.toMatch(/@import|@font-face/i);
    }
  });
});

describe('demo pages: visible content agrees with the expectations', () => {
  for (const p of pages.filter((x) => x.expectation.enabled)) {
    it(p.name, () => {
      const dom = load(p);
      checkState(p.name, textOf(dom), p.expectation);
      dom.window.close();
    });
  }

  it('the page for a site that is not enabled does mention story entities (so "nothing happens" means something)', () => {
    for (const p of pages.filter((x) => !x.expectation.enabled)) {
      expect(p.expectation.entities).toEqual([]);
      const dom = load(p);
      const text = textOf(dom);
      const key = normalizeKey(text);
      const mentioned = [...storyKeys().values()].filter(({ keys }) => keys.some((k) => has(key, k)));
      expect(mentioned.length, p.name).toBeGreaterThanOrEqual(3);
      for (const s of p.expectation.mustNotMatch) expect(text.includes(s), `${p.name}: "${s}"`).toBe(true);
      dom.window.close();
    }
  });

  it('salesforce/account renders the record name and the contacts list inside open shadow roots', () => {
    const dom = load(pages.find((p) => p.name === 'salesforce/account')!);
    const doc = dom.window.document;
    const highlights = doc.querySelector('records-highlights2')!;
    expect(highlights.shadowRoot!.querySelector('lightning-formatted-text')!.textContent).toBe('Nordlicht Logistik GmbH');
    const contacts = doc.querySelector('lst-related-list-single-container')!;
    expect(contacts.shadowRoot!.textContent).toContain('h.ahlers@nordlicht-logistik.de');
    expect(doc.body.textContent).not.toContain('h.ahlers@nordlicht-logistik.de');
    dom.window.close();
  });

  it('salesforce/account navigates in-app to another record (pushState, no reload) as its expectation says', () => {
    const p = pages.find((x) => x.name === 'salesforce/account')!;
    const dom = load(p);
    const win = dom.window;
    const marker = {};
    win.__sameDocument = marker;
    for (const step of p.expectation.navigation ?? []) {
      win.document.querySelector<HTMLElement>(step.click)!.click();
      expect(win.location.pathname).toBe(step.url);
      expect(win.__sameDocument).toBe(marker);
      checkState(`${p.name} → ${step.url}`, textOf(dom), step);
    }
    expect(p.expectation.navigation?.length).toBeGreaterThan(0);
    win.history.back();
    win.close();
  });

  it('gmail/thread puts one message body in a same-origin srcdoc iframe holding an entity found nowhere else', () => {
    const p = pages.find((x) => x.name === 'gmail/thread')!;
    const dom = load(p);
    const frame = dom.window.document.querySelector('iframe[srcdoc]');
    expect(frame).not.toBeNull();
    expect(frame!.getAttribute('src')).toBeNull();
    const frameText = normalizeKey(new JSDOM(frame!.getAttribute('srcdoc')!).window.document.body.textContent);
    frame!.remove();
    const outside = normalizeKey(textOf(dom));
    const only = p.expectation.inFrameOnly ?? [];
    expect(only.length).toBeGreaterThan(0);
    for (const e of only) {
      const keys = storyKeys().get(`${e.kind}:${e.id}`)!.keys;
      expect(keys.some((k) => has(frameText, k)), `${e.id} inside the frame`).toBe(true);
      expect(keys.some((k) => has(outside, k)), `${e.id} outside the frame`).toBe(false);
    }
    dom.window.close();
  });
});

describe('demo pages: the generated bulk never shows up on a page', () => {
  let bulkKeys: { key: string; what: string }[];
  beforeAll(() => {
    const g = generateDemoGraph();
    const story = {
      accounts: new Set(STORY.accounts.map((a) => a.id)),
      contacts: new Set(STORY.contacts.map((c) => c.id)),
      topics: new Set(STORY.topics.map((t) => t.id)),
    };
    bulkKeys = [];
    for (const a of g.accounts) {
      if (story.accounts.has(a.id)) continue;
      for (const k of nameKeys(a.name, a.aliases)) bulkKeys.push({ key: k, what: `account ${a.name}` });
      for (const d of a.domains ?? []) bulkKeys.push({ key: normalizeKey(d), what: `domain ${d}` });
    }
    for (const c of g.contacts) if (!story.contacts.has(c.id)) bulkKeys.push({ key: normalizeKey(c.name), what: `contact ${c.name}` });
    for (const t of g.topics) {
      if (story.topics.has(t.id)) continue;
      for (const s of [t.label, ...(t.aliases ?? [])]) bulkKeys.push({ key: normalizeKey(s), what: `topic ${t.id} "${s}"` });
    }
  });

  it('no bulk account, domain, contact or topic is mentioned on any demo page (default seed, scale 1)', () => {
    const hits: string[] = [];
    for (const p of pages) {
      const dom = load(p);
      const texts = [textOf(dom)];
      for (const step of p.expectation.navigation ?? []) {
        dom.window.document.querySelector<HTMLElement>(step.click)!.click();
        texts.push(textOf(dom));
      }
      for (const t of texts) {
        const key = normalizeKey(t);
        for (const b of bulkKeys) if (has(key, b.key)) hits.push(`${p.name}: ${b.what}`);
      }
      dom.window.close();
    }
    expect(hits).toEqual([]);
  });
});
