// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  return { browser: fakeBrowser, default: fakeBrowser };
});
const { sendMessage } = vi.hoisted(() => ({ sendMessage: vi.fn() }));
vi.mock('@/utils/messaging/protocol', () => ({ sendMessage }));

import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MessageData, MessageName, TabView } from '@/utils/messaging/protocol';
import type { Suggestion } from '@/utils/ranking/types';
import { SidePanelApp } from '@/components/sidepanel/SidePanelApp';
import { createSidePanelStore, type SidePanelStore } from '@/components/sidepanel/store';
import { filterSuggestions, orderEntities } from '@/components/sidepanel/logic';
import { tabFromSearch } from '@/components/sidepanel/tabs';
import { setLocale } from './reasons-i18n';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const TAB = 7;
const NAMES: Record<string, string> = {
  't-edi': 'EDI integration',
  'a-havbryggen': 'Havbryggen Shipping A/S',
  'a-nordlicht': 'Nordlicht Logistik GmbH',
};

function suggestion(id: string, name: string, score: number, strengths: Record<string, number>, extra: Partial<Suggestion> = {}): Suggestion {
  return {
    person: { id, name, email: `${id}@kenner-demo.example`, title: 'Account Executive', location: 'Hamburg', timezone: 'Europe/Berlin' },
    score,
    strengths,
    reasons: Object.keys(strengths).map((entityId, i) => ({
      kind: 'deal-won' as const,
      count: 2,
      entityId,
      entityKind: entityId.startsWith('t-') ? ('topic' as const) : ('account' as const),
      entityName: NAMES[entityId] ?? entityId,
      last: '2025-09-30',
      weight: 10 - i,
    })),
    roles: [],
    ...extra,
  };
}

function okView(over: Partial<TabView> = {}): TabView {
  return {
    tabId: TAB,
    status: 'ok',
    host: 'kenner.zendesk.com',
    entities: [
      { kind: 'topic', id: 't-edi', name: 'EDI integration', via: 'text', count: 2 },
      { kind: 'account', id: 'a-havbryggen', name: 'Havbryggen Shipping A/S', via: 'record', focal: true, count: 1 },
    ],
    suggestions: [
      suggestion('p-lars', 'Lars Møller', 91, { 'a-havbryggen': 80, 't-edi': 70 }, { hints: { sharedLanguages: ['da'], hoursOverlap: true } }),
      suggestion('p-soren', 'Søren Kjærgaard', 64, { 'a-havbryggen': 60 }, {
        roles: ['account-owner'],
        reasons: [
          { kind: 'account-owner', count: 1, entityId: 'a-havbryggen', entityKind: 'account', entityName: 'Havbryggen Shipping A/S', last: '2024-01-01', weight: 12 },
          { kind: 'account-team', count: 1, entityId: 'a-nordlicht', entityKind: 'account', entityName: 'Nordlicht Logistik GmbH', last: '2023-05-01', weight: 3 },
        ],
      }),
      suggestion('p-zoe', 'Zoë van den Berg', 40, { 't-edi': 50 }, { person: { id: 'p-zoe', name: 'Zoë van den Berg', chat: { teams: 'zoe@kenner-demo.example', slack: 'U123' } } }),
    ],
    updatedAt: '2026-10-30T09:15:00Z',
    source: 'local',
    ...over,
  };
}

let container: HTMLDivElement;
let root: Root;
let store: SidePanelStore;
let view: TabView;

/** A test's own answers, per message, given that message's data. */
type Overrides = { [K in MessageName]?: (data: MessageData<K>) => unknown };

/** Answers like the background: getTabView gives `view`; everything else ok. */
function background(overrides: Overrides = {}) {
  sendMessage.mockImplementation(async (type: MessageName, data: unknown) => {
    const override = overrides[type] as ((data: unknown) => unknown) | undefined;
    if (override) return override(data);
    if (type === 'getTabView') return { ...view, tabId: (data as MessageData<'getTabView'>).tabId };
    if (type === 'loadDemoGraph') return { ok: true };
    if (type === 'searchPeople') return [];
    return undefined;
  });
}

async function flush() {
  for (let i = 0; i < 5; i++) await act(async () => await new Promise((r) => setTimeout(r, 0)));
}

async function mount(fixedTabId: number | null = TAB) {
  store = createSidePanelStore();
  await act(async () => root.render(<SidePanelApp fixedTabId={fixedTabId} store={store} />));
  await flush();
}

const $ = <T extends Element = HTMLElement>(sel: string) => container.querySelector<T>(sel);
const $$ = (sel: string) => Array.from(container.querySelectorAll<HTMLElement>(sel));
const personIds = () => $$('[data-person-id]').map((e) => e.dataset.personId);
const status = () => $('[role="status"]')!.textContent;
const button = (text: string) => {
  const b = $$('button').find((el) => el.textContent?.trim() === text || el.getAttribute('aria-label') === text);
  if (!b) throw new Error(`no button "${text}" in: ${container.textContent}`);
  return b;
};
const click = (el: HTMLElement) => act(async () => el.click());

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  setLocale('en');
  sendMessage.mockReset();
  view = okView();
  background();
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

describe('side panel: the list', () => {
  it('shows the tab’s entities as chips, focal first, and colleagues in rank order', async () => {
    await mount();
    expect(sendMessage).toHaveBeenCalledWith('getTabView', { tabId: TAB });
    const chips = $$('[data-entity-id]');
    expect(chips.map((c) => [c.dataset.entityKind, c.dataset.entityId])).toEqual([
      ['account', 'a-havbryggen'],
      ['topic', 't-edi'],
    ]);
    expect(personIds()).toEqual(['p-lars', 'p-soren', 'p-zoe']);
    expect(status()).toBe('3 colleagues know this');
    expect(container.textContent).toContain('kenner.zendesk.com');
  });

  it('when nobody knows the customer directly, says so and names each colleague’s manager as the way in', async () => {
    const intro = { id: 'p-anna', name: 'Anna Berg', email: 'anna.berg@kenner-demo.example' };
    view = okView({
      suggestions: [
        suggestion('p-zoe', 'Zoë van den Berg', 40, { 't-edi': 50 }, { introducer: intro }),
        suggestion('p-lars', 'Lars Møller', 30, { 't-edi': 40 }),
      ],
    });
    await mount();
    expect($('[data-no-direct]')!.textContent).toBe(
      'Nobody here has worked with Havbryggen Shipping A/S directly. These colleagues know the topic; their managers can introduce you.',
    );
    const line = $('[data-card="p-zoe"] [data-introducer="p-anna"] a')!;
    expect(line.textContent).toBe('Introduction: ask Anna Berg, their manager');
    expect(line.getAttribute('href')).toMatch(/^mailto:anna\.berg@kenner-demo\.example\?subject=/);
    expect($('[data-card="p-lars"] [data-introducer]')).toBeNull();
  });

  it('gives no mail link to an introducer whose address could add a header', async () => {
    view = okView({ suggestions: [suggestion('p-zoe', 'Zoë van den Berg', 40, { 't-edi': 50 }, { introducer: { id: 'p-x', name: 'Mallory', email: 'm@x.example?bcc=spy@evil.example' } })] });
    await mount();
    const line = $('[data-card="p-zoe"] [data-introducer="p-x"]')!;
    expect(line.textContent).toBe('Introduction: ask Mallory, their manager');
    expect(line.querySelector('a')).toBeNull();
  });

  it('names no introduction when a colleague knows the customer', async () => {
    view = okView({ suggestions: okView().suggestions.map((s) => ({ ...s, introducer: { id: 'p-anna', name: 'Anna Berg' } })) });
    await mount();
    expect(personIds()).toEqual(['p-lars', 'p-soren', 'p-zoe']);
    expect($('[data-no-direct]')).toBeNull();
    expect($$('[data-introducer]')).toEqual([]);
  });

  it('explains each colleague: reasons in words, strength, badges, hints', async () => {
    await mount();
    const lars = $('[data-person-id="p-lars"]')!;
    expect(lars.textContent).toContain('won 2 deals with Havbryggen Shipping A/S, last in Sep 2025');
    expect(lars.querySelector('[role="meter"]')!.getAttribute('aria-valuenow')).toBe('91');
    expect(lars.querySelector('[role="meter"]')!.getAttribute('aria-label')).toBe('Strength 91 of 100 (strong)');
    expect(lars.textContent).toContain('Shared languages: Danish');
    expect(lars.textContent).toContain('working hours overlap with yours');
    expect(lars.textContent).toMatch(/\d{1,2}:\d{2}.*local time/);
    // A role names its customer; an ongoing role has a start ("since"), never a last contact.
    const soren = $('[data-person-id="p-soren"]')!;
    expect([...soren.querySelectorAll('[data-role]')].map((b) => b.textContent)).toEqual(['Owner of Havbryggen Shipping A/S', 'Account team of Nordlicht Logistik GmbH']);
    expect(soren.textContent).toContain('account owner of Havbryggen Shipping A/S, since Jan 2024');
    expect(soren.textContent).not.toMatch(/last in Jan 2024|Last contact/);
  });

  it('gives each card the right actions: mail naming customer and topic, chat links only when present', async () => {
    await mount();
    const mail = $<HTMLAnchorElement>('[data-person-id="p-lars"] a[href^="mailto:"]')!;
    expect(decodeURIComponent(mail.href)).toContain('Havbryggen Shipping A/S / EDI integration');
    expect($('[data-person-id="p-lars"] a[href*="teams.microsoft.com"]')).toBeNull();
    expect($('[data-person-id="p-zoe"] a[href*="teams.microsoft.com"]')!.getAttribute('href')).toContain('users=zoe%40kenner-demo.example');
    expect($('[data-person-id="p-zoe"] a[href*="slack.com"]')!.getAttribute('href')).toBe('https://slack.com/app_redirect?channel=U123');
    // No email address: no Email action.
    expect($('[data-person-id="p-zoe"] a[href^="mailto:"]')).toBeNull();
  });

  it('filters by chip (toggle) and resets with All', async () => {
    await mount();
    const edi = $('[data-entity-id="t-edi"]')!;
    await click(edi);
    expect(edi.getAttribute('aria-pressed')).toBe('true');
    expect(personIds()).toEqual(['p-lars', 'p-zoe']);
    expect(status()).toBe('Showing 2 of 3');
    await click($('[data-entity-id="a-havbryggen"]')!);
    expect(personIds()).toEqual(['p-lars', 'p-soren', 'p-zoe']);
    await click(edi);
    expect(personIds()).toEqual(['p-lars', 'p-soren']);
    await click(button('All'));
    expect(personIds()).toEqual(['p-lars', 'p-soren', 'p-zoe']);
    expect($('[data-entity-id="t-edi"]')!.getAttribute('aria-pressed')).toBe('false');
  });

  it('"Not relevant" is per colleague and entity: asks which, hides only that contribution, focus stays, Undo restores', async () => {
    await mount();
    // Lars is suggested for both entities: the button asks for which one.
    const menu = button('Mark Lars Møller as not relevant');
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    await click(menu);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    await click(button('For EDI integration'));
    await flush();
    const dismissals = () => sendMessage.mock.calls.filter(([type]) => type === 'dismissSuggestion');
    expect(dismissals()).toEqual([['dismissSuggestion', { personId: 'p-lars', entityId: 't-edi', personName: 'Lars Møller', entityName: 'EDI integration' }]]);
    // Lars stays for Havbryggen, without the EDI evidence.
    expect(personIds()).toEqual(['p-lars', 'p-soren', 'p-zoe']);
    const lars = $('[data-person-id="p-lars"]')!;
    expect(lars.textContent).toContain('Havbryggen Shipping A/S');
    expect(lars.textContent).not.toContain('EDI');
    expect($('[data-toast="dismissed"]')!.textContent).toContain('Lars Møller marked as not relevant for EDI integration');
    // Focus stays in the panel, on the card that stayed.
    expect(lars.contains(document.activeElement)).toBe(true);

    // Zoë covers one entity only: one click, and the card goes; focus moves to the list, not the page.
    await click(button('Mark Zoë van den Berg as not relevant for EDI integration'));
    await flush();
    expect(personIds()).toEqual(['p-lars', 'p-soren']);
    expect(container.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(document.body);

    await click(button('Undo'));
    await flush();
    expect(dismissals().at(-1)).toEqual(['dismissSuggestion', { personId: 'p-zoe', entityId: 't-edi', undo: true }]);
    expect(personIds()).toEqual(['p-lars', 'p-soren', 'p-zoe']);
  });

  it('after the last card goes, focus lands on the next card or the list heading', async () => {
    view = okView({ suggestions: [okView().suggestions[2]] });
    await mount();
    await click(button('Mark Zoë van den Berg as not relevant for EDI integration'));
    await flush();
    expect(personIds()).toEqual([]);
    expect(container.contains(document.activeElement)).toBe(true);
  });

  it('with a chip selected, "Not relevant" applies to that entity only', async () => {
    await mount();
    await click($('[data-entity-id="t-edi"]')!);
    await click(button('Mark Lars Møller as not relevant for EDI integration'));
    await flush();
    const dismissals = sendMessage.mock.calls.filter(([type]) => type === 'dismissSuggestion');
    expect(dismissals).toEqual([['dismissSuggestion', { personId: 'p-lars', entityId: 't-edi', personName: 'Lars Møller', entityName: 'EDI integration' }]]);
  });

  it('puts the card back and says so when the dismissal fails', async () => {
    background({
      dismissSuggestion: () => {
        throw new Error('store locked');
      },
    });
    await mount();
    await click(button('Mark Zoë van den Berg as not relevant for EDI integration'));
    await flush();
    expect(personIds()).toContain('p-zoe');
    expect($('[data-toast="error"]')!.textContent).toContain('store locked');
  });

  it('shows a stale answer with a visible banner', async () => {
    view = okView({ stale: true, source: 'cache' });
    await mount();
    expect($('[data-stale]')!.textContent).toMatch(/^Answers from before \(.*2026.*\): the company-graph service does not answer now/);
    expect(personIds()).toHaveLength(3);
    expect(status()).toContain('Answers from before');
  });
});

describe('side panel: live updates and tabs', () => {
  it('re-renders when the background stores a new view for the tab, dropping the old record', async () => {
    await mount();
    const next = okView({
      entities: [{ kind: 'account', id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH', via: 'record', focal: true, count: 1 }],
      suggestions: [suggestion('p-sofie', 'Sofie Lindqvist', 88, { 'a-nordlicht': 88 })],
    });
    await act(async () => {
      await fakeBrowser.storage.session.set({ [`tabview:${TAB}`]: next });
    });
    await flush();
    expect(personIds()).toEqual(['p-sofie']);
    expect($$('[data-entity-id]').map((e) => e.dataset.entityId)).toEqual(['a-nordlicht']);
    expect(container.textContent).not.toContain('Havbryggen');
  });

  it('ignores views stored for other tabs', async () => {
    await mount();
    await act(async () => {
      await fakeBrowser.storage.session.set({ 'tabview:99': okView({ tabId: 99, suggestions: [] }) });
    });
    await flush();
    expect(personIds()).toEqual(['p-lars', 'p-soren', 'p-zoe']);
  });

  /** The panel's window (id 3) with `tabId` active. */
  function activeTab(tabId: number) {
    vi.spyOn(fakeBrowser.windows, 'getCurrent').mockResolvedValue({ id: 3 } as never);
    return vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: tabId, windowId: 3 }] as never);
  }

  it('follows the active tab of its window and clears the list while the next one loads', async () => {
    const query = activeTab(11);
    let release: (v: TabView) => void = () => {};
    background({
      getTabView: (data) => (data.tabId === 12 ? new Promise<TabView>((r) => (release = r)) : { ...view, tabId: data.tabId }),
    });
    await mount(null);
    expect(query).toHaveBeenCalledWith({ active: true, windowId: 3 });
    expect(sendMessage).toHaveBeenCalledWith('getTabView', { tabId: 11 });
    expect(personIds()).toEqual(['p-lars', 'p-soren', 'p-zoe']);

    // A switch in another window is not ours.
    await act(async () => {
      await fakeBrowser.tabs.onActivated.trigger({ tabId: 50, windowId: 4 });
    });
    expect(sendMessage).not.toHaveBeenCalledWith('getTabView', { tabId: 50 });

    await act(async () => {
      await fakeBrowser.tabs.onActivated.trigger({ tabId: 12, windowId: 3 });
    });
    await flush();
    expect(sendMessage).toHaveBeenCalledWith('getTabView', { tabId: 12 });
    expect(personIds()).toEqual([]);
    expect(status()).toBe('Looking at this page…');

    await act(async () => release({ ...okView({ suggestions: [suggestion('p-sofie', 'Sofie Lindqvist', 70, { 'a-havbryggen': 70 })] }), tabId: 12 }));
    await flush();
    expect(personIds()).toEqual(['p-sofie']);
  });

  it('asks again when the shown tab navigates, and shows no-tab when it closes', async () => {
    activeTab(11);
    await mount(null);
    const before = sendMessage.mock.calls.filter(([type]) => type === 'getTabView').length;
    await act(async () => {
      await fakeBrowser.tabs.onUpdated.trigger(11, { url: 'https://kenner.zendesk.com/agent/tickets/2' }, {} as never);
    });
    await flush();
    expect(sendMessage.mock.calls.filter(([type]) => type === 'getTabView').length).toBe(before + 1);
    await act(async () => {
      await fakeBrowser.tabs.onRemoved.trigger(11, { windowId: 3, isWindowClosing: false });
    });
    await flush();
    expect($('[data-state="no-tab"]')).not.toBeNull();
    expect(personIds()).toEqual([]);
  });

  it('reads ?tab=<id> and pops out into its own window', async () => {
    expect(tabFromSearch('?tab=42')).toBe(42);
    expect(tabFromSearch('?tab=abc')).toBeNull();
    expect(tabFromSearch('')).toBeNull();

    activeTab(11);
    const create = vi.spyOn(fakeBrowser.windows, 'create').mockResolvedValue({} as never);
    await mount(null);
    await click(button('Pop out'));
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringContaining('/sidepanel.html?tab=11') as string, type: 'popup', width: 420, height: 720 }));
  });
});

describe('side panel: states', () => {
  it('no-graph: Import opens the options, Try the demo loads it (with progress) and asks again', async () => {
    view = okView({ status: 'no-graph', entities: [], suggestions: [] });
    const openOptions = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    let finish: (v: unknown) => void = () => {};
    background({ loadDemoGraph: () => new Promise((r) => (finish = r)) });
    await mount();
    expect($('[data-state="no-graph"]')).not.toBeNull();
    expect(status()).toBe('No company graph yet');
    await click(button('Import graph'));
    expect(openOptions).toHaveBeenCalled();

    await click(button('Try the demo'));
    expect(sendMessage).toHaveBeenCalledWith('loadDemoGraph', {});
    expect(container.textContent).toContain('Loading the demo: made-up colleagues, customers and their history…');
    expect($('[data-demo-progress] progress')).not.toBeNull();
    expect(button('Try the demo').hasAttribute('disabled')).toBe(true);
    view = okView();
    await act(async () => finish({ ok: true }));
    await flush();
    expect(personIds()).toEqual(['p-lars', 'p-soren', 'p-zoe']);
  });

  it('no-graph: a failing demo says why', async () => {
    view = okView({ status: 'no-graph', entities: [], suggestions: [] });
    background({ loadDemoGraph: () => ({ ok: false, errors: ['quota exceeded'] }) });
    await mount();
    await click(button('Try the demo'));
    await flush();
    expect(container.textContent).toContain('The demo could not be loaded: quota exceeded');
  });

  it('not-enabled: says which site and opens the Sites section', async () => {
    view = okView({ status: 'not-enabled', host: 'crm.example.com', entities: [], suggestions: [] });
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await mount();
    expect(container.textContent).toContain('Kenner is not enabled on crm.example.com');
    await click(button('Enable in settings'));
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/options\.html#sites$/) as string });
  });

  it('paused: Resume un-pauses the tab’s site and reloads', async () => {
    view = okView({ status: 'paused', entities: [], suggestions: [] });
    await mount();
    expect(container.textContent).toContain('Paused on kenner.zendesk.com');
    view = okView();
    await click(button('Resume'));
    await flush();
    expect(sendMessage).toHaveBeenCalledWith('setSitePaused', { tabId: TAB, paused: false });
    expect(personIds()).toEqual(['p-lars', 'p-soren', 'p-zoe']);
  });

  it('empty: offers a search that uses searchPeople; results are not suggestions', async () => {
    view = okView({ status: 'empty', entities: [], suggestions: [] });
    background({
      searchPeople: () => [{ person: { id: 'p-sofie', name: 'Sofie Lindqvist' } }],
    });
    await mount();
    expect(status()).toBe('Nothing found on this page');
    const input = $<HTMLInputElement>('input[type="search"]')!;
    expect(container.querySelector(`label[for="${input.id}"]`)!.textContent).toBe('Search colleagues');
    await act(async () => {
      // The native setter, so React's input tracking sees a change.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'Nordlicht');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => input.form!.requestSubmit());
    await flush();
    expect(sendMessage).toHaveBeenCalledWith('searchPeople', { query: 'Nordlicht', limit: 10 });
    expect(container.textContent).toContain('Sofie Lindqvist');
    expect(container.textContent).toContain('1 result');
    expect(personIds()).toEqual([]);
  });

  it('ok but nobody knows it: says so and offers the search', async () => {
    view = okView({ suggestions: [] });
    await mount();
    expect($('[data-state="no-colleagues"]')).not.toBeNull();
    expect($('input[type="search"]')).not.toBeNull();
    expect($$('[data-entity-id]')).toHaveLength(2);
  });

  it('loading: a skeleton while the background is still reading the page', async () => {
    view = okView({ status: 'loading', entities: [], suggestions: [] });
    await mount();
    expect($('[data-state="loading"]')).not.toBeNull();
    expect(status()).toBe('Looking at this page…');
  });

  it('no-tab: explains and retries', async () => {
    view = okView({ status: 'no-tab', entities: [], suggestions: [] });
    await mount();
    expect($('[data-state="no-tab"]')).not.toBeNull();
    expect(status()).toBe('No tab to look at');
    expect(button('Try again')).toBeTruthy();
  });

  it('error: says what failed and Try again asks again', async () => {
    let fail = true;
    background({
      getTabView: (d) => {
        if (fail) throw new Error('background asleep');
        return { ...view, tabId: d.tabId };
      },
    });
    await mount();
    expect($('[data-state="error"]')!.textContent).toContain('background asleep');
    fail = false;
    await click(button('Try again'));
    await flush();
    expect(personIds()).toEqual(['p-lars', 'p-soren', 'p-zoe']);
  });

  it('speaks German when the browser does', async () => {
    setLocale('de');
    await mount();
    expect(status()).toBe('3 Personen kennen sich hier aus');
    expect($('[data-person-id="p-lars"]')!.textContent).toContain('2 Deals mit Havbryggen Shipping A/S gewonnen');
  });
});

describe('side panel logic', () => {
  it('orders entities focal first, then account, contact, topic', () => {
    const e = (kind: 'account' | 'contact' | 'topic', id: string, focal = false) => ({ kind, id, name: id, via: 'text' as const, count: 1, focal });
    expect(orderEntities([e('topic', 't'), e('contact', 'c'), e('account', 'a'), e('contact', 'c2', true)]).map((x) => x.id)).toEqual(['c2', 'a', 'c', 't']);
  });

  it('filter keeps rank order and matches via strengths or reasons', () => {
    const s = okView().suggestions;
    expect(filterSuggestions(s, []).map((x) => x.person.id)).toEqual(['p-lars', 'p-soren', 'p-zoe']);
    expect(filterSuggestions(s, ['t-edi']).map((x) => x.person.id)).toEqual(['p-lars', 'p-zoe']);
    expect(filterSuggestions(s, ['nope'])).toEqual([]);
  });
});

describe('side panel: stale means answers from before', () => {
  it('without answers from before, says the service does not answer and claims no cached list', async () => {
    view = okView({ stale: true, source: 'cache', suggestions: [] });
    await mount();
    expect($('[data-stale]')!.textContent).toBe('The company-graph service does not answer, and there is no answer from before for this page.');
    expect(personIds()).toEqual([]);
    expect(container.textContent).not.toMatch(/showing|cached answer/i);
  });
});
