// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// utils/i18n pulls wxt/browser, which cannot load under jsdom here: a stand-in that shows key and substitutions.
vi.mock('../../../utils/i18n', () => ({
  t: (key: string, subs?: unknown) => `${key}(${([] as unknown[]).concat(subs ?? []).join('|')})`,
  uiLanguage: () => 'en',
  pluralOf: (count: number, lang = 'en') => (new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other'),
}));
// The extension API the page side of the hover card uses: its frame's URL and the background's pushes.
const pushListeners = new Set<(m: unknown, s: { id?: string; tab?: unknown }) => unknown>();
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: 'kenner',
      getURL: (p: string) => `chrome-extension://kenner${p}`,
      onMessage: { addListener: (l: never) => pushListeners.add(l), removeListener: (l: never) => pushListeners.delete(l) },
    },
  },
}));
const sent: Array<[string, unknown]> = [];
vi.mock('../../../utils/messaging/protocol', async (original) => ({
  ...(await original<typeof import('../../../utils/messaging/protocol')>()),
  sendMessage: async (type: string, data: unknown) => {
    sent.push([type, data]);
  },
}));
import { HoverCard } from '../../../components/hovercard/hovercard';
import { STORY } from '../../../utils/demo/story';
import { generic } from '../../../utils/sites/generic';
import { compileDictionary } from '../../../utils/spotting/dictionary';
import { SpotEngine } from '../../../utils/page/engine';
import { HIGHLIGHT_NAMES } from '../../../utils/page/highlights';
import { Matcher } from '../../../utils/spotting/matcher';

// jsdom has no CSS Custom Highlight API: a faithful minimal stand-in (a Highlight is a set of ranges; a registry of names).
type Stubbed = { Highlight: unknown; CSS: { highlights: Map<string, Set<AbstractRange>> }; CSSStyleSheet?: { prototype?: { replaceSync?: unknown } } };
const g = globalThis as unknown as Stubbed;
beforeAll(() => {
  g.Highlight = class extends Set<AbstractRange> {};
  g.CSS = { highlights: new Map<string, Set<AbstractRange>>() };
  if (!('adoptedStyleSheets' in document)) (document as { adoptedStyleSheets: CSSStyleSheet[] }).adoptedStyleSheets = [];
  if (typeof g.CSSStyleSheet?.prototype?.replaceSync !== 'function') {
    g.CSSStyleSheet = class {
      replaceSync() {}
    };
  }
});

const matcher = new Matcher(compileDictionary(STORY, 'r'));
const registry = () => g.CSS.highlights;
let engine: SpotEngine | null = null;
afterEach(() => {
  engine?.dispose();
  engine = null;
  registry().clear();
});

async function start(html: string, highlight = true) {
  document.body.innerHTML = html;
  // exposeHighlights: the e2e build's registry mirror, through which these tests see the ranges.
  engine = new SpotEngine({ matcher, adapter: generic, config: { highlight, kinds: { account: true, contact: true, topic: true } }, flushDelayMs: 1, reportDelayMs: 1, exposeHighlights: true });
  await engine.start();
  return engine;
}

describe('highlights', () => {
  it('one Highlight per kind, ranges added and removed incrementally, no element added to the page', async () => {
    await start('<p>Nordlicht Logistik GmbH and Henrik Ahlers about EDI integration.</p><p id="b">Solvik Energi AB</p>');
    expect([...registry().keys()].sort()).toEqual(Object.values(HIGHLIGHT_NAMES).sort());
    expect(registry().get('kenner-account')!.size).toBe(2);
    expect(registry().get('kenner-contact')!.size).toBe(1);
    expect(registry().get('kenner-topic')!.size).toBe(1);
    // No element in the page's text; one overlay host (closed, text-free) for the drawing.
    expect(document.querySelectorAll('mark').length).toBe(0);
    expect([...document.querySelectorAll('[data-kenner-ui]')].map((e) => [e.localName, e.textContent])).toEqual([['kenner-marks', '']]);
    document.getElementById('b')!.remove();
    await new Promise((r) => setTimeout(r, 10));
    await engine!.idle();
    expect(registry().get('kenner-account')!.size).toBe(1);
  });

  it('switched off: the three highlights are absent, detection goes on; back on: they return', async () => {
    const e = await start('<p>Havbryggen Shipping A/S</p>');
    e.setConfig({ highlight: false });
    expect(registry().size).toBe(0);
    expect((await e.reportNow()).entities.map((x) => x.id)).toEqual(['a-havbryggen']);
    e.setConfig({ highlight: true });
    expect(registry().get('kenner-account')!.size).toBe(1);
  });

  it('pause (stop) removes every range at once', async () => {
    const e = await start('<p>Havbryggen Shipping A/S and EDI</p>');
    e.stop();
    for (const h of registry().values()) expect(h.size).toBe(0);
  });
});

/**
 * Dispatches an event as trusted, as the browser's own input is: jsdom, like browsers, marks every
 * event a script dispatches untrusted, so this goes around dispatchEvent to jsdom's inner dispatch.
 */
function dispatchTrusted(target: EventTarget, e: Event): void {
  const impl = <T>(o: object) => (o as Record<symbol, T>)[Object.getOwnPropertySymbols(o).find((sym) => sym.description === 'impl')!];
  impl<{ isTrusted: boolean }>(e).isTrusted = true;
  impl<{ _dispatch(e: unknown): boolean }>(target)._dispatch(impl(e));
}
const altK = () => new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', altKey: true, bubbles: true });
const moveAt = () => new MouseEvent('mousemove', { clientX: 5, clientY: 5, bubbles: true });

/** jsdom has no layout: the name's text node is "under" any point, and every range has one box. */
function pointAtText(text: Text) {
  (document as unknown as { caretPositionFromPoint: unknown }).caretPositionFromPoint = () => ({ offsetNode: text, offset: 2 });
  Range.prototype.getClientRects = () => [new DOMRect(0, 0, 400, 30)] as unknown as DOMRectList;
}

const staged = () => sent.filter(([type]) => type === 'stageHoverCard');
const COLLEAGUE = 'Sofie Lindqvist';

describe('hover card (page side)', () => {
  afterEach(() => {
    vi.useRealTimers();
    sent.length = 0;
    delete (document as unknown as { caretPositionFromPoint?: unknown }).caretPositionFromPoint;
  });

  async function setUp() {
    const e = await start('<p id="p">Brightwater Retail plc</p><a id="l" href="#">Havbryggen Shipping A/S</a>');
    await e.idle();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    const text = document.getElementById('p')!.firstChild as Text;
    pointAtText(text);
    return { e, card: new HoverCard(e), text };
  }

  it('one host with a closed shadow root holding the extension frame, added once; nothing of the card in the page', async () => {
    const { card } = await setUp();
    const hosts = document.querySelectorAll(':scope > kenner-hovercard');
    expect(hosts.length).toBe(1);
    const host = hosts[0] as HTMLElement;
    expect(host.hasAttribute('data-kenner-ui')).toBe(true);
    expect(host.shadowRoot).toBeNull(); // closed
    const before = host.outerHTML;
    dispatchTrusted(document, moveAt());
    await vi.advanceTimersByTimeAsync(1000);
    const [[, stage]] = staged() as Array<[string, { seq: number }]>;
    card.applyPush({ kennerHover: 'shown', seq: stage.seq, height: 180 });
    expect(card.isOpen).toBe(true);
    // Opening changed nothing the page can see: the host's attributes, the page's tree and text.
    expect(host.outerHTML).toBe(before);
    expect(document.querySelectorAll('kenner-hovercard').length).toBe(1);
    expect(document.documentElement.textContent).not.toContain(COLLEAGUE);
    expect(sent.some(([type]) => type === 'getEntityCard' || type === 'getHoverCard')).toBe(false);
    card.applyPush({ kennerHover: 'closed', seq: stage.seq });
    expect(card.isOpen).toBe(false);
    expect(host.outerHTML).toBe(before);
    card.dispose();
    expect(document.querySelector('kenner-hovercard')).toBeNull();
  });

  it('synthetic (untrusted) mousemove and Alt+K never open the card; trusted ones do', async () => {
    const { card, text } = await setUp();
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: 5, clientY: 5, bubbles: true }));
    text.parentElement!.dispatchEvent(new MouseEvent('mousemove', { clientX: 5, clientY: 5, bubbles: true, composed: true }));
    getSelection()!.collapse(text, 3);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', altKey: true }));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', altKey: true, bubbles: true }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toEqual([]); // nothing asked of the background at all
    expect(card.isOpen).toBe(false);

    dispatchTrusted(document, altK());
    await vi.advanceTimersByTimeAsync(0);
    expect(staged().map(([, d]) => d)).toEqual([expect.objectContaining({ kind: 'account', id: 'a-brightwater', focus: true })]);
    // A trusted pointer resting on another name's place stages again (focus: false): the pointer path works too.
    (document as unknown as { caretPositionFromPoint: unknown }).caretPositionFromPoint = () => ({ offsetNode: document.getElementById('l')!.firstChild, offset: 2 });
    dispatchTrusted(document, moveAt());
    await vi.advanceTimersByTimeAsync(1000);
    expect(staged().map(([, d]) => d)).toEqual([expect.anything(), expect.objectContaining({ kind: 'account', id: 'a-havbryggen', focus: false })]);
    card.dispose();
  });

  it('pushes: only from this extension background and for the card asked for; Escape (trusted) closes', async () => {
    const { card } = await setUp();
    dispatchTrusted(document, moveAt());
    await vi.advanceTimersByTimeAsync(1000);
    const [[, stage]] = staged() as Array<[string, { seq: number; focus: boolean }]>;
    expect(stage.focus).toBe(false);
    const deliver = (m: unknown, s: { id?: string; tab?: unknown }) => pushListeners.forEach((l) => l(m, s));
    deliver({ kennerHover: 'shown', seq: stage.seq, height: 100 }, { id: 'someone-else' });
    deliver({ kennerHover: 'shown', seq: stage.seq, height: 100 }, { id: 'kenner', tab: { id: 3 } });
    deliver({ kennerHover: 'shown', seq: stage.seq + 1, height: 100 }, { id: 'kenner' });
    expect(card.isOpen).toBe(false);
    deliver({ kennerHover: 'shown', seq: stage.seq, height: 100 }, { id: 'kenner' });
    expect(card.isOpen).toBe(true);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(card.isOpen).toBe(true);
    dispatchTrusted(document, new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(card.isOpen).toBe(false);
    card.dispose();
  });

  it('scrolling moves the card with its name and closes it once the name is gone', async () => {
    const { card, text } = await setUp();
    dispatchTrusted(document, moveAt());
    await vi.advanceTimersByTimeAsync(1000);
    const [[, stage]] = staged() as Array<[string, { seq: number }]>;
    card.applyPush({ kennerHover: 'shown', seq: stage.seq, height: 120 });
    expect(card.isOpen).toBe(true);
    text.parentElement!.remove();
    document.dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(50);
    expect(card.isOpen).toBe(false);
    card.dispose();
  });

  it('Alt+K finds the name in the focused element; without a name there it does nothing', async () => {
    const { card } = await setUp();
    getSelection()!.removeAllRanges();
    document.getElementById('l')!.focus();
    dispatchTrusted(document, altK());
    await vi.advanceTimersByTimeAsync(0);
    expect(staged().map(([, d]) => d)).toEqual([expect.objectContaining({ kind: 'account', id: 'a-havbryggen', focus: true })]);
    (document.activeElement as HTMLElement).blur();
    dispatchTrusted(document, altK());
    await vi.advanceTimersByTimeAsync(0);
    expect(staged().length).toBe(1);
    card.dispose();
  });
});
