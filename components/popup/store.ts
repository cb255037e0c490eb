/**
 * The popup's state. Search goes through `searchPeople`, lightly debounced;
 * an answer that arrives after a newer query was sent is dropped. Tab status,
 * graph info and settings are fetched after the first paint.
 */
import { create } from 'zustand';
import { browser } from 'wxt/browser';
import type { GraphMeta } from '@/utils/graph/model';
import { sendMessage, type EffectiveSettings, type PersonHit, type TabView } from '@/utils/messaging/protocol';

const SEARCH_DEBOUNCE_MS = 80;

type Load<T> = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; value: T };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface PopupState {
  query: string;
  results: { status: 'idle' | 'loading' | 'ready' | 'error'; hits: PersonHit[]; error?: string; query: string };
  active: number;
  /** The result whose card is open. */
  open: PersonHit | null;
  tabId: number | null;
  tab: Load<TabView | null>;
  graph: Load<GraphMeta | null>;
  settings: EffectiveSettings | null;
  busy: null | 'pause' | 'demo';
  actionError: string | null;
  /** Right after "Try the demo": the page is being read again with the new graph (until it reports, or RESCAN_MS). */
  rescanning: boolean;
  setQuery: (q: string) => void;
  setActive: (i: number) => void;
  openCard: (hit: PersonHit | null) => void;
  loadStatus: () => Promise<void>;
  loadTab: () => Promise<void>;
  togglePause: (paused: boolean) => Promise<void>;
  loadDemo: () => Promise<void>;
  /** A newer answer for the tab, stored by the background (the popup watches it). */
  applyTab: (view: TabView | null) => void;
}

/** How long the popup waits for the page to report after the demo loaded before it believes "nothing found". */
const RESCAN_MS = 10_000;
let rescanTimer: ReturnType<typeof setTimeout> | undefined;

let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

export const usePopup = create<PopupState>((set, get) => ({
  query: '',
  results: { status: 'idle', hits: [], query: '' },
  active: -1,
  open: null,
  tabId: null,
  tab: { status: 'loading' },
  graph: { status: 'loading' },
  settings: null,
  busy: null,
  actionError: null,
  rescanning: false,

  setQuery(q) {
    set({ query: q, open: null });
    clearTimeout(timer);
    const n = ++seq;
    const query = q.trim();
    if (!query) {
      set({ results: { status: 'idle', hits: [], query: '' }, active: -1 });
      return;
    }
    set((s) => ({ results: { ...s.results, status: 'loading' } }));
    timer = setTimeout(() => {
      sendMessage('searchPeople', { query, limit: 20 })
        .then((hits) => {
          if (n !== seq) return; // a newer query is on its way
          set({ results: { status: 'ready', hits, query }, active: hits.length ? 0 : -1 });
        })
        .catch((e) => {
          if (n !== seq) return;
          set({ results: { status: 'error', hits: [], error: message(e), query }, active: -1 });
        });
    }, SEARCH_DEBOUNCE_MS);
  },

  setActive(i) {
    set({ active: i });
  },

  openCard(hit) {
    set({ open: hit });
  },

  async loadStatus() {
    // `popup.html?tab=<id>` (tests, a popped-out popup) names the tab; else the active tab of this window.
    const param = Number(new URLSearchParams(location.search).get('tab'));
    const tabs = Number.isInteger(param) && param > 0 ? [] : await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
    const tabId = Number.isInteger(param) && param > 0 ? param : (tabs[0]?.id ?? null);
    set({ tabId });
    await Promise.all([
      get().loadTab(),
      sendMessage('getGraphInfo', undefined)
        .then((g) => set({ graph: { status: 'ready', value: g ?? null } }))
        .catch((e) => set({ graph: { status: 'error', error: message(e) } })),
      sendMessage('getEffectiveSettings', undefined)
        .then((settings) => set({ settings }))
        .catch(() => set({ settings: null })),
    ]);
  },

  async loadTab() {
    const tabId = get().tabId;
    if (tabId === null) {
      set({ tab: { status: 'ready', value: null } });
      return;
    }
    try {
      get().applyTab(await sendMessage('getTabView', { tabId }));
    } catch (e) {
      set({ tab: { status: 'error', error: message(e) } });
    }
  },

  applyTab(view) {
    if (!view || view.tabId !== get().tabId) return;
    if (view.status === 'ok' || view.status === 'not-enabled' || view.status === 'paused') {
      clearTimeout(rescanTimer);
      set({ rescanning: false });
    }
    set({ tab: { status: 'ready', value: view } });
  },

  async togglePause(paused) {
    const tabId = get().tabId;
    if (tabId === null) return;
    set({ busy: 'pause', actionError: null });
    try {
      await sendMessage('setSitePaused', { tabId, paused });
      await get().loadTab();
    } catch (e) {
      set({ actionError: message(e) });
    } finally {
      set({ busy: null });
    }
  },

  async loadDemo() {
    set({ busy: 'demo', actionError: null });
    try {
      const r = await sendMessage('loadDemoGraph', {});
      if (!r.ok) throw new Error((r.errors ?? []).join('; '));
      const g = await sendMessage('getGraphInfo', undefined);
      // The page's content script reads the page again with the new graph: until it reports, "nothing found" would be false.
      clearTimeout(rescanTimer);
      set({ graph: { status: 'ready', value: g ?? null }, rescanning: true });
      rescanTimer = setTimeout(() => set({ rescanning: false }), RESCAN_MS);
      await get().loadTab();
      if (get().query) get().setQuery(get().query);
    } catch (e) {
      set({ actionError: message(e) });
    } finally {
      set({ busy: null });
    }
  },
}));
