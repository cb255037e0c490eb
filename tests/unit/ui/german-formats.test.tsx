// @vitest-environment jsdom
/**
 * Issue 11: numbers, dates and times in the UI language on every surface,
 * never the browser's default. With the German UI, each surface (side panel,
 * hover card, popup, options) shows a German date (30.09.2025 / Sept. 2025), a
 * 24-hour time and a German count (1.234), rendered from the real German
 * messages (reasons-i18n.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  return { browser: fakeBrowser, default: fakeBrowser };
});
const { sendMessage } = vi.hoisted(() => ({ sendMessage: vi.fn<(name: string, data: unknown) => Promise<unknown>>() }));
vi.mock('@/utils/messaging/protocol', () => ({ sendMessage }));

import { act } from 'react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import type { StagedHoverCard, TabView } from '@/utils/messaging/protocol';
import type { Suggestion } from '@/utils/ranking/types';
import { SidePanelApp } from '@/components/sidepanel/SidePanelApp';
import { createSidePanelStore } from '@/components/sidepanel/store';
import { renderCard } from '@/components/hovercard/card-view';
import { App as PopupApp } from '@/components/popup/App';
import { usePopup } from '@/components/popup/store';
import { App as OptionsApp } from '@/components/options/App';
import { useOptions } from '@/components/options/store';
import { DEFAULT_SETTINGS } from '@/utils/settings/items';
import { setLocale } from './reasons-i18n';
import { mountEach, until } from './act-helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const TAB = 7;
/** German formats; the English ones would read 9/30/2025 or Sep 30, 2025, 2:05 PM and 1,234. */
const DE_DATE = /30\.09\.2025/;
const DE_MONTH = /Sept\. 2025/;
const DE_TIME = /\b\d{1,2}:\d{2}\b/;
const DE_COUNT = /1\.234/;
const NOT_EN = /\b(AM|PM)\b|1,234|Sep 30/;

const lars: Suggestion = {
  person: { id: 'p-lars', name: 'Lars Møller', title: 'Account Executive', location: 'Hamburg', timezone: 'Europe/Berlin', email: 'lars@kenner-demo.example' },
  score: 91,
  strengths: { 'a-havbryggen': 91 },
  reasons: [{ kind: 'meeting', count: 1234, entityId: 'a-havbryggen', entityKind: 'account', entityName: 'Havbryggen Shipping A/S', last: '2025-09-30', weight: 10 }],
  lastInteraction: '2025-09-30',
  roles: [],
};
const view: TabView = {
  tabId: TAB,
  status: 'ok',
  host: 'kenner.zendesk.com',
  entities: [{ kind: 'account', id: 'a-havbryggen', name: 'Havbryggen Shipping A/S', via: 'record', focal: true, count: 1 }],
  suggestions: [lars],
  more: 1234,
  stale: true,
  source: 'cache',
  updatedAt: '2025-09-30T09:15:00Z',
};
const graphInfo = { source: 'import', loadedAt: '2025-09-30T09:15:00Z', counts: { people: 1234, accounts: 7, contacts: 6, topics: 6, interactions: 28 }, revision: 'r1', files: ['g.json'] };

function backend(name: string): Promise<unknown> {
  switch (name) {
    case 'getTabView':
      return Promise.resolve(view);
    case 'getGraphInfo':
      return Promise.resolve(graphInfo);
    case 'getEffectiveSettings':
      return Promise.resolve({ settings: { ...DEFAULT_SETTINGS }, locked: [], policy: { allowImport: true, allowDemo: true } });
    case 'getLookupLog':
      return Promise.resolve([{ at: '2025-09-30T09:15:00Z', site: 'salesforce', entities: [{ kind: 'account', id: 'a', name: 'Nordlicht Logistik GmbH' }], source: 'local' }]);
    case 'getDiagnostics':
      return Promise.resolve([{ adapter: 'salesforce', pagesSeen: 1234, misses: {} }]);
    case 'listOutlineTabs':
      return Promise.resolve([]);
    case 'getSourcesOverview':
      return Promise.reject(new Error('not here'));
    default:
      return Promise.resolve(undefined);
  }
}

const dom = mountEach();
beforeEach(() => {
  setLocale('de');
  sendMessage.mockReset();
  sendMessage.mockImplementation(backend);
});
afterEach(() => setLocale('en'));

describe('German UI: dates, times and counts are German on every surface', () => {
  it('side panel', async () => {
    await act(async () => dom.root.render(<SidePanelApp fixedTabId={TAB} store={createSidePanelStore()} />));
    await until(() => dom.host.querySelector('[data-person-id="p-lars"]') !== null);
    const text = dom.host.textContent ?? '';
    expect(dom.host.querySelector('[data-stale]')!.textContent).toMatch(DE_DATE); // "Antworten vom 30.09.2025, 11:15"
    expect(dom.host.querySelector('[data-stale]')!.textContent).toMatch(DE_TIME);
    expect(dom.host.querySelector('[data-more-found]')!.textContent).toMatch(DE_COUNT);
    const card = dom.host.querySelector('[data-person-id="p-lars"]')!.textContent;
    expect(card).toMatch(/1\.234 Meetings?|1\.234/);
    expect(card).toMatch(DE_MONTH);
    expect(card).toMatch(/\d{1,2}:\d{2} Ortszeit/);
    expect(text).not.toMatch(NOT_EN);
  });

  it('hover card', () => {
    const card = document.createElement('section');
    document.body.append(card);
    const staged: StagedHoverCard = {
      seq: 1,
      kind: 'account',
      focus: false,
      card: { entity: { kind: 'account', id: 'a-havbryggen', name: 'Havbryggen Shipping A/S', via: 'text', count: 1 }, suggestions: [lars], status: 'ok' },
    };
    renderCard(card, staged, { close: vi.fn(), openPanel: vi.fn() });
    const text = card.textContent ?? '';
    expect(text).toMatch(DE_COUNT);
    expect(text).toMatch(DE_MONTH);
    expect(text).toMatch(/\d{1,2}:\d{2} Ortszeit/);
    expect(text).not.toMatch(NOT_EN);
    card.remove();
  });

  it('popup', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: TAB } as Browser.tabs.Tab]);
    usePopup.setState({ open: null, query: '' });
    await act(async () => dom.root.render(<PopupApp />));
    await until(() => dom.host.querySelector('[data-state="graph"]') !== null);
    expect(dom.host.querySelector('[data-state="graph"]')!.textContent).toMatch(/1\.234 Personen/);
    // The card a result opens: the last contact's date and the colleague's local time.
    await act(async () => usePopup.getState().openCard({ person: lars.person, suggestion: lars }));
    await until(() => dom.host.querySelector('[data-person-id="p-lars"]') !== null);
    const card = dom.host.querySelector('[data-person-id="p-lars"]')!.textContent;
    expect(card).toMatch(DE_DATE);
    expect(card).toMatch(/\d{1,2}:\d{2} Ortszeit/);
    expect(card).toMatch(DE_COUNT);
    expect(dom.host.textContent).not.toMatch(NOT_EN);
  });

  it('options', async () => {
    useOptions.setState(useOptions.getInitialState(), true);
    location.hash = '#privacy';
    await act(async () => dom.root.render(<OptionsApp />));
    await until(() => dom.host.querySelector('time') !== null);
    const time = dom.host.querySelector('time')!.textContent;
    expect(time).toMatch(DE_DATE);
    expect(time).toMatch(DE_TIME);
    await act(async () => {
      location.hash = '#diagnostics';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await until(() => /1\.234/.test(dom.host.textContent ?? ''));
    expect(dom.host.textContent).not.toMatch(NOT_EN);
  });
});
