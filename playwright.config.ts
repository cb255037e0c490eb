import { defineConfig } from '@playwright/test';

// End-to-end tests load the built extension (.output/chrome-mv3-e2e) into real
// Chromium (found by scripts/chromium.mjs) against the local demo pages.
// Report the service worker's own requests too (used by the network-traffic test).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
});
