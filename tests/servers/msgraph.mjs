/* global process, setTimeout, Buffer, console, URL, URLSearchParams */
/**
 * A local stand-in for Microsoft Graph and the Microsoft identity platform,
 * answering with bodies shaped like the documented ones: collections as
 * `{ "@odata.context", "value", "@odata.nextLink" }`, errors as
 * `{ "error": { "code", "message", "innerError": { "date", "request-id", "client-request-id" } } }`,
 * 429 with `Retry-After`, 401 `InvalidAuthenticationToken`. Plain Node http, ESM.
 *
 *   const s = await start({ port: 0, users, people, skills, pageSize: 2 });
 *   s.url    // Graph base URL and login base URL at once
 *   s.log    // { at, method, path, query, headers, status }
 *   s.setFault('throttle' | 'expired-token' | '500' | null, { times?: n, retryAfter?: seconds, path?: '/v1.0/users' })
 *   s.close()
 *
 * Endpoints: GET /v1.0/users ($select, $top, $skiptoken, $search with
 * ConsistencyLevel: eventual), GET /v1.0/me/people, GET /beta/users/{id}/profile/skills,
 * GET /{tenant}/oauth2/v2.0/authorize (302 with code), POST /{tenant}/oauth2/v2.0/token.
 */
import http from 'node:http';
import { createHash, randomBytes, randomUUID } from 'node:crypto';

function b64url(buf) {
  return Buffer.from(buf).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A few directory users shaped like Microsoft Graph's user resource. */
export function sampleUsers() {
  return [
    { id: '6e7b768e-07e2-4810-8459-485f84f8f204', displayName: 'Sofie Lindqvist', mail: 'sofie.lindqvist@contoso.com', userPrincipalName: 'sofie.lindqvist@contoso.com', jobTitle: 'Solution Architect', department: 'Presales', officeLocation: 'Stockholm', country: 'Sweden', preferredLanguage: 'sv-SE', mailboxSettings: { timeZone: 'W. Europe Standard Time' } },
    { id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd', displayName: 'Jörg Bäumer', mail: 'joerg.baeumer@contoso.com', userPrincipalName: 'joerg.baeumer@contoso.com', jobTitle: 'Account Executive', department: 'Sales DACH', officeLocation: 'Hamburg', country: 'Germany', preferredLanguage: 'de-DE', mailboxSettings: { timeZone: 'Europe/Berlin' } },
    { id: '5bde3e51-d13b-4db1-9948-fe4b109d11a7', displayName: 'Zoë van den Berg', mail: 'zoe.vandenberg@contoso.com', userPrincipalName: 'zoe.vandenberg@contoso.com', jobTitle: 'Support Engineer', department: 'Support', officeLocation: 'Utrecht', country: 'NL', preferredLanguage: 'nl-NL', mailboxSettings: {} },
    { id: '4782e723-f4f4-4af3-a76e-25e3bab0d896', displayName: 'Søren Kristensen', mail: null, userPrincipalName: 'soren.kristensen@contoso.com', jobTitle: 'Consultant', department: 'Services', officeLocation: 'Copenhagen', country: 'Denmark', preferredLanguage: 'da', mailboxSettings: { timeZone: 'Romance Standard Time' } },
    { id: 'c03e6eaa-b6ab-46d7-905b-73ec7ea1f755', displayName: 'Conference Room Aurora', mail: 'aurora@contoso.com', userPrincipalName: 'aurora@contoso.com', jobTitle: null, department: null, officeLocation: null, country: null, preferredLanguage: null, mailboxSettings: {} },
  ];
}

export async function start(opts = {}) {
  const users = opts.users ?? sampleUsers();
  const pageSize = opts.pageSize ?? 100;
  const people = opts.people ?? users.slice(0, 3).map((u) => u.id);
  const skills = opts.skills ?? {}; // userId → [displayName]
  const skillsExposed = opts.skillsExposed !== false;
  const log = [];
  let fault = null;
  const validTokens = new Set(opts.tokens ?? ['graph-token']);
  const refreshTokens = new Set();
  const codes = new Map();
  let server;

  const innerError = () => ({ date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': randomUUID(), 'client-request-id': randomUUID() });
  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8', 'request-id': randomUUID(), ...headers });
    res.end(JSON.stringify(body));
  };
  const graphError = (res, status, code, message, headers) => send(res, status, { error: { code, message, innerError: innerError() } }, headers);

  function faultFor(path) {
    if (!fault) return null;
    if (fault.path && !path.startsWith(fault.path)) return null;
    if (fault.times !== undefined) {
      if (fault.times <= 0) return null;
      fault.times -= 1;
    }
    return fault;
  }

  function issue() {
    const access = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${b64url(randomBytes(24))}`;
    const refresh = `0.AX${b64url(randomBytes(24))}`;
    validTokens.add(access);
    refreshTokens.add(refresh);
    return { token_type: 'Bearer', scope: 'https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/People.Read', expires_in: opts.tokenTtl ?? 3599, ext_expires_in: opts.tokenTtl ?? 3599, access_token: access, refresh_token: refresh };
  }

  function select(u, fields) {
    if (!fields) return { id: u.id, displayName: u.displayName, mail: u.mail, userPrincipalName: u.userPrincipalName, jobTitle: u.jobTitle };
    const out = {};
    for (const f of fields) if (f in u) out[f] = u[f];
    return out;
  }

  function handle(req, res, body) {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname;
    // Identity platform.
    let m = path.match(/^\/([^/]+)\/oauth2\/v2\.0\/(authorize|token)$/);
    if (m) {
      if (m[2] === 'authorize') {
        const p = url.searchParams;
        const code = `0.A${b64url(randomBytes(12))}`;
        codes.set(code, { challenge: p.get('code_challenge'), redirectUri: p.get('redirect_uri') });
        const back = new URL(p.get('redirect_uri'));
        back.searchParams.set('code', code);
        back.searchParams.set('state', p.get('state') ?? '');
        back.searchParams.set('session_state', randomUUID());
        res.writeHead(302, { Location: back.toString() });
        return res.end();
      }
      const form = new URLSearchParams(body);
      const bad = (desc) => send(res, 400, { error: 'invalid_grant', error_description: `AADSTS70008: ${desc}`, error_codes: [70008], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() });
      if (form.get('grant_type') === 'authorization_code') {
        const c = codes.get(form.get('code'));
        codes.delete(form.get('code'));
        if (!c || b64url(createHash('sha256').update(form.get('code_verifier') ?? '').digest()) !== c.challenge) return bad('The provided authorization code or PKCE verifier is invalid.');
        return send(res, 200, issue());
      }
      if (form.get('grant_type') === 'refresh_token') {
        if (!refreshTokens.delete(form.get('refresh_token'))) return bad('The refresh token has expired due to inactivity.');
        return send(res, 200, issue());
      }
      return send(res, 400, { error: 'unsupported_grant_type' });
    }

    const f = faultFor(path);
    if (f?.kind === 'throttle') return graphError(res, 429, 'TooManyRequests', 'Too many requests.', { 'Retry-After': String(f.retryAfter ?? 1) });
    if (f?.kind === 'expired-token') {
      validTokens.clear();
      fault = null;
    }
    if (f?.kind === '500') return graphError(res, 500, 'generalException', 'An unexpected error occurred.');
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !validTokens.has(auth.slice(7))) {
      return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.', { 'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"' });
    }

    if (req.method === 'GET' && path === '/v1.0/users') {
      const fields = url.searchParams.get('$select')?.split(',');
      const top = Math.min(999, Number(url.searchParams.get('$top') ?? 100) || 100);
      const size = Math.min(top, pageSize);
      let list = users;
      const search = url.searchParams.get('$search');
      if (search) {
        if (req.headers.consistencylevel !== 'eventual') return graphError(res, 400, 'Request_UnsupportedQuery', "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
        const terms = [...search.matchAll(/"(\w+):([^"]*)"/g)].map(([, f, v]) => [f, v.toLowerCase()]);
        list = users.filter((u) => terms.some(([f, v]) => String(u[f] ?? '').toLowerCase().split(/\s+/).some((w) => w.startsWith(v)) || String(u[f] ?? '').toLowerCase().startsWith(v)));
      }
      const skip = Number(url.searchParams.get('$skiptoken') ?? 0) || 0;
      const value = list.slice(skip, skip + size).map((u) => select(u, fields));
      const out = { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#users(${fields?.join(',') ?? ''})`, value };
      if (skip + size < list.length) {
        const next = new URL(`${server.url}/v1.0/users`);
        for (const [k, v] of url.searchParams) if (k !== '$skiptoken') next.searchParams.set(k, v);
        next.searchParams.set('$skiptoken', String(skip + size));
        out['@odata.nextLink'] = next.toString();
      }
      return send(res, 200, out);
    }
    if (req.method === 'GET' && path === '/v1.0/me/people') {
      const value = people
        .map((id) => users.find((u) => u.id === id))
        .filter(Boolean)
        .map((u, i) => ({
          id: u.id,
          displayName: u.displayName,
          givenName: u.displayName.split(' ')[0],
          surname: u.displayName.split(' ').slice(1).join(' '),
          jobTitle: u.jobTitle,
          department: u.department,
          officeLocation: u.officeLocation,
          userPrincipalName: u.userPrincipalName,
          scoredEmailAddresses: [{ address: u.mail ?? u.userPrincipalName, relevanceScore: 20 - i, selectionLikelihood: 'notSpecified' }],
          personType: { class: 'Person', subclass: 'OrganizationUser' },
        }));
      return send(res, 200, { '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('me')/people", value });
    }
    m = path.match(/^\/beta\/users\/([^/]+)\/profile\/skills$/);
    if (req.method === 'GET' && m) {
      if (!skillsExposed) return graphError(res, 403, 'accessDenied', 'Access to profile skills is not enabled for this tenant.');
      const id = decodeURIComponent(m[1]);
      if (!users.some((u) => u.id === id)) return graphError(res, 404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
      const value = (skills[id] ?? []).map((name, i) => ({
        id: `${id.slice(0, 8)}-skill-${i}`,
        allowedAudiences: 'organization',
        createdDateTime: '2024-03-01T10:00:00Z',
        displayName: name,
        proficiency: 'advancedProfessional',
        categories: [],
        collaborationTags: ['askMeAbout'],
      }));
      return send(res, 200, { '@odata.context': `https://graph.microsoft.com/beta/$metadata#users('${id}')/profile/skills`, value });
    }
    return graphError(res, 400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop()}'.`);
  }

  const httpServer = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const body = Buffer.concat(chunks).toString('utf8');
      const entry = { at: new Date().toISOString(), method: req.method, path: url.pathname, query: url.search, body, headers: { ...req.headers, authorization: req.headers.authorization ? 'Bearer …' : undefined }, status: 0 };
      log.push(entry);
      res.on('finish', () => (entry.status = res.statusCode));
      try {
        handle(req, res, body);
      } catch (e) {
        console.error(e);
        graphError(res, 500, 'generalException', String(e?.message ?? e));
      }
    });
  });
  await new Promise((resolve) => httpServer.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = httpServer.address().port;
  server = {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    setFault(kind, o = {}) {
      fault = kind ? { kind, ...o } : null;
    },
    issueToken: issue,
    clearLog() {
      log.length = 0;
    },
    close() {
      httpServer.closeAllConnections?.();
      return new Promise((resolve) => httpServer.close(() => resolve()));
    },
  };
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await start({ port: Number(process.argv[2] ?? 8788), pageSize: 2 });
  console.log(`Microsoft Graph stand-in on ${s.url} (token: graph-token)`);
  setTimeout(() => undefined, 2 ** 31 - 1);
}
