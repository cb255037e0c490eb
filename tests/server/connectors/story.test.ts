/**
 * Issue 16's acceptance, end to end through the real connectors: fixture
 * tenants of Salesforce, Zendesk and Microsoft 365 (tests/fixtures/connectors,
 * each in its vendor's documented shapes, served by the fakes) tell the demo
 * story. One sync builds the company graph in the service; the demo Zendesk
 * ticket (tests/pages/zendesk/ticket.html), spotted with that graph's own
 * dictionary as the extension would, then suggests first the colleague who
 * solved that customer's problem, and the reasons name the source records.
 * A second sync after changes in the tenants changes only what changed, and
 * is measured (records per second, requests per source).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTORS } from '../../../server/connectors/index';
import type { Database } from '../../../server/db/database';
import { readGraphMeta } from '../../../server/graph/meta';
import { rankForViewer } from '../../../server/graph/rank';
import { runLine, syncAll, type SyncSetup } from '../../../server/sync/pipeline';
import { parseConnectorsFile } from '../../../server/sync/policy';
import { DEMO_COMPANY_DOMAIN } from '../../../utils/demo/story';
import { compileDictionary } from '../../../utils/spotting/dictionary';
import { Matcher } from '../../../utils/spotting/matcher';
import { loadPage } from '../../unit/sites/harness';
import { viaMessage } from '../../unit/spotting/helpers';
import { driver, testDatabase } from '../support';
import { serveSalesforceStory, type FakeSalesforce } from './fakes/salesforce';
import { CLIENT_ID, CLIENT_SECRET, startMicrosoft365, TENANT_ID, type M365Fake } from './fakes/microsoft365';
import { startZendesk, ZD_ADMIN, type ZendeskFake } from './fakes/zendesk';

const NOW = Date.parse('2026-11-15T00:00:00Z');
const LARS = `lars.moller@${DEMO_COMPANY_DOMAIN}`;

let database: Database;
let sf: FakeSalesforce;
let zd: ZendeskFake;
let m365: M365Fake;
let setup: SyncSetup;
const env: Record<string, string> = {};

beforeAll(async () => {
  const salesforce = await serveSalesforceStory();
  sf = salesforce.server;
  zd = await startZendesk();
  m365 = await startMicrosoft365();
  Object.assign(env, salesforce.env, { KENNER_STORY_ZD_TOKEN: zd.auth.apiToken, KENNER_STORY_M365_SECRET: CLIENT_SECRET });
  Object.assign(process.env, env);
  database = await testDatabase();
  setup = {
    file: parseConnectorsFile({
      companyDomains: [DEMO_COMPANY_DOMAIN],
      sources: [
        { connector: 'salesforce', settings: salesforce.config },
        { connector: 'zendesk', settings: { baseUrl: zd.url, email: ZD_ADMIN, apiTokenEnv: 'KENNER_STORY_ZD_TOKEN' } },
        { connector: 'microsoft365', settings: { tenantId: TENANT_ID, clientId: CLIENT_ID, clientSecretEnv: 'KENNER_STORY_M365_SECRET', authorityUrl: m365.url, graphUrl: m365.url } },
      ],
    }),
    // The company's own vocabulary: the help desk's tag and the ticket field's value are EDI integration.
    vocabulary: {
      topics: [
        {
          id: 't-edi',
          label: 'EDI integration',
          kind: 'technology',
          aliases: { de: ['EDI-Anbindung', 'EDI-Integration'], nl: ['EDI-integratie'], da: ['EDI-integration'], sv: ['EDI-integration'] },
          terms: [
            { field: 'tag', value: 'edi' },
            { field: 'ticket_field:360010001', value: 'edi_integration' },
          ],
        },
      ],
    },
    connectors: CONNECTORS,
  };
}, 120_000);

afterAll(async () => {
  await Promise.all([sf?.close(), zd?.close(), m365?.close()]);
  await database?.close();
  for (const k of Object.keys(env)) delete process.env[k];
});

describe(`one sync of three vendors' tenants builds the graph the demo ticket needs (${driver})`, () => {
  it('first suggests the colleague who solved Havbryggen’s EDI problem, with reasons that name the Zendesk cases', async () => {
    const r = await syncAll(database.db, setup, { now: NOW });
    for (const run of r.runs) console.log(`first sync   ${runLine(run)}`);
    expect(r.runs.map((x) => [x.source, x.status])).toEqual([
      ['salesforce', 'ok'],
      ['zendesk', 'ok'],
      ['microsoft365', 'ok'],
    ]);
    expect(r.write.ok).toBe(true);
    // The graph's own dictionary spots the ticket's customer, contact and topic, as the extension does.
    const matcher = new Matcher(viaMessage(compileDictionary(r.graph, 'sync')));
    const page = await loadPage('zendesk/ticket', undefined, matcher);
    let spotted;
    try {
      spotted = (await page.engine.reportNow()).entities;
    } finally {
      page.engine.stop?.();
      page.dom.window.close();
    }
    const kinds = spotted.map((e) => e.kind).sort();
    expect(kinds).toEqual(expect.arrayContaining(['account', 'contact', 'topic']));
    const havbryggen = r.graph.accounts.find((a) => a.name === 'Havbryggen Shipping A/S')!;
    expect(spotted.find((e) => e.kind === 'account')?.id).toBe(havbryggen.id);
    expect(spotted.find((e) => e.kind === 'topic')?.id).toBe('t-edi');

    const meta = (await readGraphMeta(database.db))!;
    const agent = r.graph.people.find((p) => p.name.startsWith('Åsa'));
    const ranked = await rankForViewer(
      database.db,
      spotted.map((e) => ({ kind: e.kind, id: e.id, ...(e.focal ? { focal: true } : {}) })),
      meta.refTime,
      { email: agent?.email ?? 'someone@elsewhere.example', ...(agent ? { personId: agent.id } : {}) },
      undefined,
      { now: NOW },
    );
    expect(ranked[0].person.email).toBe(LARS);
    const cases = ranked[0].reasons.find((x) => x.kind === 'case-resolved' && x.entityId === havbryggen.id);
    // "resolved 3 cases for Havbryggen Shipping A/S, last in Jul 2026 (Zendesk)"
    expect(cases).toMatchObject({ count: 3, entityName: 'Havbryggen Shipping A/S', source: 'zendesk' });
    expect(cases!.last!.slice(0, 7)).toBe('2026-07');
    expect(ranked[0].reasons.find((x) => x.kind === 'case-resolved' && x.entityId === 't-edi')).toMatchObject({ source: 'zendesk' });
    // Zoë solved EDI elsewhere: she is suggested, below Lars.
    expect(ranked.findIndex((s) => s.person.name.startsWith('Zo'))).toBeGreaterThan(0);
    // Internal-only mail and meetings never became evidence.
    const internal = await sql<{ n: string }>`SELECT count(*) AS n FROM interactions WHERE record->>'source' = 'microsoft365' AND account_id IS NULL AND contact_id IS NULL`.execute(database.db);
    expect(Number(internal.rows[0].n)).toBe(0);
  }, 120_000);

  it('a second sync after changes in the tenants changes only what changed, measured per source', async () => {
    const before = { salesforce: sf.requests.length, zendesk: zd.requests.length, microsoft365: m365.requests.length };
    const rows = async () => new Map((await sql<{ id: string; seq: string; record: unknown }>`SELECT id, seq, record FROM interactions`.execute(database.db)).rows.map((x) => [x.id, JSON.stringify([x.seq, x.record])]));
    const interactionsBefore = await rows();
    // The demo ticket is solved (by Zoë) after the first sync.
    zd.touch('tickets', 48213, { status: 'solved', assignee_id: 9002 }, '2026-11-10T09:00:00Z');
    const started = performance.now();
    const r = await syncAll(database.db, setup, { now: NOW });
    const ms = performance.now() - started;
    const records = r.runs.reduce((n, x) => n + Object.values(x.counts).reduce((m, c) => m + c.upserts + c.deletes, 0), 0);
    for (const run of r.runs) console.log(`second sync  ${runLine(run)}`);
    const requests = { salesforce: sf.requests.length - before.salesforce, zendesk: zd.requests.length - before.zendesk, microsoft365: m365.requests.length - before.microsoft365 };
    console.log(`second sync  ${records} source records in ${Math.round(ms)} ms (${Math.round((records / ms) * 1000)} records/s), requests per source ${JSON.stringify(requests)}`);
    expect(r.runs.every((x) => x.status === 'ok')).toBe(true);
    // Only the changed ticket is written again; no other interaction moves.
    expect(r.write.upserted).toMatchObject({ person: 0, account: 0, contact: 0, topic: 0, interaction: 1 });
    expect(Object.values(r.write.deleted).reduce((a, b) => a + b, 0)).toBe(0);
    const after = await rows();
    const changed = [...new Set([...after.keys(), ...interactionsBefore.keys()])].filter((k) => after.get(k) !== interactionsBefore.get(k));
    expect(changed).toEqual(['zendesk:ticket:48213']);
    expect((JSON.parse(after.get('zendesk:ticket:48213')!) as [string, unknown])[1]).toMatchObject({ kind: 'case-resolved', source: 'zendesk' });
    // Incremental: a few requests per source (the first sync's are in the log above), not a full read.
    for (const n of Object.values(requests)) expect(n).toBeGreaterThan(0);
    expect(requests.zendesk).toBeLessThan(10);
  }, 120_000);
});
