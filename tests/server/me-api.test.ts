/**
 * The colleague's own view on the company graph service (issue 15): GET
 * /v1/me/profile, POST /v1/me/preferences, GET /v1/recurring, and each
 * preference honoured by rank, search, people and the dictionary. Answers are
 * checked against the contract's zod schemas.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { Database } from '../../server/db/database';
import { importFiles } from '../../server/graph/ingest';
import { DictionaryPageSchema, OwnProfileSchema, PersonSchema, RankResponseSchema, RecurringResponseSchema, SearchResponseSchema } from '../../utils/contract/graph-api';
import { driver, testDatabase } from './support';

const cases = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6'].flatMap((a, i) => [
  `{"type":"account","id":"${a}","name":"Customer ${i + 1} AB"}`,
  `{"type":"interaction","personId":"p-cy","kind":"${i < 4 ? 'case-resolved' : 'case-open'}","date":"2026-06-${10 + i}","accountId":"${a}","topicIds":["t-edi"]}`,
]);
const GRAPH = [
  '{"format":"kenner-graph","version":1}',
  '{"type":"person","id":"p-ada","name":"Ada Lind","email":"ada@corp.example"}',
  '{"type":"person","id":"p-bo","name":"Bo Ek","email":"bo@corp.example"}',
  '{"type":"person","id":"p-cy","name":"Cy Holm","email":"cy@corp.example"}',
  '{"type":"topic","id":"t-s4","label":"S/4HANA migration"}',
  '{"type":"topic","id":"t-edi","label":"EDI integration"}',
  '{"type":"account","id":"a-nord","name":"Nordlicht Logistik GmbH"}',
  '{"type":"account","id":"a-hav","name":"Havbryggen Shipping A/S"}',
  ...cases,
  '{"type":"interaction","personId":"p-ada","kind":"deal-won","date":"2026-05-01","accountId":"a-nord","topicIds":["t-s4"],"source":"salesforce"}',
  '{"type":"interaction","personId":"p-ada","kind":"meeting","date":"2026-06-01","accountId":"a-hav"}',
  '{"type":"interaction","personId":"p-cy","kind":"meeting","date":"2026-03-01","accountId":"a-nord"}',
  '{"type":"interaction","personId":"p-cy","kind":"meeting","date":"2026-03-01","accountId":"a-hav"}',
].join('\n');

const TOKENS = { 'token-ada-0123456789abcdef': 'ada@corp.example', 'token-bo-0123456789abcdef': 'bo@corp.example', 'token-ext-0123456789abcdef': 'guest@elsewhere.example' };
const ADA = { authorization: 'Bearer token-ada-0123456789abcdef' };
const BO = { authorization: 'Bearer token-bo-0123456789abcdef' };
const GUEST = { authorization: 'Bearer token-ext-0123456789abcdef' };
const NOW = Date.parse('2026-07-01T12:00:00Z');

describe(`the colleague's own view on the service (${driver})`, () => {
  let d: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenner-me-'));
    writeFileSync(join(dir, 'tokens.json'), JSON.stringify(TOKENS));
    d = await testDatabase();
    const file = { name: 'graph.ndjson', chunks: (async function* () { yield GRAPH; })() };
    expect((await importFiles(d.db, [file], { refTime: Date.parse('2026-07-01') })).ok).toBe(true);
    app = await buildApp({ config: loadConfig({ KENNER_STATIC_TOKENS: join(dir, 'tokens.json'), LOG_LEVEL: 'error' }), database: d, logger: false, now: () => NOW });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  const rank = async (headers: Record<string, string>, kind: string, id: string) =>
    RankResponseSchema.parse((await app.inject({ method: 'POST', url: '/v1/rank', headers, payload: { entities: [{ kind, id, focal: true }] } })).json()).suggestions;
  const setPrefs = (headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url: '/v1/me/preferences', headers, payload });
  const profile = async (headers: Record<string, string>) => OwnProfileSchema.parse((await app.inject({ url: '/v1/me/profile', headers })).json());

  it('shows the viewer where they are suggested, with the evidence and their place', async () => {
    const p = await profile(ADA);
    expect(p.person?.id).toBe('p-ada');
    const nord = p.entries.find((e) => e.entity.id === 'a-nord')!;
    expect(nord.suggestion?.person.id).toBe('p-ada');
    expect(nord.position).toBe(1);
    expect(nord.evidence).toEqual([{ kind: 'deal-won', count: 1, last: '2026-05-01' }]);
    expect(p.entries.map((e) => e.entity.id).sort()).toEqual(['a-hav', 'a-nord', 't-s4']);
    // Only the viewer's own suggestions: nobody else's.
    expect(p.entries.every((e) => !e.suggestion || e.suggestion.person.id === 'p-ada')).toBe(true);
    // A viewer who is no colleague of the graph gets an empty view, and may set nothing.
    expect((await profile(GUEST)).entries).toEqual([]);
    expect((await setPrefs(GUEST, { consent: 'out' })).statusCode).toBe(403);
  });

  it('"hide me for this customer": gone for that customer, still there for others', async () => {
    expect((await rank(BO, 'account', 'a-nord')).map((s) => s.person.id)).toContain('p-ada');
    expect((await setPrefs(ADA, { hidden: ['a-nord'] })).json()).toEqual({ hidden: ['a-nord'] });
    expect((await rank(BO, 'account', 'a-nord')).map((s) => s.person.id)).toEqual(['p-cy']);
    expect((await rank(BO, 'account', 'a-hav')).map((s) => s.person.id)).toContain('p-ada');
    expect((await profile(ADA)).entries.find((e) => e.entity.id === 'a-nord')).toMatchObject({ hidden: true });
    await setPrefs(ADA, {});
  });

  it('"away until": shown to others as away and lower, never as a reason', async () => {
    const before = (await rank(BO, 'account', 'a-hav')).find((s) => s.person.id === 'p-ada')!;
    await setPrefs(ADA, { awayUntil: '2026-07-20' });
    const after = (await rank(BO, 'account', 'a-hav')).find((s) => s.person.id === 'p-ada')!;
    expect(after.person.awayUntil).toBe('2026-07-20');
    expect(after.score).toBeLessThan(before.score);
    expect(after.reasons).toEqual(before.reasons);
    expect(PersonSchema.parse((await app.inject({ url: '/v1/people/p-ada', headers: BO })).json()).awayUntil).toBe('2026-07-20');
    await setPrefs(ADA, {});
  });

  it('"ask me about": suggested for the topic as claimed', async () => {
    expect((await rank(ADA, 'topic', 't-edi')).map((s) => s.person.id)).not.toContain('p-bo');
    await setPrefs(BO, { askMeAbout: ['t-edi'] });
    const bo = (await rank(ADA, 'topic', 't-edi')).find((s) => s.person.id === 'p-bo');
    expect(bo?.reasons).toEqual([expect.objectContaining({ kind: 'skill', entityId: 't-edi', claimed: true })]);
    await setPrefs(BO, {});
  });

  it('"don\'t suggest me": in no rank, search, person or dictionary answer', async () => {
    await setPrefs(ADA, { consent: 'out' });
    expect((await rank(BO, 'account', 'a-nord')).map((s) => s.person.id)).not.toContain('p-ada');
    expect(SearchResponseSchema.parse((await app.inject({ url: '/v1/people/search?q=Ada', headers: BO })).json()).results).toEqual([]);
    expect((await app.inject({ url: '/v1/people/p-ada', headers: BO })).statusCode).toBe(404);
    const dict = DictionaryPageSchema.parse((await app.inject({ url: '/v1/dictionary?limit=5000', headers: BO })).json());
    expect(dict.items.some((i) => i.type === 'person' && 'id' in i && i.id === 'p-ada')).toBe(false);
    expect(dict.items.some((i) => i.type === 'person' && 'id' in i && i.id === 'p-cy')).toBe(true);
    expect((await profile(ADA)).preferences).toEqual({ consent: 'out' });
    await setPrefs(ADA, {});
    expect((await rank(BO, 'account', 'a-nord')).map((s) => s.person.id)).toContain('p-ada');
  });

  it('refuses a bad preferences request with 400 and keeps what was stored', async () => {
    await setPrefs(ADA, { awayUntil: '2099-01-01' });
    for (const payload of [{ consent: 'maybe' }, { awayUntil: 'soon' }, { hidden: 'a-nord' }, { pageText: 'x' }]) {
      expect((await setPrefs(ADA, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await app.inject({ method: 'POST', url: '/v1/me/preferences', headers: { ...ADA, 'content-type': 'application/json' }, payload: '{"consent":' })).statusCode).toBe(400);
    const profile = (await app.inject({ url: '/v1/me/profile', headers: ADA })).json<{ preferences?: { awayUntil?: string } }>();
    expect(profile.preferences?.awayUntil).toBe('2099-01-01');
    await setPrefs(ADA, {});
  });

  it('recurring problems: topics by distinct customers, solved counted, no person', async () => {
    const r = RecurringResponseSchema.parse((await app.inject({ url: '/v1/recurring', headers: BO })).json());
    expect(r.topics).toEqual([{ topicId: 't-edi', name: 'EDI integration', customers: 6, solved: 4, previous: 0, rise: 6 }]);
    expect(JSON.stringify(r)).not.toMatch(/p-(ada|bo|cy)/);
    expect((await app.inject({ url: '/v1/recurring?days=3', headers: BO })).statusCode).toBe(400);
  });
});
