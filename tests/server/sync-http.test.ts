/** server/sync/http.ts: the fetch every connector gets, against a local server that fails as vendors document. */
import { afterEach, describe, expect, it } from 'vitest';
import { retryAfterMs, sourceFetch, SourceHttpError, fetchJson } from '../../server/sync/http';
import { startFake, type FakeServer } from './connectors/fake-server';

let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const recorder = () => {
  const waits: number[] = [];
  return { waits, sleep: (ms: number) => (waits.push(ms), Promise.resolve()) };
};

describe('sourceFetch', () => {
  it('waits for Retry-After on 429 and repeats the request', async () => {
    fake = await startFake(() => ({ body: { ok: true } }));
    fake.inject({ status: 429, headers: { 'retry-after': '7' }, body: { error: 'RateLimited' } });
    const r = recorder();
    const f = sourceFetch({ sleep: r.sleep });
    expect(await fetchJson(f, `${fake.url}/x`)).toEqual({ ok: true });
    expect(r.waits).toEqual([7000]);
    expect(f.stats).toMatchObject({ requests: 2, throttled: 1, retries: 1 });
  });

  it('backs off exponentially on 5xx and gives up after maxRetries', async () => {
    fake = await startFake(() => ({ body: 'never' }));
    fake.inject({ status: 503, times: 10 });
    const r = recorder();
    const f = sourceFetch({ sleep: r.sleep, maxRetries: 3, backoffMs: 100 });
    const res = await f(`${fake.url}/x`);
    expect(res.status).toBe(503);
    expect(r.waits).toEqual([100, 200, 400]);
    await expect(fetchJson(sourceFetch({ sleep: r.sleep, maxRetries: 0 }), `${fake.url}/x`)).rejects.toBeInstanceOf(SourceHttpError);
  });

  it('refreshes the token once on 401 and sends the new one', async () => {
    let token = 'old';
    fake = await startFake((req) => (req.headers.authorization === 'Bearer new' ? { body: { ok: 1 } } : { status: 401, body: { error: 'invalid_token' } }));
    const f = sourceFetch({ authorization: () => `Bearer ${token}`, onUnauthorized: async () => ((token = 'new'), true) });
    expect(await fetchJson(f, `${fake.url}/x`)).toEqual({ ok: 1 });
    expect(fake.requests.map((q) => q.headers.authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(f.stats.refreshed).toBe(1);
    token = 'bad';
    const g = sourceFetch({ authorization: () => 'Bearer bad', onUnauthorized: async () => false });
    await expect(g(`${fake.url}/x`)).rejects.toThrow(/refused/);
  });

  it('keeps to the per-minute budget', async () => {
    fake = await startFake(() => ({ body: {} }));
    let now = 1_000_000;
    const waits: number[] = [];
    const f = sourceFetch({ perMinute: 2, now: () => now, sleep: (ms) => (waits.push(ms), (now += ms), Promise.resolve()) });
    await f(`${fake.url}/a`);
    now += 10_000;
    await f(`${fake.url}/b`);
    expect(waits).toEqual([]);
    await f(`${fake.url}/c`);
    expect(waits).toEqual([50_000]);
    expect(fake.requests).toHaveLength(3);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
