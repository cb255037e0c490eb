/**
 * Issue 15, acceptance: "What Kenner shows about me" on the local graph. A
 * colleague (Sofie, chosen as "me") hides themself for one customer on their
 * own view; with "me" switched to another colleague in the same browser
 * ("others"), she no longer appears for that customer in the side panel, the
 * hover card or the popup, and still appears for another customer. She sets
 * "away until"; others see her as away. The new screens pass axe, light and
 * dark, and are used by keyboard.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, type KennerHelpers } from './fixtures';
import { smallDemoGraph, toNdjson, writeTemp } from './graph-files';

const NORDLICHT_PAGE = '/lightning/r/Account/0015g00000NRDLCHAA/view';

async function setMe(kenner: KennerHelpers, name: string, id: string): Promise<void> {
  const options = await kenner.openOptions('#me');
  await options.getByLabel('Find yourself by email or name').fill(name);
  await options.getByRole('button', { name: `I am ${name}` }).click();
  await expect.poll(async () => (await options.evaluate(() => document.body.innerText)).includes(name)).toBe(true);
  await expect(options.locator(`[data-person-id="${id}"]`)).toHaveCount(0);
  await options.close();
}

async function openOwnView(kenner: KennerHelpers): Promise<Page> {
  const me = await kenner.context.newPage();
  await me.goto(kenner.extUrl('me.html'));
  await expect(me.locator('[data-state="ok"]')).toBeVisible({ timeout: 60_000 });
  return me;
}

const fmt = (r: Awaited<ReturnType<AxeBuilder['analyze']>>) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

test('hide me for one customer: gone there in side panel, hover card and popup; still shown for another customer', async ({ kenner }) => {
  test.setTimeout(180_000);
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))]);
  await setMe(kenner, 'Sofie Lindqvist', 'p-sofie');

  const me = await openOwnView(kenner);
  const nordlicht = me.locator('li[data-entity-id="a-nordlicht"]');
  await expect(nordlicht).toHaveAttribute('data-suggested', 'yes');
  // Worded as the side panel words it.
  await expect(nordlicht).toContainText('Nordlicht Logistik GmbH');
  await expect(nordlicht).toContainText(/Strength \d+ of 100/);
  await expect(me.locator('li[data-entity-id="a-mueller"]')).toHaveAttribute('data-suggested', 'yes');
  for (const scheme of ['light', 'dark'] as const) {
    await me.emulateMedia({ colorScheme: scheme });
    expect(fmt(await new AxeBuilder({ page: me }).analyze()), scheme).toEqual([]);
  }
  // By keyboard: focus the hide button and press Enter.
  await nordlicht.getByRole('button', { name: 'Hide me for Nordlicht Logistik GmbH' }).focus();
  await me.keyboard.press('Enter');
  await expect(me.locator('[data-save-state="saved"]')).toBeVisible();
  await expect(me.locator('li[data-entity-id="a-nordlicht"]')).toHaveAttribute('data-hidden', 'yes');
  await me.close();

  // Others: the same browser with "me" switched to another colleague.
  await setMe(kenner, 'Lars Møller', 'p-lars');

  const page = await kenner.openDemoPage(NORDLICHT_PAGE);
  const panel = await kenner.openSidePanel(await kenner.tabIdOf(page));
  await expect(panel.locator('[data-person-id]:not([data-involved])').first()).toBeVisible({ timeout: 30_000 });
  await expect(panel.locator('[data-person-id="p-sofie"]')).toHaveCount(0);

  const box = await kenner.highlightPoint(page, 'kenner-account', /Nordlicht/);
  expect(box).not.toBeNull();
  await page.mouse.move(box!.x, box!.y);
  const card = await kenner.hoverCardFrame(page);
  await expect(card.locator('[data-person-id]').first()).toBeVisible();
  await expect(card.locator('[data-person-id="p-sofie"]')).toHaveCount(0);

  const popup = await kenner.context.newPage();
  await popup.goto(kenner.extUrl('popup.html'));
  const results = popup.getByRole('listbox', { name: 'Colleagues found' });
  await popup.getByLabel('Search colleagues').fill('who knows Nordlicht');
  await expect(popup.locator('[data-person-id]').first()).toBeVisible();
  await expect(results).toHaveAttribute('aria-busy', 'false');
  await expect(popup.locator('[data-person-id="p-sofie"]')).toHaveCount(0);
  // Another customer of hers: still suggested.
  await popup.getByLabel('Search colleagues').fill('who knows Müller Präzisionstechnik');
  await expect(popup.locator('[data-person-id="p-sofie"]')).toBeVisible();
});

test('away until: set by the colleague on their own view, others see them as away', async ({ kenner }) => {
  test.setTimeout(180_000);
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))]);
  await setMe(kenner, 'Sofie Lindqvist', 'p-sofie');
  const me = await openOwnView(kenner);
  const until = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await me.getByLabel('Away until').fill(until);
  await expect(me.locator('[data-save-state="saved"]')).toBeVisible();
  await expect(me.getByLabel('Away until')).toHaveValue(until);
  await me.close();

  await setMe(kenner, 'Lars Møller', 'p-lars');
  const page = await kenner.openDemoPage(NORDLICHT_PAGE);
  const panel = await kenner.openSidePanel(await kenner.tabIdOf(page));
  const sofie = panel.locator('li[data-card="p-sofie"]');
  await expect(sofie).toBeVisible({ timeout: 30_000 });
  await expect(sofie.locator('[data-away]')).toContainText('Away until');
  // Never spelled out as a reason: the card says when, not why.
  await expect(sofie).not.toContainText(/holiday|leave|vacation/i);

  // Back as Sofie: she was suggested once this month; a count, never who asked.
  await setMe(kenner, 'Sofie Lindqvist', 'p-sofie');
  const again = await openOwnView(kenner);
  const table = again.locator('table[data-lookups]');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator('tbody td').nth(1)).toHaveText('1');
  await expect(table).not.toContainText('Lars');
});

test('recurring problems in the popup: customers counted, no person; passes axe light and dark', async ({ kenner }) => {
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))]);
  const popup = await kenner.context.newPage();
  await popup.goto(kenner.extUrl('popup.html'));
  await popup.getByRole('button', { name: 'Recurring problems' }).click();
  const view = popup.locator('[data-view="recurring"]');
  await expect(view.locator('[data-state="loading"]')).toHaveCount(0, { timeout: 30_000 });
  await expect(view.locator('[data-recurring], [data-state="empty"]')).toBeVisible();
  await expect(view.locator('[data-person-id]')).toHaveCount(0);
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    expect(fmt(await new AxeBuilder({ page: popup }).analyze()), scheme).toEqual([]);
  }
  await popup.getByRole('button', { name: 'Back to search' }).click();
  await expect(popup.getByLabel('Search colleagues')).toBeFocused();
});

test('recurring problems: the ticket\u2019s topic line in the side panel and the popup\u2019s order, as a hand count of the graph says', async ({ kenner }) => {
  test.setTimeout(180_000);
  // The small demo graph, plus EDI cases at six of its customers in the last weeks (dated from today, so that they are recent).
  const graph = smallDemoGraph();
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  const customers = graph.accounts.filter((a) => a.id !== 'a-havbryggen').slice(0, 6);
  customers.forEach((a, i) => graph.interactions.push({ personId: 'p-zoe', kind: i < 4 ? 'case-resolved' : 'case-open', date: day(5 + i), accountId: a.id, topicIds: ['t-edi'] }));
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(graph))]);

  // By hand: distinct customers per topic with a case in the last 90 days, of them solved, and the 90 days before.
  const now = Date.now();
  const inDays = (d: string, from: number, to: number) => {
    const t = Date.parse(`${d.slice(0, 10)}T00:00:00Z`);
    return t > now - to * 86_400_000 && t <= now - from * 86_400_000;
  };
  const count = new Map<string, { cur: Set<string>; solved: Set<string>; prev: Set<string> }>();
  for (const i of graph.interactions) {
    if ((i.kind !== 'case-open' && i.kind !== 'case-resolved') || !i.accountId) continue;
    for (const t of i.topicIds ?? []) {
      const c = count.get(t) ?? { cur: new Set<string>(), solved: new Set<string>(), prev: new Set<string>() };
      count.set(t, c);
      if (inDays(i.date, 0, 90)) {
        c.cur.add(i.accountId);
        if (i.kind === 'case-resolved') c.solved.add(i.accountId);
      } else if (inDays(i.date, 90, 180)) c.prev.add(i.accountId);
    }
  }
  const expected = [...count]
    .filter(([, c]) => c.cur.size >= 5)
    .sort(([a, x], [b, y]) => y.cur.size - x.cur.size || y.cur.size - y.prev.size - (x.cur.size - x.prev.size) || (a < b ? -1 : 1));
  const edi = count.get('t-edi')!;
  expect(edi.cur.size).toBeGreaterThanOrEqual(6);

  const page = await kenner.openDemoPage('/agent/tickets/48213');
  const panel = await kenner.openSidePanel(await kenner.tabIdOf(page));
  const line = panel.locator('[data-recurring-line] li[data-topic-id="t-edi"]');
  await expect(line).toHaveText(`EDI integration came up at ${edi.cur.size} customers in the last 90 days; ${edi.solved.size} ${edi.solved.size === 1 ? 'was' : 'were'} solved.`, { timeout: 30_000 });
  // The colleagues who solved it are named as usual: the ranked suggestions below.
  await expect(panel.locator('[data-person-id]:not([data-involved])').first()).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    expect(fmt(await new AxeBuilder({ page: panel }).analyze()), scheme).toEqual([]);
  }

  const popup = await kenner.context.newPage();
  await popup.goto(kenner.extUrl('popup.html'));
  await popup.getByRole('button', { name: 'Recurring problems' }).focus();
  await popup.keyboard.press('Enter');
  const rows = popup.locator('table[data-recurring] tbody tr');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  expect(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-topic-id'), Number(tr.getAttribute('data-customers'))]))).toEqual(expected.map(([t, c]) => [t, c.cur.size]));
  // Customers only: no colleague's name anywhere in the view.
  const names = graph.people.map((p) => p.name);
  const viewText = (await popup.locator('[data-view="recurring"]').textContent()) ?? '';
  expect(names.filter((n) => viewText.includes(n))).toEqual([]);
});
