/**
 * GET /v1/dictionary: full sync (keyset pages in dependency order, topics →
 * accounts → contacts → people → domains, at a fixed snapshot revision) and
 * incremental sync (`since`: changes after it in revision order, deletions as
 * tombstones). Cursors and revisions carry this database's epoch, so one from
 * another database (a restore, a new cluster) is refused with 410, never misread.
 */
import { sql } from 'kysely';
import type { Visibility } from '../config';
import type { Db } from '../db/database';
import { readEpoch } from './meta';
import { visibleTo, type Viewer } from './visibility';

export class Gone extends Error {}
export class BadCursor extends Error {}

interface Cursor {
  /** full or incremental */
  m: 'f' | 'i';
  /** snapshot revision */
  s: string;
  /** full: last (korder, id); incremental: last revision */
  k?: number;
  id?: string;
  r?: string;
}

const encode = (epoch: string, c: Cursor) => Buffer.from(JSON.stringify({ e: epoch, ...c })).toString('base64url');

function decode(epoch: string, text: string): Cursor {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursor('The cursor is not one this service gave out.');
  }
  const c = v as Cursor & { e?: unknown };
  if (!c || typeof c !== 'object' || (c.m !== 'f' && c.m !== 'i') || !/^\d+$/.test(String(c.s))) throw new BadCursor('The cursor is not one this service gave out.');
  if (c.e !== epoch) throw new Gone('The cursor is from another database; start a full sync.');
  return c;
}

function parseRevision(epoch: string, since: string): string {
  const m = /^([0-9a-f]{32})\.(\d{1,18})$/.exec(since);
  if (!m) throw new BadCursor('`since` is not a revision this service gave out.');
  if (m[1] !== epoch) throw new Gone('The revision is from another database; start a full sync.');
  return m[2];
}

interface Row {
  kind: string;
  id: string;
  korder: number;
  rev: string;
  deleted: boolean;
  item: string | null;
}

/** Kinds in dependency order: topic 0, account 1, contact 2, person 3, domain 4 (graph/commit.ts). */
const MAX_KORDER = 4;

export interface DictionaryQuery {
  cursor?: string;
  since?: string;
  limit: number;
}

/** One page as JSON text, ready to send (docs/graph-api.yaml DictionaryPage). */
export async function dictionaryPage(db: Db, q: DictionaryQuery, viewer: Viewer, visibility: Visibility | undefined): Promise<string> {
  const epoch = await readEpoch(db);
  let c: Cursor;
  if (q.cursor) c = decode(epoch, q.cursor);
  else {
    const cur = await sql<{ v: string }>`SELECT COALESCE(max(rev), 0)::text AS v FROM dictionary`.execute(db);
    const snapshot = cur.rows[0].v;
    if (q.since) {
      const since = parseRevision(epoch, q.since);
      if (BigInt(since) > BigInt(snapshot)) throw new Gone('The revision is newer than this database; start a full sync.');
      c = { m: 'i', s: snapshot, r: since };
    } else c = { m: 'f', s: snapshot, k: -1, id: '' };
  }
  // People items only for colleagues the viewer may see (the same condition as every other read).
  const shown = sql`(d.kind <> 'person' OR d.deleted OR EXISTS (SELECT 1 FROM people p WHERE p.id = d.id AND ${visibleTo(viewer, visibility)}))`;
  const rows: Row[] = [];
  if (c.m === 'f') {
    // One kind at a time, by id: an ordered index range that stops at the page's end. (A row
    // comparison `(korder, id) > (…)` is estimated so badly that PostgreSQL scanned and sorted
    // every remaining row on every page: quadratic over a full sync.)
    let k = c.k ?? -1;
    let after = c.id ?? '';
    if (k < 0) k = 0;
    for (; k <= MAX_KORDER && rows.length < q.limit; k++, after = '') {
      const got = await sql<Row>`SELECT d.kind, d.id, d.korder, d.rev::text AS rev, d.deleted, d.item::text AS item FROM dictionary d
          WHERE NOT d.deleted AND d.korder = ${k}::smallint AND d.id > ${after}::text COLLATE "C" AND d.rev <= ${c.s}::bigint AND ${shown}
          ORDER BY d.id LIMIT ${q.limit - rows.length}`.execute(db);
      rows.push(...got.rows);
      if (rows.length >= q.limit) break;
    }
  } else {
    const got = await sql<Row>`SELECT d.kind, d.id, d.korder, d.rev::text AS rev, d.deleted, d.item::text AS item FROM dictionary d
          WHERE d.rev > ${c.r ?? '0'}::bigint AND d.rev <= ${c.s}::bigint AND ${shown}
          ORDER BY d.rev LIMIT ${q.limit}`.execute(db);
    rows.push(...got.rows);
  }
  const last = rows.at(-1);
  const more = rows.length === q.limit && last;
  const nextCursor = more ? encode(epoch, c.m === 'f' ? { m: 'f', s: c.s, k: last.korder, id: last.id } : { m: 'i', s: c.s, r: last.rev }) : null;
  // Items are written as stored (jsonb text): no parse and re-serialise of a million objects.
  const items = rows.map((r) => (r.deleted || !r.item ? JSON.stringify({ type: r.kind, id: r.id, deleted: true }) : r.item));
  return `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(nextCursor)},"revision":${JSON.stringify(`${epoch}.${c.s}`)}}`;
}
