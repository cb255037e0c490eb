/**
 * JSON over HTTP for the graph sources: a timeout per attempt, retries with
 * exponential backoff and full jitter for 5xx, 429 and network errors (never
 * for other 4xx), `Retry-After` honoured, and every answer validated with
 * zod. Failures are SourceErrors with a `kind` the options page can put in
 * words. Nothing here logs request bodies, tokens or query strings.
 *
 * Against a hostile or compromised service (issue 10):
 * - redirects are never followed (`redirect: 'manual'`): a token or a form
 *   with a refresh token never goes to another address, and another
 *   address's answer is never used; a redirect is a failure of kind `redirect`;
 * - an answer is read with a byte cap (default 5 MB, `maxBytes`): beyond it
 *   the download is aborted, never held whole;
 * - the secrets of the request (bearer token, refresh token, code, verifier)
 *   and anything that looks like a token are scrubbed from every message
 *   built from the server's words, so an echoed token is never stored,
 *   shown or exported with the failure.
 */
import type { z } from 'zod';

export type FailureKind = 'timeout' | 'network' | 'http' | 'invalid' | 'auth' | 'throttled' | 'aborted' | 'redirect' | 'too-large';

/** The largest answer read (bytes); a larger one is aborted. */
export const MAX_ANSWER_BYTES = 5 * 1024 * 1024;
/** The most of an error answer read for its message. */
const MAX_PROBLEM_BYTES = 64 * 1024;

const REDACTED = '[redacted]';
/** Bearer tokens, JWTs and long opaque token-like runs, whatever the service echoes. */
const TOKEN_LIKE = [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, /\b(access_token|refresh_token|id_token|code|code_verifier|client_secret|token)=([^&\s"']+)/gi];

/**
 * A message without the given secrets and without anything token-like
 * (a service may echo the request's token in its error text).
 */
export function scrubSecrets(message: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = message;
  for (const s of secrets) if (s && s.length >= 6) out = out.split(s).join(REDACTED);
  out = out.replace(TOKEN_LIKE[0], (_m, scheme: string) => `${scheme} ${REDACTED}`);
  out = out.replace(TOKEN_LIKE[1], REDACTED);
  out = out.replace(TOKEN_LIKE[2], (_m, key: string) => `${key}=${REDACTED}`);
  return out;
}

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
  /** Largest answer read (bytes; default MAX_ANSWER_BYTES): beyond it the download is aborted. */
  maxBytes?: number;
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

/** The secrets a request carries: its bearer token and the OAuth form's codes and tokens. */
function secretsOf(req: JsonRequest<unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(req.headers ?? {})) if (k.toLowerCase() === 'authorization') out.push(v, v.replace(/^\S+\s+/, ''));
  for (const k of ['refresh_token', 'code', 'code_verifier', 'client_secret', 'access_token']) {
    const v = req.form?.[k];
    if (v) out.push(v);
  }
  return out;
}

class TooLarge extends Error {}

/** The body as text, read with a byte cap: beyond `max` bytes the download is cancelled and TooLarge thrown. */
async function readCapped(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('Content-Length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

async function problemText(res: Response, secrets: string[]): Promise<string> {
  try {
    const text = await readCapped(res, MAX_PROBLEM_BYTES);
    const j = JSON.parse(text) as { title?: unknown; detail?: unknown; error?: { message?: unknown } };
    const detail = typeof j.detail === 'string' ? j.detail : typeof j.error?.message === 'string' ? j.error.message : '';
    const title = typeof j.title === 'string' ? j.title : '';
    return scrubSecrets([title, detail].filter(Boolean).join(': '), secrets).slice(0, 300);
  } catch {
    return '';
  }
}

/** One attempt: fetch, status check, parse, validate. */
async function attempt<T>(req: JsonRequest<T>, timeoutMs: number): Promise<T> {
  const path = pathOf(req.url);
  const secrets = secretsOf(req);
  const maxBytes = req.maxBytes ?? MAX_ANSWER_BYTES;
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
      // Never to another address: neither the token (or a refresh token in a form) nor the trust.
      redirect: 'manual',
    });
  } catch (e) {
    if (req.signal?.aborted) throw new SourceError('aborted', 'Cancelled', undefined, path);
    const name = errorName(e);
    if (name === 'TimeoutError' || name === 'AbortError') throw new SourceError('timeout', `No answer within ${Math.round(timeoutMs / 100) / 10} s`, undefined, path);
    throw new SourceError('network', 'The service could not be reached', undefined, path);
  }
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
    await res.body?.cancel().catch(() => undefined);
    throw new SourceError('redirect', 'The service answered with a redirect to another address; Kenner does not follow redirects (configure the final address)', res.status || undefined, path);
  }
  if (res.status === 401) throw new SourceError('auth', (await problemText(res, secrets)) || 'Not signed in, or the sign-in expired', 401, path);
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'));
    await res.body?.cancel().catch(() => undefined);
    throw new SourceError('throttled', 'Too many requests', 429, path, retryAfterMs);
  }
  if (!res.ok) throw new SourceError('http', (await problemText(res, secrets)) || `HTTP ${res.status}`, res.status, path);
  let json: unknown;
  try {
    json = JSON.parse(await readCapped(res, maxBytes));
  } catch (e) {
    if (e instanceof TooLarge) throw new SourceError('too-large', `The answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; its download was stopped`, res.status, path);
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
