/**
 * The popup's state. Search goes through `searchPeople` at once, with no
 * debounce (a local search takes ~1 ms): one search is in flight at a time and
 * keystrokes typed meanwhile are coalesced into their latest query, sent when
 * the answer arrives (so a slow remote source never gets a queue). An answer
 * for an older query is dropped. Tab status, graph info and settings are
 * fetched after the first paint.
 */
import { create } from 'zustand';
import { browser } from 'wxt/browser';
import type { GraphMeta } from '@/utils/graph/model';
import { sendMessage, type EffectiveSettings, type PersonHit, type TabView } from '@/utils/messaging/protocol';
import { reuseEqualHits } from './logic';

type Load<T> = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; value: T };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface PopupState {
  query: string;
  /** `seq`: the keystroke (setQuery call) these results answer. */
  results: { status: 'idle' | 'loading' | 'ready' | 'error'; hits: PersonHit[]; error?: string; query: string; seq: number };
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
/** A search is in flight; `pending`: the latest query typed meanwhile. */
let inFlight = false;
let pending: { n: number; query: string } | null = null;

/** Sends one search; its answer is shown only if no newer keystroke came since. */
function search(n: number, query: string): void {
  inFlight = true;
  sendMessage('searchPeople', { query, limit: 20 })
    .then((hits) => {
      if (n === seq) usePopup.setState((s) => ({ results: { status: 'ready', hits: reuseEqualHits(s.results.hits, hits), query, seq: n }, active: hits.length ? 0 : -1 }));
    })
    .catch((e) => {
      if (n === seq) usePopup.setState({ results: { status: 'error', hits: [], error: message(e), query, seq: n }, active: -1 });
    })
    .finally(() => {
      inFlight = false;
      const next = pending;
      pending = null;
      if (next && next.n === seq) search(next.n, next.query);
    });
}

export const usePopup = create<PopupState>((set, get) => ({
  query: '',
  results: { status: 'idle', hits: [], query: '', seq: 0 },
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
    const n = ++seq;
    const query = q.trim();
    if (!query) {
      pending = null;
      set({ results: { status: 'idle', hits: [], query: '', seq: n }, active: -1 });
      return;
    }
    set((s) => ({ results: { ...s.results, status: 'loading' } }));
    if (inFlight) pending = { n, query };
    else search(n, query);
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
