/**
 * Who is asking. Every request but /healthz carries `Authorization: Bearer
 * <token>`: an OIDC access token from the company's identity provider,
 * verified against the issuer's JWKS (signature, issuer, audience, expiry),
 * or, for pilots, a static token from KENNER_STATIC_TOKENS. The viewer is the
 * token's email (`email`, else `preferred_username`, else `upn`), lower case.
 * Nothing is anonymous.
 *
 * A verified OIDC token is remembered (by its SHA-256, at most 20,000) until
 * its `exp` and at most 10 minutes, the JWKS cache's own age: checking the
 * signature cost ~0.1 ms of CPU on every request, a fifth of a warm rank.
 * Only tokens that passed every check are remembered, so a token that is
 * expired, for another audience or issuer, or wrongly signed is refused as
 * before; past its `exp` a remembered token is checked again (and jose's 30 s
 * clock tolerance then decides, as without the cache).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Config } from './config';

export class Unauthorized extends Error {}

export interface Authenticator {
  /** The viewer's email, or throws Unauthorized with what was wrong. */
  verify(header: string | undefined): Promise<string>;
}

const sha = (s: string) => createHash('sha256').update(s).digest();

/** Verified tokens kept at most (by hash: 44 bytes each) and for at most this long (the JWKS's cacheMaxAge below). */
const VERIFIED_MAX = 20_000;
const VERIFIED_MS = 600_000;

async function discoverJwks(issuer: string): Promise<JWTVerifyGetKey> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`OIDC discovery at ${url} answered ${res.status}.`);
  const doc = (await res.json()) as { jwks_uri?: unknown; issuer?: unknown };
  if (typeof doc.jwks_uri !== 'string') throw new Error(`OIDC discovery at ${url} names no jwks_uri.`);
  return createRemoteJWKSet(new URL(doc.jwks_uri), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
}

export function createAuthenticator(config: Pick<Config, 'staticTokens' | 'oidc'>): Authenticator {
  const statics = [...config.staticTokens].map(([token, email]) => ({ hash: sha(token), email }));
  let jwks: Promise<JWTVerifyGetKey> | null = null;
  /** Token hash → the viewer's email, until a time (ms). */
  const verified = new Map<string, { email: string; until: number }>();
  const keys = () => {
    jwks ??= discoverJwks(config.oidc!.issuer).catch((e: unknown) => {
      jwks = null;
      throw e;
    });
    return jwks;
  };
  return {
    async verify(header) {
      const m = /^Bearer ([\x21-\x7e]{1,8192})$/.exec(header ?? '');
      if (!m) throw new Unauthorized(header ? 'The Authorization header is not "Bearer <token>".' : 'No access token: send Authorization: Bearer <token>.');
      const token = m[1];
      const h = sha(token);
      // Constant time over every static token: no timing tells which one nearly matched.
      let found: string | undefined;
      for (const s of statics) if (timingSafeEqual(s.hash, h)) found = s.email;
      if (found) return found;
      if (!config.oidc || token.split('.').length !== 3) throw new Unauthorized('The access token was refused.');
      const key = h.toString('base64');
      const hit = verified.get(key);
      if (hit && Date.now() < hit.until) return hit.email;
      if (hit) verified.delete(key);
      try {
        const { payload } = await jwtVerify(token, await keys(), { issuer: config.oidc.issuer, audience: config.oidc.audience, clockTolerance: 30 });
        const who = [payload.email, payload.preferred_username, payload.upn].find((v): v is string => typeof v === 'string' && v.includes('@'));
        if (!who) throw new Unauthorized('The access token names no email or UPN.');
        const email = who.toLowerCase();
        const until = Math.min(typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity, Date.now() + VERIFIED_MS);
        if (until > Date.now()) {
          if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
          verified.set(key, { email, until });
        }
        return email;
      } catch (e) {
        if (e instanceof Unauthorized) throw e;
        const code = (e as { code?: string }).code;
        if (code === 'ERR_JWT_EXPIRED') throw new Unauthorized('The access token expired.');
        if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') throw new Unauthorized(`The access token is not for this service (${(e as { claim?: string }).claim ?? 'claim'}).`);
        if (typeof code === 'string' && code.startsWith('ERR_J')) throw new Unauthorized('The access token was refused.');
        throw e;
      }
    },
  };
}
