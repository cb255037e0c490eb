#!/usr/bin/env node
// `npm run bench`: every benchmark in scripts/bench/, in one run, each printing
// one JSON object per line on stdout (progress goes to stderr).
// Options: `npm run bench -- <name>...` runs only those (e.g. `spotting`, `extension`);
// KENNER_BENCH_SCALE=1 runs the extension benchmark on the default-scale graph
// instead of scale 10 (quicker, for development); KENNER_BENCH_MAIL_EVENTS=1000000 runs the connectors
// benchmark on the 1M mail-metadata events (default 100,000).
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const only = process.argv.slice(2);
const dir = path.resolve('scripts/bench');
const files = readdirSync(dir)
  .filter((f) => /\.(ts|mjs)$/.test(f) && !f.startsWith('_'))
  .filter((f) => !only.length || only.some((o) => f.startsWith(o)))
  .sort();

// The e2e build (localhost enabled) for the extension benchmarks, the store build for those on real hostnames.
if (!existsSync('.output/chrome-mv3-e2e/manifest.json') || process.env.KENNER_BENCH_BUILD !== '0') {
  execSync('npm run -s build:e2e', { stdio: ['ignore', 'inherit', 'inherit'] });
}
if (!existsSync('.output/chrome-mv3/manifest.json') || process.env.KENNER_BENCH_BUILD !== '0') {
  execSync('npx wxt build', { stdio: ['ignore', 'inherit', 'inherit'] });
}
let failed = 0;
for (const f of files) {
  console.error(`\n━━ bench: ${f}`);
  const cmd = f.endsWith('.ts') ? ['npx', ['tsx', path.join(dir, f)]] : ['node', [path.join(dir, f)]];
  const r = spawnSync(cmd[0], cmd[1], { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  if (r.status !== 0) {
    failed++;
    console.error(`bench ${f} failed (exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
