/**
 * server/auth.ts remembers verified OIDC tokens (by hash, until their expiry): the refusals stay
 * exactly what jose decides without it. Tokens from a local issuer (real RS256 keys and JWKS).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuthenticator, Unauthorized } from '../../server/auth';
import { startIssuer, type Issuer } from '../servers/oidc-issuer';

const AUDIENCE = 'api://kenner-test';
const T0 = Date.parse('2026-07-01T12:00:00Z');

describe('OIDC tokens, remembered once verified', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer(AUDIENCE);
  });
  afterAll(async () => {
    await issuer?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const authenticator = () => createAuthenticator({ staticTokens: new Map(), oidc: { issuer: issuer.issuer, audience: AUDIENCE } });
  const refusal = (p: Promise<string>) =>
    p.then(
      () => 'accepted',
      (e: unknown) => (e instanceof Unauthorized ? e.message : `not Unauthorized: ${String(e)}`),
    );

  it('accepts a remembered token until jose would refuse it: 30 s past its expiry it is expired, as without the cache', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const auth = authenticator();
    const token = await issuer.sign({ email: 'Bo@Corp.example' }, { expiresIn: 120 });
    expect(await auth.verify(`Bearer ${token}`)).toBe('bo@corp.example');
    vi.setSystemTime(T0 + 60_000);
    expect(await auth.verify(`Bearer ${token}`)).toBe('bo@corp.example');
    // Past `exp`, within jose's clock tolerance: checked again, still accepted.
    vi.setSystemTime(T0 + 130_000);
    expect(await auth.verify(`Bearer ${token}`)).toBe('bo@corp.example');
    vi.setSystemTime(T0 + 151_000);
    expect(await refusal(auth.verify(`Bearer ${token}`))).toBe('The access token expired.');
  });

  it.each([
    ['signed by another key', { wrongKey: true }, 'The access token was refused.'],
    ['for another audience', { audience: 'api://other' }, 'The access token is not for this service (aud).'],
    ['from another issuer', { issuer: 'https://evil.example' }, 'The access token is not for this service (iss).'],
    ['expired', { expiresIn: -60 }, 'The access token expired.'],
  ])('refuses a token %s while the same viewer\'s good token is remembered, every time', async (_what, opts, message) => {
    const auth = authenticator();
    const good = await issuer.sign({ email: 'bo@corp.example', sub: 'u-1' });
    expect(await auth.verify(`Bearer ${good}`)).toBe('bo@corp.example');
    const bad = await issuer.sign({ email: 'bo@corp.example', sub: 'u-1' }, opts);
    expect(await refusal(auth.verify(`Bearer ${bad}`))).toBe(message);
    expect(await refusal(auth.verify(`Bearer ${bad}`))).toBe(message);
    expect(await auth.verify(`Bearer ${good}`)).toBe('bo@corp.example');
  });

  it('refuses a token with the remembered one\'s header and claims but another signature', async () => {
    const auth = authenticator();
    const good = await issuer.sign({ email: 'bo@corp.example' });
    expect(await auth.verify(`Bearer ${good}`)).toBe('bo@corp.example');
    const [head, body, sig] = good.split('.');
    const forged = `${head}.${body}.${sig.slice(0, -4)}${sig.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect(await refusal(auth.verify(`Bearer ${forged}`))).toBe('The access token was refused.');
  });
});
