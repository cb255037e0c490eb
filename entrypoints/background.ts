import { browser } from 'wxt/browser';
import { db, onGraphChanged } from '@/utils/store/db';
import { listenForImports } from '@/utils/background/import-port';
import { listenForExports } from '@/utils/background/export-port';
import { allHandlers, RevisionCache } from '@/utils/background/handlers';
import { registerRoutes } from '@/utils/background/router';
import { QueryService } from '@/utils/background/query-service';
import { WORKS_COUNCIL_OFF } from '@/utils/governance/works-council';
import { settingsItem } from '@/utils/settings/items';
import { graphRevisionItem } from '@/utils/messaging/state';
import { syncCustomScripts } from '@/utils/background/custom-scripts';
import { createLocalSource } from '@/utils/sources/local';
import { activeSource, SourceManager, startSourceSync } from '@/utils/background/source-manager';
import { clearSourceCache } from '@/utils/sources/cache';
import { PreferenceStore } from '@/utils/background/preferences';
import { SettingsCache } from '@/utils/background/settings-cache';

export default defineBackground(() => {
  const preferences = new PreferenceStore();
  // The effective settings most messages read (a popup keystroke, a page's hello and reports, the hover
  // card, every ranked answer): held in memory, two storage round trips each saved. Made first, so its
  // storage listener comes before the others.
  const effective = new SettingsCache();
  const local = createLocalSource(() => preferences.snapshot());
  // One source manager for everything: the remote company-graph service when one is configured (policy or options), else the local graph.
  const sources = new SourceManager({ onChanged: () => service.answersChanged() });
  const source = activeSource(local, sources);
  const settings = async () => (await effective.get()).settings;
  const service = new QueryService({
    source: () => source,
    settings,
    worksCouncil: async () => (await effective.get()).policy.worksCouncil ?? WORKS_COUNCIL_OFF,
    preferences: () => preferences.all(),
    tabUrl: async (tabId) => {
      try {
        return (await browser.tabs.get(tabId)).url ?? '';
      } catch {
        return undefined;
      }
    },
  });

  const cache = new RevisionCache();
  const sourcesChanged = () => void service.answersChanged();
  registerRoutes(
    allHandlers({
      service,
      cache,
      sources,
      sourcesChanged,
      preferences,
      preferencesChanged: async () => {
        local.reset();
        await service.answersChanged();
      },
      effectiveSettings: () => effective.get(),
      remoteSearch: async (query, limit) => (await sources.configuredRemote())?.searchPeople(query, limit) ?? null,
      afterLocalDataDeleted: async () => {
        await preferences.clear();
        local.reset();
        await clearSourceCache();
        await syncCustomScripts([]);
      },
    }),
  );
  startSourceSync(sources, sourcesChanged);
  // Benchmark hooks exist only in the e2e build (tests/support; the store build never contains them).
  if (import.meta.env.MODE === 'e2e') void import('@/tests/support/bench-hooks').then(({ installBenchHooks }) => installBenchHooks({
      coldReset: async () => {
        local.reset();
        cache.clear();
        db.close();
      },
      source: () => source, meta: () => service.graphMeta(), searchIndex: (m) => cache.searchIndex(m), rankStats: () => local.stats }));
  listenForImports();
  listenForExports();

  onGraphChanged((meta) => {
    local.reset();
    cache.clear();
    void service.graphChanged();
    // Open tabs reload their dictionary and rescan (content scripts watch this key); no graph: no key.
    void (meta.source === 'none' ? graphRevisionItem.removeValue() : graphRevisionItem.setValue(meta.revision));
  });

  // A tab that loads another document loses what its content script found.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url !== undefined) void service.onTabNavigated(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => void service.onTabClosed(tabId));

  settingsItem.watch(() => {
    effective.drop();
    void (async () => {
      const s = await settings();
      await syncCustomScripts(s.customSites);
      await service.answersChanged();
    })();
  });

  // The toolbar button opens the popup; the side panel opens from there, from
  // the hover card, or with the keyboard shortcut.
  browser.commands?.onCommand.addListener((command, tab) => {
    // Firefox has no sidePanel (its sidebar opens through the manifest's sidebar_action).
    const { sidePanel }: { sidePanel?: Partial<typeof browser.sidePanel> } = browser;
    if (command === 'open-side-panel' && tab?.id !== undefined) void sidePanel?.open?.({ tabId: tab.id });
  });

  browser.runtime.onInstalled.addListener(() => {
    void (async () => {
      await syncCustomScripts((await settings()).customSites);
      await browser.alarms.create('kenner-prune-log', { periodInMinutes: 24 * 60 });
    })();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === 'kenner-prune-log') void service.pruneLog();
  });
});
