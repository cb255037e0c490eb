/** Messages about the graph: what it holds, the demo graph, deleting it, and "who knows …?" search. */
import { evidenceRule } from '../../governance/evidence';
import { WORKS_COUNCIL_OFF } from '../../governance/works-council';
import { clearGraph } from '../../store/db';
import { importGraphObject } from '../../store/importer';
import { generateDemoGraph } from '../../demo/generate';
import { searchPeople } from '../../ranking/search';
import { hitsWithPreferences } from '../../ranking/preferences';
import type { ImportSummary } from '../../messaging/protocol';
import { getEffectiveSettings } from '../../settings/policy';
import { t } from '../../i18n';
import type { Handlers } from '../router';
import type { HandlerDeps } from './deps';

export function graphHandlers({ service, cache, remoteSearch, preferences, effectiveSettings = getEffectiveSettings }: HandlerDeps): Pick<Handlers, 'getTabView' | 'searchPeople' | 'getGraphInfo' | 'loadDemoGraph' | 'deleteGraph'> {
  return {
    getTabView: ({ tabId }) => service.view(tabId),

    async searchPeople({ query, limit }) {
      const { settings } = await effectiveSettings();
      const remote = await remoteSearch?.(query, limit).catch(() => null);
      if (remote) return remote.filter((h) => h.person.id !== settings.meId);
      const meta = await service.graphMeta();
      if (!meta || !query.trim()) return [];
      const index = await cache.searchIndex(meta);
      const hits = await searchPeople(index, query, {
        limit,
        rank: async (entities) => (await service.answer(entities, settings)).suggestions,
      });
      // Colleagues' own preferences (the service applies its own): opted out gone, away shown, hidden entities' share gone.
      return hitsWithPreferences(hits, await preferences?.all(), { now: Date.now() }).filter((h) => h.person.id !== settings.meId);
    },

    getGraphInfo: () => service.graphMeta(),

    async loadDemoGraph(data): Promise<ImportSummary> {
      const { policy } = await effectiveSettings();
      if (!policy.allowDemo) return { ok: false, errors: [t('bg_demo_forbidden')] };
      const wc = policy.worksCouncil ?? WORKS_COUNCIL_OFF;
      const result = await importGraphObject(generateDemoGraph({ scale: data?.scale ?? 1 }), { source: 'demo', mode: 'replace', evidence: (refTime) => evidenceRule(wc, refTime) });
      return { ok: result.ok, counts: result.counts, duplicates: result.duplicates, errors: result.errors?.map((e) => e.message) };
    },

    deleteGraph: () => clearGraph(),
  };
}
