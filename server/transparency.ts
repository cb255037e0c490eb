/**
 * GET /v1/admin/transparency: the transparency pack (utils/transparency) from
 * the service's live configuration: its environment (works-council mode,
 * audit retention, auditors, administrators, visibility), the graph's meta
 * (where it came from, which records it holds) and the audit's counts of the
 * last year (no individual data; the minimum group size applies).
 */
import { sql } from 'kysely';
import { RECORD_FIELDS } from '../utils/graph/schema';
import type { RecordKind, SourceInfo, TransparencyConfig } from '../utils/transparency/types';
import type { Audit } from './audit';
import type { Config } from './config';
import type { Db } from './db/database';
import type { ServerGraphMeta } from './graph/meta';

const KINDS: Array<[RecordKind, keyof ServerGraphMeta['counts']]> = [
  ['person', 'people'],
  ['account', 'accounts'],
  ['contact', 'contacts'],
  ['topic', 'topics'],
  ['interaction', 'interactions'],
];

function sourcesOf(meta: ServerGraphMeta | null): SourceInfo[] {
  if (!meta || meta.source === 'none') return [];
  const records = KINDS.filter(([, k]) => (meta.counts[k] ?? 0) > 0).map(([r]) => r);
  const name = meta.source === 'demo' ? 'Demo graph' : meta.files?.length ? `Graph import (${meta.files.join(', ')})` : `Graph ${meta.source}`;
  return [{ name, records }];
}

export async function serviceTransparencyConfig(db: Db, config: Config, meta: ServerGraphMeta | null, audit: Audit, now = new Date()): Promise<TransparencyConfig> {
  const to = now.toISOString();
  const from = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const [counts, optOuts] = await Promise.all([
    audit.counts(from, to),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM people WHERE NOT discoverable OR record->>'consent' = 'out'`.execute(db),
  ]);
  return {
    generatedAt: to,
    deployment: 'service',
    sources: sourcesOf(meta),
    fields: { person: [...RECORD_FIELDS.person], account: [...RECORD_FIELDS.account], contact: [...RECORD_FIELDS.contact], topic: [...RECORD_FIELDS.topic], interaction: [...RECORD_FIELDS.interaction] },
    worksCouncil: config.worksCouncil,
    retention: { auditDays: config.auditRetentionDays },
    access: { auditors: config.auditors.size, admins: config.admins.size, restrictedBy: config.visibility?.field ?? null },
    review: { from, to, lookups: counts.lookups, optOuts: optOuts.rows[0].n, people: counts.people },
  };
}
