/**
 * Loads a saved demo page (tests/pages/<site>/<page>.html) into jsdom at its
 * real-site URL, with its scripts (the pages' stand-ins for Lightning's
 * shadow roots, Gmail's hash navigation…), and runs the spotting engine with
 * the adapter chosen for that URL on the demo story's dictionary.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { STORY } from '../../../utils/demo/story';
import { pickAdapter } from '../../../utils/sites';
import { compileDictionary } from '../../../utils/spotting/dictionary';
import { SpotEngine, type EngineReport } from '../../../utils/page/engine';
import { Matcher } from '../../../utils/spotting/matcher';
import type { SiteAdapter } from '../../../utils/sites/types';
import { viaMessage } from '../spotting/helpers';

export const PAGES = resolve(__dirname, '../../pages');

export interface Expectation {
  name: string;
  url: string;
  realUrl: string;
  site: string | null;
  enabled: boolean;
  focal: { kind: string; id: string } | null;
  entities: Array<{ kind: string; id: string }>;
  mustMatch: Array<{ text: string; kind: string; id: string }>;
  mustNotMatch: string[];
  inFrameOnly?: Array<{ kind: string; id: string }>;
  navigation?: Array<{ click: string; url: string; focal: Expectation['focal']; entities: Expectation['entities']; mustMatch: Expectation['mustMatch']; mustNotMatch: string[] }>;
}

let matcher: Matcher | null = null;
export function storyMatcher(): Matcher {
  // Through JSON, as the dictionary travels in a message.
  matcher ??= new Matcher(viaMessage(compileDictionary(STORY, 'story')));
  return matcher;
}

export function expectation(page: string): Expectation {
  return JSON.parse(readFileSync(join(PAGES, `${page}.expected.json`), 'utf8')) as Expectation;
}

export interface LoadedPage {
  dom: JSDOM;
  doc: Document;
  adapter: SiteAdapter;
  engine: SpotEngine;
  expected: Expectation;
  reports: EngineReport[];
}

/** `matcher`: another graph's dictionary (default: the demo story's), e.g. a graph built by the connectors. */
export async function loadPage(page: string, url?: string, matcher: Matcher = storyMatcher()): Promise<LoadedPage> {
  const expected = expectation(page);
  const html = readFileSync(join(PAGES, `${page}.html`), 'utf8');
  const vc = new VirtualConsole();
  const dom = new JSDOM(html, { url: url ?? expected.realUrl, runScripts: 'dangerously', pretendToBeVisual: true, virtualConsole: vc });
  const doc = dom.window.document;
  await new Promise((r) => setTimeout(r, 30)); // page scripts (shadow roots)
  // jsdom does not implement <iframe srcdoc>: load it as a browser would (same origin).
  doc.querySelectorAll('iframe[srcdoc]').forEach((f: Element) => {
    const fd = (f as HTMLIFrameElement).contentDocument;
    if (fd && !fd.body?.textContent?.trim()) {
      fd.open();
      fd.write(f.getAttribute('srcdoc')!);
      fd.close();
    }
  });
  const adapter = pickAdapter(doc, new URL(dom.window.location.href));
  const reports: EngineReport[] = [];
  const engine = new SpotEngine({
    doc,
    matcher,
    adapter,
    config: { highlight: true, kinds: { account: true, contact: true, topic: true } },
    onReport: (r) => reports.push(r),
    reportDelayMs: 5,
    flushDelayMs: 1,
    navigationSettleMs: 5,
  });
  await engine.start();
  return { dom, doc, adapter, engine, expected, reports };
}

/** Every text node under a root, shadow roots and same-origin frames included. */
export function textNodes(root: Node, out: Text[] = []): Text[] {
  const walk = (n: Node) => {
    if (n.nodeType === 3) out.push(n as Text);
    const el = n as Element;
    if (n.nodeType === 1 && el.shadowRoot) walk(el.shadowRoot);
    if (n.nodeType === 1 && el.localName === 'iframe') {
      const d = (el as HTMLIFrameElement).contentDocument;
      if (d) walk(d);
    }
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(root);
  return out;
}

/** The entities the engine matched over occurrences of `text` (by text node and offset). */
export function matchesOver(engine: SpotEngine, doc: Document, text: string): Array<{ id: string; kind: string }> {
  const out: Array<{ id: string; kind: string }> = [];
  for (const t of textNodes(doc)) {
    for (let at = t.data.indexOf(text); at >= 0; at = t.data.indexOf(text, at + 1)) {
      for (let o = at; o < at + text.length; o++) {
        const m = engine.matchAt(t, o);
        if (m && !out.some((x) => x.id === m.id)) out.push({ id: m.id, kind: m.kind });
      }
    }
  }
  return out;
}

export const key = (e: { kind: string; id: string }) => `${e.kind}:${e.id}`;
