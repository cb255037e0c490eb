/** Messages of the options page's privacy and diagnostics sections: what was looked up, and deleting everything. */
import { browser } from 'wxt/browser';
import { clearGraph } from '../../store/db';
import { diagnosticsItem, lookupLogItem, dismissedNamesItem } from '../state';
import type { Handlers } from '../router';
import type { HandlerDeps } from './deps';

export function privacyHandlers({ service, cache, afterLocalDataDeleted }: HandlerDeps): Pick<Handlers, 'getLookupLog' | 'getDiagnostics' | 'deleteAllLocalData'> {
  return {
    getLookupLog: () => lookupLogItem.getValue(),
    getDiagnostics: async () => Object.values(await diagnosticsItem.getValue()),
    async deleteAllLocalData() {
      await clearGraph();
      await browser.storage.local.clear();
      await lookupLogItem.clear();
      await dismissedNamesItem.clear();
      await browser.storage.session.clear();
      cache.clear();
      await afterLocalDataDeleted?.();
      await service.graphChanged();
    },
  };
}
