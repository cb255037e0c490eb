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
import { scopeKey, visibleTo, type Viewer } from './visibility';

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


/** Kinds in dependency order: topic 0, account 1, contact 2, person 3, domain 4 (graph/commit.ts). */
const MAX_KORDER = 4;

export interface DictionaryQuery {
  cursor?: string;
  since?: string;
  limit: number;
}

/** One page as JSON text, ready to send (docs/graph-api.yaml DictionaryPage). */
export async function dictionaryPage(db: Db, q: DictionaryQuery, viewer: Viewer, visibility: Visibility | undefined): Promise<string> {
  return (await pageOf(db, await readEpoch(db), q, viewer, visibility)).body;
}

interface Page {
  body: string;
  nextCursor: string | null;
}

async function pageOf(db: Db, epoch: string, q: DictionaryQuery, viewer: Viewer, visibility: Visibility | undefined): Promise<Page> {
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
  // Each query returns its page as one row: the items already joined as JSON text by PostgreSQL
  // (no row per item through the driver), with the count and the last key for the cursor.
  const item = sql`COALESCE(d.item, json_build_object('type', d.kind, 'id', d.id, 'deleted', true)::text)`;
  const parts: string[] = [];
  let got = 0;
  let nextCursor: string | null = null;
  if (c.m === 'f') {
    // One kind at a time, by id: an ordered index range that stops at the page's end. (A row
    // comparison `(korder, id) > (…)` is estimated so badly that PostgreSQL scanned and sorted
    // every remaining row on every page: quadratic over a full sync.)
    let k = Math.max(c.k ?? 0, 0);
    let after = c.id ?? '';
    for (; k <= MAX_KORDER; k++, after = '') {
      const page = await sql<{ n: number; last: string | null; body: string | null }>`SELECT count(*)::int AS n, max(id) AS last,
          string_agg(item, ',' ORDER BY id) AS body FROM (
            SELECT d.id, ${item} AS item FROM dictionary d
            WHERE NOT d.deleted AND d.korder = ${k}::smallint AND d.id > ${after}::text COLLATE "C" AND d.rev <= ${c.s}::bigint AND ${shown}
            ORDER BY d.id LIMIT ${q.limit - got}) x`.execute(db);
      const { n, last, body } = page.rows[0];
      if (body) parts.push(body);
      got += n;
      if (got >= q.limit) {
        nextCursor = encode(epoch, { m: 'f', s: c.s, k, id: last! });
        break;
      }
    }
  } else {
    const page = await sql<{ n: number; last: string | null; body: string | null }>`SELECT count(*)::int AS n, max(rev)::text AS last,
        string_agg(item, ',' ORDER BY rev) AS body FROM (
          SELECT d.rev, ${item} AS item FROM dictionary d
          WHERE d.rev > ${c.r ?? '0'}::bigint AND d.rev <= ${c.s}::bigint AND ${shown}
          ORDER BY d.rev LIMIT ${q.limit}) x`.execute(db);
    const { n, last, body } = page.rows[0];
    if (body) parts.push(body);
    if (n === q.limit) nextCursor = encode(epoch, { m: 'i', s: c.s, r: last! });
  }
  return { body: `{"items":[${parts.join(',')}],"nextCursor":${JSON.stringify(nextCursor)},"revision":${JSON.stringify(`${epoch}.${c.s}`)}}`, nextCursor };
}

/** Pages read ahead, at most this many (a page of 5,000 items is about 1 MB of text) and for this long. */
const AHEAD_MAX = 16;
const AHEAD_MS = 30_000;

/**
 * The dictionary for a process: the epoch remembered for a second, and while a
 * client stores one page, the next one (its cursor is in the page) read ahead
 * for the same visibility scope and page size, by the same query, so that a
 * full sync's database reads overlap the client's own work instead of adding
 * to it. A page read ahead is given only for the same key (`key`: the graph's
 * revision and the colleagues' preferences revision, which imports and opt-outs move) and within 30 s;
 * otherwise it is read again.
 */
export class DictionaryPages {
  private epoch: { at: number; value: Promise<string> } | null = null;
  private ahead = new Map<string, { at: number; page: Promise<Page | null> }>();

  constructor(private readonly db: Db) {}

  private readEpoch(): Promise<string> {
    if (!this.epoch || Date.now() - this.epoch.at > 1000) {
      const value = readEpoch(this.db);
      this.epoch = { at: Date.now(), value };
      value.catch(() => (this.epoch = null));
    }
    return this.epoch.value;
  }

  async page(q: DictionaryQuery, viewer: Viewer, visibility: Visibility | undefined, key: string): Promise<string> {
    const epoch = await this.readEpoch();
    const scope = scopeKey(viewer, visibility);
    const id = (cursor: string) => `${key}\n${scope}\n${q.limit}\n${cursor}`;
    let page: Page | null = null;
    if (q.cursor) {
      const hit = this.ahead.get(id(q.cursor));
      if (hit) {
        this.ahead.delete(id(q.cursor));
        if (Date.now() - hit.at < AHEAD_MS) page = await hit.page;
      }
    }
    page ??= await pageOf(this.db, epoch, q, viewer, visibility);
    const next = page.nextCursor;
    if (next && !this.ahead.has(id(next))) {
      for (const [k, v] of this.ahead) if (this.ahead.size >= AHEAD_MAX || Date.now() - v.at >= AHEAD_MS) this.ahead.delete(k);
      // An error here is the request's own when it comes (read again then), never an unhandled rejection.
      this.ahead.set(id(next), { at: Date.now(), page: pageOf(this.db, epoch, { limit: q.limit, cursor: next }, viewer, visibility).catch(() => null) });
    }
    return page.body;
  }
}
