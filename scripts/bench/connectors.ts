/**
 * Connectors at scale (issue 16, "Bench"): a fake Microsoft 365 tenant whose
 * mail-metadata events are computed on the fly (tests/server/connectors/fakes/
 * microsoft365.ts, `generatedTenant`: nothing stored) is synced through the
 * Microsoft 365 connector into a sink. Reported: events/s, interactions
 * written (the per-day aggregates), requests, and the syncing process's peak
 * RSS. The fake runs in a child process, so the RSS is the connector's.
 *
 * Peer in the same run: a floor that only fetches and parses the same delta
 * pages (no Graph client, no mapping); `vsFloor` is the connector's time over
 * the floor's.
 *
 * KENNER_BENCH_MAIL_EVENTS sets the tenant's size (default 100,000; the
 * issue's run is 1,000,000). The sink is replaceable: `benchMicrosoft365Mail({
 * sink })` takes any `Sink` (the pipeline's writer drops in with the same
 * interface); run directly, it uses the counting sink of `createSink()`.
 * One JSON object per line on stdout.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import m365, { microsoft365ConfigSchema, MESSAGE_SELECT } from '../../server/connectors/microsoft365';
import { sourceFetch } from '../../server/sync/http';
import type { ConnectorContext, SyncPage } from '../../server/connectors/types';
import type { Microsoft365Config } from '../../server/connectors/microsoft365';

const EVENTS = Number(process.env.KENNER_BENCH_MAIL_EVENTS ?? 100_000);
const PAGE = 1000;
const out = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Where the pages go. */
export interface Sink {
  write(page: SyncPage): Promise<void> | void;
  close(): Promise<Record<string, number>> | Record<string, number>;
}

/** Counts what a pipeline would apply (records, tombstones, the JSON it would store). */
export function createSink(): Sink {
  const c = { pages: 0, interactions: 0, people: 0, deletes: 0, countSum: 0, cursorBytes: 0 };
  return {
    write(p) {
      c.pages++;
      c.deletes += p.deletes.length;
      for (const u of p.upserts) {
        if (u.type === 'interaction') {
          c.interactions++;
          c.countSum += u.record.count ?? 1;
        } else if (u.type === 'person') c.people++;
      }
      c.cursorBytes = JSON.stringify(p.cursor).length;
    },
    close: () => c,
  };
}

async function serveChild(): Promise<void> {
  const { generatedTenant, startMicrosoft365 } = await import('../../tests/server/connectors/fakes/microsoft365');
  const fake = await startMicrosoft365(generatedTenant({ events: Number(process.env.KENNER_BENCH_MAIL_EVENTS ?? 100_000) }));
  // The fake keeps a record of every request for tests; the bench does not need them.
  const keep = fake.requests;
  setInterval(() => (keep.length = 0), 1000).unref();
  process.stdout.write(`${fake.url}\n`);
}

/** Syncs the computed tenant of `events` mail-metadata events into `sink`; returns the figures. */
export async function benchMicrosoft365Mail(opts: { events: number; sink?: Sink }): Promise<Record<string, unknown>> {
  const EVENTS = opts.events;
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, KENNER_BENCH_MAIL_EVENTS: String(EVENTS) } });
  const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const { CLIENT_ID, CLIENT_SECRET, TENANT_ID } = await import('../../tests/server/connectors/fakes/microsoft365');
  process.env.KENNER_BENCH_M365_SECRET = CLIENT_SECRET;
  const config: Microsoft365Config = microsoft365ConfigSchema.parse({ tenantId: TENANT_ID, clientId: CLIENT_ID, clientSecretEnv: 'KENNER_BENCH_M365_SECRET', authorityUrl: url, graphUrl: url, pageSize: PAGE });
  const since = new Date('2024-12-01T00:00:00Z');
  try {
    // The floor: the same delta pages, fetched and parsed, nothing else.
    const tok = (await (await fetch(`${url}/${TENANT_ID}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, scope: 'https://graph.microsoft.com/.default', grant_type: 'client_credentials' }) })).json()) as { access_token: string };
    const headers = { authorization: `Bearer ${tok.access_token}`, prefer: `odata.maxpagesize=${PAGE}` };
    const local = (l: string) => l.replace('https://graph.microsoft.com', url);
    const t0 = performance.now();
    const users = (await (await fetch(`${url}/v1.0/users?$select=id,mail&$top=999`, { headers })).json()) as { value: { id: string }[] };
    let floorMessages = 0;
    for (const u of users.value) {
      for (const folder of ['inbox', 'sentitems']) {
        let link: string | undefined = `${url}/v1.0/users/${u.id}/mailFolders/${folder}/messages/delta?$select=${MESSAGE_SELECT.join(',')}&$filter=receivedDateTime ge ${since.toISOString().slice(0, 19)}Z`;
        while (link) {
          const page = (await (await fetch(link, { headers })).json()) as { value: unknown[]; '@odata.nextLink'?: string };
          floorMessages += page.value.length;
          link = page['@odata.nextLink'] && local(page['@odata.nextLink']);
        }
      }
    }
    const floorMs = performance.now() - t0;
    log(`floor: ${floorMessages} messages in ${(floorMs / 1000).toFixed(1)} s`);

    const f = sourceFetch();
    const ctx: ConnectorContext<Microsoft365Config> = {
      config,
      cursor: undefined,
      since,
      fetch: f,
      isExcluded: () => false,
      isInternal: (e) => e.endsWith('@kenner-demo.example'),
      signal: new AbortController().signal,
    };
    const sink = opts.sink ?? createSink();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t1 = performance.now();
    for await (const page of m365.sync(ctx)) {
      await sink.write(page);
    }
    const ms = performance.now() - t1;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    const counts = await sink.close();
    return {
      bench: 'connectors.microsoft365.mail',
      events: EVENTS,
      seconds: +(ms / 1000).toFixed(2),
      eventsPerSecond: Math.round(EVENTS / (ms / 1000)),
      requests: f.stats.requests,
      interactions: counts.interactions,
      countSum: counts.countSum,
      eventsPerInteraction: +(counts.countSum / Math.max(1, counts.interactions)).toFixed(2),
      peakRssMb: Math.round(peak / 1048576),
      startRssMb: Math.round(rss0 / 1048576),
      floorSeconds: +(floorMs / 1000).toFixed(2),
      vsFloor: +(ms / floorMs).toFixed(2),
      cursorKb: Math.round(Number(counts.cursorBytes ?? 0) / 1024),
    };
  } finally {
    child.kill();
  }
}

if (process.argv.includes('--serve')) void serveChild();
else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchMicrosoft365Mail({ events: EVENTS }).then(out, (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
