/**
 * Playwright fixtures: a fresh Chromium profile with the e2e build of the
 * extension loaded, the demo pages served on localhost, and helpers to reach
 * the extension's pages and a page's tab id.
 */
import { test as base, chromium, expect, type BrowserContext, type Frame, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertFreshBuild } from '../build-fresh';
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/chromium.mjs';
import { startDemoServer } from '../../scripts/demo-server.mjs';
import type { TabView } from '../../utils/messaging/protocol';
import type { Browser } from 'wxt/browser';

/** The extension's service worker global, as `sw.evaluate` callbacks read it: Chrome's extension API. */
export type ExtensionGlobal = { chrome: typeof Browser };

export const EXTENSION_DIR = path.resolve(process.env.KENNER_EXTENSION_DIR ?? '.output/chrome-mv3-e2e');
/** The builds in `.output/` the specs load, and the command that makes each (checked for staleness at launch). */
const BUILDS: Record<string, string> = { 'chrome-mv3': 'npm run build', 'chrome-mv3-e2e': 'npm run build:e2e' };

export interface LaunchOptions {
  extraArgs?: string[];
  /** Unpacked extension to load (default: the e2e build). */
  extensionDir?: string;
  colorScheme?: 'light' | 'dark';
}

/**
 * Uncaught errors in any of the extension's contexts (issue 11): its pages
 * (options, popup, side panel, the hover card's frame), its content script in
 * every page, and its service worker. Collected for a whole browser context;
 * the fixtures fail a test that leaves any.
 */
export class ExtensionErrors {
  private readonly found: string[] = [];
  /** Set when the browser is being closed: what fails then is the shutdown, not Kenner. */
  closing = false;

  get list(): readonly string[] {
    return this.found;
  }

  private push(e: string): void {
    if (!this.closing) this.found.push(e);
  }

  watchPage(page: Page): void {
    const fromExtension = (url: string | undefined) => !!url && url.startsWith('chrome-extension://');
    page.on('pageerror', (e) => {
      if (fromExtension(page.url()) || /chrome-extension:\/\//.test(e.stack ?? '')) this.push(`${page.url()}: ${e.message}`);
    });
    page.on('console', (m) => {
      if (m.type() !== 'error' || !/^Uncaught/.test(m.text())) return;
      if (fromExtension(page.url()) || fromExtension(m.location().url)) this.push(`${page.url()} (${m.location().url}): ${m.text()}`);
    });
  }

  async watchWorker(sw: Worker): Promise<void> {
    sw.on('console', (m) => {
      if (m.type() === 'error' && /^Uncaught/.test(m.text())) this.push(`service worker: ${m.text()}`);
    });
    // The worker reports its own uncaught errors and rejections to its console (no DevTools event reaches Playwright for them).
    await sw
      .evaluate(() => {
        const g = globalThis as unknown as { __kennerErrors?: boolean; addEventListener: (t: string, f: (e: { message?: string; reason?: unknown }) => void) => void };
        if (g.__kennerErrors) return;
        g.__kennerErrors = true;
        g.addEventListener('error', (e) => console.error(`Uncaught ${e.message ?? ''}`));
        g.addEventListener('unhandledrejection', (e) => console.error(`Uncaught (in promise) ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`));
      })
      .catch(() => undefined);
  }

  watchContext(context: BrowserContext): void {
    context.pages().forEach((p) => this.watchPage(p));
    context.on('page', (p) => this.watchPage(p));
    context.serviceWorkers().forEach((w) => void this.watchWorker(w));
    context.on('serviceworker', (w) => void this.watchWorker(w));
  }
}

export async function launchWithExtension(
  opts: LaunchOptions = {},
): Promise<{ context: BrowserContext; extensionId: string; sw: Worker; errors: ExtensionErrors; close: () => Promise<void> }> {
  const executablePath = await findChromium({ quiet: true });
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'kenner-e2e-'));
  const ext = opts.extensionDir ?? EXTENSION_DIR;
  const rebuild = BUILDS[path.relative(path.resolve('.output'), ext)];
  if (rebuild) assertFreshBuild(ext, rebuild);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    colorScheme: opts.colorScheme,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, ...(opts.extraArgs ?? [])],
  });
  const errors = new ExtensionErrors();
  errors.watchContext(context);
  let [sw] = context.serviceWorkers();
  if (!sw) sw = await context.waitForEvent('serviceworker');
  await errors.watchWorker(sw);
  const extensionId = new URL(sw.url()).host;
  return {
    context,
    extensionId,
    sw,
    errors,
    close: async () => {
      errors.closing = true;
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      // Zero uncaught errors in any extension context (issue 11).
      expect(errors.list, 'uncaught errors in the extension').toEqual([]);
    },
  };
}

interface Fixtures {
  /** Extra Chromium flags for this test (e.g. --host-resolver-rules). */
  launchArgs: string[];
  context: BrowserContext;
  extensionId: string;
  sw: Worker;
  kenner: KennerHelpers;
}
interface WorkerFixtures {
  demo: { url: string; port: number };
}

export class KennerHelpers {
  constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
    readonly demoUrl: string,
  ) {}

  extUrl(page: string): string {
    return `chrome-extension://${this.extensionId}/${page}`;
  }

  async openOptions(hash = ''): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(this.extUrl(`options.html${hash}`));
    return page;
  }

  /**
   * Connects the company-graph service on the options page (open at #data) with an access token, as
   * a person would, and waits for the first sync to end. No reload on the way: the connect runs in
   * the page, and a reload before it ends would cut it short.
   */
  async connectService(options: Page, url: string, token: string): Promise<void> {
    const section = options.getByTestId('sources-section');
    await section.getByLabel('Service address').fill(url);
    await section.getByRole('radio', { name: 'Access token' }).check();
    await section.getByLabel('Paste the token').fill(token);
    await section.getByRole('button', { name: 'Connect' }).first().click();
    await expect(section.getByTestId('sources-note')).toHaveText(/accepted the token/, { timeout: 60_000 });
    await expect(options.getByTestId('remote-status')).toContainText('Last sync', { timeout: 60_000 });
  }

  /** Imports graph files through the options page, as a person would; returns the status text. */
  async importFiles(files: string[]): Promise<string> {
    const page = await this.openOptions('#data');
    await page.getByLabel('Import company graph').setInputFiles(files);
    const status = page.getByRole('status').filter({ hasText: /interactions|error|line/i }).first();
    await expect(status).toBeVisible({ timeout: 120_000 });
    const text = (await status.textContent()) ?? '';
    await page.close();
    return text;
  }

  /** Loads the demo graph from the options page. */
  async loadDemo(): Promise<void> {
    const page = await this.openOptions('#data');
    await page.getByRole('button', { name: /try the demo/i }).click();
    await expect(page.getByRole('status').filter({ hasText: /interactions/i }).first()).toBeVisible({ timeout: 120_000 });
    await page.close();
  }

  /** The browser tab id of a page, as the extension sees it. */
  async tabIdOf(page: Page): Promise<number> {
    const url = page.url();
    const sw = this.context.serviceWorkers()[0];
    const id = await sw.evaluate(async (u) => {
      const tabs: Array<{ id?: number; url?: string }> = await (globalThis as unknown as ExtensionGlobal).chrome.tabs.query({});
      return tabs.find((t) => t.url === u)?.id ?? null;
    }, url);
    if (id === null) throw new Error(`No tab for ${url}`);
    return id;
  }

  /** What the background stored for a tab (session `tabview:<id>`): the answer its side panel shows. */
  async storedTabView(tabId: number): Promise<TabView | null> {
    const sw = this.context.serviceWorkers()[0];
    return sw.evaluate(async (id) => (await (globalThis as unknown as ExtensionGlobal).chrome.storage.session.get<Record<string, TabView | undefined>>(`tabview:${id}`))[`tabview:${id}`] ?? null, tabId);
  }

  async openDemoPage(pathname: string): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(new URL(pathname, this.demoUrl).toString());
    return page;
  }

  async openSidePanel(tabId: number): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(this.extUrl(`sidepanel.html?tab=${tabId}`));
    return page;
  }

  /** The hover card's extension frame in a page (Playwright reaches it; the page's scripts cannot). */
  async hoverCardFrame(page: Page): Promise<Frame> {
    let frame: Frame | undefined;
    await expect.poll(() => (frame = page.frames().find((f) => /^chrome-extension:\/\/[^/]+\/hovercard\.html(?:[?#]|$)/.test(f.url()))) !== undefined).toBe(true);
    return frame!;
  }

  /** The entity ids the background holds for a page's tab (what its side panel lists). */
  async seenIds(page: Page): Promise<string[]> {
    return ((await this.storedTabView(await this.tabIdOf(page)))?.entities ?? []).map((e) => e.id);
  }

  /**
   * Centre of the first on-screen occurrence of `text` in the page's own text
   * (the store build's marks are in a closed overlay, so tests find a name
   * the way a user sees it, by its text).
   */
  async textPoint(page: Page, text: string): Promise<{ x: number; y: number } | null> {
    return page.evaluate((needle) => {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        const i = (n as Text).data.indexOf(needle);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + needle.length);
        const b = r.getBoundingClientRect();
        if (b.width > 0 && b.top >= 0 && b.bottom <= innerHeight) return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      return null;
    }, text);
  }

  /** Names of the CSS Custom Highlight API highlights registered in a page, with their range counts (the e2e build's mirror). */
  async highlights(page: Page): Promise<Record<string, number>> {
    return page.evaluate(() => {
      const out: Record<string, number> = {};
      CSS.highlights.forEach((h, name) => (out[name] = h.size));
      return out;
    });
  }

  /** Centre of the first highlighted range of `name` whose text matches `text` and that is on screen. */
  async highlightPoint(page: Page, name: string, text: RegExp): Promise<{ x: number; y: number } | null> {
    return page.evaluate(
      ([n, src]) => {
        const h = CSS.highlights.get(n);
        const re = new RegExp(src, 'i');
        for (const r of h ? [...h] : []) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          const b = live.getBoundingClientRect();
          if (re.test(live.toString()) && b.width > 0 && b.top >= 0 && b.bottom <= innerHeight) return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }
        return null;
      },
      [name, text.source] as const,
    );
  }

  /** Near-miss strings (as written in the page) that a kenner-* highlight overlaps. */
  async highlightedNearMisses(page: Page, misses: string[]): Promise<string[]> {
    return page.evaluate((list) => {
      const ranges: Range[] = [];
      CSS.highlights.forEach((h, name) => {
        if (!name.startsWith('kenner-')) return;
        for (const r of h) {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          ranges.push(live);
        }
      });
      const texts: Text[] = [];
      const visit = (root: Node) => {
        const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
        for (let n: Node | null = w.currentNode; n; n = w.nextNode()) {
          if (n.nodeType === Node.TEXT_NODE) texts.push(n as Text);
          else if ((n as Element).shadowRoot) visit((n as Element).shadowRoot!);
        }
      };
      visit(document.documentElement);
      const hit: string[] = [];
      for (const miss of list) {
        for (const t of texts) {
          for (let i = t.data.indexOf(miss); i >= 0; i = t.data.indexOf(miss, i + 1)) {
            const m = document.createRange();
            m.setStart(t, i);
            m.setEnd(t, i + miss.length);
            const overlaps = ranges.some((r) => {
              try {
                return r.compareBoundaryPoints(Range.START_TO_END, m) > 0 && r.compareBoundaryPoints(Range.END_TO_START, m) < 0;
              } catch {
                return false; // different trees
              }
            });
            if (overlaps) hit.push(miss);
          }
        }
      }
      return [...new Set(hit)];
    }, misses);
  }

  /** Texts covered by a highlight in a page. */
  async highlightedTexts(page: Page, name: string): Promise<string[]> {
    return page.evaluate((n) => {
      const h = CSS.highlights.get(n);
      if (!h) return [];
      // Highlights may hold StaticRanges: read them through a live Range.
      return [...h].map((r: AbstractRange) => {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        return live.toString();
      });
    }, name);
  }
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  demo: [
    async ({}, use) => {
      const server = await startDemoServer({ port: 0 });
      await use({ url: server.url, port: server.port });
      await server.close();
    },
    { scope: 'worker' },
  ],
  launchArgs: [[], { option: true }],
  context: async ({ launchArgs }, use) => {
    const launched = await launchWithExtension({ extraArgs: launchArgs });
    await use(launched.context);
    await launched.close();
  },
  sw: async ({ context }, use) => {
    let [sw] = context.serviceWorkers();
    if (!sw) sw = await context.waitForEvent('serviceworker');
    await use(sw);
  },
  extensionId: async ({ sw }, use) => {
    await use(new URL(sw.url()).host);
  },
  kenner: async ({ context, extensionId, demo }, use) => {
    await use(new KennerHelpers(context, extensionId, demo.url));
  },
});

export { expect };
