#!/usr/bin/env node
// `npm test`: every test, in order, stopping at the first failure:
// types, lint, unit, the store builds (Chrome and Firefox, with web-ext lint),
// the e2e build, and the end-to-end tests in real Chromium.
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

const steps = [
  ['types (extension)', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['types (tests, scripts)', 'npx', ['tsc', '--noEmit', '-p', 'scripts']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['unit', 'npx', ['vitest', 'run']],
  ['build (Chrome/Edge)', 'npx', ['wxt', 'build']],
  ['build (Firefox)', 'npx', ['wxt', 'build', '-b', 'firefox']],
  ['web-ext lint (Firefox)', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--no-config-discovery', '--warnings-as-errors=false']],
  ['build (e2e)', 'npm', ['run', '-s', 'build:e2e']],
  ['end-to-end', 'npx', ['playwright', 'test']],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  if (name === 'end-to-end') {
    try {
      process.env.CHROMIUM_PATH ??= await findChromium();
    } catch (e) {
      console.error(e.message);
      process.exit(1);
    }
  }
  console.log(`\n━━ ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  results.push({ name, ok: r.status === 0, s: ((Date.now() - t0) / 1000).toFixed(1) });
  if (r.status !== 0) break;
}
console.log('\n━━ summary');
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name} (${r.s} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
