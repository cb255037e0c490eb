/**
 * Colleagues' own preferences on the local graph (utils/ranking/preferences.ts),
 * kept in the extension's private IndexedDB and held in memory: the ranking
 * reads them synchronously while it folds a topic's skilled colleagues.
 */
import type { ColleaguePreferences, PreferenceMap } from '../ranking/preferences';
import { preferencesItem } from './state';

export class PreferenceStore {
  private value: PreferenceMap | null = null;

  async all(): Promise<PreferenceMap> {
    return (this.value ??= await preferencesItem.getValue());
  }

  /** What was read last (empty before the first read): for code that cannot wait. */
  snapshot(): PreferenceMap {
    return this.value ?? {};
  }

  async of(personId: string): Promise<ColleaguePreferences> {
    const all = await this.all();
    return Object.hasOwn(all, personId) ? all[personId] : {};
  }

  /** Replaces one colleague's preferences (empty: removed). */
  async set(personId: string, prefs: ColleaguePreferences): Promise<ColleaguePreferences> {
    const all = new Map(Object.entries(await this.all()));
    const clean: ColleaguePreferences = {};
    if (prefs.consent) clean.consent = prefs.consent;
    if (prefs.hidden?.length) clean.hidden = [...new Set(prefs.hidden)];
    if (prefs.askMeAbout?.length) clean.askMeAbout = [...new Set(prefs.askMeAbout)];
    if (prefs.awayUntil) clean.awayUntil = prefs.awayUntil;
    if (Object.keys(clean).length) all.set(personId, clean);
    else all.delete(personId);
    const next = Object.fromEntries(all);
    await preferencesItem.setValue(next);
    this.value = next;
    return clean;
  }

  async clear(): Promise<void> {
    this.value = null;
    await preferencesItem.clear();
  }
}
