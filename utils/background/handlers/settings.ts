/** Messages that change what the user set: settings, paused sites, "not relevant". */
import { browser } from 'wxt/browser';
import { changeSettings, getEffectiveSettings } from '../../settings/policy';
import { dismissedItem, dismissedNamesItem, meProposalItem } from '../state';
import { ownValue } from '../../ranking/dismissals';
import { getPeople } from '../../store/db';
import { summarize } from '../../ranking/rank';
import type { Handlers } from '../router';
import type { HandlerDeps } from './deps';

export function settingsHandlers({ service }: HandlerDeps): Pick<Handlers, 'getEffectiveSettings' | 'updateSettings' | 'setSitePaused' | 'dismissSuggestion' | 'listDismissed' | 'getMe'> {
  return {
    getEffectiveSettings: () => getEffectiveSettings(),

    // "Me" by id (never as search text); the proposal only while none is chosen.
    async getMe() {
      const { settings } = await getEffectiveSettings();
      const meId = settings.meId;
      const person = meId ? (await getPeople([meId]))[0] : undefined;
      // The proposal whatever is chosen now: the options page shows it once "me" is cleared.
      const proposal = await meProposalItem.getValue();
      return { meId, person: person ? summarize(person) : null, proposal: proposal ? { person: proposal.person, host: proposal.host } : null };
    },

    async updateSettings(patch) {
      const eff = await changeSettings(patch);
      await service.answersChanged();
      return eff;
    },

    async setSitePaused({ tabId, paused }) {
      const tab = await browser.tabs.get(tabId);
      const host = tab.url ? new URL(tab.url).host : '';
      if (!host) return;
      const { settings } = await getEffectiveSettings();
      const hosts = new Set(settings.pausedHosts);
      if (paused) hosts.add(host);
      else hosts.delete(host);
      await changeSettings({ pausedHosts: [...hosts] });
      await service.refresh(tabId);
    },

    async dismissSuggestion({ personId, entityId, undo, personName, entityName }) {
      if (!undo && (personName || entityName)) {
        const names = new Map(Object.entries(await dismissedNamesItem.getValue()));
        if (personName) names.set(personId, personName);
        if (entityName) names.set(entityId, entityName);
        await dismissedNamesItem.setValue(Object.fromEntries(names));
      }
      // Person ids are data: `constructor` or `__proto__` is an own key like any other (never a prototype's).
      const all = new Map(Object.entries(await dismissedItem.getValue()));
      const set = new Set(all.get(personId) ?? []);
      if (undo) set.delete(entityId);
      else set.add(entityId);
      if (set.size) all.set(personId, [...set]);
      else all.delete(personId);
      await dismissedItem.setValue(Object.fromEntries(all));
      await service.answersChanged();
    },

    async listDismissed() {
      const all = await dismissedItem.getValue();
      const names = await dismissedNamesItem.getValue();
      const marks = [];
      for (const [personId, list] of Object.entries(all)) {
        if (!Array.isArray(list)) continue;
        for (const entityId of list) {
          if (typeof entityId !== 'string') continue;
          const personName = ownValue(names, personId);
          const entityName = ownValue(names, entityId);
          marks.push({ personId, entityId, ...(personName ? { personName } : {}), ...(entityName ? { entityName } : {}) });
        }
      }
      return marks;
    },
  };
}
