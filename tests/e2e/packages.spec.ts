/**
 * Packages and the extension id (issue 17): Chromium loads the Chrome Web Store and Edge Add-ons
 * zips of `npm run zip` unpacked and they work; the store packages carry no `key` (the stores
 * assign the id); every other Chrome build carries the key that gives the documented id.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import extract from 'extract-zip';
import { test, expect, KennerHelpers, launchWithExtension, EXTENSION_DIR } from './fixtures';
import { smallDemoGraph, toNdjson, writeTemp } from './graph-files';
import { extensionIdFromKey } from '../../scripts/extension-id.mjs';

/** The id README.md and docs/deployment.md give for Kenner's own key (wxt.config.ts CHROME_PUBLIC_KEY). */
const DOCUMENTED_ID = 'fncnijbmoeiebhajnkggnibgfkdnkloh';
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { key?: string; version: string; manifest_version: number };

test('the built manifest’s key gives the documented extension id, and Chromium loads the build under that id', async ({ extensionId }) => {
  const { key } = manifestOf(EXTENSION_DIR);
  expect(key).toBeTruthy();
  expect(extensionIdFromKey(key!)).toBe(DOCUMENTED_ID);
  expect(extensionId).toBe(DOCUMENTED_ID);
  for (const doc of ['README.md', 'docs/deployment.md']) expect(readFileSync(doc, 'utf8').includes(DOCUMENTED_ID), `${doc} names ${DOCUMENTED_ID}`).toBe(true);
});

for (const store of ['chrome', 'edge'] as const) {
  test(`the ${store} zip of npm run zip loads unpacked in Chromium and works; it has no key`, async ({ demo }) => {
    const zip = path.resolve(`.output/kenner-${version}-${store}.zip`);
    expect(existsSync(zip), `${zip} (npm run zip)`).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), `kenner-${store}-zip-`));
    await extract(zip, { dir });
    const manifest = manifestOf(dir);
    expect(manifest).toMatchObject({ version, manifest_version: 3 });
    expect(manifest.key).toBeUndefined();
    const launched = await launchWithExtension({ extensionDir: dir });
    try {
      const kenner = new KennerHelpers(launched.context, launched.extensionId, demo.url);
      expect(await kenner.importFiles([writeTemp('company.ndjson', toNdjson(smallDemoGraph()))])).toMatch(/interactions/);
      const popup = await launched.context.newPage();
      await popup.goto(kenner.extUrl('popup.html'));
      await popup.getByLabel('Search colleagues').fill('soren');
      await expect(popup.locator('[data-person-id="p-soren"]').first()).toBeVisible();
    } finally {
      await launched.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
