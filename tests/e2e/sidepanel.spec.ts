/**
 * The side panel's answer (issue "Who knows this customer and this topic"):
 * ranked, explained, actionable; non-discoverable colleagues never shown;
 * accessible in light and dark.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, type KennerHelpers } from './fixtures';
import { smallDemoGraph, toNdjson, writeTemp } from './graph-files';
import type { Graph } from '../../utils/graph/model';
import type { TabView } from '../../utils/messaging/protocol';
import type { Suggestion } from '../../utils/ranking/types';

/** Colleagues with evidence on the account (directly or through its contacts) and on the topic. */
function knowsBoth(g: Graph, accountId: string, topicId: string): Set<string> {
  const contacts = new Set(g.contacts.filter((c) => c.accountId === accountId).map((c) => c.id));
  const onAccount = new Set(g.interactions.filter((i) => i.accountId === accountId || (i.contactId && contacts.has(i.contactId))).map((i) => i.personId));
  const onTopic = new Set([...g.interactions.filter((i) => i.topicIds?.includes(topicId)).map((i) => i.personId), ...g.people.filter((p) => p.skills?.includes(topicId)).map((p) => p.id)]);
  return new Set([...onAccount].filter((p) => onTopic.has(p)));
}

/** Colleagues with evidence on the account, directly or through its contacts. */
function knowsAccount(g: Graph, accountId: string): Set<string> {
  const contacts = new Set(g.contacts.filter((c) => c.accountId === accountId).map((c) => c.id));
  return new Set(g.interactions.filter((i) => i.accountId === accountId || (i.contactId && contacts.has(i.contactId))).map((i) => i.personId));
}

/** Colleagues with evidence on a topic: an interaction on it or the skill. */
function knowsTopic(g: Graph, topicId: string): Set<string> {
  return new Set([...g.interactions.filter((i) => i.topicIds?.includes(topicId)).map((i) => i.personId), ...g.people.filter((p) => p.skills?.includes(topicId)).map((p) => p.id)]);
}

async function importSmall(kenner: KennerHelpers): Promise<Graph> {
  const graph = smallDemoGraph();
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(graph))]);
  return graph;
}

async function panelFor(kenner: KennerHelpers, path: string): Promise<{ page: Page; panel: Page }> {
  const page = await kenner.openDemoPage(path);
  const panel = await kenner.openSidePanel(await kenner.tabIdOf(page));
  await expect(panel.locator('[data-person-id]:not([data-involved])').first()).toBeVisible();
  return { page, panel };
}

test('Zendesk ticket: the colleague who knows customer and topic comes first, with reasons and a prefilled email', async ({ kenner }) => {
  const graph = await importSmall(kenner);
  const { panel } = await panelFor(kenner, '/agent/tickets/48213');
  const first = panel.locator('[data-person-id]:not([data-involved])').first();
  const firstId = await first.getAttribute('data-person-id');
  // Lars Møller knows both best, but he is the agent signed in on this ticket (and its assignee): never suggested to himself.
  expect(firstId).not.toBe('p-lars');
  const both = knowsBoth(graph, 'a-havbryggen', 't-edi');
  both.delete('p-lars');
  const either = new Set([...knowsAccount(graph, 'a-havbryggen'), ...knowsTopic(graph, 't-edi')]);
  expect((both.size ? both : either).has(firstId!)).toBe(true);
  await expect(panel.locator('[data-person-id="p-lars"]')).toHaveCount(0);
  // Reasons in words name the customer or the topic.
  await expect(first).toContainText(/Havbryggen|EDI/);
  // Email: a mailto: link whose subject and body name the customer and the topic.
  const href = await first.locator('a[href^="mailto:"]').first().getAttribute('href');
  const mail = new URL(href!);
  const subject = mail.searchParams.get('subject') ?? '';
  const body = mail.searchParams.get('body') ?? '';
  expect(mail.pathname).toBe(graph.people.find((p) => p.id === firstId)!.email);
  expect(`${subject}\n${body}`).toContain('Havbryggen Shipping A/S');
  expect(`${subject}\n${body}`).toContain('EDI integration');
});

test('a colleague marked non-discoverable never appears: side panel, hover card, popup', async ({ kenner }) => {
  const graph = await importSmall(kenner);
  const hidden = graph.people.find((p) => p.discoverable === false && p.id === 'p-konstantin')!;
  expect(hidden).toBeTruthy();
  const { page, panel } = await panelFor(kenner, '/lightning/r/Account/0015g00000NRDLCHAA/view');
  await expect(panel.locator(`[data-person-id="${hidden.id}"]`)).toHaveCount(0);
  await expect(panel.getByText(hidden.name)).toHaveCount(0);

  // Hover card: hover the first highlighted account name and read the card in its extension frame.
  const box = await kenner.highlightPoint(page, 'kenner-account', /Nordlicht/);
  expect(box).not.toBeNull();
  await page.mouse.move(box!.x, box!.y);
  const card = await kenner.hoverCardFrame(page);
  await expect(card.locator('[data-person-id="p-sofie"]')).toBeVisible();
  await expect(card.locator(`[data-person-id="${hidden.id}"]`)).toHaveCount(0);
  await expect(card.getByText(hidden.name)).toHaveCount(0);

  const popup = await kenner.context.newPage();
  await popup.goto(kenner.extUrl('popup.html'));
  const results = popup.getByRole('listbox', { name: 'Colleagues found' });
  // By name: the answer for this query is shown (it names the query) and holds nobody, so not him.
  await popup.getByLabel('Search colleagues').fill(hidden.name);
  await expect(popup.getByText(`Nobody matches “${hidden.name}”.`)).toBeVisible();
  await expect(results).toHaveAttribute('aria-busy', 'false');
  await expect(popup.locator('[data-person-id]')).toHaveCount(0);
  // By customer: the answer for this query is shown (a colleague who knows Nordlicht, where the previous
  // answer had nobody; the list no longer busy), and he is not in it.
  await popup.getByLabel('Search colleagues').fill('who knows Nordlicht');
  await expect(popup.locator('[data-person-id="p-sofie"]')).toBeVisible();
  await expect(results).toHaveAttribute('aria-busy', 'false');
  await expect(popup.locator(`[data-person-id="${hidden.id}"]`)).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`side panel passes axe in ${scheme} mode`, async ({ kenner }) => {
    await importSmall(kenner);
    const { panel } = await panelFor(kenner, '/agent/tickets/48213');
    await panel.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page: panel }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('side panel is usable by keyboard: chips filter the list, the card actions are reachable', async ({ kenner }) => {
  const graph = await importSmall(kenner);
  const { page, panel } = await panelFor(kenner, '/agent/tickets/48213');
  const tabId = await kenner.tabIdOf(page);
  const shownIds = () => panel.locator('[data-person-id]:not([data-involved])').evaluateAll((els) => els.map((e) => e.getAttribute('data-person-id')));
  // The panel shows the answer the background stored for the tab, all of it, in rank order.
  let view: TabView | null = null;
  await expect
    .poll(async () => {
      view = await kenner.storedTabView(tabId);
      return view?.status === 'ok' && JSON.stringify(await shownIds()) === JSON.stringify(view.suggestions.map((s) => s.person.id));
    }, { message: 'panel shows the stored answer' })
    .toBe(true);
  const all = view!.suggestions;
  // The EDI chip keeps exactly the colleagues suggested for EDI (a strength or a reason on it), in rank order.
  const coversEdi = (s: Suggestion) => (s.strengths['t-edi'] ?? 0) > 0 || s.reasons.some((r) => r.entityId === 't-edi');
  const expected = all.filter(coversEdi).map((s) => s.person.id);
  // Not vacuous: the chip keeps some and drops some; and it agrees with the graph (who has evidence on EDI).
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(all.length);
  const onEdi = knowsTopic(graph, 't-edi');
  expect(all.map((s) => s.person.id).filter((id) => onEdi.has(id))).toEqual(expected);

  const topicChip = panel.locator('[data-entity-kind="topic"][data-entity-id="t-edi"]').first();
  await expect(topicChip).toHaveAttribute('aria-pressed', 'false');
  await topicChip.focus();
  await panel.keyboard.press('Enter');
  await expect(topicChip).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByRole('button', { name: 'All', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(shownIds).toEqual(expected);
  await expect(panel.getByRole('status').first()).toHaveText(`Showing ${expected.length} of ${all.length}`);
  // Tab reaches the first card's email action.
  for (let i = 0; i < 40; i++) {
    await panel.keyboard.press('Tab');
    if (await panel.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href?.startsWith('mailto:'))) return;
  }
  throw new Error('No mailto action reachable by Tab');
});
