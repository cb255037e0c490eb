/**
 * `npm run server -- import` as IT runs it (package.json starts Node with a serving-only young
 * generation flag; server/main.ts runs one-shot commands in a child process without it): the
 * exit code, the counts and the errors come through the child unchanged.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function run(args: string[], dataDir: string): Promise<{ code: number | null; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, KENNER_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.READ_DATABASE_URL;
  const child = spawn('npm', ['run', '--silent', 'server', '--', ...args], { env });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('npm run server -- import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kenner-cli-'));
  const header = JSON.stringify({ format: 'kenner-graph', version: 1 });
  const good = join(dir, 'good.ndjson');
  writeFileSync(
    good,
    [header, JSON.stringify({ type: 'person', id: 'p1', name: 'Ada Lovelace', email: 'ada@corp.example' }), JSON.stringify({ type: 'account', id: 'a1', name: 'Nordlicht Logistik GmbH' })].join('\n') + '\n',
  );
  const broken = join(dir, 'broken.ndjson');
  writeFileSync(broken, [header, JSON.stringify({ type: 'person', id: 'p2', name: 'Bo' }), '{"type":"account",'].join('\n') + '\n');

  it('imports through the child process and exits 0 with the counts', async () => {
    const r = await run(['import', good], join(dir, 'data-good'));
    expect(r.err).toBe('');
    expect(r.out).toContain('Imported: 1 people, 1 accounts');
    expect(r.code).toBe(0);
  }, 60_000);

  it('a broken file: exit 1, the file and line named, nothing changed', async () => {
    const data = join(dir, 'data-broken');
    expect((await run(['import', good], data)).code).toBe(0);
    const r = await run(['import', broken], data);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Nothing was changed');
    expect(r.err).toMatch(/broken\.ndjson.*line 3/);
    // The graph imported before is still there: merging nothing new keeps its counts.
    const again = await run(['import', '--merge', good], data);
    expect(again.out).toContain('Imported: 1 people, 1 accounts');
  }, 90_000);
});
