// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { compileDictionary } from '../../../utils/spotting/dictionary';

// The background, as the content script sees it: pageHello names the current revision, getDictionary
// compiles it, reports are collected.
const bg = vi.hoisted(() => ({ revision: 'r1' as string | null, graphs: {} as Record<string, unknown>, reports: [] as Array<{ entities: Array<{ id: string }> }>, dictionaryCalls: [] as unknown[] }));
vi.mock('../../../utils/messaging/protocol', () => ({
  sendMessage: async (type: string, data: any) => {
    if (type === 'pageHello') return { active: true, highlight: true, hoverCard: false, kinds: { account: true, contact: true, topic: true }, dictionaryRevision: bg.revision };
    if (type === 'getDictionary') {
      bg.dictionaryCalls.push(data);
      return bg.revision ? bg.graphs[bg.revision] : null;
    }
    if (type === 'reportEntities') bg.reports.push(data);
    return undefined;
  },
}));
// The hover card (and its i18n) is not under test here.
vi.mock('../../../components/hovercard/hovercard', () => ({ HoverCard: class { dispose() {} } }));

import { graphRevisionItem } from '../../../utils/messaging/state';
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
  bg.reports.length = 0;
  bg.dictionaryCalls.length = 0;
});

describe('content script follows graph changes', () => {
  it('reloads the dictionary and rescans when local:graphRevision changes; entities gone from the graph disappear', async () => {
    (globalThis as any).CSS = { highlights: new Map() };
    (globalThis as any).Highlight = class extends Set<AbstractRange> {};
    bg.graphs.r1 = compileDictionary(STORY, 'r1');
    bg.graphs.r2 = compileDictionary({ ...STORY, accounts: STORY.accounts.filter((a) => a.id !== 'a-nordlicht') }, 'r2');
    bg.revision = 'r1';
    await graphRevisionItem.setValue('r1');
    document.body.innerHTML = '<p>Call with Nordlicht Logistik GmbH and Solvik Energi AB.</p>';
    const { ctx, invalidate } = fakeContext();
    await runContentScript(ctx as any);
    await until(() => lastIds().includes('a-nordlicht'));
    expect(lastIds()).toEqual(['a-nordlicht', 'a-solvik']);
    const accountRanges = () => ((globalThis as any).CSS.highlights.get('kenner-account') as Set<unknown>).size;
    expect(accountRanges()).toBe(2);

    // The background imports a graph without Nordlicht and announces the new revision.
    bg.revision = 'r2';
    await graphRevisionItem.setValue('r2');
    await until(() => bg.dictionaryCalls.some((d: any) => d.revision === 'r2') && !lastIds().includes('a-nordlicht') && lastIds().length > 0);
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
  });
});
