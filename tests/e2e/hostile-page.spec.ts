/**
 * A hostile page (issue 10), against the STORE build on real hostnames (the
 * demo pages over HTTPS, Chromium's host resolver mapping the names to the
 * local server, so the manifest's match patterns apply as in production).
 * Each test first proves that Kenner did its work (the background's view of
 * the tab lists what the page holds), then shows that the page could not
 * tell.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MatchPattern } from '@webext-core/match-patterns';
import { test, expect, type Page } from '@playwright/test';
import { KennerHelpers, launchWithExtension } from './fixtures';
import { smallDemoGraph, toNdjson, writeTemp } from './graph-files';
import { startDemoServer } from '../../scripts/demo-server.mjs';
import type { Graph } from '../../utils/graph/model';

const STORE_BUILD = path.resolve('.output/chrome-mv3');
const SF = 'kennerdemo.lightning.force.com';
const ZD = 'evil-tenant.zendesk.com';
const ACCOUNT_PAGE = `https://${SF}/lightning/r/Account/0015g00000NRDLCHAA/view`;

let graph: Graph;
let servers: Array<{ close(): Promise<void> }> = [];
let launched: Awaited<ReturnType<typeof launchWithExtension>>;
let kenner: KennerHelpers;

test.beforeAll(async () => {
  const https = await startDemoServer({ port: 0, https: true });
  const plain = await startDemoServer({ port: 0 });
  servers = [https, plain];
  launched = await launchWithExtension({
    extensionDir: STORE_BUILD,
    extraArgs: [`--host-resolver-rules=MAP ${SF} 127.0.0.1:${https.port},MAP ${ZD} 127.0.0.1:${https.port}`, '--ignore-certificate-errors'],
  });
  kenner = new KennerHelpers(launched.context, launched.extensionId, plain.url);
  graph = smallDemoGraph();
  await kenner.importFiles([writeTemp('company.ndjson', toNdjson(graph))]);
});

test.afterAll(async () => {
  await launched?.close();
  for (const s of servers) await s.close();
});

/** The ids the background holds for a tab (what its side panel shows). */
async function seen(page: Page): Promise<string[]> {
  const view = await kenner.storedTabView(await kenner.tabIdOf(page));
  return (view?.entities ?? []).map((e) => e.id);
}

/** An account of the graph whose name is not on the demo page. */
function unseenAccounts(n: number): Graph['accounts'] {
  const page = readFileSync('tests/pages/salesforce/account.html', 'utf8').toLowerCase();
  return graph.accounts.filter((a) => !page.includes(a.name.toLowerCase()) && !(a.aliases ?? []).some((x) => page.includes(x.toLowerCase()))).slice(0, n);
}

/** Everything a page script can read about a paragraph and about Kenner's elements. */
function pageObservation(page: Page, ids: string[]) {
  return page.evaluate((list) => {
    const props = ['background-color', 'color', 'text-decoration-line', 'text-decoration-color', 'outline-style', 'box-shadow'];
    const ownElements = [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body);
    return {
      registry: CSS.highlights.size,
      frames: window.frames.length,
      kennerElements: ownElements.map((e) => ({ name: e.localName, attrs: [...e.attributes].map((a) => `${a.name}=${a.value}`).sort(), open: !!e.shadowRoot, children: e.children.length, text: e.textContent })),
      paragraphs: list.map((id) => {
        const el = document.getElementById(id)!;
        const style = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {
          style: props.map((p) => style.getPropertyValue(p)),
          // What is at the text's centre, top first (the overlay takes no hits, so it never shows here).
          stack: document.elementsFromPoint(r.left + 4, r.top + r.height / 2).map((e) => e.id || e.localName),
        };
      }),
    };
  }, ids);
}

test('a page cannot tell a known customer name from an unknown one', async () => {
  const page = await launched.context.newPage();
  await page.goto(ACCOUNT_PAGE);
  await expect.poll(() => seen(page)).toContain('a-nordlicht');
  const [known] = unseenAccounts(1);
  await page.evaluate((name) => {
    const add = (id: string, text: string) => {
      const p = document.createElement('p');
      p.id = id;
      p.textContent = text;
      p.style.cssText = 'position:fixed;left:20px;font:16px sans-serif;background:#fff;margin:0';
      p.style.top = id === 'probe-known' ? '200px' : '240px';
      document.body.append(p);
    };
    add('probe-known', name);
    add('probe-unknown', 'Quillbrook Vantage Holdings GmbH');
  }, known.name);
  // Kenner found the known name (so it was marked for the user)…
  await expect.poll(() => seen(page)).toContain(known.id);
  // …yet everything the page can read is the same for both names, and the shared highlight registry is empty.
  const o = await pageObservation(page, ['probe-known', 'probe-unknown']);
  expect(o.registry).toBe(0);
  expect(o.paragraphs[0].style).toEqual(o.paragraphs[1].style);
  expect(o.paragraphs.map((p) => p.stack[0])).toEqual(['probe-known', 'probe-unknown']);
  expect(o.paragraphs.flatMap((p) => p.stack).filter((n) => n.startsWith('kenner-'))).toEqual([]);
  // Kenner's one element: closed, empty, the same before and after anything matched.
  expect(o.kennerElements.filter((e) => e.name.startsWith('kenner-'))).toContainEqual({ name: 'kenner-marks', attrs: ['aria-hidden=true', 'data-kenner-ui=', 'popover=manual', expect.stringContaining('position: fixed') as unknown as string], open: false, children: 0, text: '' });
  await page.close();
});

test("Kenner's overlay is there whatever the page holds: put back after the page removes it, in the page's own frames too", async () => {
  const page = await launched.context.newPage();
  await page.goto(ACCOUNT_PAGE);
  await expect.poll(() => seen(page)).toContain('a-nordlicht');
  // The page takes the overlay out and writes a name Kenner does not know: it comes back all the same
  // (were it put back only to draw a known name, its return would tell the page that the name is known).
  await page.evaluate(() => {
    document.querySelector('kenner-marks')!.remove();
    const p = document.createElement('p');
    p.textContent = 'Quillbrook Vantage Holdings GmbH';
    document.body.append(p);
  });
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('kenner-marks').length)).toBe(1);
  // A blank frame of the page's own, holding only an unknown name, gets its overlay too.
  await page.evaluate(() => {
    const f = document.createElement('iframe');
    f.id = 'probe-frame';
    document.body.append(f);
    f.contentDocument!.body.textContent = 'Quillbrook Vantage Holdings GmbH';
  });
  await expect.poll(() => page.evaluate(() => (document.getElementById('probe-frame') as HTMLIFrameElement).contentDocument!.querySelectorAll('kenner-marks').length)).toBe(1);
  await page.close();
});

test('a page that inserts guessed names in bulk stops Kenner on that page, and the user is told', async () => {
  const page = await launched.context.newPage();
  await page.goto(ACCOUNT_PAGE);
  await expect.poll(() => seen(page)).toContain('a-nordlicht');
  const names = [...unseenAccounts(400).map((a) => a.name), ...graph.contacts.slice(0, 200).map((c) => c.name)];
  const guesses = Array.from({ length: 5000 }, (_, i) => `Guessed Company ${i} AG`);
  await page.evaluate((list) => {
    const box = document.createElement('div');
    box.textContent = list.join(' · ');
    document.body.append(box);
  }, [...guesses, ...names]);
  const tabId = await kenner.tabIdOf(page);
  await expect.poll(async () => (await kenner.storedTabView(tabId))?.status).toBe('guarded');
  const panel = await kenner.openSidePanel(tabId);
  await expect(panel.getByRole('heading', { name: /Kenner stopped on/ })).toBeVisible();
  expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
  await panel.close();
  await page.close();
});

test("a page neither hears of Kenner's start nor can switch it off by faking WXT's announcement", async () => {
  const page = await launched.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __heard: string[] };
    w.__heard = [];
    window.addEventListener('message', (e) => w.__heard.push(JSON.stringify(e.data)));
  });
  await page.goto(ACCOUNT_PAGE);
  await expect.poll(() => seen(page)).toContain('a-nordlicht');
  const heard = await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
  expect(heard.filter((m) => m.includes(launched.extensionId) || m.includes('content-script-started'))).toEqual([]);
  // A page that learnt the id some other way fakes the announcement of a newer script…
  await page.evaluate((id) => {
    document.dispatchEvent(new CustomEvent(`${id}:content:wxt:content-script-started`, { detail: { contentScriptName: 'content', messageId: 'page' } }));
  }, launched.extensionId);
  // …and Kenner keeps working: a name added afterwards is still found.
  const [later] = unseenAccounts(1);
  await page.evaluate((name) => {
    const p = document.createElement('p');
    p.textContent = name;
    document.body.append(p);
  }, later.name);
  await expect.poll(() => seen(page)).toContain(later.id);
  await page.close();
});

test("another tenant's help centre gets nothing: the built-in patterns cover the agent areas only", async () => {
  const manifest = JSON.parse(readFileSync(path.join(STORE_BUILD, 'manifest.json'), 'utf8')) as { content_scripts: Array<{ matches: string[] }>; host_permissions: string[] };
  const matches = manifest.content_scripts.flatMap((c) => c.matches);
  const covered = (url: string) => matches.some((m) => new MatchPattern(m).includes(url));
  expect(covered(`https://${ZD}/agent/tickets/1`)).toBe(true);
  for (const url of [`https://${ZD}/hc/en-us/articles/1`, 'https://evil.freshdesk.com/support/home', 'https://evil.crm4.dynamics.com/portal/home']) expect(covered(url), url).toBe(false);
  // And the background agrees: the side panel of such a tab says Kenner is not enabled there.
  const page = await launched.context.newPage();
  await page.goto(`https://${ZD}/hc/en-us/articles/1`);
  const tabId = await kenner.tabIdOf(page);
  const panel = await kenner.openSidePanel(tabId);
  await expect(panel.getByRole('status').first()).toContainText(/not enabled/i);
  await panel.close();
  await page.close();
});
