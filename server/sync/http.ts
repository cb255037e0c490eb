/**
 * The fetch a connector gets (ConnectorContext.fetch): one per source and run.
 *
 * - a per-minute request budget (the source's documented limit, or less);
 * - `429` and `503` wait for `Retry-After` (seconds or an HTTP date), else back off;
 * - other `5xx` and network errors back off exponentially, up to `maxRetries`;
 * - `401` asks `onUnauthorized` once for a fresh token and repeats the request;
 * - every request, retry and wait is counted for the sync log (counts, never content).
 *
 * Requests are repeated with the same init, so a body must be a string (or absent).
 */

export interface SourceFetchOptions {
  /** Requests per rolling minute (default: unlimited). */
  perMinute?: number;
  /** Retries of one request after 429/5xx/network errors (default 5). */
  maxRetries?: number;
  /** First backoff in ms (doubles each retry; default 500). */
  backoffMs?: number;
  /** Upper bound of one wait, whatever Retry-After says (default 5 minutes). */
  maxWaitMs?: number;
  /** The Authorization header's value for every request (e.g. `Bearer …`), read each time. */
  authorization?: () => string | undefined | Promise<string | undefined>;
  /** On 401: refresh the credentials; return false if that is impossible. Called once per request. */
  onUnauthorized?: () => Promise<boolean>;
  /** Waits (tests inject one that records; default setTimeout). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** The clock (tests inject one that their sleep advances; default Date.now). */
  now?: () => number;
  /** The underlying fetch (default globalThis.fetch). */
  fetch?: typeof fetch;
}

export interface FetchStats {
  requests: number;
  retries: number;
  throttled: number;
  refreshed: number;
  waitedMs: number;
}

export type SourceFetch = typeof fetch & { stats: FetchStats };

/** The source answered with an error that retrying did not cure. */
export class SourceHttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly body: string,
  ) {
    super(`${url} answered ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  }
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason as Error)), { once: true });
  });

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

export function sourceFetch(options: SourceFetchOptions = {}): SourceFetch {
  const { perMinute, maxRetries = 5, backoffMs = 500, maxWaitMs = 300_000, signal } = options;
  const sleep = options.sleep ?? defaultSleep;
  const clock = options.now ?? Date.now;
  const base = options.fetch ?? globalThis.fetch;
  const stats: FetchStats = { requests: 0, retries: 0, throttled: 0, refreshed: 0, waitedMs: 0 };
  const sent: number[] = [];

  async function wait(ms: number): Promise<void> {
    const d = Math.min(Math.max(0, ms), maxWaitMs);
    stats.waitedMs += d;
    if (d > 0) await sleep(d, signal);
  }

  async function budget(): Promise<void> {
    if (!perMinute) return;
    for (;;) {
      const now = clock();
      while (sent.length && sent[0] <= now - 60_000) sent.shift();
      if (sent.length < perMinute) break;
      await wait(sent[0] + 60_000 - now);
    }
    sent.push(clock());
  }

  const run = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let refreshedOnce = false;
    for (let attempt = 0; ; attempt++) {
      await budget();
      const headers = new Headers(init.headers);
      const auth = await options.authorization?.();
      if (auth) headers.set('authorization', auth);
      stats.requests++;
      let res: Response;
      try {
        res = await base(url, { ...init, headers, signal: init.signal ?? signal });
      } catch (e) {
        if (signal?.aborted || attempt >= maxRetries) throw e;
        stats.retries++;
        await wait(backoffMs * 2 ** attempt);
        continue;
      }
      if (res.status === 401 && options.onUnauthorized && !refreshedOnce) {
        await res.body?.cancel();
        refreshedOnce = true;
        if (await options.onUnauthorized()) {
          stats.refreshed++;
          attempt--;
          continue;
        }
        throw new SourceHttpError(401, url, 'the credentials were refused and could not be refreshed');
      }
      if (RETRY_STATUS.has(res.status) && attempt < maxRetries) {
        const after = retryAfterMs(res.headers.get('retry-after'), clock());
        await res.body?.cancel();
        if (res.status === 429) stats.throttled++;
        stats.retries++;
        await wait(after ?? backoffMs * 2 ** attempt);
        continue;
      }
      return res;
    }
  };
  return Object.assign(run, { stats });
}

/** fetch that throws SourceHttpError on a non-2xx answer and parses JSON. */
export async function fetchJson<T>(f: typeof fetch, url: string, init?: RequestInit): Promise<T> {
  const res = await f(url, init);
  if (!res.ok) throw new SourceHttpError(res.status, url, await res.text().catch(() => ''));
  return (await res.json()) as T;
}
