/** Drives a connector the way the pipeline does, without the pipeline: a context from sourceFetch, pages collected in order. */
import { sourceFetch, type SourceFetch } from '../../../server/sync/http';
import type { Connector, ConnectorContext, Json, SourceRecord, SourceTombstone, SyncPage } from '../../../server/connectors/types';

export const COMPANY_DOMAIN = 'kenner-demo.example';

export interface TestContext<C> extends ConnectorContext<C> {
  fetch: SourceFetch;
  /** Every wait the fetch asked for (Retry-After, backoff, budget), in ms; no real time passes. */
  waits: number[];
}

export function testContext<C>(config: C, opts: { cursor?: Json; since?: string; excluded?: string[]; perMinute?: number; maxRetries?: number } = {}): TestContext<C> {
  const waits: number[] = [];
  let now = Date.parse('2026-12-01T06:00:00Z');
  const fetch = sourceFetch({
    perMinute: opts.perMinute,
    maxRetries: opts.maxRetries ?? 3,
    backoffMs: 100,
    now: () => now,
    sleep: (ms) => ((now += ms), waits.push(ms), Promise.resolve()),
  });
  const excluded = new Set((opts.excluded ?? []).map((e) => e.toLowerCase()));
  return {
    config,
    cursor: opts.cursor,
    since: new Date(opts.since ?? '2024-12-01T00:00:00Z'),
    fetch,
    waits,
    isExcluded: (email) => excluded.has(email.toLowerCase()),
    isInternal: (email) => email.toLowerCase().endsWith(`@${COMPANY_DOMAIN}`),
    signal: new AbortController().signal,
  };
}

export interface Run {
  pages: SyncPage[];
  upserts: SourceRecord[];
  deletes: SourceTombstone[];
  /** The cursor of the last page (what the pipeline stored). */
  cursor: Json | undefined;
  error?: unknown;
}

/** Runs a sync to its end (or its first error, kept in `error`, as a crash would leave it). */
export async function collect<C>(connector: Connector<C>, ctx: ConnectorContext<C>): Promise<Run> {
  const run: Run = { pages: [], upserts: [], deletes: [], cursor: ctx.cursor };
  try {
    for await (const p of connector.sync(ctx)) {
      run.pages.push(p);
      run.upserts.push(...p.upserts);
      run.deletes.push(...p.deletes);
      run.cursor = p.cursor;
    }
  } catch (e) {
    run.error = e;
  }
  return run;
}

export const interactions = (r: Pick<Run, 'upserts'>) => r.upserts.flatMap((u) => (u.type === 'interaction' ? [u.record] : []));
export const ofType = <T extends SourceRecord['type']>(r: Pick<Run, 'upserts'>, type: T) =>
  r.upserts.flatMap((u) => (u.type === type ? [u.record as Extract<SourceRecord, { type: T }>['record']] : []));

export interface PageRun {
  pages: SyncPage[];
  error?: unknown;
  /** Every wait the fetch asked for, in ms (no real time passes). */
  waits: number[];
  cursor: Json | undefined;
}

/** Runs a sync page by page (the CRM tests' driver): the first error is kept, as a crash would leave it. */
export async function runPages<C>(connector: Connector<C>, config: C, opts: { cursor?: Json; since?: string; onPage?: (n: number) => void } = {}): Promise<PageRun> {
  const waits: number[] = [];
  const ctx: ConnectorContext<C> = {
    config,
    cursor: opts.cursor,
    since: new Date(opts.since ?? '2022-11-01T00:00:00Z'),
    fetch: sourceFetch({ sleep: (ms) => (waits.push(ms), Promise.resolve()), maxRetries: 3 }),
    isExcluded: () => false,
    isInternal: (e: string) => e.endsWith(`@${COMPANY_DOMAIN}`),
    signal: new AbortController().signal,
  };
  const pages: SyncPage[] = [];
  try {
    for await (const p of connector.sync(ctx)) {
      pages.push(p);
      opts.onPage?.(pages.length);
    }
  } catch (error) {
    return { pages, waits, error, cursor: pages.at(-1)?.cursor ?? opts.cursor };
  }
  return { pages, waits, cursor: pages.at(-1)?.cursor ?? opts.cursor };
}
