/** The HTTP client of the sources: backoff with jitter, what is retried and what is not, Retry-After, validation. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { start, type GraphService } from '../../servers/graph-service.mjs';
import { backoffDelay, parseRetryAfter, requestJson, SourceError, type JsonRequest } from '../../../utils/sources/http';
import { DictionaryPageSchema, type DictionaryPage } from '../../../utils/contract/graph-api';

let server: GraphService;
beforeEach(async () => {
  server = await start({ graph: { accounts: [{ id: 'a-1', name: 'Acme' }] } });
});
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await server.close();
});

const dictionary = (extra: Partial<JsonRequest<DictionaryPage>> = {}) =>
  requestJson<DictionaryPage>({ url: `${server.url}/v1/dictionary`, headers: { Authorization: 'Bearer test-token' }, timeoutMs: 500, schema: DictionaryPageSchema, ...extra });

describe('backoff', () => {
  it('grows exponentially, is capped, and is jittered over the whole range', () => {
    const p = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, p, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(3, p, () => 0)).toBe(0);
    expect(backoffDelay(3, p, () => 0.5)).toBe(400);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('requestJson', () => {
  it('retries 5xx with the backoff delays, then succeeds', async () => {
    server.setFault('500', { times: 2 });
    const sleep = vi.fn(async () => undefined);
    const page = await dictionary({ retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 }, random: () => 1, sleep });
    expect(page.items).toEqual([{ type: 'account', id: 'a-1', name: 'Acme' }]);
    expect(sleep.mock.calls.map((c: unknown[]) => c[0])).toEqual([100, 200]);
    expect(server.log.map((e) => e.status)).toEqual([500, 500, 200]);
  });

  it('gives up after the last retry with the kind of failure', async () => {
    server.setFault('500');
    const err = await dictionary({ retry: { retries: 2, baseDelayMs: 1 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ kind: 'http', status: 500, path: '/v1/dictionary' });
    expect(server.log).toHaveLength(3);
  });

  it('does not retry a 4xx', async () => {
    const err = await requestJson({ url: `${server.url}/v1/people/nobody`, headers: { Authorization: 'Bearer test-token' }, timeoutMs: 500, retry: { retries: 3, baseDelayMs: 1 }, schema: z.object({ id: z.string() }) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'http', status: 404 });
    expect((err as SourceError).message).toMatch(/Not Found/);
    expect(server.log).toHaveLength(1);
  });

  it('a 401 is an auth failure, not retried', async () => {
    const err = await dictionary({ headers: { Authorization: 'Bearer wrong' }, retry: { retries: 3, baseDelayMs: 1 } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth', status: 401 });
    expect(server.log).toHaveLength(1);
  });

  it('times out a stalled answer, retries it, and stops at the deadline', async () => {
    // The stalled requests are real (the server holds each for 2 s) and each attempt is aborted when a real
    // timer of its AbortSignal.timeout fires; only Date, which the deadline reads, is a fake clock that
    // advances by each attempt's timeout when it fires and by each backoff sleep. So the attempts, their
    // timeouts and the sleeps are exact whatever the load of the machine, and no duration is asserted.
    server.setFault('stall', { stallMs: 2000 });
    vi.useFakeTimers({ toFake: ['Date'] });
    const realTimeout = AbortSignal.timeout.bind(AbortSignal);
    const timeouts: number[] = [];
    vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms: number) => {
      const attempt = timeouts.push(ms);
      const controller = new AbortController();
      realTimeout(ms).addEventListener('abort', () => {
        void (async () => {
          // Time out a request the server holds, never one still on its way (a busy machine can be that slow).
          while (server.log.length < attempt) await new Promise((r) => setImmediate(r));
          vi.advanceTimersByTime(ms);
          controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
        })();
      }, { once: true });
      return controller.signal;
    });
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const sleep = vi.fn(async (ms: number) => {
      vi.advanceTimersByTime(ms);
    });
    const retried: Array<[number, number, string]> = [];
    const err = await dictionary({
      timeoutMs: 200,
      deadlineMs: 750,
      retry: { retries: 5, baseDelayMs: 1, maxDelayMs: 2 },
      random: () => 1,
      sleep,
      onRetry: (n, delay, e) => retried.push([n, delay, e.kind]),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ kind: 'timeout', path: '/v1/dictionary' });
    // t=0: 200 ms, sleep 1; t=201: 200 ms, sleep 2; t=403: 200 ms, sleep 2; t=605: the 145 ms left; t=750: the
    // deadline, so no sixth attempt although 5 retries were allowed.
    expect(timeouts).toEqual([200, 200, 200, 145]);
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([1, 2, 2]);
    expect(retried).toEqual([
      [1, 1, 'timeout'],
      [2, 2, 'timeout'],
      [3, 2, 'timeout'],
    ]);
    // Four real requests, each held by the server and given up by the client.
    expect(fetchSpy).toHaveBeenCalledTimes(4);
    expect(server.log.map((e) => e.path)).toEqual(Array(4).fill('/v1/dictionary'));
  });

  it('garbage and malformed JSON are failures, never data', async () => {
    server.setFault('garbage');
    expect(await dictionary({ retry: { retries: 0 } }).catch((e: unknown) => e)).toMatchObject({ kind: 'invalid' });
    server.setFault('malformed');
    expect(await dictionary({ retry: { retries: 0 } }).catch((e: unknown) => e)).toMatchObject({ kind: 'invalid' });
  });

  it('a network error is retried and then reported as such', async () => {
    await server.close();
    const sleep = vi.fn(async () => undefined);
    const err = await dictionary({ retry: { retries: 2, baseDelayMs: 10 }, sleep }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'network' });
    expect(sleep).toHaveBeenCalledTimes(2);
  });
});
