/**
 * The diagnostics report an administrator asks for (options → Diagnostics →
 * Export): built from an allow-list of fields, never by copying whole
 * objects, so that no page text, page address, name of a customer or
 * colleague, host, token or search text can get in. What it holds: the
 * version, browser, language, graph size and source, which settings are on,
 * which policy keys are set (names only), the sources' state, and per site
 * adapter the pages seen and the selectors that missed.
 */
import type { AdapterDiagnostics, EffectiveSettings } from '@/utils/messaging/protocol';
import type { SourcesOverview, SourceStatus } from '@/utils/messaging/sources';
import type { GraphMeta } from '@/utils/graph/model';

export interface ReportInput {
  version: string;
  extensionId: string;
  userAgent: string;
  uiLanguage: string;
  now: Date;
  graph: GraphMeta | null;
  settings: EffectiveSettings | null;
  adapters: AdapterDiagnostics[];
  sources: SourcesOverview | null;
}

const ID = /^[A-Za-z0-9_.:-]{1,100}$/;
/** A selector or adapter name as the code names it (never anything read from a page). */
const safeId = (s: string) => (ID.test(s) ? s : '?');
const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

function sourceState(s: SourceStatus | null) {
  if (!s) return null;
  return {
    configured: s.configured,
    signedIn: s.signedIn,
    locked: s.locked,
    degraded: s.degraded,
    syncing: s.syncing,
    lastSync: s.sync.completedAt ?? null,
    failures: s.failures.length,
  };
}

export function diagnosticsReport(input: ReportInput): string {
  const s = input.settings?.settings;
  const report = {
    kind: 'kenner-diagnostics',
    version: input.version,
    extensionId: input.extensionId,
    createdAt: input.now.toISOString(),
    browser: input.userAgent,
    uiLanguage: input.uiLanguage,
    graph: input.graph
      ? {
          source: input.graph.source,
          loadedAt: input.graph.loadedAt,
          counts: Object.fromEntries(Object.entries(input.graph.counts).map(([k, v]) => [safeId(k), count(v)])),
          files: input.graph.files?.length ?? 0,
        }
      : null,
    settings: s
      ? {
          sitesOn: Object.entries(s.sites)
            .filter(([, on]) => on)
            .map(([id]) => safeId(id)),
          customSites: s.customSites.length,
          pausedSites: s.pausedHosts.length,
          tenants: s.tenants.length,
          highlight: s.highlight,
          hoverCard: s.hoverCard,
          kinds: { ...s.kinds },
          meChosen: !!s.meId,
          logRetentionDays: s.logRetentionDays,
        }
      : null,
    policy: input.settings
      ? {
          available: !input.settings.policy.unavailable,
          keysSet: Object.keys(input.settings.policy.values ?? {}).map(safeId),
          refused: (input.settings.policy.refused ?? []).map((r) => safeId(r.key)),
          locked: input.settings.locked.map(safeId),
        }
      : null,
    sources: input.sources
      ? { active: input.sources.active, remote: sourceState(input.sources.remote), microsoft365: sourceState(input.sources.microsoft365) }
      : null,
    adapters: input.adapters.map((a) => ({
      adapter: safeId(a.adapter),
      pagesSeen: count(a.pagesSeen),
      textOnly: count(a.textOnly),
      misses: Object.fromEntries(Object.entries(a.misses).map(([k, v]) => [safeId(k), count(v)])),
    })),
  };
  return JSON.stringify(report, null, 2);
}
