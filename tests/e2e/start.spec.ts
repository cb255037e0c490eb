/**
 * `npm start` without a display: visits every demo page, prints the entities
 * and top three colleagues for each, and writes a screenshot of each page with
 * its side panel under .output/demo/ (the build is the one the suite uses).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { listDemoPages } from '../../scripts/demo-server.mjs';

test('npm start (headless) prints what it found on every demo page and writes screenshots', async () => {
  test.setTimeout(300_000);
  const started = Date.now();
  const r = spawnSync('node', ['scripts/start.mjs', '--headless', '--no-build'], { encoding: 'utf8', env: { ...process.env, DISPLAY: '' }, timeout: 280_000 });
  expect(r.status, r.stderr).toBe(0);
  const out = r.stdout;
  expect(out).toMatch(/demo graph loaded/i);
  for (const p of listDemoPages()) {
    const block = out.split('\n■ ').find((b) => b.startsWith(p.name));
    expect(block, p.name).toBeTruthy();
    if (p.expectation.enabled === false) {
      expect(block).toContain('status: not-enabled');
      continue;
    }
    expect(block).toContain('status: ok');
    // Every expected entity’s kind line is filled, and colleagues are named (up to three).
    for (const kind of new Set(p.expectation.entities.map((e) => e.kind))) expect(block).not.toMatch(new RegExp(`${kind}s: —`));
    expect(block).toMatch(/top colleagues: 1\. \S/);
    const shot = path.resolve('.output/demo', `${p.name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.png`);
    expect(existsSync(shot), shot).toBe(true);
    expect(statSync(shot).mtimeMs).toBeGreaterThan(started);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
  }
  // The story: the Nordlicht account page puts the latest deal winner first.
  expect(out.split('\n■ ').find((b) => b.startsWith('salesforce/account'))).toMatch(/top colleagues: 1\. Sofie Lindqvist/);
});
