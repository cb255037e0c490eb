import { defineConfig } from '@playwright/test';

// Firefox end-to-end tests (tests/firefox): Playwright's runner and expect; the browser is
// firefox-esr driven by Puppeteer over WebDriver BiDi (tests/firefox/README.md), with the
// Firefox e2e build (.output/firefox-mv2-e2e) and, for the package test, `npm run zip`'s zips.
export default defineConfig({
  testDir: 'tests/firefox',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results/firefox',
});
