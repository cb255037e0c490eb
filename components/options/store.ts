/**
 * The options page's state: effective settings (with what policy locks) and
 * the graph's meta. Everything goes through the typed protocol; the
 * background validates and refuses locked keys.
 */
import { create } from 'zustand';
import type { GraphMeta } from '@/utils/graph/model';
import { sendMessage, type EffectiveSettings } from '@/utils/messaging/protocol';
import type { Settings } from '@/utils/settings/items';
import { errorMessage } from './ui';

type Load<T> = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; value: T };

interface OptionsState {
  settings: Load<EffectiveSettings>;
  graph: Load<GraphMeta | null>;
  /** Last failed settings change (shown beside the section), null when fine. */
  saveError: string | null;
  /** Keys being saved right now. */
  saving: string[];
  loadSettings: () => Promise<void>;
  loadGraph: () => Promise<void>;
  /** Applies a change; false (and saveError) when the background refused it. */
  update: (patch: Partial<Settings>) => Promise<boolean>;
  isLocked: (key: EffectiveSettings['locked'][number]) => boolean;
}

export const useOptions = create<OptionsState>((set, get) => ({
  settings: { status: 'loading' },
  graph: { status: 'loading' },
  saveError: null,
  saving: [],

  async loadSettings() {
    if (get().settings.status !== 'ready') set({ settings: { status: 'loading' } });
    try {
      const value = await sendMessage('getEffectiveSettings', undefined);
      set({ settings: { status: 'ready', value } });
    } catch (e) {
      set({ settings: { status: 'error', error: errorMessage(e) } });
    }
  },

  async loadGraph() {
    if (get().graph.status !== 'ready') set({ graph: { status: 'loading' } });
    try {
      const value = await sendMessage('getGraphInfo', undefined);
      set({ graph: { status: 'ready', value: value ?? null } });
    } catch (e) {
      set({ graph: { status: 'error', error: errorMessage(e) } });
    }
  },

  async update(patch) {
    const keys = Object.keys(patch);
    const prev = get().settings;
    // Optimistic: show the change at once, roll back if refused.
    if (prev.status === 'ready') {
      set({ settings: { status: 'ready', value: { ...prev.value, settings: { ...prev.value.settings, ...patch } } } });
    }
    set((s) => ({ saving: [...s.saving, ...keys], saveError: null }));
    try {
      const value = await sendMessage('updateSettings', patch);
      set({ settings: { status: 'ready', value } });
      return true;
    } catch (e) {
      set({ settings: prev, saveError: errorMessage(e) });
      return false;
    } finally {
      set((s) => ({ saving: s.saving.filter((k) => !keys.includes(k)) }));
    }
  },

  isLocked(key) {
    const s = get().settings;
    return s.status === 'ready' && s.value.locked.includes(key);
  },
}));
