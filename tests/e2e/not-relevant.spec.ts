/**
 * Issue 11, "Not relevant" per colleague and entity: marked in the side
 * panel for one entity of the page, the colleague keeps the rest of their
 * evidence; the mark is listed in Options → Me with its own undo, and after
 * the undo the colleague is back for that entity. Focus never leaves the panel.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { smallDemoGraph, toNdjson, writeTemp } from './graph-files';

test('dismiss one colleague for one entity, see it in Options, undo there, the colleague is back', async ({ kenner }) => {
  test.setTimeout(120_000);
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))]);
  const page = await kenner.openDemoPage('/lightning/r/Account/0015g00000NRDLCHAA/view');
  const panel = await kenner.openSidePanel(await kenner.tabIdOf(page));
  const cards = panel.locator('li[data-card]');
  await expect(cards.first()).toBeVisible({ timeout: 30_000 });

  // The first suggested colleague; "Not relevant" for one of the page's entities they cover.
  const first = cards.first();
  const personId = (await first.getAttribute('data-card'))!;
  const name = (await first.locator('h3').textContent())!.trim();
  const menu = first.locator('[data-dismiss-menu]');
  if (await menu.count()) {
    await menu.focus();
    await panel.keyboard.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
  }
  // The open choice (or the single button) is accessible, light and dark.
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    const axe = await new AxeBuilder({ page: panel }).include('main').analyze();
    expect(axe.violations, scheme).toEqual([]);
  }
  const choice = first.locator('button[data-dismiss]').first();
  const entityId = (await choice.getAttribute('data-dismiss'))!;
  await choice.focus();
  await panel.keyboard.press('Enter');
  const toast = panel.locator('[data-toast="dismissed"]');
  await expect(toast).toContainText(`${name} marked as not relevant for `);
  const entityName = ((await toast.textContent()) ?? '').split(' marked as not relevant for ')[1].replace(/Undo.*$/, '').replace(/×$/, '').trim();
  expect(entityName.length).toBeGreaterThan(0);
  // Keyboard focus stays in the panel (a card or the list heading), never on the page's body.
  expect(await panel.evaluate(() => document.activeElement !== document.body && !!document.activeElement?.closest('main'))).toBe(true);
  // The colleague no longer carries that entity's evidence (gone, or kept for the others only).
  const card = panel.locator(`li[data-card="${personId}"]`);
  await expect(card.locator(`button[data-dismiss="${entityId}"]`)).toHaveCount(0);

  // Options → Me lists the mark, with its own undo.
  const options = await kenner.openOptions('#me');
  const list = options.locator('[data-dismissed-list]');
  const item = list.locator('li', { hasText: `${name} for ${entityName}` });
  await expect(item).toBeVisible();
  const axe = await new AxeBuilder({ page: options }).include('[data-dismissed-list]').analyze();
  expect(axe.violations).toEqual([]);
  await item.getByRole('button', { name: `Undo: show ${name} for ${entityName} again` }).click();
  await expect(list).toContainText(`${name} is shown for ${entityName} again.`);
  await expect(item).toHaveCount(0);
  await options.close();

  // Back in the panel: the colleague can be marked for that entity again, i.e. it counts again.
  await panel.reload();
  await expect(panel.locator(`li[data-card="${personId}"]`)).toBeVisible({ timeout: 30_000 });
  const again = panel.locator(`li[data-card="${personId}"]`);
  if (await again.locator('[data-dismiss-menu]').count()) await again.locator('[data-dismiss-menu]').click();
  await expect(again.locator(`button[data-dismiss="${entityId}"]`)).toHaveCount(1);
});
