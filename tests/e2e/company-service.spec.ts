/**
 * The real company graph service (server/) on a real PostgreSQL, with the
 * extension on the real Salesforce hostname (issue "The company graph
 * service"). The e2e build, not the store build: connecting asks the browser
 * for the service origin's host permission, a native prompt that headless
 * Chromium cannot answer; the e2e build holds loopback's permission from
 * install and is otherwise the store build (wxt.config.ts), and the page is
 * on its real hostname through --host-resolver-rules. The service is started as IT would start it (`npm run server`,
 * a throw-away PostgreSQL cluster, an OIDC issuer that signs real tokens),
 * the graph imported with `npm run server -- import`. Then:
 * - the options page connects with an OIDC access token, and the demo
 *   Salesforce page gets its colleagues from the service, in the order the
 *   extension's own local ranking of the same graph gives;
 * - an account deleted on the service disappears from the page after the next sync;
 * - with the service stopped, the answer is shown stale;
 * - the service's logs and audit hold no page text and no URL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import pg from 'pg';
import { test, expect } from '@playwright/test';
import { KennerHelpers, launchWithExtension } from './fixtures';
import { smallDemoGraph, toNdjson, writeTemp } from './graph-files';
import { startDemoServer } from '../../scripts/demo-server.mjs';
import { startCluster, type Cluster } from '../../scripts/pg-cluster.mjs';
import { startIssuer, type Issuer } from '../servers/oidc-issuer';
import type { Graph } from '../../utils/graph/model';

const HOST = 'kennerdemo.lightning.force.com';
const ACCOUNT_PAGE = `https://${HOST}/lightning/r/Account/0015g00000NRDLCHAA/view`;
const AUDIENCE = 'api://kenner-e2e';
const VIEWER = 'it.pilot@kenner-demo.example';

function serverImport(env: NodeJS.ProcessEnv, file: string): string {
  const r = spawnSync('npx', ['tsx', 'server/main.ts', 'import', file], { env: { ...process.env, ...env }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

function withoutAccount(g: Graph, accountId: string): Graph {
  const contacts = new Set(g.contacts.filter((c) => c.accountId === accountId).map((c) => c.id));
  return {
    ...g,
    accounts: g.accounts.filter((a) => a.id !== accountId),
    contacts: g.contacts.filter((c) => !contacts.has(c.id)),
    interactions: g.interactions.filter((i) => i.accountId !== accountId && !(i.contactId && contacts.has(i.contactId))),
  };
}

async function suggestions(panel: Page): Promise<string[]> {
  return panel.locator('[data-person-id]:not([data-involved])').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-person-id')!))]);
}

test('the extension answers from the company graph service on PostgreSQL, as the local ranking would; deletions sync; stale when it stops; no page text reaches it', async () => {
  test.setTimeout(300_000);
  let cluster: Cluster | undefined;
  let issuer: Issuer | undefined;
  let service: ChildProcess | undefined;
  const serviceLog: string[] = [];
  const https = await startDemoServer({ port: 0, https: true });
  const plain = await startDemoServer({ port: 0 });
  const launched = await launchWithExtension({
    extraArgs: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1:${https.port}`, '--ignore-certificate-errors'],
  });
  try {
    cluster = await startCluster();
    issuer = await startIssuer(AUDIENCE);
    const graph = smallDemoGraph();
    const graphFile = writeTemp('company.ndjson', toNdjson(graph));
    const env = { DATABASE_URL: cluster.url, OIDC_ISSUER: issuer.issuer, OIDC_AUDIENCE: AUDIENCE, KENNER_DEMO: 'off', PORT: String(20000 + Math.floor(Math.random() * 20000)) };
    expect(serverImport(env, graphFile)).toMatch(/^Imported: \d+ people, \d+ accounts/);
    // Its own process group: stopping it stops npx, tsx and the service's node process alike.
    service = spawn('npx', ['tsx', 'server/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    service.stdout!.on('data', (b: Buffer) => serviceLog.push(b.toString()));
    service.stderr!.on('data', (b: Buffer) => serviceLog.push(b.toString()));
    const serviceUrl = `http://127.0.0.1:${env.PORT}`;
    await expect.poll(async () => (await fetch(`${serviceUrl}/healthz`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);

    // The local ranking of the same graph, in the extension.
    const kenner = new KennerHelpers(launched.context, launched.extensionId, plain.url);
    await kenner.importFiles([graphFile]);
    const page = await launched.context.newPage();
    await page.goto(ACCOUNT_PAGE);
    await expect.poll(() => kenner.seenIds(page)).toContain('a-nordlicht');
    const panel = await kenner.openSidePanel(await kenner.tabIdOf(page));
    await expect.poll(async () => (await suggestions(panel)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    const localOrder = await suggestions(panel);

    // Connect to the service, as a person would, with an access token from the company's identity provider.
    const options = await kenner.openOptions('#data');
    await kenner.connectService(options, serviceUrl, await issuer.sign({ email: VIEWER }, { expiresIn: '2h' }));

    // The page's colleagues now come from the service (its audit records the rank), in the local order.
    const db = new pg.Client({ connectionString: cluster.url });
    db.on('error', () => undefined);
    await db.connect();
    const ranks = async () => Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM audit WHERE action = 'rank' AND viewer = $1", [VIEWER])).rows[0].n);
    await page.reload();
    await panel.reload();
    await expect.poll(ranks, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => suggestions(panel), { timeout: 30_000 }).toEqual(localOrder);

    // An account deleted on the service leaves the page after the next sync.
    const seen = await kenner.seenIds(page);
    const gone = graph.accounts.find((a) => a.id !== 'a-nordlicht' && seen.includes(a.id));
    expect(gone, 'another account named on the page').toBeTruthy();
    serverImport(env, writeTemp('company.ndjson', toNdjson(withoutAccount(graph, gone!.id))));
    await options.reload();
    await options.getByTestId('sources-section').getByRole('button', { name: 'Sync now' }).first().click();
    await expect
      .poll(
        async () => {
          await page.reload();
          return kenner.seenIds(page);
        },
        { timeout: 60_000, intervals: [1000, 2000] },
      )
      .not.toContain(gone!.id);
    expect(await kenner.seenIds(page)).toContain('a-nordlicht');
    const shown = await suggestions(panel);

    // The service stops: the side panel keeps the last answer, marked stale.
    const exited = new Promise((r) => service!.once('exit', r));
    process.kill(-service.pid!, 'SIGTERM');
    await exited;
    await expect.poll(async () => (await fetch(`${serviceUrl}/healthz`).catch(() => null))?.status ?? 0).toBe(0);
    await options.reload();
    await options.getByTestId('sources-section').getByRole('button', { name: 'Sync now' }).first().click();
    await panel.reload();
    await expect(panel.locator('[data-stale="true"]')).toBeVisible({ timeout: 60_000 });
    expect(await suggestions(panel)).toEqual(shown);

    // What the service kept: no page text, no URL, in its logs or its audit.
    const pageText = await page.evaluate(() => document.body.innerText);
    const lines = pageText.split('\n').map((l) => l.trim()).filter((l) => l.length >= 12);
    expect(lines.length).toBeGreaterThan(3);
    const audit = JSON.stringify((await db.query('SELECT * FROM audit')).rows);
    await db.end();
    const logs = serviceLog.join('');
    expect(logs).toContain('/v1/rank');
    for (const kept of [logs, audit]) {
      expect(kept).not.toContain(HOST);
      expect(kept).not.toContain('lightning/r/');
      for (const l of lines) expect(kept).not.toContain(l);
    }
  } finally {
    if (service?.pid && service.exitCode === null) {
      try {
        process.kill(-service.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    await launched.close();
    await https.close();
    await plain.close();
    await issuer?.close();
    await cluster?.stop();
  }
});
