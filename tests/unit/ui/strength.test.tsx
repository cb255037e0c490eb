// @vitest-environment jsdom
/**
 * Issue 11, "one strength": the popup's search result and the side panel's
 * card show the same strength for the same colleague and the same customer,
 * both computed by the background's one ranking (QueryService over the demo
 * story) and drawn through components/common/strength.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  return { browser: fakeBrowser, default: fakeBrowser };
});
const { sendMessage } = vi.hoisted(() => ({ sendMessage: vi.fn<(name: string, data: unknown) => Promise<unknown>>() }));
vi.mock('@/utils/messaging/protocol', () => ({ sendMessage }));

import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { STORY } from '@/utils/demo/story';
import { QueryService } from '@/utils/background/query-service';
import { DEFAULT_SETTINGS } from '@/utils/settings/items';
import { rankEntities } from '@/utils/ranking/rank';
import { buildSearchIndex, searchPeople } from '@/utils/ranking/search';
import type { GraphSource } from '@/utils/sources/types';
import type { MessageData, TabView } from '@/utils/messaging/protocol';
import type { GraphMeta } from '@/utils/graph/model';
import { PersonCard } from '@/components/common/PersonCard';
import { App } from '@/components/popup/App';
import { usePopup } from '@/components/popup/store';
import { memoryRankData } from '../ranking/memory-data';
import { setLocale } from './reasons-i18n';
import { until } from './act-helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = Date.parse('2026-11-01T12:00:00Z');
const meta: GraphMeta = { source: 'demo', loadedAt: '2026-11-01T00:00:00.000Z', counts: { people: 8, accounts: 7, contacts: 7, topics: 6, interactions: 30 }, revision: 'r1' };
const ZD = 'https://kennerdemo.zendesk.com/agent/tickets/48213';
const data = memoryRankData(STORY, NOW);
const source: GraphSource = {
  kind: 'local',
  meta: async () => meta,
  rank: async (entities, o) => ({ suggestions: await rankEntities(data, entities, o), source: 'local', at: new Date(NOW).toISOString() }),
};
const service = new QueryService({ source: () => source, settings: async () => DEFAULT_SETTINGS, tabUrl: async () => ZD, now: () => NOW });
const index = buildSearchIndex({ people: STORY.people, accounts: STORY.accounts, topics: STORY.topics });

let host: HTMLDivElement;
let root: Root;
beforeEach(() => {
  setLocale('en');
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('one strength everywhere', () => {
  it('the popup and the side panel show the same strength for the same colleague and customer', async () => {
    // A ticket page: the customer and a topic (the panel's score covers both; its chip on the customer shows that one).
    const panel: TabView = await service.onReport(1, ZD, {
      adapter: 'zendesk',
      navigation: 0,
      entities: [
        { kind: 'account', id: 'a-havbryggen', name: 'Havbryggen Shipping A/S', via: 'record', count: 1 },
        { kind: 'topic', id: 't-edi', name: 'EDI integration', via: 'text', count: 2 },
      ],
    });
    const hits = await searchPeople(index, 'who knows Havbryggen', { rank: async (e) => (await service.answer(e, DEFAULT_SETTINGS)).suggestions });
    const both = panel.suggestions.filter((s) => hits.some((h) => h.person.id === s.person.id && s.strengths['a-havbryggen'] !== undefined));
    expect(both.length).toBeGreaterThanOrEqual(2);

    // The panel's cards, with the chip filter on Havbryggen.
    await act(async () => root.render(<>{both.map((s) => <PersonCard key={s.person.id} suggestion={s} person={s.person} strengthFor="a-havbryggen" />)}</>));
    const inPanel = new Map<string, string | null>();
    host.querySelectorAll('[data-person-id]').forEach((e) => inPanel.set(e.getAttribute('data-person-id')!, e.querySelector('[data-strength]')!.textContent));
    await act(async () => root.unmount());

    // The popup, searching the same customer.
    root = createRoot(host);
    sendMessage.mockReset();
    sendMessage.mockImplementation((name: string, d: unknown) => {
      if (name === 'searchPeople') return Promise.resolve(hits.slice(0, (d as MessageData<'searchPeople'>).limit ?? 20));
      if (name === 'getTabView') return Promise.resolve({ ...panel, tabId: 7 });
      if (name === 'getGraphInfo') return Promise.resolve(meta);
      if (name === 'getEffectiveSettings') return Promise.resolve({ settings: {}, locked: [], policy: { allowImport: true, allowDemo: true } });
      return Promise.reject(new Error(name));
    });
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7 } as Browser.tabs.Tab]);
    await act(async () => root.render(<App />));
    await act(async () => usePopup.getState().setQuery('who knows Havbryggen'));
    await until(() => host.querySelectorAll('[data-person-id] [data-strength]').length >= both.length);
    for (const s of both) {
      const popupText = host.querySelector(`[data-person-id="${s.person.id}"] [data-strength]`)!.textContent;
      expect(popupText, s.person.name).toBe(inPanel.get(s.person.id));
      expect(popupText).toMatch(/^Strength \d+$/);
    }
  });
});
