/**
 * JSON over HTTP for the graph sources: a timeout per attempt, retries with
 * exponential backoff and full jitter for 5xx, 429 and network errors (never
 * for other 4xx), `Retry-After` honoured, and every answer validated with
 * zod. Failures are SourceErrors with a `kind` the options page can put in
 * words. Nothing here logs request bodies, tokens or query strings.
 */
import type { z } from 'zod';

export type FailureKind = 'timeout' | 'network' | 'http' | 'invalid' | 'auth' | 'throttled' | 'aborted';

export class SourceError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
    /** Path of the URL, without query (safe to show and store). */
    readonly path?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** The `name` of a thrown value, when it has one (TimeoutError, AbortError, …). */
function errorName(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string' ? e.name : undefined;
}

/** The message of a thrown value: its `message`, else the value as text. */
export function errorMessage(e: unknown): string {
  return typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string' ? e.message : String(e);
}

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  /** First backoff step (ms); doubles each attempt; full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After (ms) waited for; a longer one fails at once. */
  maxRetryAfterMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 300, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };

export interface JsonRequest<T> {
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded instead of a JSON body (OAuth token endpoints). */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Timeout of one attempt (ms). */
  timeoutMs: number;
  /** No attempt starts, and none runs, past this many ms from the start. */
  deadlineMs?: number;
  retry?: Partial<RetryPolicy>;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
  /** For tests: the random source of the jitter and the sleep. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each retry (for tests and diagnostics). */
  onRetry?: (attempt: number, delayMs: number, err: SourceError) => void;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/** Retry-After: delta-seconds or an HTTP date → ms (undefined when absent or unreadable). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^attempt)]. */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * cap);
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SourceError('aborted', 'Cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SourceError('aborted', 'Cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function retryable(err: SourceError): boolean {
  return err.kind === 'timeout' || err.kind === 'network' || err.kind === 'throttled' || (err.kind === 'http' && (err.status ?? 0) >= 500);
}

async function problemText(res: Response): Promise<string> {
  try {
    const text = await res.text();
    const j = JSON.parse(text) as { title?: unknown; detail?: unknown; error?: { message?: unknown } };
    const detail = typeof j.detail === 'string' ? j.detail : typeof j.error?.message === 'string' ? j.error.message : '';
    const title = typeof j.title === 'string' ? j.title : '';
    return [title, detail].filter(Boolean).join(': ').slice(0, 300);
  } catch {
    return '';
  }
}

/** One attempt: fetch, status check, parse, validate. */
async function attempt<T>(req: JsonRequest<T>, timeoutMs: number): Promise<T> {
  const path = pathOf(req.url);
  const signals = [AbortSignal.timeout(timeoutMs)];
  if (req.signal) signals.push(req.signal);
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(req.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...req.headers,
      },
      body: req.form ? new URLSearchParams(req.form).toString() : req.body !== undefined ? JSON.stringify(req.body) : undefined,
      signal: AbortSignal.any(signals),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    if (req.signal?.aborted) throw new SourceError('aborted', 'Cancelled', undefined, path);
    const name = errorName(e);
    if (name === 'TimeoutError' || name === 'AbortError') throw new SourceError('timeout', `No answer within ${Math.round(timeoutMs / 100) / 10} s`, undefined, path);
    throw new SourceError('network', 'The service could not be reached', undefined, path);
  }
  if (res.status === 401) throw new SourceError('auth', (await problemText(res)) || 'Not signed in, or the sign-in expired', 401, path);
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'));
    await res.body?.cancel().catch(() => undefined);
    throw new SourceError('throttled', 'Too many requests', 429, path, retryAfterMs);
  }
  if (!res.ok) throw new SourceError('http', (await problemText(res)) || `HTTP ${res.status}`, res.status, path);
  let json: unknown;
  try {
    json = await res.json();
  } catch (e) {
    const name = errorName(e);
    if (name === 'TimeoutError' || name === 'AbortError') throw new SourceError('timeout', `No complete answer within ${Math.round(timeoutMs / 100) / 10} s`, undefined, path);
    throw new SourceError('invalid', 'The answer is not JSON', res.status, path);
  }
  const parsed = req.schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new SourceError('invalid', `The answer does not have the expected shape (${first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'unknown'})`, res.status, path);
  }
  return parsed.data;
}

/** Fetch JSON with timeouts, retries and validation. Throws SourceError. */
export async function requestJson<T>(req: JsonRequest<T>): Promise<T> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...req.retry };
  const sleep = req.sleep ?? defaultSleep;
  const started = Date.now();
  const left = () => (req.deadlineMs === undefined ? Infinity : req.deadlineMs - (Date.now() - started));
  for (let n = 0; ; n++) {
    try {
      const timeout = Math.max(1, Math.min(req.timeoutMs, left()));
      return await attempt(req, timeout);
    } catch (e) {
      const err = e instanceof SourceError ? e : new SourceError('network', errorMessage(e), undefined, pathOf(req.url));
      if (!retryable(err) || n >= policy.retries) throw err;
      let delay = backoffDelay(n, policy, req.random);
      if (err.kind === 'throttled') {
        if (err.retryAfterMs !== undefined && err.retryAfterMs > policy.maxRetryAfterMs) throw err;
        delay = Math.max(delay, err.retryAfterMs ?? 0);
      }
      if (delay >= left()) throw err;
      req.onRetry?.(n + 1, delay, err);
      await sleep(delay, req.signal);
    }
  }
}
