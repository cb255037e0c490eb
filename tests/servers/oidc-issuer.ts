/**
 * A local OpenID Connect issuer for tests: real RS256 key pairs, a discovery
 * document and a JWKS over HTTP, and tokens signed like an identity
 * provider's (Entra ID, Keycloak). `sign({ … })` makes a valid token;
 * options make it expired, signed by a key the JWKS does not hold, or for
 * another audience.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface Issuer {
  issuer: string;
  /** Requests for the JWKS so far. */
  jwksRequests: number;
  sign(claims: Record<string, unknown>, o?: { audience?: string; expiresIn?: string | number; wrongKey?: boolean; issuer?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startIssuer(audience: string): Promise<Issuer> {
  const good = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  let base = '';
  const state = { jwksRequests: 0 };
  const server = http.createServer((req, res) => {
    if (req.url === '/.well-known/openid-configuration') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer: base, jwks_uri: `${base}/jwks`, authorization_endpoint: `${base}/authorize`, token_endpoint: `${base}/token` }));
    } else if (req.url === '/jwks') {
      state.jwksRequests++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer: base,
    get jwksRequests() {
      return state.jwksRequests;
    },
    async sign(claims, o = {}) {
      const key: CryptoKey = o.wrongKey ? other.privateKey : good.privateKey;
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
        .setIssuer(o.issuer ?? base)
        .setAudience(o.audience ?? audience)
        .setIssuedAt(typeof o.expiresIn === 'number' && o.expiresIn < 0 ? Math.floor(Date.now() / 1000) - 3600 : undefined);
      if (typeof o.expiresIn === 'number') jwt.setExpirationTime(Math.floor(Date.now() / 1000) + o.expiresIn);
      else jwt.setExpirationTime(o.expiresIn ?? '1h');
      return jwt.sign(key);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
