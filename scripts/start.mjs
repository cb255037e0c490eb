#!/usr/bin/env node
// `npm start`: builds the extension (the e2e/demo build, in which localhost is an
// enabled site), serves the demo CRM and mail pages on localhost, opens Chromium
// with the extension loaded and the embedded demo graph in it.
// With a display: a real browser window to try things in (Ctrl+C ends it).
// Without one (or with --headless): visits every demo page, prints what was
// detected and the top three colleagues, and writes a screenshot of each page
// with its side panel to .output/demo/.
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from './chromium.mjs';
import { listDemoPages, startDemoServer } from './demo-server.mjs';

// Pages that stand for a site Kenner is not enabled on are served on a host that is not enabled.
const NOT_ENABLED_HOST = 'not-enabled.kenner.test';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !process.env.DISPLAY || !!process.env.CI;
const build = !args.has('--no-build');
const outDir = path.resolve('.output/demo');
const extDir = path.resolve('.output/chrome-mv3-e2e');

if (build) execSync('npm run -s build:e2e', { stdio: 'inherit' });

const server = await startDemoServer({ port: Number(process.env.KENNER_DEMO_PORT ?? 0) });
const executablePath = await findChromium();
const profile = mkdtempSync(path.join(tmpdir(), 'kenner-start-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless,
  viewport: headless ? { width: 1280, height: 860 } : null,
  args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, `--host-resolver-rules=MAP ${NOT_ENABLED_HOST} 127.0.0.1`],
});
let [sw] = context.serviceWorkers();
if (!sw) sw = await context.waitForEvent('serviceworker');
const extId = new URL(sw.url()).host;
const ext = (p) => `chrome-extension://${extId}/${p}`;

async function shutdown(code = 0) {
  await context.close().catch(() => {});
  await server.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));

// Load the embedded demo graph the way a person would: options page, "Try the demo".
const options = await context.newPage();
await options.goto(ext('options.html#data'));
await options.getByRole('button', { name: /try the demo/i }).click();
await options.getByRole('status').filter({ hasText: /interactions/i }).first().waitFor({ timeout: 120_000 });
console.log(`Kenner: demo graph loaded. ${(await options.getByRole('status').filter({ hasText: /interactions/i }).first().textContent())?.trim()}`);

const pages = listDemoPages().map((p) => ({
  name: p.name,
  url: p.expectation.enabled === false ? `http://${NOT_ENABLED_HOST}:${server.port}${p.url}` : new URL(p.url, server.url).toString(),
  enabled: p.expectation.enabled !== false,
}));

if (!headless) {
  await options.close();
  const index = await context.newPage();
  await index.goto(server.url);
  console.log(`Kenner: demo pages at ${server.url} — open one, then the side panel from the toolbar button (popup → Open side panel) or Alt+Shift+K. Ctrl+C to stop.`);
  await new Promise(() => {});
}

await options.close();
mkdirSync(outDir, { recursive: true });
const tabIdOf = (url) =>
  sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, url);
const viewOf = (tabId) => sw.evaluate(async (id) => (await chrome.storage.session.get(`tabview:${id}`))[`tabview:${id}`] ?? null, tabId);

let failures = 0;
for (const p of pages) {
  const page = await context.newPage();
  await page.goto(p.url);
  const tabId = await tabIdOf(page.url());
  let view = null;
  for (let i = 0; i < 100; i++) {
    view = await viewOf(tabId);
    if (view && view.status !== 'loading') break;
    await page.waitForTimeout(100);
  }
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 420, height: 860 });
  await panel.goto(ext(`sidepanel.html?tab=${tabId}`));
  await panel.waitForTimeout(800);
  const [pageShot, panelShot] = [await page.screenshot(), await panel.screenshot()];
  // Page and panel side by side, as a person sees them.
  const composer = await context.newPage();
  await composer.setViewportSize({ width: 1280 + 420, height: 860 });
  await composer.setContent(
    `<body style="margin:0;display:flex;background:#888"><img src="data:image/png;base64,${pageShot.toString('base64')}" width="1280" height="860"><img src="data:image/png;base64,${panelShot.toString('base64')}" width="420" height="860" style="border-left:1px solid #666"></body>`,
  );
  const file = path.join(outDir, `${p.name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.png`);
  await composer.screenshot({ path: file });
  await Promise.all([composer.close(), panel.close(), page.close()]);

  const status = view?.status ?? 'no answer';
  console.log(`\n■ ${p.name}  (${p.url.replace(/^https?:\/\/[^/]+/, '')})  status: ${status}${p.enabled ? '' : ` (served on ${NOT_ENABLED_HOST})`}`);
  for (const kind of ['account', 'contact', 'topic']) {
    const list = (view?.entities ?? []).filter((e) => e.kind === kind);
    console.log(`  ${kind}s: ${list.map((e) => `${e.name}${e.focal ? ' (focal)' : ''}`).join(', ') || '—'}`);
  }
  const top = (view?.suggestions ?? []).slice(0, 3);
  console.log(`  top colleagues: ${top.map((s, i) => `${i + 1}. ${s.person.name} (${s.person.location ?? '?'}, ${s.score})`).join('  ') || '—'}`);
  console.log(`  screenshot: ${path.relative(process.cwd(), file)}`);
  if (status !== (p.enabled ? 'ok' : 'not-enabled')) failures++;
}
writeFileSync(path.join(outDir, 'README.txt'), 'Screenshots written by `npm start` (headless): each demo page with its Kenner side panel.\n');
console.log(`\nKenner: ${pages.length} demo pages visited; screenshots in ${path.relative(process.cwd(), outDir)}/`);
await shutdown(failures ? 1 : 0);
