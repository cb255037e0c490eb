/**
 * The service's scheduled sync: every KENNER_SYNC_INTERVAL_MINUTES, all
 * configured sources, then the live graph changes by what changed. One run
 * at a time in this process (a run still going when the next is due is not
 * doubled); across servers the per-source and import leases keep it single.
 */
import type { Db } from '../db/database';
import { ImportBusy } from '../graph/ingest';
import { runLine, syncAll, type SyncResult, type SyncSetup } from './pipeline';
import { SyncBusy } from './store';

export interface SchedulerLog {
  info(o: object, msg: string): void;
  warn(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

export interface Scheduler {
  /** Runs a sync now (unless one is running); resolves when it ends. */
  runNow(): Promise<SyncResult | undefined>;
  stop(): Promise<void>;
}

export function startScheduler(db: Db, setup: SyncSetup, intervalMinutes: number, log: SchedulerLog): Scheduler {
  let running: Promise<SyncResult | undefined> | undefined;
  let stopped = false;
  const abort = new AbortController();
  const once = async (): Promise<SyncResult | undefined> => {
    try {
      const r = await syncAll(db, setup, { signal: abort.signal });
      for (const run of r.runs) {
        if (run.status === 'ok') log.info({ sync: run.source, runId: run.runId }, runLine(run));
        else log.warn({ sync: run.source, runId: run.runId }, runLine(run));
      }
      if (!r.write.ok) log.error({ sync: 'write' }, 'the synced graph could not be written (see the import errors in the run)');
      else log.info({ sync: 'write', upserted: r.write.upserted, deleted: r.write.deleted, ms: r.write.ms }, 'graph updated from the sources');
      return r;
    } catch (e) {
      if (e instanceof SyncBusy || e instanceof ImportBusy) log.info({ sync: 'busy' }, e.message);
      else log.error({ sync: 'failed', err: e instanceof Error ? e.name : 'Error' }, 'sync failed');
      return undefined;
    }
  };
  const runNow = () => {
    if (stopped) return Promise.resolve(undefined);
    running ??= once().finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void runNow(), intervalMinutes * 60_000);
  timer.unref();
  void runNow();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      abort.abort();
      await running;
    },
  };
}
