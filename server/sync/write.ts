/**
 * Writes a resolved graph into the live one, changing only what changed:
 * each record's hash is kept from the last write (`sync_output`); new and
 * changed records are merged through the import (the same checks, evidence
 * recomputed for the entities they touch), records no longer produced are
 * deleted by id (dictionary tombstones). A repeated write with nothing new
 * changes nothing.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { ImportResult } from '../../utils/graph/import/types';
import type { Db } from '../db/database';
import { importFiles, recordsInput } from '../graph/ingest';
import { readGraphMeta } from '../graph/meta';
import type { ResolvedGraph } from './resolve';

type Kind = 'person' | 'account' | 'contact' | 'topic' | 'interaction';

export interface WriteResult {
  ok: boolean;
  upserted: Record<Kind, number>;
  deleted: Record<Kind, number>;
  ms: number;
  import?: ImportResult;
}

const hash = (o: object) => createHash('md5').update(JSON.stringify(o)).digest('base64url').slice(0, 22);

export function* graphRecords(g: Pick<ResolvedGraph, 'people' | 'accounts' | 'contacts' | 'topics' | 'interactions'>): Generator<{ type: Kind } & { id: string }> {
  for (const r of g.topics) yield { type: 'topic', ...r };
  for (const r of g.people) yield { type: 'person', ...r };
  for (const r of g.accounts) yield { type: 'account', ...r };
  for (const r of g.contacts) yield { type: 'contact', ...r };
  for (const r of g.interactions) yield { type: 'interaction', ...r, id: r.id! };
}

const zero = (): Record<Kind, number> => ({ person: 0, account: 0, contact: 0, topic: 0, interaction: 0 });

export async function writeGraph(db: Db, g: ResolvedGraph): Promise<WriteResult> {
  const started = Date.now();
  const before = new Map<string, string>();
  // One row of JSON text (the graph's size in rows through the driver one by one cost more than the merge).
  const all = await sql<{ t: string | null }>`SELECT json_agg(json_build_array(type, id, hash))::text AS t FROM sync_output`.execute(db);
  for (const [type, id, h] of all.rows[0]?.t ? (JSON.parse(all.rows[0].t) as Array<[string, string, string]>) : []) before.set(`${type}\u0000${id}`, h);
  const changed: object[] = [];
  const after: Array<{ t: string; i: string; h: string }> = [];
  const upserted = zero();
  const deleted = zero();
  for (const r of graphRecords(g)) {
    const key = `${r.type}\u0000${r.id}`;
    const h = hash(r);
    if (before.get(key) !== h) {
      after.push({ t: r.type, i: r.id, h });
      changed.push(r);
      upserted[r.type]++;
    }
    before.delete(key);
  }
  const deletes = [...before.keys()].map((k) => {
    const [type, id] = k.split('\u0000') as [Kind, string];
    deleted[type]++;
    return { type, id };
  });
  if (!changed.length && !deletes.length) return { ok: true, upserted, deleted, ms: Date.now() - started };
  // Into an empty service (never imported), the first write is a replace: the same result, without the merge's per-entity work.
  const empty = !(await readGraphMeta(db));
  const result = await importFiles(db, [recordsInput('sync.ndjson', changed)], empty ? { mode: 'replace', source: 'import' } : { mode: 'merge', deletes, source: 'import' });
  if (!result.ok) return { ok: false, upserted: zero(), deleted: zero(), ms: Date.now() - started, import: result };
  // Only what changed: the hashes of the changed records, and the deleted ones' removed.
  await db.transaction().execute(async (tx) => {
    for (let k = 0; k < deletes.length; k += 5000) {
      const json = JSON.stringify(deletes.slice(k, k + 5000).map((d) => ({ t: d.type, i: d.id })));
      await sql`DELETE FROM sync_output o USING jsonb_to_recordset(${json}::jsonb) AS u(t text, i text) WHERE o.type = u.t AND o.id = u.i`.execute(tx);
    }
    for (let k = 0; k < after.length; k += 5000) {
      await sql`INSERT INTO sync_output (type, id, hash) SELECT u.t, u.i, u.h FROM jsonb_to_recordset(${JSON.stringify(after.slice(k, k + 5000))}::jsonb) AS u(t text, i text, h text)
        ON CONFLICT (type, id) DO UPDATE SET hash = excluded.hash`.execute(tx);
    }
  });
  return { ok: true, upserted, deleted, ms: Date.now() - started, import: result };
}
