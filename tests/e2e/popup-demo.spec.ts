/**
 * Issue 11: right after "Try the demo" in the popup, on a page that then has
 * highlights, the popup never says nothing was found: it says the page is
 * being read, and then how many entities it recognised. The demo button has
 * one label, with progress while it loads. Then "who knows SAP" returns the
 * S/4HANA experts, each with a strength and a reason.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';

test('popup: "Try the demo" on a demo page, then the page is recognised and "who knows SAP" answers with strength and reasons', async ({ kenner }) => {
  test.setTimeout(180_000);
  const page = await kenner.openDemoPage('/lightning/r/Account/0015g00000NRDLCHAA/view');
  const tabId = await kenner.tabIdOf(page);
  const popup = await kenner.context.newPage();
  await popup.goto(kenner.extUrl(`popup.html?tab=${tabId}`));
  const status = popup.locator('[data-tab-status]');
  await expect(status).toBeVisible();
  const demo = popup.getByRole('button', { name: 'Try the demo', exact: true });
  await demo.click();
  await expect(popup.locator('[data-demo-progress] progress')).toBeVisible();
  // When the demo has loaded (the graph line appears), the status is never "nothing found".
  await expect(popup.locator('[data-state="graph"]')).toBeVisible({ timeout: 150_000 });
  await expect(status).not.toContainText('nothing');
  await expect(status).toContainText(/recognised|reading the page/);
  await expect(status).toContainText(/recognised/, { timeout: 30_000 });
  await expect.poll(async () => Object.keys(await kenner.highlights(page)).length).toBeGreaterThan(0);

  const box = popup.getByLabel('Search colleagues');
  await box.fill('who knows SAP');
  const results = popup.locator('[role="option"]');
  await expect(results.first()).toBeVisible();
  const n = await results.count();
  for (let i = 0; i < n; i++) {
    await expect(results.nth(i).locator('[data-strength]')).toHaveCount(1);
    await expect(results.nth(i).locator('[data-why]')).toContainText(/SAP/);
  }
  const axe = await new AxeBuilder({ page: popup }).analyze();
  expect(axe.violations).toEqual([]);
});
