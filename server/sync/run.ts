/**
 * Runs one connector (sync.design.md): builds its context (settings checked by
 * its schema, the rate-limited fetch, the look-back, the policy's exclusions
 * and the company's domains), applies each page (mirror and cursor) in one
 * transaction, so a crash resumes from the last applied page, and logs the run
 * with counts only. One run per source at a time (a lease, like the import's).
 */
import type { Connector, ConnectorContext, SourceRecord } from '../connectors/types';
import type { Db } from '../db/database';
import { sourceFetch, SourceHttpError, type FetchStats, type SourceFetchOptions } from './http';
import { lookBackDays, PolicyError, sinceOf, type Policy, type SourceConfig } from './policy';
import { applyPage, dropSyncLease, readCursor, startRun, takeSyncLease, updateRun, type RunCounts } from './store';

export interface RunOptions {
  /** Extra options of the source's fetch (tests inject `sleep`, `now`, a `fetch`). */
  fetch?: Partial<SourceFetchOptions>;
  signal?: AbortSignal;
  now?: number;
}

export interface RunSummary {
  runId: string;
  source: string;
  status: 'ok' | 'failed';
  pages: number;
  counts: RunCounts;
  stats: FetchStats;
  ms: number;
  error?: string;
}

/** The connector's settings, checked by its schema: a PolicyError names the source, field and problem. */
export function connectorConfig<C>(connector: Connector<C>, settings: unknown): C {
  const r = connector.configSchema.safeParse(settings);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new PolicyError(`${connector.id} settings${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`);
  }
  return r.data;
}

/** What the run log may say about an error: its kind and status, never its text (it may quote the source's content). */
function errorKind(e: unknown): string {
  if (e instanceof SourceHttpError) return `SourceHttpError ${e.status}`;
  if (e instanceof PolicyError) return `PolicyError: ${e.message}`;
  return e instanceof Error ? e.name : 'Error';
}

export async function runConnector<C>(db: Db, connector: Connector<C>, source: SourceConfig, policy: Policy, o: RunOptions = {}): Promise<RunSummary> {
  const config = connectorConfig(connector, source.settings);
  await takeSyncLease(db, connector.id);
  const started = Date.now();
  const runId = await startRun(db, connector.id);
  const counts: RunCounts = {};
  const fetch = sourceFetch({ perMinute: source.perMinute ?? connector.perMinute, signal: o.signal, ...o.fetch });
  let pages = 0;
  try {
    const ctx: ConnectorContext<C> = {
      config,
      cursor: await readCursor(db, connector.id),
      since: sinceOf(lookBackDays(source, connector), o.now),
      fetch,
      isExcluded: (e) => policy.isExcluded(e),
      isInternal: (e) => policy.isInternal(e),
      signal: o.signal ?? new AbortController().signal,
    };
    for await (const page of connector.sync(ctx)) {
      // Defence in depth: an excluded person's records never reach the mirror, whatever the connector did.
      const upserts = page.upserts.filter((u) => !excludedRecord(u, policy));
      await db.transaction().execute(async (tx) => {
        await applyPage(tx, connector.id, upserts, page.deletes, page.cursor);
        pages++;
        for (const u of upserts) (counts[u.type] ??= { upserts: 0, deletes: 0 }).upserts++;
        for (const d of page.deletes) (counts[d.type] ??= { upserts: 0, deletes: 0 }).deletes++;
        await updateRun(tx, runId, { pages, counts, stats: fetch.stats });
      });
    }
    await updateRun(db, runId, { pages, counts, stats: fetch.stats, status: 'ok' });
    return { runId, source: connector.id, status: 'ok', pages, counts, stats: { ...fetch.stats }, ms: Date.now() - started };
  } catch (e) {
    const error = errorKind(e);
    await updateRun(db, runId, { pages, counts, stats: fetch.stats, status: 'failed', error });
    return { runId, source: connector.id, status: 'failed', pages, counts, stats: { ...fetch.stats }, ms: Date.now() - started, error };
  } finally {
    await dropSyncLease(db, connector.id);
  }
}

function excludedRecord(u: SourceRecord, policy: Policy): boolean {
  const email = u.type === 'person' || u.type === 'contact' ? u.record.email : undefined;
  return !!email && policy.isExcluded(email);
}
