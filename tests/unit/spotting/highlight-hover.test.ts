// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Reason } from '../../../utils/ranking/types';

// utils/i18n pulls wxt/browser, which cannot load under jsdom here: a stand-in that shows key and substitutions.
vi.mock('../../../utils/i18n', () => ({
  t: (key: string, subs?: unknown) => `${key}(${([] as unknown[]).concat(subs ?? []).join('|')})`,
  uiLanguage: () => 'en',
  pluralOf: (count: number, lang = 'en') => (new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other'),
}));
const sent: Array<[string, unknown]> = [];
const person = (id: string) => ({ person: { id, name: `Person ${id}`, title: 'Engineer', location: 'Berlin' }, score: 50, strengths: {}, roles: [], reasons: [{ kind: 'meeting', count: 3, entityId: 'a-brightwater', entityKind: 'account', entityName: 'Brightwater Retail plc', weight: 1 }] satisfies Reason[] });
vi.mock('../../../utils/messaging/protocol', () => ({
  sendMessage: async (type: string, data: unknown) => {
    sent.push([type, data]);
    return type === 'getEntityCard' ? { entity: null, suggestions: ['p1', 'p2', 'p3', 'p4'].map(person), status: 'ok' } : undefined;
  },
}));
import { HoverCard } from '../../../components/hovercard/hovercard';
import { reasonSentences } from '../../../components/common/reasons';
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

describe('hover card', () => {
  it('lives in a closed shadow root on one host appended only while visible; Escape closes', async () => {
    const e = await start('<p>Brightwater Retail plc</p>');
    const card = new HoverCard(e);
    const rect = { left: 10, top: 10, right: 100, bottom: 24, width: 90, height: 14 } as DOMRect;
    await card.show({ kind: 'account', id: 'a-brightwater', name: 'Brightwater Retail plc', rect });
    const host = document.documentElement.querySelector(':scope > kenner-hovercard') as HTMLElement;
    expect(host).not.toBeNull();
    expect(host.hasAttribute('data-kenner-ui')).toBe(true);
    expect(host.shadowRoot).toBeNull(); // closed: page scripts cannot reach the colleague data
    expect(document.body.contains(host)).toBe(false);
    expect(sent).toContainEqual(['getEntityCard', { kind: 'account', id: 'a-brightwater' }]);
    const inner = (card as unknown as { card: HTMLElement }).card; // test-only look inside the closed root
    expect(inner.getAttribute('role')).toBe('dialog');
    expect(inner.getAttribute('aria-label')).toBe('hover_card_label(Brightwater Retail plc)');
    expect([...inner.querySelectorAll('[data-person-id]')].map((li) => li.getAttribute('data-person-id'))).toEqual(['p1', 'p2', 'p3']);
    // The side panel's wording (reason_* keys, plural-aware; the stand-in t() shows key and substitutions).
    expect(inner.textContent).toContain('reason_meeting_party_other(3|Brightwater Retail plc)');
    (inner.querySelector('button.link') as HTMLButtonElement).click();
    expect(sent.at(-1)).toEqual(['openSidePanel', {}]);
    expect(document.documentElement.querySelector('kenner-hovercard')).toBeNull();
    await card.show({ kind: 'account', id: 'a-brightwater', name: 'Brightwater Retail plc', rect });
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(document.documentElement.querySelector('kenner-hovercard')).toBeNull();
    card.dispose();
  });

  it('words reasons as the side panel does: plural-aware, with the month in the UI language', async () => {
    const e = await start('<p>Brightwater Retail plc</p>');
    const card = new HoverCard(e);
    const rect = { left: 10, top: 10, right: 100, bottom: 24, width: 90, height: 14 } as DOMRect;
    await card.show({ kind: 'account', id: 'a-brightwater', name: 'Brightwater Retail plc', rect });
    const inner = (card as unknown as { card: HTMLElement }).card;
    const shown = [...inner.querySelectorAll('.reason')].map((r) => r.textContent);
    expect(shown).toEqual(['p1', 'p2', 'p3'].map((id) => reasonSentences(person(id).reasons, 1)[0]));
    const text = reasonSentences([{ kind: 'deal-won', count: 2, entityId: 'a', entityKind: 'account', entityName: 'Nordlicht Logistik GmbH', last: '2026-09-30', weight: 1 }], 1)[0];
    expect(text).toBe('reason_with_last(reason_deal_won_party_other(2|Nordlicht Logistik GmbH)|Sep 2026)');
    const one = reasonSentences([{ kind: 'deal-won', count: 1, entityId: 'a', entityKind: 'account', entityName: 'Nordlicht Logistik GmbH', weight: 1 }], 1)[0];
    expect(one).toBe('reason_deal_won_party_one(1|Nordlicht Logistik GmbH)');
    card.dispose();
  });
});
