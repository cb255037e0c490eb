#!/usr/bin/env node
// `npm test`: every test, in order, stopping at the first failure:
// types, lint, unit (the company graph service's tests on PGlite), the same server tests on a
// throw-away PostgreSQL cluster with a streaming replica, the store packages (`npm run zip`: Chrome Web Store, Edge Add-ons, AMO;
// web-ext lint on the Firefox one), the e2e build and the end-to-end tests in real Chromium,
// then the Firefox e2e build and the Firefox end-to-end tests in firefox-esr (WebDriver BiDi).
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';
import { findFirefox } from './firefox.mjs';
import { startCluster } from './pg-cluster.mjs';

// The German and Dutch demo pages are made from the English ones (tests/pages/i18n), not kept.
const localised = spawnSync(process.execPath, ['tests/pages/i18n/localise.mjs'], { stdio: 'inherit' });
if (localised.status !== 0) process.exit(1);

const steps = [
  ['types (extension)', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['types (tests, scripts)', 'npx', ['tsc', '--noEmit', '-p', 'scripts']],
  ['types (server)', 'npx', ['tsc', '--noEmit', '-p', 'server']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['unit', 'npx', ['vitest', 'run']],
  // The company graph service's tests again, on a throw-away PostgreSQL cluster with a streaming replica (the unit step ran them on PGlite).
  ['server (PostgreSQL)', 'npx', ['vitest', 'run', 'tests/server']],
  ['packages (Chrome, Edge, Firefox)', 'npm', ['run', '-s', 'zip']],
  ['web-ext lint (Firefox)', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--no-config-discovery', '--warnings-as-errors=false']],
  ['build (e2e)', 'npm', ['run', '-s', 'build:e2e']],
  ['end-to-end', 'npx', ['playwright', 'test']],
  ['build (Firefox e2e)', 'npm', ['run', '-s', 'build:e2e:firefox']],
  ['end-to-end (Firefox)', 'npx', ['playwright', 'test', '-c', 'playwright.firefox.config.ts']],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  let cluster;
  if (name === 'server (PostgreSQL)') {
    try {
      cluster = await startCluster({ replica: true });
    } catch (e) {
      console.error(e.message);
      process.exit(1);
    }
    process.env.KENNER_TEST_PG = cluster.url;
    process.env.KENNER_TEST_PG_REPLICA = cluster.replicaUrl;
  }
  if (name.startsWith('end-to-end')) {
    try {
      if (name === 'end-to-end') process.env.CHROMIUM_PATH ??= await findChromium();
      else process.env.FIREFOX_PATH ??= await findFirefox();
    } catch (e) {
      console.error(e.message);
      process.exit(1);
    }
  }
  console.log(`\n━━ ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  results.push({ name, ok: r.status === 0, s: ((Date.now() - t0) / 1000).toFixed(1) });
  if (cluster) {
    await cluster.stop();
    delete process.env.KENNER_TEST_PG;
    delete process.env.KENNER_TEST_PG_REPLICA;
  }
  if (r.status !== 0) break;
}
console.log('\n━━ summary');
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name} (${r.s} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
