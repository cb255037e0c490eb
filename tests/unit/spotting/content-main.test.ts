// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { STORY } from '../../../utils/demo/story';
import { compileDictionary } from '../../../utils/spotting/dictionary';

// The background, as the content script sees it: pageHello names the current revision, getDictionary
// compiles it, reports are collected.
const bg = vi.hoisted(() => {
  const state: {
    revision: string | null;
    graphs: Record<string, unknown>;
    reports: Array<{ entities: Array<{ id: string; kind: string }> }>;
    dictionaryCalls: Array<{ revision: string }>;
    /** What the background says is in force (policy over stored settings). */
    inForce: { active?: boolean; kinds?: Record<string, boolean> };
    hellos: number;
  } = {
    hellos: 0,
    inForce: {},
    revision: 'r1',
    graphs: {},
    reports: [],
    dictionaryCalls: [],
  };
  return state;
});
vi.mock('../../../utils/messaging/protocol', () => ({
  sendMessage: async (type: string, data: unknown) => {
    if (type === 'pageHello') bg.hellos++;
    if (type === 'pageHello') return { active: true, highlight: true, hoverCard: false, kinds: { account: true, contact: true, topic: true }, dictionaryRevision: bg.revision, ...bg.inForce };
    if (type === 'getDictionary') {
      bg.dictionaryCalls.push(data as { revision: string });
      return bg.revision ? bg.graphs[bg.revision] : null;
    }
    if (type === 'reportEntities') bg.reports.push(data as { entities: Array<{ id: string; kind: string }> });
    return undefined;
  },
}));
// The hover card (and its i18n) is not under test here.
vi.mock('../../../components/hovercard/hovercard', () => ({ HoverCard: class { dispose() {} } }));

import { graphRevisionItem } from '../../../utils/messaging/state';
import { settingsItem } from '../../../utils/settings/items';
import { DEFAULT_SETTINGS } from '../../../utils/settings/items';
import { runContentScript } from '../../../utils/page/content-main';

function fakeContext() {
  const invalidated: Array<() => void> = [];
  return {
    ctx: {
      isInvalid: false,
      isValid: true,
      onInvalidated: (f: () => void) => invalidated.push(f),
      addEventListener: (t: EventTarget, type: string, f: EventListener) => t.addEventListener(type, f),
    },
    invalidate: () => invalidated.forEach((f) => f()),
  };
}

const lastIds = () => (bg.reports.at(-1)?.entities ?? []).map((e) => e.id).sort();
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};

beforeEach(() => {
  bg.inForce = {};
  bg.reports.length = 0;
  bg.dictionaryCalls.length = 0;
});

describe('content script follows graph changes', () => {
  it('reloads the dictionary and rescans when local:graphRevision changes; entities gone from the graph disappear', async () => {
    const g = globalThis as unknown as { CSS: { highlights: Map<string, Set<unknown>> }; Highlight: unknown };
    g.CSS = { highlights: new Map() };
    g.Highlight = class extends Set<AbstractRange> {};
    // As in the e2e build, whose registry mirror shows the ranges (the store build never touches CSS.highlights).
    vi.stubEnv('MODE', 'e2e');
    bg.graphs.r1 = compileDictionary(STORY, 'r1');
    bg.graphs.r2 = compileDictionary({ ...STORY, accounts: STORY.accounts.filter((a) => a.id !== 'a-nordlicht') }, 'r2');
    bg.revision = 'r1';
    await graphRevisionItem.setValue('r1');
    document.body.innerHTML = '<p>Call with Nordlicht Logistik GmbH and Solvik Energi AB.</p>';
    const { ctx, invalidate } = fakeContext();
    await runContentScript(ctx as unknown as ContentScriptContext);
    await until(() => lastIds().includes('a-nordlicht'));
    expect(lastIds()).toEqual(['a-nordlicht', 'a-solvik']);
    const accountRanges = () => g.CSS.highlights.get('kenner-account')!.size;
    expect(accountRanges()).toBe(2);

    // The background imports a graph without Nordlicht and announces the new revision.
    bg.revision = 'r2';
    await graphRevisionItem.setValue('r2');
    await until(() => bg.dictionaryCalls.some((d) => d.revision === 'r2') && !lastIds().includes('a-nordlicht') && lastIds().length > 0);
    expect(lastIds()).toEqual(['a-solvik']);
    expect(accountRanges()).toBe(1);

    // The graph is deleted: no dictionary, nothing highlighted, an empty report.
    bg.revision = null;
    await graphRevisionItem.setValue(null);
    await until(() => lastIds().length === 0);
    expect(accountRanges()).toBe(0);

    // After teardown the watch is gone.
    invalidate();
    const calls = bg.dictionaryCalls.length;
    bg.revision = 'r1';
    await graphRevisionItem.setValue('r1');
    await new Promise((r) => setTimeout(r, 50));
    expect(bg.dictionaryCalls.length).toBe(calls);
    vi.unstubAllEnvs();
  });
});

describe('the page follows the settings in force, not the stored ones', () => {
  it('policy over stored settings: a host paused before allowPause:false runs, contacts switched off by policy are not reported', async () => {
    bg.graphs.r1 = compileDictionary(STORY, 'r1');
    bg.revision = 'r1';
    await graphRevisionItem.setValue('r1');
    // Stored: this host paused, every kind on. In force (the background's answer): active, contacts off.
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pausedHosts: [location.host], kinds: { account: true, contact: true, topic: true } });
    bg.inForce = { active: true, kinds: { account: true, contact: false, topic: true } };
    document.body.innerHTML = '<p>Nordlicht Logistik GmbH: Henrik Ahlers asked about EDI integration.</p>';
    const { ctx, invalidate } = fakeContext();
    await runContentScript(ctx as unknown as ContentScriptContext);
    await until(() => lastIds().includes('a-nordlicht'));
    const kinds = new Set(bg.reports.at(-1)!.entities.map((e) => e.kind));
    expect(kinds.has('account')).toBe(true);
    expect(kinds.has('contact')).toBe(false);

    // A stored change makes the script ask the background again, whose answer it follows.
    const hellos = bg.hellos;
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, kinds: { account: true, contact: true, topic: true } });
    await until(() => bg.hellos > hellos);
    invalidate();
  });
});
