/**
 * Firefox end-to-end harness: firefox-esr driven through WebDriver BiDi by
 * Puppeteer (see README.md here for why), the Firefox package installed with
 * BiDi's `webExtension.install`, and helpers that mirror tests/e2e/fixtures.ts.
 *
 * Extension pages are moz-extension://<uuid>/…; the uuid is random per profile
 * unless the `extensions.webextensions.uuids` pref fixes it, which we do.
 * Navigating a tab to a moz-extension: URL needs `--remote-allow-system-access`
 * (Firefox's BiDi refuses privileged URLs otherwise).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, mkdirSync, writeFileSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { TimeoutError, type Browser, type Page } from 'puppeteer-core';
import { findFirefox } from '../../scripts/firefox.mjs';
import { assertFreshBuild } from '../build-fresh';

/** The Firefox e2e build (`npm run build:e2e:firefox`): localhost counts as an enabled site. */
export const FIREFOX_E2E_BUILD = path.resolve(process.env.KENNER_FIREFOX_EXTENSION_DIR ?? '.output/firefox-mv2-e2e');
export const GECKO_ID = (JSON.parse(readFileSync(path.join(FIREFOX_E2E_BUILD, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } }).browser_specific_settings.gecko.id;
/** Fixed moz-extension:// host for the tests' profiles. */
export const EXTENSION_UUID = '6b0c3d8e-5f3a-4c1e-9b7a-0e4d2f1a9c55';

export interface FirefoxLaunch {
  browser: Browser;
  /** What webExtension.install answered: the add-on id. */
  addonId: string;
  kenner: FirefoxKenner;
  close: () => Promise<void>;
}

/**
 * A Firefox "installation" in a temporary folder that reads `policies` as its enterprise policy:
 * the real executable copied (Firefox finds its files, and its distribution/ folder, next to the
 * resolved executable), every other file of the installation a symlink, and a distribution/policies.json
 * of our own. Nothing outside the temporary folder is written; /etc/firefox/policies would take
 * precedence, so its presence fails the test instead of silently testing the machine's policy.
 */
function installationWithPolicy(executable: string, policies: object): { executable: string; dir: string } {
  for (const system of ['/etc/firefox/policies/policies.json', '/etc/firefox-esr/policies/policies.json']) {
    if (existsSync(system)) throw new Error(`${system} exists: Firefox would read it instead of the test's policy file`);
  }
  const real = realpathSync(executable);
  const appDir = path.dirname(real);
  const dir = mkdtempSync(path.join(tmpdir(), 'kenner-firefox-policy-'));
  for (const entry of readdirSync(appDir)) {
    if (entry === 'distribution' || entry === path.basename(real)) continue;
    symlinkSync(path.join(appDir, entry), path.join(dir, entry));
  }
  copyFileSync(real, path.join(dir, path.basename(real)));
  mkdirSync(path.join(dir, 'distribution'));
  writeFileSync(path.join(dir, 'distribution', 'policies.json'), JSON.stringify(policies, null, 2));
  return { executable: path.join(dir, path.basename(real)), dir };
}

export async function launchFirefox(opts: { extension?: string; demoUrl: string; policies?: object }): Promise<FirefoxLaunch> {
  if (!opts.extension) assertFreshBuild(FIREFOX_E2E_BUILD, 'npm run build:e2e:firefox');
  let executablePath = await findFirefox({ quiet: true });
  let policyDir: string | undefined;
  if (opts.policies) ({ executable: executablePath, dir: policyDir } = installationWithPolicy(executablePath, opts.policies));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }) },
  });
  try {
    const addonId = await browser.installExtension(opts.extension ?? FIREFOX_E2E_BUILD);
    return {
      browser,
      addonId,
      kenner: new FirefoxKenner(browser, opts.demoUrl),
      close: async () => {
        await browser.close();
        if (policyDir) rmSync(policyDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser.close();
    if (policyDir) rmSync(policyDir, { recursive: true, force: true });
    throw e;
  }
}

/** Text of the first element matching `selector` whose text matches `re`, once there is one. */
export async function waitForText(page: Page, selector: string, re: RegExp, timeout = 30_000): Promise<string> {
  const handle = await page.waitForFunction(
    (sel, src, flags) => {
      const r = new RegExp(src, flags);
      for (const el of document.querySelectorAll(sel)) if (r.test(el.textContent ?? '')) return el.textContent;
      return false;
    },
    { timeout, polling: 100 },
    selector,
    re.source,
    re.flags,
  );
  return (await handle.jsonValue()) as string;
}

export class FirefoxKenner {
  constructor(
    readonly browser: Browser,
    readonly demoUrl: string,
  ) {}

  extUrl(page: string): string {
    return `moz-extension://${EXTENSION_UUID}/${page}`;
  }

  /**
   * Opens an extension page in a new tab. Puppeteer's navigation tracking loses the tab when it moves
   * into the extension process (goto would time out although the page loads), so the goto is not
   * awaited; the page is ready when its document is the extension page, fully loaded.
   */
  async openExtensionPage(page: string): Promise<Page> {
    const url = this.extUrl(page);
    const deadline = Date.now() + 30_000;
    let tab = await this.browser.newPage();
    tab.goto(url).catch(() => undefined);
    for (;;) {
      try {
        await tab.waitForFunction((u) => location.href === u && document.readyState === 'complete', { polling: 100, timeout: Math.max(1_000, deadline - Date.now()) }, url);
        return tab;
      } catch (e) {
        // A check that ran while the tab was moving into the extension process fails with a protocol
        // error from the document being replaced. Firefox's WebDriver BiDi can keep failing every later
        // check in that tab ("right-hand side of 'in' should be an object, got null"), so the page is
        // opened again in a new tab. A timeout is final.
        if (e instanceof TimeoutError || Date.now() > deadline) throw e;
        await tab.close().catch(() => undefined);
        tab = await this.browser.newPage();
        tab.goto(url).catch(() => undefined);
      }
    }
  }

  async openDemoPage(pathname: string): Promise<Page> {
    const page = await this.browser.newPage();
    await page.goto(new URL(pathname, this.demoUrl).toString());
    return page;
  }

  /** Runs `fn` in an extension page (full WebExtension API), then closes it. */
  async inExtension<T, A extends string | number | boolean | null>(fn: (arg: A) => Promise<T>, arg: A): Promise<T> {
    const page = await this.openExtensionPage('options.html');
    try {
      return (await page.evaluate(fn as (a: unknown) => Promise<T>, arg));
    } finally {
      await page.close();
    }
  }

  /** The browser tab id of a page, as the extension sees it. */
  async tabIdOf(page: Page): Promise<number> {
    const href = await page.evaluate(() => location.href);
    const id = await this.inExtension(async (u: string) => {
      const tabs = await (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).browser.tabs.query({});
      return tabs.find((t) => t.url === u)?.id ?? null;
    }, href);
    if (id === null) throw new Error(`No tab for ${href}`);
    return id;
  }

  /** Imports graph files through the options page, as a person would; returns the status text. */
  async importFiles(files: string[]): Promise<string> {
    const page = await this.openExtensionPage('options.html#data');
    const input = await page.waitForSelector('input#import-file:not([disabled])');
    await input!.uploadFile(...files);
    const status = await waitForText(page, '[role="status"]', /interactions|error|line/i, 120_000);
    await page.close();
    return status;
  }

  /** The sidebar's page for a tab, opened as the Chrome tests open the side panel: sidepanel.html?tab=<id>. */
  async openSidebar(tabId: number): Promise<Page> {
    return this.openExtensionPage(`sidepanel.html?tab=${tabId}`);
  }

  /** Names of the CSS Custom Highlight API highlights registered in a page (its own world), with their range counts. */
  async highlights(page: Page): Promise<Record<string, number>> {
    return page.evaluate(() => {
      const out: Record<string, number> = {};
      CSS.highlights.forEach((h, name) => (out[name] = h.size));
      return out;
    });
  }

  /** Texts covered by a highlight in a page. */
  async highlightedTexts(page: Page, name: string): Promise<string[]> {
    return page.evaluate((n) => {
      const h = CSS.highlights.get(n);
      if (!h) return [];
      return [...h].map((r: AbstractRange) => {
        const live = document.createRange();
        live.setStart(r.startContainer, r.startOffset);
        live.setEnd(r.endContainer, r.endOffset);
        return live.toString();
      });
    }, name);
  }

  /** `data-<attr>` values of the elements matching `selector`, in document order. */
  async attrs(page: Page, selector: string, attr: string): Promise<string[]> {
    return page.$$eval(selector, (els, a) => els.map((e) => e.getAttribute(a) ?? ''), attr);
  }
}
