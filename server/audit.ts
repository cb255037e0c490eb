/**
 * The audit log: every rank, search and person lookup records the viewer,
 * the entity ids asked about, whom the answer showed, its size and the time;
 * never page text, a URL or search text. Entries are written in small
 * batches off the request path and deleted after the retention period.
 * A colleague reads how often they were shown, per month, as counts only.
 */
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Db } from './db/database';
import type { Viewer } from './graph/visibility';

interface Entry {
  at: string;
  viewer: string;
  action: 'rank' | 'search' | 'person';
  entity_ids: string[];
  shown: string[];
  results: number;
}

const FLUSH_MS = 1000;
const MAX_BUFFER = 5000;

export class Audit {
  private buffer: Entry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly retentionDays: number,
    /** Works-council mode: the export names nobody (no viewer, no colleague shown). */
    private readonly anonymousExport = false,
  ) {}

  record(viewer: Viewer, action: Entry['action'], entityIds: string[], shown: string[]): void {
    this.buffer.push({ at: new Date().toISOString(), viewer: viewer.email, action, entity_ids: entityIds, shown, results: shown.length });
    if (this.buffer.length >= MAX_BUFFER) void this.flush();
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
    void this.prune();
    this.pruneTimer = setInterval(() => void this.prune(), 3600_000);
    this.pruneTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.flush();
  }

  /** Writes what is buffered (tests call it before reading). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.buffer.length) return;
      const rows = this.buffer;
      this.buffer = [];
      await sql`INSERT INTO audit (at, viewer, action, entity_ids, shown, results)
        SELECT (r->>'at')::timestamptz, r->>'viewer', r->>'action',
          ARRAY(SELECT jsonb_array_elements_text(r->'entity_ids')), ARRAY(SELECT jsonb_array_elements_text(r->'shown')), (r->>'results')::int
        FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) AS r`.execute(this.db);
    });
    return this.flushing.catch(() => undefined);
  }

  async prune(): Promise<void> {
    await sql`DELETE FROM audit WHERE at < now() - make_interval(days => ${this.retentionDays})`.execute(this.db).catch(() => undefined);
  }

  /** How often this colleague was shown, per month: counts only, never who asked. */
  async lookupsOf(personId: string): Promise<Array<{ month: string; count: number }>> {
    await this.flush();
    const r = await sql<{ month: string; count: number }>`SELECT to_char(date_trunc('month', at), 'YYYY-MM') AS month, count(*)::int AS count
      FROM audit WHERE shown @> ARRAY[${personId}]::text[] GROUP BY 1 ORDER BY 1`.execute(this.db);
    return r.rows;
  }

  /** The yearly review's counts: lookups in the period and the distinct people who made them (never who). */
  async counts(from: string, to: string): Promise<{ lookups: number; people: number }> {
    await this.flush();
    const r = await sql<{ lookups: number; people: number }>`SELECT count(*)::int AS lookups, count(DISTINCT viewer)::int AS people
      FROM audit WHERE at > ${from}::timestamptz AND at <= ${to}::timestamptz`.execute(this.db);
    return r.rows[0];
  }

  /** The log as NDJSON, for the data-protection officer; in works-council mode without per-person fields (viewer, shown). */
  export(from?: string, to?: string): Readable {
    const db = this.db;
    const anonymous = this.anonymousExport;
    const flushed = this.flush();
    async function* lines(): AsyncGenerator<string> {
      await flushed;
      let after = from ? new Date(from).toISOString() : '1970-01-01T00:00:00Z';
      const until = to ? new Date(to).toISOString() : '9999-12-31T00:00:00Z';
      for (;;) {
        const r = await sql<{ at: Date; viewer: string; action: string; entity_ids: string[]; shown: string[]; results: number }>`
          SELECT at, viewer, action, entity_ids, shown, results FROM audit WHERE at > ${after}::timestamptz AND at <= ${until}::timestamptz
          ORDER BY at LIMIT 5000`.execute(db);
        if (!r.rows.length) return;
        yield r.rows.map((row) => JSON.stringify(anonymous ? { at: new Date(row.at).toISOString(), action: row.action, entity_ids: row.entity_ids, results: row.results } : { ...row, at: new Date(row.at).toISOString() })).join('\n') + '\n';
        after = new Date(r.rows.at(-1)!.at).toISOString();
        if (r.rows.length < 5000) return;
      }
    }
    return Readable.from(lines());
  }
}
