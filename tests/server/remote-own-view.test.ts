/**
 * The extension's remote source against the real company graph service
 * (server/app.ts on PGlite, over HTTP): the own view, the viewer's preferences
 * and recurring problems go through the contract (utils/contract/graph-api.ts)
 * and come back as the service computed them; a preference set through the
 * extension is honoured by the service's next rank.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { fakeBrowser } from 'wxt/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { Database } from '../../server/db/database';
import { importFiles } from '../../server/graph/ingest';
import { createRemoteSource } from '../../utils/sources/remote';
import { driver, testDatabase } from './support';

const GRAPH = [
  '{"format":"kenner-graph","version":1}',
  '{"type":"person","id":"p-ada","name":"Ada Lind","email":"ada@corp.example"}',
  '{"type":"person","id":"p-bo","name":"Bo Ek","email":"bo@corp.example"}',
  '{"type":"topic","id":"t-edi","label":"EDI integration"}',
  '{"type":"account","id":"a-nord","name":"Nordlicht Logistik GmbH"}',
  '{"type":"account","id":"a-hav","name":"Havbryggen Shipping A/S"}',
  '{"type":"interaction","personId":"p-ada","kind":"deal-won","date":"2026-05-01","accountId":"a-nord"}',
  '{"type":"interaction","personId":"p-ada","kind":"meeting","date":"2026-06-01","accountId":"a-hav"}',
  '{"type":"interaction","personId":"p-bo","kind":"meeting","date":"2026-06-01","accountId":"a-nord"}',
].join('\n');

describe(`the extension's remote source and the service's own view (${driver})`, () => {
  let d: Database;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    fakeBrowser.reset();
    const dir = mkdtempSync(join(tmpdir(), 'kenner-remote-me-'));
    writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ 'token-ada-0123456789abcdef': 'ada@corp.example' }));
    d = await testDatabase();
    const file = { name: 'g.ndjson', chunks: (async function* () { yield GRAPH; })() };
    expect((await importFiles(d.db, [file], { refTime: Date.parse('2026-07-01') })).ok).toBe(true);
    app = await buildApp({ config: loadConfig({ KENNER_STATIC_TOKENS: join(dir, 'tokens.json'), LOG_LEVEL: 'error' }), database: d, logger: false, now: () => Date.parse('2026-07-01T12:00:00Z') });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await d?.close();
  });

  it('reads the own view, sets a preference the service honours, reads recurring problems', async () => {
    const source = createRemoteSource({ url, auth: 'token' }, { retry: { retries: 0 } });
    await source.setToken('token-ada-0123456789abcdef');
    const profile = await source.ownProfile();
    expect(profile.person?.id).toBe('p-ada');
    expect(profile.entries.find((e) => e.entity.id === 'a-nord')).toMatchObject({ position: 1, hidden: false, suggestion: { person: { id: 'p-ada' } } });
    expect(profile.topics).toEqual([{ id: 't-edi', name: 'EDI integration' }]);

    expect(await source.setOwnPreferences({ hidden: ['a-nord'], askMeAbout: ['t-edi'] })).toEqual({ hidden: ['a-nord'], askMeAbout: ['t-edi'] });
    const after = await source.ownProfile();
    expect(after.preferences).toEqual({ hidden: ['a-nord'], askMeAbout: ['t-edi'] });
    expect(after.entries.find((e) => e.entity.id === 'a-nord')?.hidden).toBe(true);
    expect(after.entries.find((e) => e.entity.id === 't-edi')?.suggestion?.reasons).toEqual([expect.objectContaining({ kind: 'skill', claimed: true })]);

    expect(await source.recurring()).toEqual({ days: 90, minGroup: 5, topics: [] });
    await source.setOwnPreferences({});
  });
});
