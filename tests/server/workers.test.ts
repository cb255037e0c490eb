/**
 * KENNER_WORKERS (server/workers.ts): `npm run server` with two worker processes on one port,
 * started as IT starts it. On PostgreSQL only (the embedded PGlite database is opened by one
 * process: config.test.ts checks that refusal). Every new connection goes to the next worker
 * (node:cluster's round robin), so a handful of requests reach both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { importFiles } from '../../server/graph/ingest';
import { RankResponseSchema } from '../../utils/contract/graph-api';
import { onPostgres, testDatabase } from './support';

const GRAPH = [
  '{"format":"kenner-graph","version":1}',
  '{"type":"person","id":"p-bo","name":"Bo Ek","email":"bo@corp.example"}',
  '{"type":"person","id":"p-cy","name":"Cy Holm","email":"cy@corp.example","skills":["t-s4"]}',
  '{"type":"person","id":"p-di","name":"Di Lund","email":"di@corp.example"}',
  '{"type":"topic","id":"t-s4","label":"S/4HANA migration"}',
  '{"type":"account","id":"a-nord","name":"Nordlicht Logistik GmbH"}',
  '{"type":"interaction","personId":"p-cy","kind":"deal-won","date":"2026-05-01","accountId":"a-nord","topicIds":["t-s4"]}',
  '{"type":"interaction","personId":"p-di","kind":"meeting","date":"2026-06-01","accountId":"a-nord"}',
].join('\n');
const TOKENS = { 'static-token-bo-0123456789': 'bo@corp.example', 'static-token-cy-0123456789': 'cy@corp.example' };
const BO = { authorization: 'Bearer static-token-bo-0123456789' };
const CY = { authorization: 'Bearer static-token-cy-0123456789' };
const PAGE = { entities: [{ kind: 'account', id: 'a-nord', focal: true }, { kind: 'topic', id: 't-s4' }] };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe.runIf(onPostgres)('several worker processes (KENNER_WORKERS=2, PostgreSQL)', () => {
  let d: Database & { url?: string };
  let child: ChildProcess;
  let port: number;
  const logs: Array<{ pid: number; msg: string; worker?: number; res?: { statusCode: number }; req?: { route: string } }> = [];
  let exited: Promise<number | null>;

  /** Waits (up to a minute) until the service's logs hold `n` lines matching `test`. */
  async function logged(test: (l: (typeof logs)[number]) => boolean, n: number) {
    for (let i = 0; i < 600 && logs.filter(test).length < n; i++) await new Promise((r) => setTimeout(r, 100));
    const found = logs.filter(test);
    expect(found.length).toBeGreaterThanOrEqual(n);
    return found;
  }

  /** One request on a connection of its own (no keep-alive): the next worker answers it. */
  function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.once('error', reject);
      req.end(payload);
    });
  }
  const rankedIds = async (headers: Record<string, string>) => {
    const r = await call('POST', '/v1/rank', headers, PAGE);
    expect(r.status).toBe(200);
    return RankResponseSchema.parse(JSON.parse(r.text)).suggestions.map((s) => s.person.id);
  };

  beforeAll(async () => {
    d = await testDatabase();
    const r = await importFiles(d.db, [{ name: 'graph.ndjson', chunks: (async function* () { yield GRAPH; })() }], { refTime: Date.parse('2026-07-01') });
    expect(r.ok).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'kenner-workers-'));
    writeFileSync(join(dir, 'tokens.json'), JSON.stringify(TOKENS));
    port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, DATABASE_URL: d.url, KENNER_WORKERS: '2', PORT: String(port), KENNER_STATIC_TOKENS: join(dir, 'tokens.json'), KENNER_DEMO: 'off', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let rest = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const l of lines) if (l.startsWith('{')) logs.push(JSON.parse(l) as (typeof logs)[number]);
    });
    await logged((l) => l.msg === 'worker listening', 2);
  }, 120_000);
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await d?.close();
  });

  it('answers from both workers, the same answers, and /metrics counts every worker\'s requests', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => rankedIds(BO)));
    for (const a of answers) expect(a).toEqual(['p-cy', 'p-di']);
    const served = await logged((l) => l.msg === 'incoming request' && l.req?.route === '/v1/rank', 8);
    expect(new Set(served.map((l) => l.pid)).size).toBe(2);
    // Whichever worker answers /metrics, it is the sum over both.
    const metrics = await call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/kenner_http_request_duration_seconds_count\{method="POST",route="\/v1\/rank",status="200"\} 8\n/);
    expect((await call('GET', '/healthz')).status).toBe(200);
  }, 60_000);

  it('an opt-out written through one worker is seen by every worker before it is answered', async () => {
    for (let i = 0; i < 4; i++) expect(await rankedIds(BO)).toContain('p-cy'); // both workers' caches hold Cy
    expect((await call('POST', '/v1/me/preferences', CY, { consent: 'out' })).status).toBe(200);
    try {
      for (let i = 0; i < 4; i++) expect(await rankedIds(BO)).toEqual(['p-di']);
    } finally {
      expect((await call('POST', '/v1/me/preferences', CY, {})).status).toBe(200);
    }
    for (let i = 0; i < 4; i++) expect(await rankedIds(BO)).toEqual(['p-cy', 'p-di']);
  }, 60_000);

  it('replaces a worker that dies, and stops gracefully on SIGTERM', async () => {
    const [first] = await logged((l) => l.msg === 'worker listening', 2);
    process.kill(first.worker!, 'SIGKILL');
    await logged((l) => l.msg === 'a worker stopped: starting another', 1);
    await logged((l) => l.msg === 'worker listening', 3);
    for (let i = 0; i < 4; i++) expect(await rankedIds(BO)).toEqual(['p-cy', 'p-di']);
    const workers = logs.filter((l) => l.msg === 'worker listening').map((l) => l.worker!);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The primary exits once every worker has: none is left behind.
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  }, 90_000);
});
