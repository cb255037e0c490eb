/**
 * The end-to-end tests load an extension build from `.output/`; a build older than the code it is
 * made from tests yesterday's extension and can pass or fail for the wrong reason (it happened: a
 * put-back test against a stale store build). `npm test` builds before it tests; a spec run by hand
 * checks here that no file the build is made from changed after it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What a build is made from (wxt.config.ts: the project root is the source folder); design notes (`.md`) are not. */
const SOURCES = ['utils', 'components', 'entrypoints', 'public', 'wxt.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

function newest(file: string, best: { file: string; mtime: number }): void {
  const st = statSync(file);
  if (st.isDirectory()) {
    for (const name of readdirSync(file)) newest(path.join(file, name), best);
  } else if (st.mtimeMs > best.mtime && !file.endsWith('.md')) {
    best.file = file;
    best.mtime = st.mtimeMs;
  }
}

/** Throws if a source file changed after `buildDir/manifest.json` was written (KENNER_E2E_STALE_OK=1 skips the check). */
export function assertFreshBuild(buildDir: string, rebuild: string, root = process.cwd()): void {
  if (process.env.KENNER_E2E_STALE_OK) return;
  const manifest = path.join(buildDir, 'manifest.json');
  if (!existsSync(manifest)) throw new Error(`${buildDir} has no build: run \`${rebuild}\` first`);
  const built = statSync(manifest).mtimeMs;
  const best = { file: '', mtime: 0 };
  for (const s of SOURCES) if (existsSync(path.join(root, s))) newest(path.join(root, s), best);
  if (best.mtime > built) {
    throw new Error(`${path.relative(root, buildDir)} is older than ${path.relative(root, best.file)}: run \`${rebuild}\` (or set KENNER_E2E_STALE_OK=1 to test the old build on purpose)`);
  }
}
