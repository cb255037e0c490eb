/**
 * The side panel's state (Zustand): which tab, its TabView, the chip filter,
 * dismissals with undo, the demo loader and the inline search. All talk to
 * the background goes through the typed protocol.
 */
import { create } from 'zustand';
import { sendMessage, type PersonHit, type TabView } from '@/utils/messaging/protocol';
import type { Suggestion } from '@/utils/ranking/types';

export type Phase = 'idle' | 'loading' | 'ready' | 'error';

export interface Toast {
  kind: 'dismissed' | 'undone' | 'error';
  personId?: string;
  name?: string;
  entityId?: string;
  entityName?: string;
  message?: string;
}

export interface SearchState {
  query: string;
  phase: 'idle' | 'loading' | 'ready' | 'error';
  results: PersonHit[];
  error?: string;
}

export interface SidePanelState {
  /** The tab shown; null: none (no-tab). */
  tabId: number | null;
  view: TabView | null;
  phase: Phase;
  error?: string;
  /** Entity ids selected as filter (empty: all). */
  selected: string[];
  /** personId → entity ids marked "not relevant" in this panel (their contribution hidden until the answer is redrawn or undone). */
  hidden: Record<string, string[]>;
  toast: Toast | null;
  demo: { phase: 'idle' | 'loading' | 'error'; error?: string };
  /** A state action (resume) is running or failed. */
  action: { phase: 'idle' | 'loading' | 'error'; error?: string };
  search: SearchState;

  setTab: (tabId: number | null) => void;
  load: () => Promise<void>;
  applyView: (view: TabView | null) => void;
  toggleEntity: (id: string) => void;
  clearFilter: () => void;
  dismiss: (s: Suggestion, entityId: string, entityName: string) => Promise<void>;
  undo: () => Promise<void>;
  closeToast: () => void;
  loadDemo: () => Promise<void>;
  resume: () => Promise<void>;
  runSearch: (query: string) => Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const EMPTY_SEARCH: SearchState = { query: '', phase: 'idle', results: [] };

export const createSidePanelStore = () =>
  create<SidePanelState>()((set, get) => ({
    tabId: null,
    view: null,
    phase: 'idle',
    selected: [],
    hidden: {},
    toast: null,
    demo: { phase: 'idle' },
    action: { phase: 'idle' },
    search: EMPTY_SEARCH,

    setTab(tabId) {
      if (tabId === get().tabId && get().phase !== 'idle') return;
      // Never show the previous tab's colleagues, not even for a moment.
      set({
        tabId,
        view: null,
        phase: tabId === null ? 'ready' : 'loading',
        error: undefined,
        selected: [],
        hidden: {},
        toast: null,
        action: { phase: 'idle' },
        search: EMPTY_SEARCH,
      });
      if (tabId !== null) void get().load();
    },

    async load() {
      const tabId = get().tabId;
      if (tabId === null) return;
      if (!get().view) set({ phase: 'loading', error: undefined });
      try {
        const view = await sendMessage('getTabView', { tabId });
        if (get().tabId !== tabId) return; // the user moved on
        get().applyView(view);
      } catch (e) {
        if (get().tabId !== tabId) return;
        set({ phase: 'error', error: message(e) });
      }
    },

    applyView(view) {
      const { tabId, selected } = get();
      if (!view) {
        void get().load();
        return;
      }
      if (view.tabId !== tabId) return;
      const ids = new Set(view.entities.map((e) => e.id));
      set({ view, phase: 'ready', error: undefined, selected: selected.filter((id) => ids.has(id)) });
    },

    toggleEntity(id) {
      const { selected } = get();
      set({ selected: selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id] });
    },

    clearFilter() {
      set({ selected: [] });
    },

    async dismiss(s, entityId, entityName) {
      const { view, tabId } = get();
      if (!view) return;
      const personId = s.person.id;
      const name = s.person.name;
      const mark = (on: boolean) => {
        const hidden = { ...get().hidden };
        const list = new Set(Object.hasOwn(hidden, personId) ? hidden[personId] : []);
        if (on) list.add(entityId);
        else list.delete(entityId);
        if (list.size) hidden[personId] = [...list];
        else delete hidden[personId];
        set({ hidden });
      };
      mark(true);
      set({ toast: { kind: 'dismissed', personId, name, entityId, entityName } });
      try {
        await sendMessage('dismissSuggestion', { personId, entityId, personName: name, entityName });
      } catch (e) {
        mark(false);
        set({ toast: { kind: 'error', message: message(e) } });
        return;
      }
      if (get().tabId === tabId) void get().load();
    },

    async undo() {
      const toast = get().toast;
      if (!toast || toast.kind !== 'dismissed' || !toast.personId || !toast.entityId) return;
      const { personId, entityId, name, entityName } = toast;
      const tabId = get().tabId;
      const without = (hidden: Record<string, string[]>) => {
        const next = { ...hidden };
        const list = (Object.hasOwn(next, personId) ? next[personId] : []).filter((id) => id !== entityId);
        if (list.length) next[personId] = list;
        else delete next[personId];
        return next;
      };
      set({ hidden: without(get().hidden), toast: { kind: 'undone', personId, name, entityName } });
      try {
        await sendMessage('dismissSuggestion', { personId, entityId, undo: true });
      } catch (e) {
        const hidden = get().hidden;
        const list = Object.hasOwn(hidden, personId) ? hidden[personId] : [];
        set({ hidden: { ...hidden, [personId]: [...list, entityId] }, toast: { kind: 'error', message: message(e) } });
        return;
      }
      if (get().tabId === tabId) void get().load();
    },

    closeToast() {
      set({ toast: null });
    },

    async loadDemo() {
      set({ demo: { phase: 'loading' } });
      try {
        const summary = await sendMessage('loadDemoGraph', {});
        if (!summary.ok) {
          set({ demo: { phase: 'error', error: summary.errors?.join('; ') || '?' } });
          return;
        }
        set({ demo: { phase: 'idle' } });
        await get().load();
      } catch (e) {
        set({ demo: { phase: 'error', error: message(e) } });
      }
    },

    async resume() {
      const tabId = get().tabId;
      if (tabId === null) return;
      set({ action: { phase: 'loading' } });
      try {
        await sendMessage('setSitePaused', { tabId, paused: false });
        set({ action: { phase: 'idle' } });
        await get().load();
      } catch (e) {
        set({ action: { phase: 'error', error: message(e) } });
      }
    },

    async runSearch(query) {
      const q = query.trim();
      if (!q) {
        set({ search: EMPTY_SEARCH });
        return;
      }
      set({ search: { query: q, phase: 'loading', results: [] } });
      try {
        const results = await sendMessage('searchPeople', { query: q, limit: 10 });
        if (get().search.query !== q) return;
        set({ search: { query: q, phase: 'ready', results } });
      } catch (e) {
        if (get().search.query !== q) return;
        set({ search: { query: q, phase: 'error', results: [], error: message(e) } });
      }
    },
  }));

export type SidePanelStore = ReturnType<typeof createSidePanelStore>;

/** The panel's one store. */
export const useSidePanel = createSidePanelStore();
