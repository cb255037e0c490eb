/**
 * The vertical slice (issue "Kenner end to end on the embedded demo graph"):
 * import through the options page, detection on a demo CRM page, the side
 * panel's ranked answer, the not-enabled state, popup search, broken imports.
 */
import { test, expect } from './fixtures';
import { mostRecentDealWinner, smallDemoGraph, toNdjson, writeTemp } from './graph-files';

test('imported graph: the Salesforce account page lists the account and ranks the latest deal winner first', async ({ kenner }) => {
  const graph = smallDemoGraph();
  const status = await kenner.importFiles([writeTemp('company.ndjson', toNdjson(graph))]);
  // Numbers are formatted for the UI language (7,497 / 7.497): compare digits.
  expect(status.replace(/(\d)[,.\u00a0\u202f ](?=\d{3})/g, '$1')).toContain(`${graph.interactions.length} interactions`);

  const page = await kenner.openDemoPage('/lightning/r/Account/0015g00000NRDLCHAA/view');
  const tabId = await kenner.tabIdOf(page);
  const panel = await kenner.openSidePanel(tabId);
  await expect(panel.locator('[data-entity-kind="account"][data-entity-id="a-nordlicht"]').first()).toBeVisible();
  const people = panel.locator('[data-person-id]:not([data-involved])');
  await expect.poll(() => people.count()).toBeGreaterThanOrEqual(3);
  await expect(people.first()).toHaveAttribute('data-person-id', mostRecentDealWinner(graph, 'a-nordlicht'));
  // Highlights exist in the page, and nothing was added to its DOM for them.
  const hl = await kenner.highlights(page);
  expect(hl['kenner-account']).toBeGreaterThan(0);
  expect(await page.locator('mark, [data-kenner]').count()).toBe(0);
});

test.describe('a site that is not enabled', () => {
  test.use({ launchArgs: ['--host-resolver-rules=MAP not-enabled.kenner.test 127.0.0.1'] });
  test('gets no highlight, and the side panel says the site is not enabled', async ({ kenner, demo }) => {
    const graph = smallDemoGraph();
    await kenner.importFiles([writeTemp('company.ndjson', toNdjson(graph))]);
    const page = await kenner.context.newPage();
    await page.goto(`http://not-enabled.kenner.test:${demo.port}/generic/not-enabled`);
    await expect(page.getByText('Nordlicht Logistik GmbH').first()).toBeVisible();
    const tabId = await kenner.tabIdOf(page);
    const panel = await kenner.openSidePanel(tabId);
    await expect(panel.getByRole('status')).toContainText(/not enabled/i);
    expect(Object.keys(await kenner.highlights(page))).toEqual([]);
    await expect(panel.locator('[data-person-id]:not([data-involved])')).toHaveCount(0);
  });
});

test('popup search finds names with diacritics typed without them', async ({ kenner }) => {
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))]);
  const popup = await kenner.context.newPage();
  await popup.goto(kenner.extUrl('popup.html'));
  const box = popup.getByLabel('Search colleagues');
  await expect(box).toBeFocused();
  for (const [query, id] of [
    ['jorg baum', 'p-joerg'],
    ['soren', 'p-soren'],
    ['asa nyst', 'p-asa'],
    ['zoe van den', 'p-zoe'],
  ]) {
    await box.fill(query);
    await expect(popup.locator(`[data-person-id="${id}"]`).first()).toBeVisible();
  }
});

test('a broken import names file, line and field, and leaves the previous graph exactly as it was', async ({ kenner }) => {
  const graph = smallDemoGraph();
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(graph))]);
  const options = await kenner.openOptions('#data');
  const countsBefore = (await options.getByRole('status').first().textContent()) ?? '';

  const broken = toNdjson(graph).split('\n');
  broken[5] = JSON.stringify({ type: 'account', id: 'a-broken', name: 'Broken AG', domains: ['acme..com'] });
  const status = await kenner.importFiles([writeTemp('broken.ndjson', broken.join('\n'))]);
  expect(status).toMatch(/broken\.ndjson/);
  expect(status).toMatch(/line 6/);
  expect(status).toMatch(/domains/);

  // The graph is the one from before: same counts, and the demo page still answers from it.
  await options.reload();
  await expect(options.getByRole('status').first()).toHaveText(countsBefore);
  const page = await kenner.openDemoPage('/lightning/r/Account/0015g00000NRDLCHAA/view');
  const panel = await kenner.openSidePanel(await kenner.tabIdOf(page));
  await expect(panel.locator('[data-person-id]:not([data-involved])').first()).toHaveAttribute('data-person-id', mostRecentDealWinner(graph, 'a-nordlicht'));
});
