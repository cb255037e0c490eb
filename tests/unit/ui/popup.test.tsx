// @vitest-environment jsdom
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
import { STORY } from '@/utils/demo/story';
import type { Browser } from 'wxt/browser';
import type { MessageData, PersonHit, TabView } from '@/utils/messaging/protocol';
import { buildSearchIndex, searchPeople } from '@/utils/ranking/search';
import type { Suggestion } from '@/utils/ranking/types';
import type { DetectedEntity } from '@/utils/spotting/types';
import { App } from '@/components/popup/App';
import { enterTarget, mailContextOf, moveActive, pauseAction, tabStatusText } from '@/components/popup/logic';
import { usePopup } from '@/components/popup/store';
import { LANGS, setLocale } from './reasons-i18n';
import { until } from './act-helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const index = buildSearchIndex({ people: STORY.people, accounts: STORY.accounts, topics: STORY.topics });
/** Everyone with an interaction on the entities, by count, as the background's ranking would order them. */
async function rank(entities: DetectedEntity[]): Promise<Suggestion[]> {
  const wanted = new Map(entities.map((e) => [e.id, e]));
  const score = new Map<string, number>();
  for (const i of STORY.interactions) {
    if ([i.accountId, ...(i.topicIds ?? [])].some((id) => id && wanted.has(id))) score.set(i.personId, (score.get(i.personId) ?? 0) + (i.count ?? 1));
  }
  const people = new Map(STORY.people.map((p) => [p.id, p]));
  const e = entities[0];
  return [...score]
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => ({
      person: { id, name: people.get(id)!.name },
      score: n,
      strengths: {},
      reasons: [{ kind: 'meeting' as const, count: n, entityId: e.id, entityKind: e.kind, entityName: e.name, weight: n }],
      roles: [],
    }));
}

const TAB = 7;
const view: TabView = { tabId: TAB, status: 'ok', host: 'acme.lightning.force.com', entities: [{ kind: 'account', id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH', via: 'record', count: 1 }], suggestions: [] };
function backend(name: string, data: unknown): Promise<unknown> {
  switch (name) {
    case 'searchPeople': {
      const { query, limit } = data as MessageData<'searchPeople'>;
      return searchPeople(index, query, { limit, rank });
    }
    case 'getTabView':
      return Promise.resolve(view);
    case 'getGraphInfo':
      return Promise.resolve({ source: 'demo', loadedAt: new Date().toISOString(), counts: { people: 8, accounts: 7, contacts: 6, topics: 6, interactions: 28 }, revision: 'r1' });
    case 'getEffectiveSettings':
      return Promise.resolve({ settings: {}, locked: [], policy: { allowImport: true, allowDemo: true } });
    case 'setSitePaused':
      return Promise.resolve(undefined);
    default:
      return Promise.reject(new Error(`unexpected ${name}`));
  }
}

let root: Root;
let host: HTMLDivElement;
const initial = usePopup.getState();
/** Until the answer for the current query is shown. */
const settled = () => until(() => {
  const s = usePopup.getState();
  return s.results.status !== 'loading' && s.results.query === s.query.trim();
});
const box = () => host.querySelector<HTMLInputElement>('input[type=search]')!;
const ids = () => [...host.querySelectorAll('[data-person-id]')].map((e) => e.getAttribute('data-person-id'));
const key = (k: string, target: Element = box()) =>
  act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  });
async function type(text: string) {
  await act(async () => {
    // The native setter, so React's input tracking sees a change.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(box(), text);
    box().dispatchEvent(new Event('input', { bubbles: true }));
  });
}

beforeEach(async () => {
  setLocale('en');
  sendMessage.mockReset();
  sendMessage.mockImplementation(backend);
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: TAB } as Browser.tabs.Tab]);
  usePopup.setState(initial, true);
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root.render(<App />));
  // Tab status, graph info and settings are fetched after the first paint: wait until all three arrived.
  await until(() => {
    const s = usePopup.getState();
    return s.tab.status !== 'loading' && s.graph.status !== 'loading' && s.settings !== null;
  });
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('popup search', () => {
  it('has the Search colleagues box, focused on open', () => {
    const label = host.querySelector(`label[for="${box().id}"]`);
    expect(label?.textContent).toBe('Search colleagues');
    expect(document.activeElement).toBe(box());
  });

  it('shows results as you type, in rank order, each with data-person-id', async () => {
    await type('who knows Nordlicht');
    await settled();
    expect(ids()).toEqual(['p-sofie', 'p-joerg', 'p-soren']);
    await type('jorg baum');
    await settled();
    expect(ids()).toEqual(['p-joerg']);
    await type('Konstantin');
    await settled();
    expect(ids()).toEqual([]);
    expect(host.textContent).toContain('Nobody matches “Konstantin”.');
  });

  it('"who knows SAP" finds the S/4HANA people (product family), each result with strength and a reason; a text result says which field matched', async () => {
    await type('who knows SAP');
    await settled();
    expect(ids().slice(0, 2).sort()).toEqual(['p-sofie', 'p-soren']);
    const items = [...host.querySelectorAll('[role="option"]')];
    expect(items.length).toBeGreaterThan(1);
    for (const li of items) {
      expect(li.querySelector('[data-strength]'), li.textContent).not.toBeNull();
      expect(li.querySelector('[data-why]')?.textContent, li.textContent).toMatch(/SAP S\/4HANA migration/);
    }
    await type('copenhagen support');
    await settled();
    expect(ids()).toEqual(['p-lars']);
    expect(host.querySelector('[data-why]')?.textContent).toMatch(/^(Job title|Office|Department): /);
  });

  it('searches at once, keeps one search in flight, and shows only the latest query’s answer', async () => {
    // The answer for "sofie" is held; "lars" is typed meanwhile and waits for it, then is sent and shown.
    let releaseSofie!: () => void;
    const held = new Promise<void>((r) => (releaseSofie = r));
    let sofieAnswer: Promise<unknown> | undefined;
    sendMessage.mockImplementation((name: string, data: unknown) => {
      if (name === 'searchPeople' && (data as MessageData<'searchPeople'>).query === 'sofie') return (sofieAnswer = held.then(() => backend(name, data)));
      return backend(name, data);
    });
    await type('sofie');
    await until(() => sofieAnswer !== undefined); // sent with no delay; its answer is held
    await type('lars');
    const searched = () => sendMessage.mock.calls.filter((c) => c[0] === 'searchPeople').map((c) => (c[1] as MessageData<'searchPeople'>).query);
    expect(searched()).toEqual(['sofie']); // "lars" waits for the search in flight
    const stale = (await act(async () => {
      releaseSofie();
      return sofieAnswer!;
    })) as PersonHit[];
    expect(stale.map((h) => h.person.id)).toContain('p-sofie'); // it would have changed the list
    await until(() => searched().length === 2);
    await settled();
    expect(ids()).toEqual(['p-lars']);
    expect(usePopup.getState().results.query).toBe('lars');
    expect(searched()).toEqual(['sofie', 'lars']);
  });

  it('keeps the active result in view (scrolled before the next frame, not in the commit)', async () => {
    const scrolled: string[] = [];
    const scroll = vi.fn(function (this: Element) {
      scrolled.push(this.getAttribute('data-person-id') ?? '');
    });
    Element.prototype.scrollIntoView = scroll;
    try {
      await type('who knows Nordlicht');
      await settled();
      await until(() => scrolled.length > 0);
      expect(scrolled.at(-1)).toBe('p-sofie');
      await key('ArrowDown');
      await until(() => scrolled.at(-1) === 'p-joerg');
      expect(scroll).toHaveBeenLastCalledWith({ block: 'nearest' });
    } finally {
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    }
  });

  it('moves with ↑/↓, opens the card on Enter, Escape closes it, Escape again clears', async () => {
    await type('who knows Nordlicht');
    await settled();
    const active = () => host.querySelector('[role=option][aria-selected=true]')?.getAttribute('data-person-id');
    expect(active()).toBe('p-sofie');
    await key('ArrowDown');
    expect(active()).toBe('p-joerg');
    expect(box().getAttribute('aria-activedescendant')).toBe(host.querySelector('[role=option][aria-selected=true]')!.id);
    await key('ArrowDown');
    await key('ArrowDown');
    expect(active()).toBe('p-soren'); // stops at the end
    await key('ArrowUp');
    await key('Enter');
    expect(host.querySelectorAll('[role=option]').length).toBe(0);
    await until(() => host.querySelector('[data-person-id="p-joerg"]') !== null); // the card loads lazily
    expect(host.querySelector('[data-person-id="p-joerg"]')!.textContent).toMatch(/Jörg Bäumer.*meetings with Nordlicht Logistik GmbH/);
    await key('Escape');
    expect(ids()).toEqual(['p-sofie', 'p-joerg', 'p-soren']);
    expect(box().value).toBe('who knows Nordlicht');
    await key('Escape');
    expect(box().value).toBe('');
    expect(ids()).toEqual([]);
  });
});

describe('popup status', () => {
  it('shows this tab, pauses it in one click, and the graph size, source and age', async () => {
    expect(host.textContent).toContain('On for acme.lightning.force.com: 1 customer, contact or topic recognised.');
    expect(host.textContent).toContain('8 people and 7 accounts · Demo graph · loaded just now');
    const pause = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Pause on this site')!;
    await act(async () => pause.click());
    expect(sendMessage).toHaveBeenCalledWith('setSitePaused', { tabId: TAB, paused: true });
  });
});

describe('popup: right after "Try the demo"', () => {
  it('never says nothing was found while the page is read again; the status follows the stored answer live', async () => {
    let answer: TabView = { ...view, status: 'empty', entities: [] };
    sendMessage.mockImplementation((name: string, data: unknown) => {
      if (name === 'loadDemoGraph') return Promise.resolve({ ok: true });
      if (name === 'getTabView') return Promise.resolve(answer);
      return backend(name, data);
    });
    await act(async () => usePopup.getState().loadDemo());
    const status = () => host.querySelector('[data-tab-status]')!.textContent;
    expect(status()).toBe('On for acme.lightning.force.com: reading the page with the demo graph…');
    expect(status()).not.toMatch(/nothing|no customer/i);
    // The page reports: the background stores the new answer, the popup shows it.
    answer = { ...view, entities: [...view.entities, { kind: 'topic', id: 't-s4', name: 'SAP S/4HANA migration', via: 'text', count: 2 }] };
    await act(async () => {
      await fakeBrowser.storage.session.set({ [`tabview:${TAB}`]: answer });
    });
    await until(() => status() === 'On for acme.lightning.force.com: 2 customers, contacts or topics recognised.');
    expect(usePopup.getState().rescanning).toBe(false);
  });
});

describe('popup logic', () => {
  const hits: PersonHit[] = [{ person: { id: 'a', name: 'A' } }, { person: { id: 'b', name: 'B' } }];

  it('moves within bounds and opens the active or first result', () => {
    expect(moveActive(-1, 'ArrowDown', 2)).toBe(0);
    expect(moveActive(1, 'ArrowDown', 2)).toBe(1);
    expect(moveActive(0, 'ArrowUp', 2)).toBe(0);
    expect(moveActive(0, 'End', 2)).toBe(1);
    expect(moveActive(1, 'Home', 2)).toBe(0);
    expect(moveActive(0, 'ArrowDown', 0)).toBe(-1);
    expect(enterTarget(-1, hits)?.person.id).toBe('a');
    expect(enterTarget(1, hits)?.person.id).toBe('b');
    expect(enterTarget(0, [])).toBeUndefined();
  });

  it('offers pause or resume only where it applies', () => {
    expect(pauseAction({ ...view, status: 'ok' })).toBe('pause');
    expect(pauseAction({ ...view, status: 'paused' })).toBe('resume');
    expect(pauseAction({ ...view, status: 'not-enabled' })).toBeNull();
    expect(pauseAction({ ...view, host: undefined })).toBeNull();
    expect(pauseAction(null)).toBeNull();
  });

  it('takes the customer and topic of a ranked hit for the email', () => {
    const s = { person: { id: 'x', name: 'X' }, score: 1, strengths: {}, roles: [], reasons: [
      { kind: 'deal-won' as const, count: 1, entityId: 't', entityKind: 'topic' as const, entityName: 'EDI integration', weight: 2 },
      { kind: 'meeting' as const, count: 1, entityId: 'a', entityKind: 'account' as const, entityName: 'Havbryggen Shipping A/S', weight: 1 },
    ] };
    expect(mailContextOf({ person: s.person, suggestion: s })).toEqual({ accountName: 'Havbryggen Shipping A/S', topicLabel: 'EDI integration' });
    expect(mailContextOf({ person: s.person })).toEqual({});
  });

  it('words every tab status in five languages', () => {
    const statuses: TabView['status'][] = ['ok', 'empty', 'loading', 'paused', 'not-enabled', 'no-graph', 'no-tab'];
    for (const lang of LANGS) {
      setLocale(lang);
      const texts = statuses.map((status) => tabStatusText({ ...view, status }));
      for (const text of texts) expect(text).not.toMatch(/popup_|\$/);
      expect(new Set(texts).size).toBe(statuses.length);
      expect(tabStatusText({ ...view, status: 'paused' })).toContain('acme.lightning.force.com');
    }
  });
});
