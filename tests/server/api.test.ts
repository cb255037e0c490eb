/**
 * The HTTP API (server/app.ts) as a client sees it: auth (static tokens and
 * OIDC tokens from a local issuer), answers checked against the contract's
 * zod schemas, 4xx for every bad request, visibility enforced, the dictionary
 * with cursors and tombstones, the audit, the admin import, the rate limit
 * and logs without search text. PGlite here; PostgreSQL in `npm test`'s
 * server step.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, GraphState } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { Database } from '../../server/db/database';
import { importFiles } from '../../server/graph/ingest';
import { DictionaryPageSchema, LookupsResponseSchema, PersonSchema, RankResponseSchema, SearchResponseSchema } from '../../utils/contract/graph-api';
import { startIssuer, type Issuer } from '../servers/oidc-issuer';
import { driver, testDatabase } from './support';

const HEADER = '{"format":"kenner-graph","version":1}';
const GRAPH = [
  HEADER,
  '{"type":"person","id":"p-ada","name":"Ada Lind","email":"ada@corp.example","country":"CH"}',
  '{"type":"person","id":"p-bo","name":"Bo Ek","email":"bo@corp.example","country":"DE"}',
  '{"type":"person","id":"p-cy","name":"Cy Holm","email":"cy@corp.example","country":"DE","skills":["t-s4"]}',
  '{"type":"person","id":"p-hid","name":"Hidden Person","email":"hid@corp.example","country":"DE","discoverable":false}',
  '{"type":"topic","id":"t-s4","label":"S/4HANA migration","aliases":["S/4HANA"]}',
  '{"type":"account","id":"a-nord","name":"Nordlicht Logistik GmbH","domains":["nordlicht.example"]}',
  '{"type":"account","id":"a-hav","name":"Havbryggen Shipping A/S"}',
  '{"type":"contact","id":"c-eva","name":"Eva Nord","email":"eva@nordlicht.example","accountId":"a-nord"}',
  '{"type":"interaction","personId":"p-ada","kind":"deal-won","date":"2026-05-01","accountId":"a-nord","topicIds":["t-s4"]}',
  '{"type":"interaction","personId":"p-bo","kind":"meeting","date":"2026-06-01","contactId":"c-eva"}',
  '{"type":"interaction","personId":"p-hid","kind":"deal-won","date":"2026-06-01","accountId":"a-nord","count":9}',
  '{"type":"interaction","personId":"p-cy","kind":"case-resolved","date":"2026-04-01","topicIds":["t-s4"]}',
  '{"type":"interaction","personId":"p-bo","kind":"email","date":"2026-04-01","accountId":"a-hav"}',
].join('\n');

const file = (name: string, body: string) => ({
  name,
  chunks: (async function* () {
    yield body;
  })(),
});

const TOKENS = { 'static-token-bo-0123456789': 'bo@corp.example', 'static-token-ada-0123456789': 'ada@corp.example', 'static-token-cy-0123456789': 'cy@corp.example', 'static-token-admin-012345': 'admin@corp.example' };
const BO = { authorization: 'Bearer static-token-bo-0123456789' };
const ADA = { authorization: 'Bearer static-token-ada-0123456789' };
const CY = { authorization: 'Bearer static-token-cy-0123456789' };
const ADMIN = { authorization: 'Bearer static-token-admin-012345' };
const AUDIENCE = 'api://kenner-test';

describe(`company graph service API (${driver})`, () => {
  let d: Database;
  let app: FastifyInstance;
  let issuer: Issuer;
  const logs: string[] = [];
  let dir: string;

  async function makeApp(env: Record<string, string> = {}) {
    const config = loadConfig({
      KENNER_STATIC_TOKENS: join(dir, 'tokens.json'),
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: AUDIENCE,
      KENNER_ADMINS: 'admin@corp.example',
      KENNER_AUDITORS: 'admin@corp.example',
      KENNER_VISIBILITY: join(dir, 'visibility.json'),
      LOG_LEVEL: 'info',
      ...env,
    });
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        logs.push(chunk.toString());
        cb();
      },
    });
    const a = await buildApp({ config, database: d, logger: { stream }, now: () => Date.parse('2026-07-01T12:00:00Z') });
    await a.ready();
    return a;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kenner-api-'));
    writeFileSync(join(dir, 'tokens.json'), JSON.stringify(TOKENS));
    writeFileSync(join(dir, 'visibility.json'), JSON.stringify({ field: 'country', closed: ['CH'] }));
    issuer = await startIssuer(AUDIENCE);
    d = await testDatabase();
    const r = await importFiles(d.db, [file('graph.ndjson', GRAPH)], { refTime: Date.parse('2026-07-01') });
    expect(r.ok).toBe(true);
    app = await makeApp();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await d?.close();
    await issuer?.close();
  });

  const rank = (headers: Record<string, string>, body: unknown) => app.inject({ method: 'POST', url: '/v1/rank', headers, payload: body as object });

  describe('who is asking', () => {
    it('answers /healthz without a token, and nothing under /v1 without one', async () => {
      expect((await app.inject('/healthz')).statusCode).toBe(200);
      const r = await rank({}, { entities: [{ kind: 'account', id: 'a-nord' }] });
      expect(r.statusCode).toBe(401);
      expect(r.headers['www-authenticate']).toContain('Bearer');
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json<{ status: number; detail: string }>()).toMatchObject({ status: 401 });
      expect(r.json<{ detail: string }>().detail).toContain('No access token');
    });

    it('accepts an OIDC access token signed by the issuer for this audience, and knows the viewer by its email', async () => {
      const token = await issuer.sign({ email: 'Bo@Corp.example', sub: 'u-1' });
      const r = await rank({ authorization: `Bearer ${token}` }, { entities: [{ kind: 'account', id: 'a-hav' }] });
      expect(r.statusCode).toBe(200);
      // Bo is the only one with evidence on Havbryggen, and he is asking: he is never suggested to himself.
      expect(RankResponseSchema.parse(r.json()).suggestions).toEqual([]);
    });

    it.each([
      ['expired', { expiresIn: -60 }, 'expired'],
      ['signed by another key', { wrongKey: true }, 'refused'],
      ['for another audience', { audience: 'api://other' }, 'not for this service'],
      ['from another issuer', { issuer: 'https://evil.example' }, 'not for this service'],
    ])('refuses a token %s with 401', async (_what, opts, words) => {
      const token = await issuer.sign({ email: 'bo@corp.example' }, opts);
      const r = await rank({ authorization: `Bearer ${token}` }, { entities: [{ kind: 'account', id: 'a-nord' }] });
      expect(r.statusCode).toBe(401);
      expect(r.json<{ detail: string }>().detail).toContain(words);
    });

    it('refuses an unknown static token and a malformed header with 401', async () => {
      expect((await rank({ authorization: 'Bearer static-token-nobody-000000' }, { entities: [{ kind: 'account', id: 'a-nord' }] })).statusCode).toBe(401);
      expect((await rank({ authorization: 'Basic Ym86cHc=' }, { entities: [{ kind: 'account', id: 'a-nord' }] })).statusCode).toBe(401);
    });
  });

  describe('answers, in the contract', () => {
    it('ranks colleagues for a page, never a non-discoverable one, never one outside the viewer\'s scope', async () => {
      const r = await rank(BO, { entities: [{ kind: 'account', id: 'a-nord', focal: true }, { kind: 'topic', id: 't-s4' }] });
      expect(r.statusCode).toBe(200);
      const ids = RankResponseSchema.parse(r.json()).suggestions.map((s) => s.person.id);
      // Ada (CH, closed scope) is hidden from Bo (DE); the hidden person never leaves the database; Bo is the viewer.
      expect(ids).toEqual(['p-cy']);
      const asAda = RankResponseSchema.parse((await rank(ADA, { entities: [{ kind: 'account', id: 'a-nord', focal: true }] })).json());
      // Ada sees Bo (through his contact Eva, counted for the account), not herself, not the hidden person.
      expect(asAda.suggestions.map((s) => s.person.id)).toEqual(['p-bo']);
      expect(JSON.stringify(asAda)).not.toContain('p-hid');
    });

    it('a read of the graph state that began before an invalidation (an opt-out) is not kept: its key is one no cache holds', async () => {
      const state = new GraphState(d);
      const before = (await state.graph())!;
      const kept = state.rankKey(before);
      state.invalidate();
      const reading = state.graph(); // begun now; the opt-out below lands while it reads
      state.invalidate();
      const graph = await reading;
      expect(graph?.revision).toBe(before.revision);
      expect(state.rankKey(graph)).not.toBe(kept);
      // The next read is kept again.
      const again = await state.graph();
      expect(state.rankKey(again)).toBe(state.rankKey(await state.graph()));
    });

    it('keeps what each scope may see apart: after a viewer who may see Ada, one who may not still does not get her; an opt-out counts at once', async () => {
      const page = { entities: [{ kind: 'account', id: 'a-nord', focal: true }, { kind: 'topic', id: 't-s4' }] };
      // A service of its own: its caches start empty, whatever the tests before asked.
      const fresh = await makeApp();
      const rank = (headers: Record<string, string>, body: unknown) => fresh.inject({ method: 'POST', url: '/v1/rank', headers, payload: body as object });
      // Ada (CH) asks first, so her scope's cache holds her record; Cy and Bo (DE) read through their own scope's query.
      const asAda = RankResponseSchema.parse((await rank(ADA, page)).json()).suggestions.map((s) => s.person.id);
      expect(asAda).toContain('p-cy');
      const asCy = RankResponseSchema.parse((await rank(CY, page)).json()).suggestions.map((s) => s.person.id);
      expect(asCy).toContain('p-bo');
      expect(asCy).not.toContain('p-ada');
      expect(RankResponseSchema.parse((await rank(BO, page)).json()).suggestions.map((s) => s.person.id)).toEqual(['p-cy']);
      expect((await fresh.inject({ method: 'POST', url: '/v1/me/preferences', headers: CY, payload: { consent: 'out' } })).statusCode).toBe(200);
      try {
        expect(RankResponseSchema.parse((await rank(BO, page)).json()).suggestions).toEqual([]);
        expect(RankResponseSchema.parse((await rank(ADA, page)).json()).suggestions.map((s) => s.person.id)).not.toContain('p-cy');
      } finally {
        expect((await fresh.inject({ method: 'POST', url: '/v1/me/preferences', headers: CY, payload: {} })).statusCode).toBe(200);
      }
      expect(RankResponseSchema.parse((await rank(BO, page)).json()).suggestions.map((s) => s.person.id)).toEqual(['p-cy']);
      await fresh.close();
    });

    it('searches people by name and by "who knows", within the viewer\'s scope', async () => {
      const byName = SearchResponseSchema.parse((await app.inject({ url: '/v1/people/search?q=holm', headers: BO })).json());
      expect(byName.results.map((h) => h.person.id)).toEqual(['p-cy']);
      const ada = SearchResponseSchema.parse((await app.inject({ url: '/v1/people/search?q=ada', headers: BO })).json());
      expect(ada.results).toEqual([]);
      const who = SearchResponseSchema.parse((await app.inject({ url: `/v1/people/search?q=${encodeURIComponent('who knows S/4HANA')}`, headers: ADA })).json());
      expect(who.results.map((h) => h.person.id)).toEqual(['p-cy']);
      expect(who.results[0].suggestion?.reasons.length).toBeGreaterThan(0);
      const hidden = SearchResponseSchema.parse((await app.inject({ url: '/v1/people/search?q=hidden', headers: ADA })).json());
      expect(hidden.results).toEqual([]);
    });

    it('gives one person, and 404 for one the viewer may not see, exactly as for one that does not exist', async () => {
      const cy = await app.inject({ url: '/v1/people/p-cy', headers: BO });
      expect(PersonSchema.parse(cy.json())).toMatchObject({ id: 'p-cy', skills: ['t-s4'] });
      expect(cy.json()).not.toHaveProperty('discoverable');
      const hid = await app.inject({ url: '/v1/people/p-hid', headers: BO });
      const ada = await app.inject({ url: '/v1/people/p-ada', headers: BO });
      const none = await app.inject({ url: '/v1/people/p-none', headers: BO });
      expect([hid.statusCode, ada.statusCode, none.statusCode]).toEqual([404, 404, 404]);
      expect(hid.json()).toEqual(none.json());
    });
  });

  describe('the dictionary', () => {
    async function fullSync(headers: Record<string, string>, limit: number) {
      const items: Array<Record<string, unknown>> = [];
      let cursor: string | null = null;
      let revision = '';
      let pages = 0;
      do {
        const r = await app.inject({ url: `/v1/dictionary?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, headers });
        expect(r.statusCode).toBe(200);
        const page = DictionaryPageSchema.parse(r.json());
        items.push(...(page.items as Array<Record<string, unknown>>));
        ({ nextCursor: cursor, revision } = page);
        pages++;
      } while (cursor);
      return { items, revision, pages };
    }

    it('pages through everything, records before the records that refer to them, without the people the viewer may not see', async () => {
      const { items, pages } = await fullSync(BO, 2);
      expect(pages).toBeGreaterThan(3);
      const key = items.map((i) => `${String(i.type)}:${String(i.id ?? i.domain)}`);
      expect(key.indexOf('account:a-nord')).toBeLessThan(key.indexOf('contact:c-eva'));
      expect(key).toContain('person:p-cy');
      expect(key).not.toContain('person:p-hid');
      expect(key).not.toContain('person:p-ada');
      expect(key).toContain('domain:corp.example');
    });

    it('after an import that drops an account, the next incremental sync has its tombstone, and then nothing', async () => {
      const before = await fullSync(BO, 100);
      const r = await importFiles(d.db, [file('graph.ndjson', GRAPH.split('\n').filter((l) => !l.includes('a-hav')).join('\n'))], { refTime: Date.parse('2026-07-01') });
      expect(r.ok).toBe(true);
      const inc = DictionaryPageSchema.parse((await app.inject({ url: `/v1/dictionary?since=${before.revision}`, headers: BO })).json());
      expect(inc.items).toEqual([{ type: 'account', id: 'a-hav', deleted: true }]);
      const again = DictionaryPageSchema.parse((await app.inject({ url: `/v1/dictionary?since=${inc.revision}`, headers: BO })).json());
      expect(again.items).toEqual([]);
      await importFiles(d.db, [file('graph.ndjson', GRAPH)], { refTime: Date.parse('2026-07-01') });
    });

    it('reads the next page ahead per visibility scope: two scopes syncing side by side each get their own colleagues', async () => {
      const page = async (headers: Record<string, string>, cursor: string | null) =>
        DictionaryPageSchema.parse((await app.inject({ url: `/v1/dictionary?limit=1${cursor ? `&cursor=${cursor}` : ''}`, headers })).json());
      const seen = { bo: [] as string[], ada: [] as string[] };
      let [bo, ada]: Array<string | null | undefined> = [undefined, undefined];
      // Page by page in turn: the same cursors, read ahead for both scopes at once.
      while (bo !== null || ada !== null) {
        if (bo !== null) {
          const p = await page(BO, bo ?? null);
          seen.bo.push(...p.items.map((i) => `${i.type}:${'id' in i ? i.id : ''}`));
          bo = p.nextCursor;
        }
        if (ada !== null) {
          const p = await page(ADA, ada ?? null);
          seen.ada.push(...p.items.map((i) => `${i.type}:${'id' in i ? i.id : ''}`));
          ada = p.nextCursor;
        }
      }
      expect(seen.bo).not.toContain('person:p-ada');
      expect(seen.ada).toContain('person:p-ada');
      expect(seen.bo).toContain('person:p-cy');
      expect(seen.bo.filter((k) => !k.startsWith('person:'))).toEqual(seen.ada.filter((k) => !k.startsWith('person:')));
    });

    it('a colleague who opts out during a sync is not on the pages after (the page read ahead is not given)', async () => {
      const next = async (cursor: string | null) => {
        const p = DictionaryPageSchema.parse((await app.inject({ url: `/v1/dictionary?limit=1${cursor ? `&cursor=${cursor}` : ''}`, headers: BO })).json());
        return { keys: p.items.map((i) => `${i.type}:${'id' in i ? i.id : ''}`), cursor: p.nextCursor };
      };
      // Up to Bo's own item: the page read ahead then holds Cy, the next colleague by id.
      let page = await next(null);
      while (!page.keys.includes('person:p-bo')) page = await next(page.cursor);
      expect((await app.inject({ method: 'POST', url: '/v1/me/preferences', headers: CY, payload: { consent: 'out' } })).statusCode).toBe(200);
      try {
        const keys: string[] = [];
        while (page.cursor) {
          page = await next(page.cursor);
          keys.push(...page.keys);
        }
        expect(keys).toContain('domain:');
        expect(keys).not.toContain('person:p-cy');
      } finally {
        expect((await app.inject({ method: 'POST', url: '/v1/me/preferences', headers: CY, payload: {} })).statusCode).toBe(200);
      }
    });

    it('a revision or cursor from another database is gone (410); a made-up one is a bad request (400)', async () => {
      const other = await app.inject({ url: `/v1/dictionary?since=${'0'.repeat(32)}.5`, headers: BO });
      expect(other.statusCode).toBe(410);
      expect((await app.inject({ url: '/v1/dictionary?since=yesterday', headers: BO })).statusCode).toBe(400);
      expect((await app.inject({ url: '/v1/dictionary?cursor=bm90IGEgY3Vyc29y', headers: BO })).statusCode).toBe(400);
    });
  });

  describe('bad requests get a 4xx and a problem, never a 500', () => {
    const big = { entities: Array.from({ length: 3000 }, (_, i) => ({ kind: 'account', id: `a-${i}-${'x'.repeat(20)}` })) };
    it.each([
      ['malformed JSON', { method: 'POST', url: '/v1/rank', payload: '{"entities": [', headers: { ...BO, 'content-type': 'application/json' } }, 400],
      ['no body', { method: 'POST', url: '/v1/rank', headers: BO }, 400],
      ['no entities', { method: 'POST', url: '/v1/rank', payload: { entities: [] }, headers: BO }, 400],
      ['an unknown kind', { method: 'POST', url: '/v1/rank', payload: { entities: [{ kind: 'person', id: 'p-bo' }] }, headers: BO }, 400],
      ['a limit out of range', { method: 'POST', url: '/v1/rank', payload: { entities: [{ kind: 'account', id: 'a' }], limit: 0 }, headers: BO }, 400],
      ['an unknown field', { method: 'POST', url: '/v1/rank', payload: { entities: [{ kind: 'account', id: 'a' }], pageText: 'x' }, headers: BO }, 400],
      ['an oversized body', { method: 'POST', url: '/v1/rank', payload: big, headers: BO }, 413],
      ['text instead of JSON', { method: 'POST', url: '/v1/rank', payload: 'hello', headers: { ...BO, 'content-type': 'text/plain' } }, 415],
      ['a dictionary limit of 0', { url: '/v1/dictionary?limit=0', headers: BO }, 400],
      ['a dictionary limit that is not a number', { url: '/v1/dictionary?limit=many', headers: BO }, 400],
      ['a search without q', { url: '/v1/people/search', headers: BO }, 400],
      ['a search of 201 characters', { url: `/v1/people/search?q=${'a'.repeat(201)}`, headers: BO }, 400],
      ['a person id of 300 characters', { url: `/v1/people/${'p'.repeat(300)}`, headers: BO }, 400],
      ['an unknown path', { url: '/v1/nothing', headers: BO }, 404],
      ['an unknown method', { method: 'PUT', url: '/v1/rank', payload: {}, headers: BO }, 404],
      ['an import by someone who is not an administrator', { method: 'POST', url: '/v1/admin/import', payload: 'x', headers: { ...BO, 'content-type': 'application/x-ndjson' } }, 403],
      ['an audit export by someone who is not an auditor', { url: '/v1/admin/audit', headers: BO }, 403],
      ['a transparency document for someone who is not an auditor', { url: '/v1/admin/transparency?doc=notice', headers: BO }, 403],
      ['a transparency document that does not exist', { url: '/v1/admin/transparency?doc=nothing', headers: ADMIN }, 400],
    ] as const)('%s', async (_what, req, status) => {
      const r = await app.inject(req as never);
      expect(r.statusCode).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      const p = r.json<{ status: number; title: unknown; detail: unknown }>();
      expect(p.status).toBe(status);
      expect([typeof p.title, typeof p.detail]).toEqual(['string', 'string']);
    });
  });

  describe('the audit and the colleague\'s own counts', () => {
    it('records ids and sizes, never search text; a colleague reads how often they were shown, not by whom', async () => {
      await app.inject({ url: '/v1/people/search?q=SECRETWORD%20holm', headers: BO });
      await rank(BO, { entities: [{ kind: 'topic', id: 't-s4' }] });
      const own = LookupsResponseSchema.parse((await app.inject({ url: '/v1/me/lookups', headers: { authorization: `Bearer ${await issuer.sign({ email: 'cy@corp.example' })}` } })).json());
      expect(own.months.reduce((s, m) => s + m.count, 0)).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(own)).not.toContain('bo@corp.example');
      const exp = await app.inject({ url: '/v1/admin/audit', headers: ADMIN });
      expect(exp.statusCode).toBe(200);
      const lines = exp.body.trim().split('\n').map((l) => JSON.parse(l) as { viewer: string; action: string; entity_ids: string[] });
      expect(lines.some((l) => l.action === 'rank' && l.viewer === 'bo@corp.example' && l.entity_ids.includes('t-s4'))).toBe(true);
      expect(exp.body).not.toContain('SECRETWORD');
      // Nor do the logs hold the search text or any query string.
      const all = logs.join('');
      expect(all).toContain('/v1/people/search');
      expect(all).not.toContain('SECRETWORD');
      expect(all).not.toContain('static-token-');
    });
  });

  describe('works-council mode and the transparency pack', () => {
    it('writes the pack from the live configuration, as Markdown and PDF, for auditors', async () => {
      const md = await app.inject({ url: '/v1/admin/transparency?doc=processing&lang=de&format=md', headers: ADMIN });
      expect(md.statusCode).toBe(200);
      expect(md.headers['content-type']).toContain('text/markdown');
      expect(md.headers['content-disposition']).toContain('kenner-processing-de.md');
      expect(md.body).toContain('# Beschreibung der Verarbeitung');
      expect(md.body).toContain('90 Tage');
      expect(md.body).toContain('Betriebsratsmodus ist **aus**');
      const pdf = await app.inject({ url: '/v1/admin/transparency?doc=notice&lang=da&format=pdf', headers: ADMIN });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // Another configuration, another document.
      const wc = await makeApp({ KENNER_WORKS_COUNCIL: 'on', KENNER_WC_RETENTION_DAYS: '30', KENNER_WC_LOOK_BACK_MONTHS: '24' });
      try {
        const on = await wc.inject({ url: '/v1/admin/transparency?doc=processing&lang=de&format=md', headers: ADMIN });
        expect(on.body).toContain('Betriebsratsmodus ist **ein**');
        expect(on.body).toContain('30 Tage');
        expect(on.body).not.toContain('90 Tage');
        expect(on.body).toContain('älter als 24 Monate');
      } finally {
        await wc.close();
      }
    });

    it('in works-council mode the audit export names nobody', async () => {
      const wc = await makeApp({ KENNER_WORKS_COUNCIL: 'on' });
      try {
        await wc.inject({ method: 'POST', url: '/v1/rank', headers: BO, payload: { entities: [{ kind: 'topic', id: 't-s4' }] } });
        const exp = await wc.inject({ url: '/v1/admin/audit', headers: ADMIN });
        expect(exp.statusCode).toBe(200);
        const lines = exp.body.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(lines.some((l) => l.action === 'rank' && (l.entity_ids as string[]).includes('t-s4'))).toBe(true);
        for (const l of lines) expect(Object.keys(l).sort()).toEqual(['action', 'at', 'entity_ids', 'results']);
        expect(exp.body).not.toContain('bo@corp.example');
        expect(exp.body).not.toContain('p-bo');
      } finally {
        await wc.close();
      }
    });
  });

  describe('the admin import', () => {
    it('refuses a broken file with the file, line and field, and changes nothing; takes a good one', async () => {
      const broken = `${HEADER}\n{"type":"account","id":"a-x","name":""}\n`;
      const r = await app.inject({ method: 'POST', url: '/v1/admin/import?name=accounts.ndjson', payload: broken, headers: { ...ADMIN, 'content-type': 'application/x-ndjson' } });
      expect(r.statusCode).toBe(422);
      expect(r.json<{ errors: unknown[] }>().errors[0]).toMatchObject({ file: 'accounts.ndjson', line: 2, field: 'name', code: 'missing' });
      const still = RankResponseSchema.parse((await rank(ADA, { entities: [{ kind: 'account', id: 'a-nord', focal: true }] })).json());
      expect(still.suggestions.map((s) => s.person.id)).toEqual(['p-bo']);
      const good = await app.inject({ method: 'POST', url: '/v1/admin/import?mode=merge&name=more.ndjson', payload: `${HEADER}\n{"type":"account","id":"a-new","name":"Solvik AB"}\n`, headers: { ...ADMIN, 'content-type': 'application/x-ndjson' } });
      expect(good.statusCode).toBe(200);
      expect(good.json()).toMatchObject({ ok: true, counts: { accounts: 3 } });
    });
  });

  it('implements every path of docs/graph-api.yaml (each answers, none is missing)', async () => {
    const spec = yaml.load(readFileSync('docs/graph-api.yaml', 'utf8')) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const paths = Object.entries(spec.paths);
    expect(paths.length).toBeGreaterThanOrEqual(10);
    for (const [p, methods] of paths) {
      for (const [method, op] of Object.entries(methods)) {
        const url = p.replace('{id}', 'p-cy');
        const open = await app.inject({ method: method.toUpperCase() as 'GET', url });
        // Without a token: 401 where the spec asks for one, an answer where it does not; never 404.
        expect([url, open.statusCode]).toEqual([url, op.security && !op.security.length ? 200 : 401]);
      }
    }
  });

  it('limits each viewer to KENNER_RATE_LIMIT requests a minute (429), others unaffected', async () => {
    const limited = await makeApp({ KENNER_RATE_LIMIT: '3' });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.inject({ url: '/v1/people/p-cy', headers: BO })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      expect((await limited.inject({ url: '/v1/people/p-cy', headers: ADA })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
