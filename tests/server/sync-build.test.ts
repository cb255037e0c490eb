/**
 * `build-graph` (server/sync/build.ts, cli.ts), the connectors commands
 * (report, pins), the sync log endpoint and the KENNER_CONNECTORS setting.
 * The written file must pass the extension's own import checks
 * (utils/graph/import: parse, validate, references).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { ConfigError, loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { buildGraphCommand, connectorsCommand } from '../../server/sync/cli';
import type { SyncSetup } from '../../server/sync/pipeline';
import { parseConnectorsFile } from '../../server/sync/policy';
import { loadSetup } from '../../server/sync/setup';
import { startScheduler } from '../../server/sync/schedule';
import { runSources } from '../../server/sync/pipeline';
import { RecordChecker, type RecordSink } from '../../utils/graph/import/check';
import { ErrorList } from '../../utils/graph/import/errors';
import { fileRecords } from '../../utils/graph/import/files';
import { SyncRunsSchema } from '../../utils/contract/graph-api';
import { Tenant, tenantConnector } from './sync-tenant';
import { testDatabase } from './support';

const CO = 'kenner-demo.example';
const mail = (l: string) => `${l}@${CO}`;
let dir: string;
const crm = new Tenant();
const desk = new Tenant();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kenner-build-'));
  crm.upsert(
    { type: 'person', record: { id: '005A', name: 'Søren Kjærgaard', email: mail('soeren.kjaergaard') } },
    { type: 'account', record: { id: '001A', name: 'Havbryggen Shipping A/S', domains: ['havbryggen.dk'], ownerId: '005A' } },
    { type: 'account', record: { id: '001B', name: 'Alpha Freight', domains: ['alpha.example'] } },
    { type: 'account', record: { id: '001C', name: 'Alpha Freight Holding', domains: ['alpha.example'] } },
    { type: 'interaction', record: { id: 'Account:001A:owner', personId: '005A', accountId: '001A', kind: 'account-owner', date: '2024-01-01' } },
  );
  desk.upsert(
    { type: 'person', record: { id: '1', name: 'Lars Møller', email: mail('lars.moller') } },
    { type: 'account', record: { id: '77', name: 'Havbryggen', domains: ['havbryggen.dk'] } },
    { type: 'contact', record: { id: '5', name: 'Mette Hansen', email: 'mette.hansen@havbryggen.dk', accountId: '77' } },
    { type: 'interaction', record: { id: 'ticket:48101:solved', personId: '1', accountId: '77', contactId: '5', kind: 'case-resolved', date: '2026-07-10', terms: [{ field: 'tag', value: 'edi' }, { field: 'tag', value: 'urgent' }] } },
  );
  await Promise.all([crm.start(), desk.start()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([crm.close(), desk.close()]);
});

const setup = (): SyncSetup => ({
  file: parseConnectorsFile({
    companyDomains: [CO],
    sources: [
      { connector: 'salesforce', settings: { baseUrl: crm.url } },
      { connector: 'zendesk', settings: { baseUrl: desk.url } },
    ],
  }),
  vocabulary: { topics: [{ id: 't-edi', label: 'EDI integration', aliases: { da: ['EDI-integration'] }, terms: [{ field: 'tag', value: 'edi' }] }] },
  connectors: [tenantConnector('salesforce'), tenantConnector('zendesk')],
});

/** The extension's import checks over a file: errors and counts. */
async function check(path: string) {
  const counts = { person: 0, account: 0, contact: 0, topic: 0, interaction: 0 };
  const sink: RecordSink = {
    person: () => void counts.person++,
    account: () => void counts.account++,
    contact: () => void counts.contact++,
    topic: () => void counts.topic++,
    interaction: () => void counts.interaction++,
    get interactions() {
      return counts.interaction;
    },
  };
  const errors = new ErrorList();
  const checker = new RecordChecker(sink, errors);
  const text = readFileSync(path, 'utf8');
  for await (const batch of fileRecords({ name: 'graph.ndjson', chunks: (async function* () { yield text; })() }, errors)) for (const raw of batch) checker.add(raw, 'graph.ndjson');
  await checker.resolve(null);
  return { errors: errors.items, counts };
}

describe('build-graph', () => {
  it('writes the interchange format that passes the import checks, and reruns incrementally from its own database', async () => {
    const out = join(dir, 'graph.ndjson');
    const data = join(dir, 'data');
    const lines: string[] = [];
    const o = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) };
    expect(await buildGraphCommand(setup(), out, data, o)).toBe(0);
    const first = await check(out);
    expect(first.errors).toEqual([]);
    expect(first.counts).toEqual({ person: 2, account: 3, contact: 1, topic: 1, interaction: 2 });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('{"format":"kenner-graph","version":1}');
    expect(text).toContain('"source":"zendesk"');
    expect(lines.join('\n')).toMatch(/salesforce: ok, 3 pages, 5 records .*3 requests/);
    expect(lines.join('\n')).toContain('1 domain conflicts');

    // A rerun reads only what changed since the cursors kept in --data.
    desk.upsert({ type: 'interaction', record: { id: 'ticket:48102:solved', personId: '1', accountId: '77', kind: 'case-resolved', date: '2026-07-20', terms: [{ field: 'tag', value: 'edi' }] } });
    const before = crm.fake.requests.length + desk.fake.requests.length;
    lines.length = 0;
    expect(await buildGraphCommand(setup(), out, data, o)).toBe(0);
    expect(crm.fake.requests.length + desk.fake.requests.length - before).toBe(2);
    expect((await check(out)).counts.interaction).toBe(3);
    expect(lines.join('\n')).toMatch(/zendesk: ok, 1 pages, 1 records/);
  });

  it('connectors report lists merges, conflicts and unmapped terms; a pin decides, and the next build obeys it', async () => {
    const database = await openDatabase({ dataDir: join(dir, 'data') });
    try {
      const lines: string[] = [];
      const o = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) };
      expect(await connectorsCommand(database.db, setup(), ['report'], o)).toBe(0);
      const text = lines.join('\n');
      expect(text).toContain('merged   a:salesforce:001A "Havbryggen Shipping A/S" = salesforce:001A + zendesk:77 (by domain)');
      expect(text).toContain('conflict alpha.example claimed by salesforce:001B, salesforce:001C');
      expect(text).toContain('unmapped tag = "urgent" (1 interactions)');
      lines.length = 0;
      expect(await connectorsCommand(database.db, setup(), ['pin', 'domain', 'alpha.example', 'nope'], o)).toBe(1);
      expect(await connectorsCommand(database.db, setup(), ['pin', 'domain', 'Alpha.example', 'salesforce:001C'], o)).toBe(0);
      expect(await connectorsCommand(database.db, setup(), ['pins'], o)).toBe(0);
      expect(lines.at(-1)).toMatch(/^\d+\tdomain\talpha\.example\tsalesforce:001C$/);
      lines.length = 0;
      expect(await connectorsCommand(database.db, setup(), ['report', '--json'], o)).toBe(0);
      const report = JSON.parse(lines.join('\n')) as { conflicts: unknown[] };
      expect(report.conflicts).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

describe('the sync log endpoint and KENNER_CONNECTORS', () => {
  it('GET /v1/admin/sync-runs answers auditors with counts only', async () => {
    const d = await testDatabase();
    try {
      await runSources(d.db, setup());
      writeFileSync(join(dir, 'tokens.json'), JSON.stringify({ 'static-token-audit-0123456789': 'dpo@corp.example', 'static-token-other-0123456789': 'bo@corp.example' }));
      const config = loadConfig({ KENNER_STATIC_TOKENS: join(dir, 'tokens.json'), KENNER_AUDITORS: 'dpo@corp.example', LOG_LEVEL: 'silent' });
      const app = await buildApp({ config, database: d });
      try {
        expect((await app.inject({ url: '/v1/admin/sync-runs' })).statusCode).toBe(401);
        expect((await app.inject({ url: '/v1/admin/sync-runs', headers: { authorization: 'Bearer static-token-other-0123456789' } })).statusCode).toBe(403);
        const res = await app.inject({ url: '/v1/admin/sync-runs?source=zendesk', headers: { authorization: 'Bearer static-token-audit-0123456789' } });
        expect(res.statusCode).toBe(200);
        const body = SyncRunsSchema.parse(res.json());
        expect(body.runs.map((r) => [r.source, r.status, r.counts])).toEqual([['zendesk', 'ok', { person: { upserts: 1, deletes: 0 }, account: { upserts: 1, deletes: 0 }, contact: { upserts: 1, deletes: 0 }, interaction: { upserts: 2, deletes: 0 } }]]);
        expect(res.body).not.toMatch(/Havbryggen|mette|lars/i);
        expect((await app.inject({ url: '/v1/admin/sync-runs?limit=0', headers: { authorization: 'Bearer static-token-audit-0123456789' } })).statusCode).toBe(400);
      } finally {
        await app.close();
      }
    } finally {
      await d.close();
    }
  });

  it('the scheduled sync runs at start, logs a line per source with counts and requests, and does not run twice at once', async () => {
    const d = await testDatabase();
    const logs: Array<[string, object, string]> = [];
    const log = { info: (o: object, m: string) => logs.push(['info', o, m]), warn: (o: object, m: string) => logs.push(['warn', o, m]), error: (o: object, m: string) => logs.push(['error', o, m]) };
    try {
      const s = startScheduler(d.db, setup(), 60, log);
      const [a, b] = [s.runNow(), s.runNow()];
      expect(a).toBe(b);
      const r = await a;
      expect(r?.write.ok).toBe(true);
      await s.stop();
      const lines = logs.filter(([, o]) => 'runId' in o).map(([level, , m]) => `${level} ${m}`);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^info salesforce: ok, 3 pages, 5 records \(person \+1\/-0, account \+3\/-0, interaction \+1\/-0\), \d+ records\/s, \d+ requests, \d+ retries, 0 throttled$/);
      // (The zendesk tenant grows in the build-graph test above; a kept-alive connection the fake closed is retried.)
      expect(lines[1]).toMatch(/^info zendesk: ok, \d+ pages, \d+ records \(person \+1\/-0, account \+1\/-0, contact \+1\/-0, interaction \+\d\/-0\), \d+ records\/s, \d+ requests, \d+ retries, 0 throttled$/);
      expect(logs.some(([, o, m]) => (o as { sync?: string }).sync === 'write' && m === 'graph updated from the sources')).toBe(true);
      expect(JSON.stringify(logs)).not.toMatch(/Havbryggen|mette/i);
    } finally {
      await d.close();
    }
  });

  it('KENNER_CONNECTORS is checked at start: the file, its vocabulary and the settings of each source (by the schema of its connector), with clear messages', () => {
    const path = join(dir, 'connectors.json');
    const env = (file: object) => (writeFileSync(path, JSON.stringify(file)), { KENNER_CONNECTORS: path, KENNER_SYNC_INTERVAL_MINUTES: '15' });
    expect(loadConfig(env({ companyDomains: [CO], sources: [] }), { serve: false }).sync).toMatchObject({ intervalMinutes: 15, setup: { file: { companyDomains: [CO] } } });
    expect(() => loadConfig(env({ companyDomains: [CO], sources: [{ connector: 'zendesk' }] }), { serve: false })).toThrow(/KENNER_CONNECTORS: zendesk settings\.baseUrl: /);
    expect(() => loadConfig(env({ sources: [] }), { serve: false })).toThrow(ConfigError);
    writeFileSync(join(dir, 'vocab.yaml'), 'topics:\n  - id: t-edi\n    label: EDI\n    aliases: { xx: [nope] }\n');
    expect(() => loadConfig(env({ companyDomains: [CO], sources: [], vocabulary: 'vocab.yaml' }), { serve: false })).toThrow(/vocab\.yaml: topics\.0\.aliases/);
    writeFileSync(join(dir, 'vocab.yaml'), 'topics:\n  - id: t-edi\n    label: EDI integration\n    aliases: { de: [EDI-Anbindung] }\n    terms: [{ field: tag, value: edi }]\n');
    const s = loadSetup(path, [tenantConnector('zendesk')]);
    expect(s.vocabulary?.topics[0]).toMatchObject({ id: 't-edi', aliases: { de: ['EDI-Anbindung'] } });
  });
});
