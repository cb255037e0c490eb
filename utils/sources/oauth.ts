/**
 * OAuth 2.0 authorization code + PKCE (RFC 7636, S256) through
 * `browser.identity.launchWebAuthFlow`, for the remote service and for
 * Microsoft 365. Tokens live in storage.session only (never local, never
 * logged) and are refreshed with the refresh token shortly before they
 * expire, and once more when a request meets a 401.
 */
import { browser } from 'wxt/browser';
import { sourceTokensItem } from './state';
import { TokenResponseSchema } from '../contract/graph-api';
import { requestJson, SourceError } from './http';
import type { TokenSet } from '../messaging/sources';

export type TokenKey = 'remote' | 'microsoft365';

export interface OAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  scope?: string;
}

/** Refresh this long before the access token expires. */
const REFRESH_SKEW_MS = 60_000;

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh PKCE verifier (43 chars of base64url, 256 bits) and its S256 challenge. */
async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

function tokensFrom(r: { access_token: string; expires_in?: number; refresh_token?: string }, previousRefresh?: string, now = Date.now()): TokenSet {
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token ?? previousRefresh,
    expiresAt: r.expires_in ? now + r.expires_in * 1000 : undefined,
  };
}

/** Interactive sign-in: opens the authorization page, exchanges the code, stores the tokens. */
export async function signIn(key: TokenKey, ep: OAuthEndpoints): Promise<TokenSet> {
  const redirectUri = browser.identity.getRedirectURL();
  const { verifier, challenge } = await pkcePair();
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const url = new URL(ep.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', ep.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  if (ep.scope) url.searchParams.set('scope', ep.scope);
  const back = await browser.identity.launchWebAuthFlow({ url: url.toString(), interactive: true });
  if (!back) throw new SourceError('auth', 'Sign-in was cancelled');
  const answer = new URL(back);
  const params = answer.searchParams.get('code') || answer.searchParams.get('error') ? answer.searchParams : new URLSearchParams(answer.hash.slice(1));
  if (params.get('error')) throw new SourceError('auth', `Sign-in refused: ${params.get('error_description') || params.get('error')}`);
  if (params.get('state') !== state) throw new SourceError('auth', 'Sign-in answer did not match the request (state)');
  const code = params.get('code');
  if (!code) throw new SourceError('auth', 'Sign-in returned no authorization code');
  const r = await requestJson({
    url: ep.tokenUrl,
    method: 'POST',
    form: { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: ep.clientId, code_verifier: verifier, ...(ep.scope ? { scope: ep.scope } : {}) },
    timeoutMs: 10_000,
    retry: { retries: 1 },
    schema: TokenResponseSchema,
  });
  const tokens = tokensFrom(r);
  await storeTokens(key, tokens);
  return tokens;
}

const refreshing = new Map<TokenKey, Promise<TokenSet>>();

/** Exchanges the refresh token for new tokens (one exchange at a time per source); a refusal clears them (the user must sign in again). */
export function refreshTokens(key: TokenKey, ep: OAuthEndpoints, current: TokenSet): Promise<TokenSet> {
  let p = refreshing.get(key);
  if (!p) {
    p = doRefresh(key, ep, current).finally(() => refreshing.delete(key));
    refreshing.set(key, p);
  }
  return p;
}

async function doRefresh(key: TokenKey, ep: OAuthEndpoints, current: TokenSet): Promise<TokenSet> {
  if (!current.refreshToken) throw new SourceError('auth', 'The sign-in expired: sign in again');
  try {
    const r = await requestJson({
      url: ep.tokenUrl,
      method: 'POST',
      form: { grant_type: 'refresh_token', refresh_token: current.refreshToken, client_id: ep.clientId, ...(ep.scope ? { scope: ep.scope } : {}) },
      timeoutMs: 10_000,
      retry: { retries: 1 },
      schema: TokenResponseSchema,
    });
    const tokens = tokensFrom(r, current.refreshToken);
    await storeTokens(key, tokens);
    return tokens;
  } catch (e) {
    if (e instanceof SourceError && (e.kind === 'auth' || (e.kind === 'http' && e.status !== undefined && e.status < 500))) {
      await clearTokens(key);
      throw new SourceError('auth', 'The sign-in expired: sign in again', e.status, e.path);
    }
    throw e;
  }
}

export async function getTokens(key: TokenKey): Promise<TokenSet | undefined> {
  return (await sourceTokensItem.getValue())[key];
}

export async function storeTokens(key: TokenKey, tokens: TokenSet): Promise<void> {
  const all = await sourceTokensItem.getValue();
  await sourceTokensItem.setValue({ ...all, [key]: tokens });
}

export async function clearTokens(key: TokenKey): Promise<void> {
  const all = { ...(await sourceTokensItem.getValue()) };
  delete all[key];
  await sourceTokensItem.setValue(all);
}

/**
 * A usable access token: the stored one, refreshed first when it expires
 * within REFRESH_SKEW_MS (OAuth only). Throws SourceError('auth') when there
 * is none.
 */
export async function validAccessToken(key: TokenKey, ep: OAuthEndpoints | undefined, now = Date.now()): Promise<string> {
  const tokens = await getTokens(key);
  if (!tokens) throw new SourceError('auth', 'Not signed in');
  if (ep && tokens.expiresAt !== undefined && tokens.expiresAt - now < REFRESH_SKEW_MS) return (await refreshTokens(key, ep, tokens)).accessToken;
  return tokens.accessToken;
}
