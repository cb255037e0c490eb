/**
 * The remote company-graph service end to end (issue "Company graph
 * sources"): configured in the options page ("Data sources") against the
 * local test service (tests/servers/graph-service.mjs), a demo CRM page gets
 * its colleagues from the service; the service's request log never holds
 * page text or a URL; with the service stopped, the side panel shows the
 * cached answer marked stale.
 */
import { test, expect } from './fixtures';
import { start, type GraphService } from '../servers/graph-service.mjs';
import { STORY } from '../../utils/demo/story';

const ACCOUNT_PAGE = '/lightning/r/Account/0015g00000NRDLCHAA/view';

let service: GraphService;
test.beforeEach(async () => {
  service = await start({ graph: STORY });
});
test.afterEach(async () => {
  await service.close().catch(() => undefined);
});

/** Configures the service in the options page, as a person would, and waits for the first dictionary sync. */

function rankResponses(): string[][] {
  return service.log
    .filter((e) => e.path === '/v1/rank' && e.status === 200 && e.response)
    .map((e) => (JSON.parse(e.response!) as { suggestions: Array<{ person: { id: string } }> }).suggestions.map((s) => s.person.id));
}

test('a demo page gets its colleagues from the company-graph service, which never sees page text or URLs; stale when the service is down', async ({ kenner }) => {
  const options = await kenner.openOptions('#data');
  await kenner.connectService(options, service.url, 'test-token');
  expect(service.log.some((e) => e.path === '/v1/dictionary' && e.status === 200)).toBe(true);
  await expect(options.getByText(`Answers come from the company-graph service at ${service.url}`)).toBeVisible();

  // The demo Salesforce page: the names come from the synced dictionary, the colleagues from the service.
  const page = await kenner.openDemoPage(ACCOUNT_PAGE);
  const tabId = await kenner.tabIdOf(page);
  const panel = await kenner.openSidePanel(tabId);
  await expect(panel.locator('[data-entity-kind="account"][data-entity-id="a-nordlicht"]').first()).toBeVisible();
  // Suggestions only: the account's owner (Jörg) is named apart, "Already on this" (contract.md, data-involved).
  const people = panel.locator('[data-person-id]:not([data-involved])');
  await expect.poll(() => people.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  const shown = await people.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-person-id')!))]);
  const involved = await panel.locator('[data-involved]').evaluateAll((els) => els.map((e) => e.getAttribute('data-person-id')!));
  expect(involved).toContain('p-joerg');
  const answered = rankResponses().at(-1)!.filter((id) => !involved.includes(id));
  expect(answered.length).toBeGreaterThan(0);
  // The local graph holds names only (no interactions): every colleague shown is the service's, in its order.
  expect(shown).toEqual(answered.slice(0, shown.length));
  expect(shown[0]).toBe('p-sofie');
  expect(shown).not.toContain('p-konstantin');
  await expect(panel.locator('[data-stale="true"]')).toHaveCount(0);

  // What the service saw: ids (and the user's own search text), never page text or a URL.
  const pageText = await page.evaluate(() => document.body.innerText);
  const lines = pageText
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 12);
  expect(lines.length).toBeGreaterThan(3);
  const demoHost = new URL(kenner.demoUrl).host;
  for (const e of service.log) {
    const sent = `${e.path}${e.query}\n${e.body}`;
    for (const line of lines) expect(sent, `${e.method} ${e.path} carries page text`).not.toContain(line);
    for (const name of ['Nordlicht Logistik', 'Henrik Ahlers', 'Svenja Krause']) expect(sent).not.toContain(name);
    expect(sent).not.toContain(demoHost);
    expect(sent).not.toMatch(/https?:\/\/|lightning|chrome-extension/);
    expect(JSON.stringify(e.headers)).not.toContain(demoHost);
  }
  for (const e of service.log.filter((x) => x.path === '/v1/rank')) {
    const body = JSON.parse(e.body) as { entities: Array<Record<string, unknown>> };
    for (const ent of body.entities) expect(Object.keys(ent).every((k) => ['kind', 'id', 'focal'].includes(k))).toBe(true);
  }

  // The service goes away: a sync attempt notices, and the side panel shows the cached answer, marked stale.
  await service.close();
  await options.reload();
  await options.getByTestId('sources-section').getByRole('button', { name: 'Sync now' }).first().click();
  await expect(options.getByTestId('sources-note')).toHaveText(/stopped/i, { timeout: 60_000 });
  await panel.reload();
  await expect(panel.locator('[data-stale="true"]')).toBeVisible({ timeout: 30_000 });
  const staleShown = await panel.locator('[data-person-id]:not([data-involved])').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-person-id')!))]);
  expect(staleShown).toEqual(shown);
  await options.reload();
  await expect(options.getByTestId('remote-status')).toContainText(/\/v1\/dictionary/);
});

test('a wrong token says "refused (401)", saves nothing and keeps the previous source; an unreachable address is named; fields keep what was typed', async ({ kenner }) => {
  const options = await kenner.openOptions('#data');
  const section = options.getByTestId('sources-section');
  await expect(section.locator('[data-source-active]')).toHaveAttribute('data-source-active', 'local');

  await section.getByLabel('Service address').fill(service.url);
  await section.getByRole('radio', { name: 'Access token' }).check();
  await section.getByLabel('Paste the token').fill('wrong-token');
  await section.getByRole('button', { name: 'Connect' }).first().click();
  await expect(section.getByTestId('sources-note')).toContainText('refused (401)', { timeout: 30_000 });
  await expect(section.getByTestId('sources-note')).not.toContainText('Saved');
  // The previous source (the graph in this browser) still answers; nothing says "signed in".
  await expect(section.locator('[data-source-active]')).toHaveAttribute('data-source-active', 'local');
  await expect(section.getByTestId('remote-status')).toHaveCount(0);
  await expect(section.getByLabel('Service address')).toHaveValue(service.url);
  await expect(section.getByLabel('Paste the token')).toHaveValue('wrong-token');
  expect(service.log.filter((e) => e.path === '/v1/dictionary').every((e) => e.status === 401)).toBe(true);

  // A service that does not answer: its address is named, and still nothing switches.
  const gone = await start({ graph: STORY });
  const goneUrl = gone.url;
  await gone.close();
  await section.getByLabel('Service address').fill(goneUrl);
  await section.getByLabel('Paste the token').fill('test-token');
  await section.getByRole('button', { name: 'Connect' }).first().click();
  await expect(section.getByTestId('sources-note')).toContainText(`No answer from ${new URL(goneUrl).origin}`, { timeout: 30_000 });
  await expect(section.locator('[data-source-active]')).toHaveAttribute('data-source-active', 'local');
  await expect(section.getByLabel('Service address')).toHaveValue(goneUrl);

  // The right token: connected, and only now the service answers.
  await section.getByLabel('Service address').fill(service.url);
  await section.getByRole('button', { name: 'Connect' }).first().click();
  await expect(section.getByTestId('sources-note')).toContainText('accepted the token', { timeout: 30_000 });
  await expect(section.locator('[data-source-active]')).toHaveAttribute('data-source-active', 'remote');
  await expect(section.getByLabel('Service address')).toHaveValue(service.url);
});
