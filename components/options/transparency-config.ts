/**
 * The transparency pack's configuration (utils/transparency/types.ts) from
 * what the options page knows live: the effective settings and policy, the
 * graph's meta and the lookup log of this browser. The lookup log is one
 * person's: the yearly review counts it as a group of one, so works-council
 * mode withholds it (minimum group size).
 */
import type { GraphMeta } from '@/utils/graph/model';
import { RECORD_FIELDS } from '@/utils/graph/schema';
import { WORKS_COUNCIL_OFF } from '@/utils/governance/works-council';
import type { EffectiveSettings, LookupLogEntry } from '@/utils/messaging/protocol';
import type { RecordKind, SourceInfo, TransparencyConfig } from '@/utils/transparency/types';

const KINDS: Array<[RecordKind, keyof GraphMeta['counts']]> = [
  ['person', 'people'],
  ['account', 'accounts'],
  ['contact', 'contacts'],
  ['topic', 'topics'],
  ['interaction', 'interactions'],
];

export function sourcesOf(eff: EffectiveSettings, meta: GraphMeta | null): SourceInfo[] {
  const out: SourceInfo[] = [];
  const records = meta ? KINDS.filter(([, k]) => (meta.counts[k] ?? 0) > 0).map(([r]) => r) : [];
  const g = eff.policy.graphSource;
  if (g?.kind === 'remote') out.push({ name: `Company graph service${g.url ? ` (${g.url})` : ''}`, records: records.length ? records : KINDS.map(([r]) => r) });
  else if (g?.kind === 'microsoft365') out.push({ name: 'Microsoft 365', records: ['person'] });
  if (meta && meta.source !== 'none' && !(g?.kind === 'remote' && meta.source === 'remote')) {
    const name = meta.source === 'demo' ? 'Demo graph' : meta.source === 'remote' ? 'Company graph service' : `Graph file import${meta.files?.length ? ` (${meta.files.join(', ')})` : ''}`;
    out.push({ name, records });
  }
  return out;
}

export function extensionTransparencyConfig(eff: EffectiveSettings, meta: GraphMeta | null, log: readonly LookupLogEntry[], now: Date): TransparencyConfig {
  const to = now.toISOString();
  const from = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const lookups = log.filter((e) => e.at > from && e.at <= to).length;
  return {
    generatedAt: to,
    deployment: eff.policy.graphSource?.kind === 'remote' ? 'service' : 'extension',
    sources: sourcesOf(eff, meta),
    fields: { person: [...RECORD_FIELDS.person], account: [...RECORD_FIELDS.account], contact: [...RECORD_FIELDS.contact], topic: [...RECORD_FIELDS.topic], interaction: [...RECORD_FIELDS.interaction] },
    worksCouncil: eff.policy.worksCouncil ?? WORKS_COUNCIL_OFF,
    retention: { lookupLogDays: eff.settings.logRetentionDays },
    access: { userImport: eff.policy.allowImport },
    review: { from, to, lookups, optOuts: 0, people: lookups ? 1 : 0 },
  };
}
