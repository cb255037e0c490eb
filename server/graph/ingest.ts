/**
 * Imports graph files into the database, all or nothing (server.design.md,
 * "Import"): the shared parsers and checks (utils/graph/import) read the
 * files as a stream into staging tables; only when the whole input checked
 * out does one transaction make it live. Nothing is held in memory but one
 * batch per table and of references (checked in SQL: references.ts) and the
 * colleagues' emails for owners given by email.
 */
import { sql } from 'kysely';
import { RecordChecker } from '../../utils/graph/import/check';
import { err, ErrorList, MAX_ERRORS, TooManyErrors } from '../../utils/graph/import/errors';
import { fileRecords, sortInputs } from '../../utils/graph/import/files';
import type { LiveIds, RefKind } from '../../utils/graph/import/references';
import { FileAbandoned } from '../../utils/graph/import/text';
import type { ImportError, ImportFile, ImportMode, ImportResult } from '../../utils/graph/import/types';
import type { GraphMeta } from '../../utils/graph/model';
import type { Db } from '../db/database';
import { commitMerge, commitReplace, stageEvidence } from './commit';
import { readGraphMeta, type ServerGraphMeta } from './meta';
import { ALL_EVIDENCE, type EvidenceRule } from '../../utils/governance/evidence';
import { SqlReferences } from './references';
import { createStaging, dropStaging, indexStaging, PgStaging, stageDeletions } from './staging';

export interface ServerImportOptions {
  mode?: ImportMode;
  /** The reference time of the evidence (default: now; a merge keeps the live graph's). */
  refTime?: number;
  /** Where the graph came from (meta). */
  source?: GraphMeta['source'];
  signal?: AbortSignal;
  /** Merge only: records to delete by id (tombstones in the dictionary; a deleted interaction's entities get their evidence recomputed). */
  deletes?: ReadonlyArray<{ type: 'person' | 'account' | 'contact' | 'topic' | 'interaction'; id: string }>;
  /** Works-council mode: which interactions become evidence (utils/governance/evidence.ts), for the evidence's reference time. */
  evidence?: (refTime: number) => EvidenceRule;
}

/** Another import holds the lease (one import at a time, across every server of a database). */
export class ImportBusy extends Error {}

const LEASE_MS = 6 * 3600_000;

async function takeLease(db: Db): Promise<void> {
  const now = Date.now();
  const r = await sql<{ key: string }>`INSERT INTO kenner_meta (key, value) VALUES ('import_lease', ${JSON.stringify({ at: now })}::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE (kenner_meta.value->>'at')::bigint < ${now - LEASE_MS}
    RETURNING key`.execute(db);
  if (!r.rows.length) throw new ImportBusy('Another import is running; try again when it has finished.');
}

async function dropLease(db: Db): Promise<void> {
  await sql`DELETE FROM kenner_meta WHERE key = 'import_lease'`.execute(db);
}

const TABLE_OF: Record<RefKind, 'people' | 'accounts' | 'contacts' | 'topics'> = { person: 'people', account: 'accounts', contact: 'contacts', topic: 'topics' };

function liveIds(db: Db): LiveIds {
  return {
    async held(kind, ids) {
      const rows = await sql<{ id: string }>`SELECT id FROM ${sql.table(TABLE_OF[kind])} WHERE id = ANY(${[...ids]}::text[])`.execute(db);
      return new Set(rows.rows.map((r) => r.id));
    },
    async personIdByEmail(email) {
      const rows = await sql<{ id: string }>`SELECT id FROM people WHERE email = ${email} ORDER BY id LIMIT 1`.execute(db);
      return rows.rows[0]?.id;
    },
  };
}

function failed(errors: ImportError[]): ImportResult {
  return { ok: false, errors };
}

/**
 * Records as an NDJSON input of the importer, so records from a sync go through the same
 * parser and checks as a file (the extension's errors, the same limits).
 */
export function recordsInput(name: string, records: Iterable<object>): ImportFile {
  async function* chunks(): AsyncGenerator<string> {
    let buf = '{"format":"kenner-graph","version":1}\n';
    for (const r of records) {
      buf += `${JSON.stringify(r)}\n`;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  return { name, chunks: chunks() };
}

/** Imports files (JSON, NDJSON, CSV) as the extension does, with the same errors; replace (default) or merge. */
export async function importFiles(db: Db, files: ImportFile[], opts: ServerImportOptions = {}): Promise<ImportResult> {
  const mode = opts.mode ?? 'replace';
  const deletes = opts.deletes ?? [];
  if (deletes.length && mode !== 'merge') throw new Error('Deletions by id need merge mode.');
  await takeLease(db);
  try {
    const live = await readGraphMeta(db);
    const refTime = mode === 'merge' && live ? live.refTime : (opts.refTime ?? Date.now());
    await createStaging(db);
    const errors = new ErrorList();
    const staging = new PgStaging(db, refTime, () => errors.any);
    const refs = new SqlReferences(db);
    const check = new RecordChecker(staging, errors, refs);
    const names = files.map((f) => f.name);
    try {
      for (const f of sortInputs(files)) {
        try {
          for await (const batch of fileRecords(f, check.errors, { signal: opts.signal })) {
            for (const raw of batch) check.add(raw, f.name);
            // The staged records first: references to their ids are then not written.
            await staging.drain();
            await refs.drain();
          }
        } catch (e) {
          if (!(e instanceof FileAbandoned)) throw e;
        }
      }
      await staging.drain(true);
      await refs.drain(true);
      const patches = await check.resolve(mode === 'merge' ? liveIds(db) : null);
      if (!check.errors.any && check.records === 0 && !deletes.length) check.errors.add(err.empty({ file: names.join(', ') || 'graph', line: 0 }));
      if (check.errors.any) return failed(check.errors.items);
      await staging.patchOwners(patches);
      const interactions = await staging.storedInteractions();
      const counts = { ...check.counts(), interactions };
      const meta: ServerGraphMeta = {
        source: opts.source ?? 'import',
        loadedAt: new Date().toISOString(),
        counts,
        revision: crypto.randomUUID(),
        files: names,
        refTime,
        evidence: opts.evidence?.(refTime) ?? ALL_EVIDENCE,
      };
      if (mode === 'replace') {
        await stageEvidence(db, opts.evidence?.(refTime));
        await indexStaging(db);
        await commitReplace(db, meta);
      } else {
        await stageDeletions(db, deletes);
        await indexStaging(db);
        // Merge: the meta counts the whole graph after the merge.
        meta.counts = await commitMerge(db, meta, opts.evidence?.(refTime));
      }
      return { ok: true, counts: meta.counts, duplicates: check.refs.duplicates + (staging.interactions - interactions), meta };
    } catch (e) {
      if (e instanceof TooManyErrors) return failed(check.errors.items);
      const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return failed([...check.errors.items, err.writeFailed({ file: names.join(', ') || 'graph', line: 0 }, detail)].slice(0, MAX_ERRORS));
    } finally {
      await dropStaging(db).catch(() => undefined);
    }
  } finally {
    await dropLease(db);
  }
}
