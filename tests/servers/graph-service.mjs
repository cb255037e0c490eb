/* global process, setTimeout, structuredClone, Buffer, console, URL, URLSearchParams */
/**
 * A local company-graph service implementing docs/graph-api.yaml over a graph
 * in the interchange format (docs/graph-format.md), for unit and e2e tests.
 * Plain Node http, ESM, no dependencies.
 *
 *   const s = await start({ port: 0, graph });           // or graphFile: 'company.ndjson'
 *   s.url            // http://127.0.0.1:PORT
 *   s.log            // every request: { at, method, path, query, body, auth, status, response }
 *   s.setFault('500' | 'timeout' | 'malformed' | 'garbage' | 'stall' | 'expired-token' | null,
 *              { times?: n, path?: '/v1/rank', stallMs?: 10000 })
 *   s.upsert('account', {...}); s.remove('account', id)   // incremental dictionary changes
 *   s.close()
 *
 * Options: graph | graphFile, port, tokens, tokenTtlSeconds, dictionaryPeople (default true),
 * leakNonDiscoverable ('flagged' | 'silent': a buggy service, for the client's own filter).
 *
 * Tokens: `test-token` is valid from the start; OAuth 2.0 + PKCE at
 * /oauth/authorize and /oauth/token (RFC 8414 metadata at
 * /.well-known/oauth-authorization-server). Run directly
 * (`node tests/servers/graph-service.mjs company.ndjson [port]`) to try it.
 */
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

const TYPES = ['topic', 'account', 'contact', 'person', 'domain'];
const KIND_WEIGHT = {
  'account-owner': 6,
  'deal-won': 5,
  'account-team': 4,
  'case-resolved': 3,
  'deal-open': 2.5,
  meeting: 2,
  call: 1.5,
  'deal-lost': 1.5,
  document: 1.5,
  'community-answer': 1.5,
  endorsement: 1,
  'case-open': 1,
  email: 0.5,
  'self-declared': 1,
};

/** Reads a graph file: JSON object or NDJSON (header line + typed records). */
export function readGraphFile(file) {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const graph = { people: [], accounts: [], contacts: [], topics: [], interactions: [] };
  try {
    const obj = JSON.parse(text);
    if (obj && typeof obj === 'object' && !Array.isArray(obj) && Object.keys(graph).some((k) => Array.isArray(obj[k]))) {
      for (const k of Object.keys(graph)) graph[k] = obj[k] ?? [];
      return graph;
    }
  } catch {
    /* NDJSON */
  }
  const plural = { person: 'people', account: 'accounts', contact: 'contacts', topic: 'topics', interaction: 'interactions' };
  for (const line of text.split('\n').slice(1)) {
    if (!line.trim()) continue;
    const { type, ...rec } = JSON.parse(line);
    if (plural[type]) graph[plural[type]].push(rec);
  }
  return graph;
}

function b64url(buf) {
  return Buffer.from(buf).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fold(s) {
  return String(s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function summary(p) {
  const out = { id: p.id, name: p.name };
  for (const k of ['email', 'title', 'department', 'location', 'country', 'timezone', 'languages', 'photoUrl', 'chat']) if (p[k] !== undefined) out[k] = p[k];
  return out;
}

export async function start(opts = {}) {
  const graph = opts.graph ? structuredClone(opts.graph) : opts.graphFile ? readGraphFile(opts.graphFile) : { people: [], accounts: [], contacts: [], topics: [], interactions: [] };
  for (const k of ['people', 'accounts', 'contacts', 'topics', 'interactions']) graph[k] ??= [];
  const dictionaryPeople = opts.dictionaryPeople !== false;
  /** A buggy service (for the client's defensive filter): 'flagged' returns non-discoverable people marked so, 'silent' unmarked. */
  const leak = opts.leakNonDiscoverable ?? null;
  const log = [];
  let fault = null;
  const held = new Set();
  const validTokens = new Set(opts.tokens ?? ['test-token']);
  const refreshTokens = new Map(); // refresh → true
  const codes = new Map(); // code → { challenge, redirectUri, clientId }
  let tokenTtl = opts.tokenTtlSeconds ?? 3600;

  // ---- dictionary with revisions and tombstones
  let rev = 1;
  /** key type:id → { rev, item } | { rev, deleted: true } */
  const dict = new Map();
  const itemOf = (type, r) => {
    if (type === 'account') return { type, id: r.id, name: r.name, ...(r.aliases ? { aliases: r.aliases } : {}), ...(r.domains ? { domains: r.domains } : {}), ...(r.externalIds ? { externalIds: r.externalIds } : {}) };
    if (type === 'contact') return { type, id: r.id, name: r.name, ...(r.email ? { email: r.email } : {}), ...(r.accountId ? { accountId: r.accountId } : {}) };
    if (type === 'topic') return { type, id: r.id, label: r.label, ...(r.aliases ? { aliases: r.aliases } : {}), ...(r.kind ? { kind: r.kind } : {}) };
    if (type === 'person') return { type, ...summary(r), ...(r.skills ? { skills: r.skills } : {}) };
    return { type: 'domain', domain: r.id };
  };
  const put = (type, r, at = rev) => dict.set(`${type}:${r.id}`, { type, id: r.id, rev: at, item: itemOf(type, r) });
  const rebuild = () => {
    dict.clear();
    for (const a of graph.accounts) put('account', a);
    for (const c of graph.contacts) put('contact', c);
    for (const t of graph.topics) put('topic', t);
    const domains = new Set();
    for (const p of graph.people) {
      if (p.discoverable === false) continue;
      if (dictionaryPeople) put('person', p);
      const d = p.email?.split('@')[1]?.toLowerCase();
      if (d) domains.add(d);
    }
    for (const d of domains) put('domain', { id: d });
  };
  rebuild();

  function dictionaryList(since, snapshot) {
    return [...dict.values()]
      .filter((e) => e.rev <= snapshot && (since === undefined ? !e.deleted : e.rev > since))
      .sort((a, b) => TYPES.indexOf(a.type) - TYPES.indexOf(b.type) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((e) => (e.deleted ? { type: e.type, id: e.id, deleted: true } : e.item));
  }

  // ---- ranking (a simple, deterministic model; the service's own business)
  function rank(entities, me, limit) {
    const ids = new Set(entities.map((e) => e.id));
    const names = new Map();
    for (const a of graph.accounts) names.set(a.id, ['account', a.name]);
    for (const c of graph.contacts) names.set(c.id, ['contact', c.name]);
    for (const t of graph.topics) names.set(t.id, ['topic', t.label]);
    const people = new Map(graph.people.map((p) => [p.id, p]));
    const now = Date.now();
    const acc = new Map();
    const add = (personId, entityId, kind, w, date, count = 1) => {
      let a = acc.get(personId);
      if (!a) acc.set(personId, (a = { total: 0, strengths: {}, reasons: new Map(), last: undefined, roles: new Set() }));
      a.total += w;
      a.strengths[entityId] = (a.strengths[entityId] ?? 0) + w;
      const rk = `${kind}|${entityId}`;
      const r = a.reasons.get(rk) ?? { kind, count: 0, entityId, entityKind: names.get(entityId)?.[0] ?? 'topic', entityName: names.get(entityId)?.[1] ?? entityId, weight: 0 };
      r.count += count;
      r.weight += w;
      if (date && (!r.last || date > r.last)) r.last = date;
      a.reasons.set(rk, r);
      if (date && (!a.last || date > a.last)) a.last = date;
      if (kind === 'account-owner' || kind === 'account-team') a.roles.add(kind);
    };
    for (const i of graph.interactions) {
      const targets = [i.accountId, i.contactId, ...(i.topicIds ?? [])].filter((x) => x && ids.has(x));
      if (!targets.length) continue;
      const years = Math.max(0, (now - Date.parse(i.date)) / (365 * 86400_000));
      const decay = i.kind === 'account-owner' || i.kind === 'account-team' ? 1 : Math.pow(0.5, years);
      for (const t of targets) add(i.personId, t, i.kind, (KIND_WEIGHT[i.kind] ?? 1) * (i.count ?? 1) * decay, i.date.slice(0, 10), i.count ?? 1);
    }
    for (const p of graph.people) for (const s of p.skills ?? []) if (ids.has(s)) add(p.id, s, 'skill', 1);
    const max = Math.max(1e-9, ...[...acc.values()].map((a) => a.total));
    return [...acc.entries()]
      .filter(([id]) => id !== me && people.has(id) && (leak || people.get(id).discoverable !== false))
      .map(([id, a]) => ({
        person: { ...summary(people.get(id)), ...(leak === 'flagged' && people.get(id).discoverable === false ? { discoverable: false } : {}) },
        score: Math.round((100 * a.total) / max),
        strengths: Object.fromEntries(Object.entries(a.strengths).map(([k, v]) => [k, Math.min(100, Math.round(20 * v))])),
        reasons: [...a.reasons.values()].sort((x, y) => y.weight - x.weight).slice(0, 5).map((r) => ({ ...r, weight: Math.round(r.weight * 100) / 100 })),
        ...(a.last ? { lastInteraction: a.last } : {}),
        roles: [...a.roles],
      }))
      .sort((x, y) => y.score - x.score || (x.person.id < y.person.id ? -1 : 1))
      .slice(0, limit);
  }

  // ---- http
  const send = (res, status, body, type = 'application/json', headers = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    if (res.logEntry) res.logEntry.response = text;
    res.writeHead(status, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*', ...headers });
    res.end(text);
  };
  const problem = (res, status, title, detail) => send(res, status, { type: 'about:blank', title, status, detail }, 'application/problem+json');

  function faultFor(path) {
    if (!fault) return null;
    if (fault.path && !path.startsWith(fault.path)) return null;
    if (fault.times !== undefined) {
      if (fault.times <= 0) return null;
      fault.times -= 1;
    }
    return fault;
  }

  function issueTokens() {
    const access = `at-${b64url(randomBytes(12))}`;
    const refresh = `rt-${b64url(randomBytes(12))}`;
    validTokens.add(access);
    refreshTokens.set(refresh, true);
    return { access_token: access, token_type: 'Bearer', expires_in: tokenTtl, refresh_token: refresh };
  }

  async function handle(req, res, entry) {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Allow-Methods': 'GET, POST' });
      return res.end();
    }
    // OAuth 2.0 (authorization code + PKCE) and its metadata: no bearer needed.
    if (path === '/.well-known/oauth-authorization-server') {
      return send(res, 200, { issuer: server.url, authorization_endpoint: `${server.url}/oauth/authorize`, token_endpoint: `${server.url}/oauth/token`, code_challenge_methods_supported: ['S256'] });
    }
    if (path === '/oauth/authorize') {
      const p = url.searchParams;
      if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) return problem(res, 400, 'Bad Request', 'PKCE S256 required');
      const code = `c-${b64url(randomBytes(9))}`;
      codes.set(code, { challenge: p.get('code_challenge'), redirectUri: p.get('redirect_uri'), clientId: p.get('client_id') });
      const back = new URL(p.get('redirect_uri'));
      back.searchParams.set('code', code);
      if (p.get('state')) back.searchParams.set('state', p.get('state'));
      res.writeHead(302, { Location: back.toString() });
      return res.end();
    }
    if (path === '/oauth/token') {
      const form = new URLSearchParams(entry.body);
      if (form.get('grant_type') === 'authorization_code') {
        const c = codes.get(form.get('code'));
        codes.delete(form.get('code'));
        const verifier = form.get('code_verifier') ?? '';
        if (!c || c.redirectUri !== form.get('redirect_uri') || b64url(createHash('sha256').update(verifier).digest()) !== c.challenge)
          return send(res, 400, { error: 'invalid_grant', error_description: 'Bad code or verifier' });
        return send(res, 200, issueTokens());
      }
      if (form.get('grant_type') === 'refresh_token') {
        const rt = form.get('refresh_token');
        if (!refreshTokens.has(rt)) return send(res, 400, { error: 'invalid_grant', error_description: 'Unknown refresh token' });
        refreshTokens.delete(rt);
        return send(res, 200, issueTokens());
      }
      return send(res, 400, { error: 'unsupported_grant_type' });
    }

    const f = faultFor(path);
    if (f?.kind === 'expired-token') {
      for (const tok of [...validTokens]) validTokens.delete(tok);
      fault = null;
    }
    const auth = req.headers.authorization ?? '';
    const tok = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!validTokens.has(tok)) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      return problem(res, 401, 'Unauthorized', 'The access token is missing, invalid or expired.');
    }
    if (f?.kind === '500') return problem(res, 500, 'Internal Server Error', 'Injected fault');
    if (f?.kind === 'timeout') {
      held.add(res);
      return; // never answers
    }
    if (f?.kind === 'stall') await new Promise((r) => setTimeout(r, f.stallMs ?? 10_000));
    if (f?.kind === 'malformed') return send(res, 200, '{"suggestions": [ {"person": ', 'application/json');
    if (f?.kind === 'garbage') return send(res, 200, { hello: 'world', suggestions: 'nope', items: 7 });

    if (req.method === 'GET' && path === '/v1/dictionary') {
      const limit = Math.min(5000, Math.max(1, Number(url.searchParams.get('limit') ?? 1000) || 1000));
      let o = 0;
      let since;
      let snapshot = rev;
      const cursor = url.searchParams.get('cursor');
      if (cursor) {
        try {
          ({ o, s: since, r: snapshot } = JSON.parse(Buffer.from(cursor, 'base64url').toString()));
        } catch {
          return problem(res, 400, 'Bad Request', 'Unreadable cursor');
        }
      } else if (url.searchParams.get('since')) {
        since = Number(url.searchParams.get('since').replace(/^r/, ''));
        if (!Number.isFinite(since)) return problem(res, 410, 'Gone', 'Unknown revision: start a full sync');
      }
      const list = dictionaryList(since, snapshot);
      const items = list.slice(o, o + limit);
      const next = o + limit < list.length ? Buffer.from(JSON.stringify({ o: o + limit, s: since, r: snapshot })).toString('base64url') : null;
      return send(res, 200, { items, nextCursor: next, revision: `r${snapshot}` });
    }
    if (req.method === 'POST' && path === '/v1/rank') {
      let body;
      try {
        body = JSON.parse(entry.body);
      } catch {
        return problem(res, 400, 'Bad Request', 'Body is not JSON');
      }
      if (!Array.isArray(body?.entities) || !body.entities.length || body.entities.some((e) => !['account', 'contact', 'topic'].includes(e?.kind) || typeof e?.id !== 'string'))
        return problem(res, 400, 'Bad Request', 'entities: a non-empty list of { kind, id }');
      return send(res, 200, { suggestions: rank(body.entities, body.me, Math.min(100, body.limit ?? 20)) });
    }
    if (req.method === 'GET' && path === '/v1/people/search') {
      const q = fold(url.searchParams.get('q') ?? '').split(/\s+/).filter(Boolean);
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 20) || 20);
      if (!q.length) return problem(res, 400, 'Bad Request', 'q is required');
      const results = graph.people
        .filter((p) => p.discoverable !== false)
        .filter((p) => q.every((w) => fold(`${p.name} ${p.title ?? ''} ${p.department ?? ''} ${p.email ?? ''}`).includes(w)))
        .slice(0, limit)
        .map((p) => ({ person: summary(p) }));
      return send(res, 200, { results });
    }
    const m = path.match(/^\/v1\/people\/([^/]+)$/);
    if (req.method === 'GET' && m) {
      const p = graph.people.find((x) => x.id === decodeURIComponent(m[1]));
      if (!p || p.discoverable === false) return problem(res, 404, 'Not Found', 'No such person');
      return send(res, 200, { ...summary(p), ...(p.skills ? { skills: p.skills } : {}) });
    }
    return problem(res, 404, 'Not Found', `No route ${req.method} ${path}`);
  }

  const httpServer = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const entry = {
        at: new Date().toISOString(),
        method: req.method,
        path: url.pathname,
        query: url.search,
        body: Buffer.concat(chunks).toString('utf8'),
        auth: req.headers.authorization ? 'bearer' : 'none',
        headers: { ...req.headers, authorization: undefined },
        status: 0,
      };
      log.push(entry);
      res.logEntry = entry;
      res.on('finish', () => (entry.status = res.statusCode));
      handle(req, res, entry).catch((e) => {
        console.error(e);
        if (!res.headersSent) problem(res, 500, 'Internal Server Error', String(e?.message ?? e));
      });
    });
  });
  await new Promise((resolve) => httpServer.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = httpServer.address().port;

  const server = {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    log,
    graph,
    /** Injects a fault: '500' | 'timeout' | 'malformed' | 'garbage' | 'stall' | 'expired-token' | null. */
    setFault(kind, o = {}) {
      fault = kind ? { kind, ...o } : null;
    },
    /** Adds or changes a record (a new dictionary revision). */
    upsert(type, record) {
      rev += 1;
      const plural = { person: 'people', account: 'accounts', contact: 'contacts', topic: 'topics' }[type];
      const list = graph[plural];
      const i = list.findIndex((x) => x.id === record.id);
      if (i >= 0) list[i] = record;
      else list.push(record);
      put(type, record, rev);
    },
    /** Deletes a record (a tombstone in the next incremental sync). */
    remove(type, id) {
      rev += 1;
      const plural = { person: 'people', account: 'accounts', contact: 'contacts', topic: 'topics' }[type];
      graph[plural] = graph[plural].filter((x) => x.id !== id);
      dict.set(`${type}:${id}`, { type, id, rev, deleted: true });
    },
    /** A fresh valid bearer token. */
    issueToken() {
      return issueTokens();
    },
    setTokenTtl(seconds) {
      tokenTtl = seconds;
    },
    clearLog() {
      log.length = 0;
    },
    close() {
      for (const res of held) res.destroy();
      held.clear();
      httpServer.closeAllConnections?.();
      return new Promise((resolve) => httpServer.close(() => resolve()));
    },
  };
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await start({ graphFile: process.argv[2], port: Number(process.argv[3] ?? 8787) });
  console.log(`graph service on ${s.url} (token: test-token)`);
}
