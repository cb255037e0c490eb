/**
 * Which tab the side panel shows, and keeping its view live:
 * - `?tab=<id>` (popped-out window, tests): that tab, always;
 * - else the active tab of the window the panel is docked in, following
 *   tab switches (tabs.onActivated) and navigations (tabs.onUpdated url).
 * The background keeps each tab's TabView in storage.session under
 * `tabview:<tabId>`; a change there re-renders the panel.
 */
import { browser } from 'wxt/browser';
import { storage } from '#imports';
import type { TabView } from '@/utils/messaging/protocol';
import { tabViewKey } from '@/utils/messaging/state';
import type { SidePanelStore } from './store';

/** The tab id from `?tab=<id>`, or null. */
export function tabFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/** Starts following tabs and the stored view; returns the stop function. */
export function trackTab(store: SidePanelStore, fixedTabId: number | null): () => void {
  const stops: Array<() => void> = [];
  let windowId: number | undefined;
  let stopped = false;

  // Re-subscribe to the stored view whenever the shown tab changes.
  let unwatch: (() => void) | null = null;
  const watchView = (tabId: number | null) => {
    unwatch?.();
    unwatch = null;
    if (tabId === null) return;
    unwatch = storage.watch<TabView>(tabViewKey(tabId), (next) => {
      if (store.getState().tabId !== tabId) return;
      store.getState().applyView(next ?? null);
    });
  };
  watchView(store.getState().tabId);
  stops.push(store.subscribe((s, prev) => s.tabId !== prev.tabId && watchView(s.tabId)));
  stops.push(() => unwatch?.());

  // A navigation in the shown tab: drop what we showed and ask again.
  const onUpdated = (tabId: number, change: { url?: string; status?: string }) => {
    if (tabId !== store.getState().tabId || !change.url) return;
    store.setState({ view: null, phase: 'loading', selected: [], hidden: {}, toast: null });
    void store.getState().load();
  };
  const onRemoved = (tabId: number) => {
    if (tabId === store.getState().tabId) store.getState().setTab(null);
  };
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.tabs.onRemoved.addListener(onRemoved);
  stops.push(() => browser.tabs.onUpdated.removeListener(onUpdated));
  stops.push(() => browser.tabs.onRemoved.removeListener(onRemoved));

  if (fixedTabId !== null) {
    store.getState().setTab(fixedTabId);
  } else {
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (windowId === undefined || info.windowId === windowId) store.getState().setTab(info.tabId);
    };
    browser.tabs.onActivated.addListener(onActivated);
    stops.push(() => browser.tabs.onActivated.removeListener(onActivated));
    void (async () => {
      try {
        const win = await browser.windows.getCurrent();
        windowId = win.id;
        const [tab] = await browser.tabs.query({ active: true, windowId });
        if (!stopped) store.getState().setTab(tab?.id ?? null);
      } catch {
        if (!stopped) store.getState().setTab(null);
      }
    })();
  }

  return () => {
    stopped = true;
    for (const stop of stops) stop();
  };
}
