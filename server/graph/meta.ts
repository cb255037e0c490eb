/** The live graph's meta (kenner_meta 'graph') and this database's epoch. */
import { sql } from 'kysely';
import type { GraphMeta } from '../../utils/graph/model';
import type { Db } from '../db/database';
import { ALL_EVIDENCE, type EvidenceRule } from '../../utils/governance/evidence';

/** `evidence`: the rule the evidence was written under (works-council mode, utils/governance/evidence.ts); absent: all interactions. */
export type ServerGraphMeta = GraphMeta & { refTime: number; evidence?: EvidenceRule };

export async function readGraphMeta(db: Db): Promise<ServerGraphMeta | null> {
  const r = await sql<{ value: ServerGraphMeta }>`SELECT value FROM kenner_meta WHERE key = 'graph'`.execute(db);
  return r.rows[0]?.value ?? null;
}

export async function readEpoch(db: Db): Promise<string> {
  const r = await sql<{ value: string }>`SELECT value FROM kenner_meta WHERE key = 'epoch'`.execute(db);
  return r.rows[0].value;
}

/**
 * Whether the graph's evidence was written under another rule than `rule`. Field by
 * field: the meta is jsonb, which keeps its keys in its own order, so the text of
 * the two objects differs even when the rules are the same (every start wrote the
 * whole evidence again).
 */
export function evidenceRuleChanged(meta: ServerGraphMeta, rule: EvidenceRule): boolean {
  const was = meta.evidence ?? ALL_EVIDENCE;
  return was.externalOnly !== rule.externalOnly || (was.since ?? null) !== (rule.since ?? null);
}
