/**
 * Issue 10, transport: a hostile or compromised company-graph service
 * cannot send Kenner (or its token) elsewhere with a redirect, cannot make
 * it hold an endless answer, and a token it echoes in an error is never
 * stored, shown or exported.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { z } from 'zod';
import { MAX_ANSWER_BYTES, requestJson, scrubSecrets, SourceError } from '../../../utils/sources/http';
import { createRemoteSource } from '../../../utils/sources/remote';
import { clearSourceCache } from '../../../utils/sources/cache';
import { clearGraph } from '../../../utils/store/db';

interface TestServer {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

async function serve(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    handle(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const SECRET = 'sk-live-4f9a1c2e7b3d5a6f8e0c';
const Any = z.unknown();
let servers: TestServer[] = [];
beforeEach(async () => {
  fakeBrowser.reset();
  await clearGraph();
  await clearSourceCache();
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe('redirects', () => {
  it('a redirect to another origin is refused with a clear error; the other origin sees nothing, its answer is never used', async () => {
    const elsewhere = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"items":[],"nextCursor":null,"revision":"evil"}'));
    const service = await serve((req, res) => res.writeHead(307, { Location: `${elsewhere.url}${req.url}` }).end());
    servers.push(elsewhere, service);
    const err = await requestJson({ url: `${service.url}/v1/dictionary`, headers: { Authorization: `Bearer ${SECRET}` }, timeoutMs: 2000, schema: Any, retry: { retries: 2, baseDelayMs: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ kind: 'redirect', status: 307, path: '/v1/dictionary' });
    expect((err as Error).message).toMatch(/redirect/);
    expect(service.hits).toHaveLength(1); // not retried
    expect(elsewhere.hits).toEqual([]);
  });

  it('the remote source records the refusal and answers from its cache, not from the other origin', async () => {
    const elsewhere = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"suggestions":[{"person":{"id":"p-evil","name":"Evil"},"score":99,"strengths":{},"reasons":[],"roles":[]}]}'));
    const service = await serve((req, res) => res.writeHead(302, { Location: `${elsewhere.url}${req.url}` }).end());
    servers.push(elsewhere, service);
    const source = createRemoteSource({ url: service.url, auth: 'token' }, { retry: { retries: 0 }, breakerMs: 0 });
    await source.setToken(SECRET);
    await source.ready();
    const answer = await source.rank([{ kind: 'account', id: 'a-1', name: 'A', via: 'record', count: 1 }], {});
    expect(answer).toMatchObject({ source: 'cache', stale: true, suggestions: [] });
    expect(source.status().failures[0]).toMatchObject({ kind: 'redirect', path: '/v1/rank' });
    expect(elsewhere.hits).toEqual([]);
  });
});

describe('answer size', () => {
  it('an endless answer is cut off at 5 MB: the download is aborted, not held', async () => {
    let sent = 0;
    const service = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      res.write('{"items":[');
      const pump = () => {
        while (sent < 200 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end(']}');
      };
      res.on('close', () => (sent = -sent));
      pump();
    });
    servers.push(service);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const err = await requestJson({ url: `${service.url}/v1/dictionary`, timeoutMs: 20_000, schema: Any }).catch((e: unknown) => e);
    const ms = performance.now() - started;
    expect(err).toMatchObject({ kind: 'too-large' });
    expect((err as Error).message).toBe('The answer is larger than 5 MB; its download was stopped');
    console.info(`refused endless answer: ${Math.round(ms)} ms, heap +${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)} MB, server wrote ${(Math.abs(sent) / 2 ** 20).toFixed(1)} MB of 200`);
    expect(Math.abs(sent)).toBeLessThan(100 * 1024 * 1024);
  });

  it('a declared Content-Length above the cap is refused before reading; an answer under it is read', async () => {
    const big = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(MAX_ANSWER_BYTES + 1) }).end());
    const small = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ pad: 'x'.repeat(MAX_ANSWER_BYTES - 100) })));
    servers.push(big, small);
    await expect(requestJson({ url: big.url, timeoutMs: 5000, schema: Any })).rejects.toMatchObject({ kind: 'too-large' });
    await expect(requestJson({ url: small.url, timeoutMs: 5000, schema: z.object({ pad: z.string() }) })).resolves.toHaveProperty('pad');
  });
});

describe('tokens are never stored, shown or exported with an error', () => {
  it('scrubs the request’s secrets and anything token-like', () => {
    expect(scrubSecrets(`token ${SECRET} is bad`, [SECRET])).toBe('token [redacted] is bad');
    expect(scrubSecrets('got Authorization: Bearer abc.def-123')).toBe('got Authorization: Bearer [redacted]');
    expect(scrubSecrets('jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln here')).toBe('jwt [redacted] here');
    expect(scrubSecrets('refresh_token=r-123456&x=1')).toBe('refresh_token=[redacted]&x=1');
  });

  it('a token the service echoes in its error is not in the failure list, the test result, the sync result, nor in what "export all data" writes', async () => {
    const service = await serve((req, res) => {
      const auth = req.headers.authorization ?? '';
      const status = req.url?.startsWith('/v1/rank') ? 500 : 403;
      res.writeHead(status, { 'Content-Type': 'application/problem+json' }).end(JSON.stringify({ title: 'Refused', detail: `the token ${auth.slice(7)} (sent as "${auth}") is not allowed` }));
    });
    servers.push(service);
    const source = createRemoteSource({ url: service.url, auth: 'token' }, { retry: { retries: 0 }, breakerMs: 0 });
    await source.setToken(SECRET);
    await source.ready();
    const test = await source.testConnection();
    const sync = await source.sync();
    await source.rank([{ kind: 'account', id: 'a-1', name: 'A', via: 'record', count: 1 }], {});
    expect(service.hits.every((h) => h.includes(SECRET))).toBe(true); // the service did get it …
    expect(test.message).toContain('Refused: the token [redacted]');
    // … and nothing Kenner keeps or shows has it.
    const shown = JSON.stringify({ test, sync, status: source.status() });
    expect(shown).not.toContain(SECRET);
    expect(source.status().failures.length).toBeGreaterThanOrEqual(3);
    // "Export all data" writes storage.local whole (utils/background/export-port.ts).
    const exported = JSON.stringify(await browser.storage.local.get(null));
    expect(exported).toContain('Refused');
    expect(exported).not.toContain(SECRET);
  });
});
