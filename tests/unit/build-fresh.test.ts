/**
 * The e2e specs' stale-build guard (tests/build-fresh.ts): a build older than a file it is made from is
 * refused with the command that rebuilds it; design notes do not count; a missing build is named.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertFreshBuild } from '../build-fresh';

let root: string;
const at = (file: string, seconds: number) => utimesSync(path.join(root, file), seconds, seconds);

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'kenner-fresh-'));
  mkdirSync(path.join(root, 'utils/page'), { recursive: true });
  mkdirSync(path.join(root, '.output/chrome-mv3'), { recursive: true });
  writeFileSync(path.join(root, 'utils/page/marks.ts'), 'export {};');
  writeFileSync(path.join(root, 'utils/page/highlights.design.md'), '# notes');
  writeFileSync(path.join(root, '.output/chrome-mv3/manifest.json'), '{}');
  at('utils/page/marks.ts', 1_000);
  at('utils/page/highlights.design.md', 1_000);
  at('.output/chrome-mv3/manifest.json', 2_000);
  delete process.env.KENNER_E2E_STALE_OK;
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  delete process.env.KENNER_E2E_STALE_OK;
});

describe('assertFreshBuild', () => {
  const build = () => path.join(root, '.output/chrome-mv3');

  it('accepts a build newer than every source; a design note changed later does not count', () => {
    at('utils/page/highlights.design.md', 3_000);
    expect(() => assertFreshBuild(build(), 'npm run build', root)).not.toThrow();
  });

  it('refuses a build older than a source, naming the file and the command', () => {
    at('utils/page/marks.ts', 3_000);
    expect(() => assertFreshBuild(build(), 'npm run build', root)).toThrow(/\.output\/chrome-mv3 is older than utils\/page\/marks\.ts: run `npm run build`/);
    process.env.KENNER_E2E_STALE_OK = '1';
    expect(() => assertFreshBuild(build(), 'npm run build', root)).not.toThrow();
  });

  it('names a build that is missing', () => {
    rmSync(build(), { recursive: true });
    expect(() => assertFreshBuild(build(), 'npm run build:e2e', root)).toThrow(/has no build: run `npm run build:e2e` first/);
  });
});
