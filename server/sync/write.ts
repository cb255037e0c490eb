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
import type { ResolvedGraph } from './resolve';

type Kind = 'person' | 'account' | 'contact' | 'topic' | 'interaction';

export interface WriteResult {
  ok: boolean;
  upserted: Record<Kind, number>;
  deleted: Record<Kind, number>;
  ms: number;
  import?: ImportResult;
}

const hash = (o: object) => createHash('sha256').update(JSON.stringify(o)).digest('base64url').slice(0, 22);

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
  for (const r of await db.selectFrom('sync_output').select(['type', 'id', 'hash']).execute()) before.set(`${r.type}\u0000${r.id}`, r.hash);
  const changed: object[] = [];
  const after: Array<{ t: string; i: string; h: string }> = [];
  const upserted = zero();
  const deleted = zero();
  for (const r of graphRecords(g)) {
    const key = `${r.type}\u0000${r.id}`;
    const h = hash(r);
    after.push({ t: r.type, i: r.id, h });
    if (before.get(key) !== h) {
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
  const result = await importFiles(db, [recordsInput('sync.ndjson', changed)], { mode: 'merge', deletes, source: 'import' });
  if (!result.ok) return { ok: false, upserted: zero(), deleted: zero(), ms: Date.now() - started, import: result };
  await db.transaction().execute(async (tx) => {
    await sql`DELETE FROM sync_output`.execute(tx);
    for (let k = 0; k < after.length; k += 5000) {
      await sql`INSERT INTO sync_output (type, id, hash) SELECT u.t, u.i, u.h FROM jsonb_to_recordset(${JSON.stringify(after.slice(k, k + 5000))}::jsonb) AS u(t text, i text, h text)`.execute(tx);
    }
  });
  return { ok: true, upserted, deleted, ms: Date.now() - started, import: result };
}
