/** State of the own view (components/me): the view from the background, and saving the colleague's choices. */
import { create } from 'zustand';
import { sendMessage, type ColleaguePreferences, type OwnView } from '@/utils/messaging/protocol';

interface MeState {
  status: 'loading' | 'ready' | 'error';
  view: OwnView | null;
  error?: string;
  saving: boolean;
  saveState: 'idle' | 'saved' | 'error';
  saveError?: string;
  load: () => Promise<void>;
  save: (prefs: ColleaguePreferences) => Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Only what is set: the message schema is strict and absent means "not chosen". */
function clean(p: ColleaguePreferences): ColleaguePreferences {
  const out: ColleaguePreferences = {};
  if (p.consent) out.consent = p.consent;
  if (p.hidden?.length) out.hidden = p.hidden;
  if (p.askMeAbout?.length) out.askMeAbout = p.askMeAbout;
  if (p.awayUntil) out.awayUntil = p.awayUntil;
  return out;
}

export const useMe = create<MeState>((set, get) => ({
  status: 'loading',
  view: null,
  saving: false,
  saveState: 'idle',
  async load() {
    set({ status: 'loading' });
    try {
      set({ status: 'ready', view: await sendMessage('getOwnView', {}), error: undefined });
    } catch (e) {
      set({ status: 'error', error: message(e) });
    }
  },
  async save(prefs) {
    set({ saving: true, saveState: 'idle' });
    try {
      await sendMessage('setOwnPreferences', clean(prefs));
      await get().load();
      set({ saving: false, saveState: 'saved' });
    } catch (e) {
      set({ saving: false, saveState: 'error', saveError: message(e) });
    }
  },
}));
