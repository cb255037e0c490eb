/**
 * HTTP client of the remote company-graph service (docs/graph-api.yaml).
 * BACKGROUND ONLY (tokens live in storage.session).
 *
 * Every call of the contract goes through `call`: the base URL of the
 * configuration, the bearer token of its auth (the policy's token, read on
 * every use and never stored; OAuth 2.0 + PKCE tokens, refreshed before
 * expiry and once on a 401; or a token the user pasted), timeouts, retries
 * (http.ts) and an answer validated with the contract's zod schema.
 */
import { z } from 'zod';
import type { RemoteSourceConfig } from '../messaging/sources';
import { requestJson, SourceError, type RetryPolicy } from './http';
import { clearTokens, getTokens, refreshTokens, signIn, storeTokens, validAccessToken, type OAuthEndpoints } from './oauth';
import { sourceTokensItem } from './state';
import { isSecureServiceUrl, SECURE_URL_MESSAGE } from '../settings/service-url';

export interface GraphServiceClientOptions {
  retry?: Partial<RetryPolicy>;
  /** The policy's token (read from managed storage on every use; never stored). */
  policyToken?: () => Promise<string | undefined>;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface CallInit<T> {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** One attempt. */
  timeoutMs: number;
  /** All attempts together. */
  deadlineMs?: number;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
}

export interface GraphServiceClient {
  /** The base URL without trailing slash; the contract's paths are appended to it. */
  readonly base: string;
  readonly origin: string;
  /** A token is there as far as this client knows (a call went through, a sign-in, a pasted or policy token). */
  readonly hasToken: boolean;
  /** One call of the contract, with auth and one refresh on 401 (OAuth). */
  call<T>(path: string, init: CallInit<T>): Promise<T>;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  /** Stores a token the user pasted (storage.session). */
  setToken(token: string): Promise<void>;
  signedIn(): Promise<boolean>;
  /** Reads whether a token is stored (or the policy sets one) into `hasToken`. */
  ready(): Promise<void>;
}

/** The base URL without trailing slash; paths of the contract are appended to it. */
function baseOf(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** RFC 8414 authorization server metadata (the two endpoints used). */
const MetadataSchema = z.object({
  authorization_endpoint: z.string().url().refine(isSecureServiceUrl, SECURE_URL_MESSAGE),
  token_endpoint: z.string().url().refine(isSecureServiceUrl, SECURE_URL_MESSAGE),
});

export function createGraphServiceClient(config: RemoteSourceConfig, opts: GraphServiceClientOptions = {}): GraphServiceClient {
  const base = baseOf(config.url);
  const origin = new URL(config.url).origin;
  let oauthEndpoints: OAuthEndpoints | undefined = config.oauth;
  let hasToken = config.auth === 'policy-token';

  async function endpoints(): Promise<OAuthEndpoints> {
    if (oauthEndpoints?.authorizeUrl && oauthEndpoints.tokenUrl) return oauthEndpoints;
    if (!config.oauth?.clientId) throw new SourceError('auth', 'No OAuth client id configured');
    // RFC 8414 metadata of the service's origin.
    const meta = await requestJson({ url: `${origin}/.well-known/oauth-authorization-server`, timeoutMs: 8000, retry: { retries: 1 }, schema: MetadataSchema });
    oauthEndpoints = { ...config.oauth, authorizeUrl: meta.authorization_endpoint, tokenUrl: meta.token_endpoint };
    return oauthEndpoints;
  }

  async function token(): Promise<string> {
    if (config.auth === 'policy-token') {
      const tok = await opts.policyToken?.();
      if (!tok) throw new SourceError('auth', 'The policy sets no token for the company-graph service');
      return tok;
    }
    return validAccessToken('remote', config.auth === 'oauth' ? await endpoints() : undefined);
  }

  async function call<T>(path: string, init: CallInit<T>): Promise<T> {
    const send = async (tok: string) =>
      requestJson({
        url: `${base}${path}`,
        method: init.method,
        body: init.body,
        headers: { Authorization: `Bearer ${tok}` },
        timeoutMs: init.timeoutMs,
        deadlineMs: init.deadlineMs,
        retry: opts.retry,
        schema: init.schema,
        signal: init.signal,
        random: opts.random,
        sleep: opts.sleep,
      });
    const tok = await token();
    try {
      const r = await send(tok);
      hasToken = true;
      return r;
    } catch (e) {
      if (!(e instanceof SourceError) || e.kind !== 'auth' || config.auth !== 'oauth') throw e;
      const current = await getTokens('remote');
      if (!current) throw e;
      const fresh = await refreshTokens('remote', await endpoints(), current);
      return send(fresh.accessToken);
    }
  }

  return {
    base,
    origin,
    get hasToken() {
      return hasToken;
    },
    call,
    async signIn() {
      if (config.auth !== 'oauth') throw new SourceError('auth', 'This source does not use OAuth sign-in');
      await signIn('remote', await endpoints());
      hasToken = true;
    },
    async signOut() {
      await clearTokens('remote');
      hasToken = config.auth === 'policy-token';
    },
    async setToken(tok) {
      await storeTokens('remote', { accessToken: tok });
      hasToken = true;
    },
    async signedIn() {
      if (config.auth === 'policy-token') return !!(await opts.policyToken?.());
      return !!(await getTokens('remote'));
    },
    async ready() {
      hasToken = config.auth === 'policy-token' ? !!(await opts.policyToken?.()) : !!(await sourceTokensItem.getValue()).remote;
    },
  };
}
