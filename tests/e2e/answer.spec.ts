/**
 * Issue 11, "An answer a rep trusts at a glance": on every demo page the
 * page's own user is in neither list, and colleagues already on the page are
 * listed apart ("Already on this", `data-involved="<role>"`, contract.md),
 * never ranked as suggestions. "Me" is proposed from the page's signed-in
 * user, confirmed with one click, and Options → Me shows it on reopening.
 */
import type { Page } from '@playwright/test';
import { test, expect, type KennerHelpers } from './fixtures';
import { smallDemoGraph, toNdjson, writeTemp } from './graph-files';

/** Demo page → its signed-in user (null: the page shows none) and the colleagues on it by role (tests/pages). */
const PAGES: Array<{ path: string; me: string | null; involved: Record<string, string> }> = [
  { path: '/lightning/r/Account/0015g00000NRDLCHAA/view', me: null, involved: { 'p-joerg': 'owner' } },
  { path: '/lightning/r/Opportunity/0065g00000NRDOPPAA/view', me: null, involved: { 'p-sofie': 'owner' } },
  { path: '/contacts/26000000/record/0-2/9100003', me: 'p-zoe', involved: {} },
  {
    path: '/main.aspx?appid=8d2a4f8e-2b1c-4e6f-9a0e-5c4d3b2a1f00&pagetype=entityrecord&etn=account&id=7c9e6679-7425-40de-944b-e07fc1f90ae7',
    me: 'p-asa',
    involved: {},
  },
  { path: '/agent/tickets/48213', me: 'p-lars', involved: {} },
  { path: '/a/tickets/10234', me: 'p-oliver', involved: {} },
  { path: '/mail/u/0/#inbox', me: 'p-sofie', involved: {} },
  { path: '/mail/u/0/#inbox/FMfcgzQXJWDsKmzbVhcwqNqxHmRkGfTr', me: 'p-sofie', involved: { 'p-joerg': 'sender' } },
  { path: '/mail/inbox/id/AAQkAGI2', me: 'p-asa', involved: { 'p-sofie': 'recipient' } },
];

async function panelOf(kenner: KennerHelpers, path: string): Promise<{ page: Page; panel: Page }> {
  const page = await kenner.openDemoPage(path);
  const panel = await kenner.openSidePanel(await kenner.tabIdOf(page));
  await expect(panel.locator('[data-person-id]:not([data-involved])').first()).toBeVisible({ timeout: 30_000 });
  return { page, panel };
}

test('on every demo page the user is in neither list and colleagues already on it are listed apart with their role', async ({ kenner }) => {
  test.setTimeout(240_000);
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))]);
  for (const p of PAGES) {
    const { page, panel } = await panelOf(kenner, p.path);
    for (const [id, role] of Object.entries(p.involved)) {
      await expect(panel.locator(`[data-person-id="${id}"][data-involved="${role}"]`), `${p.path}: ${id} as ${role}`).toBeVisible();
      await expect(panel.getByRole('heading', { name: 'Already on this' })).toBeVisible();
      await expect(panel.locator(`[data-person-id="${id}"]:not([data-involved])`), `${p.path}: ${id} is not a suggestion`).toHaveCount(0);
    }
    if (p.me) {
      // The page says who is signed in: proposed as "me", and in neither list.
      await expect(panel.locator(`[data-me-proposal="${p.me}"]`), p.path).toBeVisible();
      await expect(panel.locator(`[data-person-id="${p.me}"]`), `${p.path}: ${p.me} is the user`).toHaveCount(0);
    }
    if (!Object.keys(p.involved).length) await expect(panel.locator('[data-involved]'), p.path).toHaveCount(0);
    // A mail list without an open message says so.
    await expect(panel.locator('[data-list-view]'), p.path).toHaveCount(p.path === '/mail/u/0/#inbox' ? 1 : 0);
    // A role always names its customer: no badge says "owner" or "team" without the account.
    for (const badge of await panel.locator('[data-role]').allTextContents()) expect(badge, p.path).toMatch(/ of /);
    await panel.close();
    await page.close();
  }
});

test('"me" from the signed-in user with one click; Options → Me shows it on reopening and can clear it', async ({ kenner }) => {
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))]);
  const { panel } = await panelOf(kenner, '/mail/u/0/#inbox/FMfcgzQXJWDsKmzbVhcwqNqxHmRkGfTr');
  await expect(panel.locator('[data-person-id="p-joerg"][data-involved="sender"]')).toContainText('Sender, Recipient');
  await panel.locator('[data-me-proposal="p-sofie"]').getByRole('button', { name: "Yes, that's me" }).click();
  await expect(panel.locator('[data-me-proposal]')).toHaveCount(0);

  // Another page signed in as someone else: the chosen "me" is never suggested, and nothing is proposed.
  const sf = await panelOf(kenner, '/lightning/r/Account/0015g00000NRDLCHAA/view');
  await expect(sf.panel.locator('[data-person-id="p-sofie"]')).toHaveCount(0);
  await expect(sf.panel.locator('[data-me-proposal]')).toHaveCount(0);
  // The account's owner, named as owner of that account, at the top.
  await expect(sf.panel.locator('[data-person-id="p-joerg"][data-involved="owner"]')).toContainText('Owner of Nordlicht Logistik GmbH');

  for (let i = 0; i < 2; i++) {
    const options = await kenner.openOptions('#me');
    const me = options.getByRole('region', { name: 'Me', exact: true });
    await expect(me.getByText('Sofie Lindqvist')).toBeVisible();
    await expect(me.getByText('no longer in the graph')).toHaveCount(0);
    if (i === 1) {
      await me.getByRole('button', { name: 'Clear' }).click();
      // Cleared: the signed-in user the mail page showed is proposed again, with its one-click confirmation.
      await expect(me.locator('[data-me-proposal="p-sofie"]').getByRole('button', { name: "Yes, that's me" })).toBeVisible();
    }
    await options.close();
  }
});
