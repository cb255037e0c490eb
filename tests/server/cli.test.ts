/**
 * `npm run server -- import` as IT runs it (package.json starts Node with a serving-only young
 * generation flag; server/main.ts runs one-shot commands in a child process without it): the
 * exit code, the counts and the errors come through the child unchanged, and a signal sent to the
 * parent alone reaches the child.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

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

/** The pids whose parent is `ppid` (Linux /proc). */
function childrenOf(ppid: number): number[] {
  const kids: number[] = [];
  for (const d of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      // /proc/PID/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after the last ')'.
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === ppid) kids.push(Number(d));
    } catch {
      /* gone meanwhile */
    }
  }
  return kids;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a signal to the parent of a one-shot command', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('%s reaches the import in the child, and the parent exits %i', async (signal, code) => {
    const dir = mkdtempSync(join(tmpdir(), 'kenner-cli-sig-'));
    // A named pipe as the graph file: the import blocks reading it for as long as the test keeps it open.
    const fifo = join(dir, 'graph.ndjson');
    execFileSync('mkfifo', [fifo]);
    const env: NodeJS.ProcessEnv = { ...process.env, KENNER_DATA_DIR: join(dir, 'data') };
    delete env.DATABASE_URL;
    delete env.READ_DATABASE_URL;
    // As package.json's "server" script starts it (with the serving-only flag), without npm in between.
    const parent = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'server/main.ts', 'import', fifo], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    parent.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const exited = new Promise<number | null>((resolve) => parent.on('exit', (c) => resolve(c)));
    // Opening the pipe for writing completes once the import (in the child) has opened it for reading.
    const writer = await open(fifo, 'w');
    try {
      await writer.write(JSON.stringify({ format: 'kenner-graph', version: 1 }) + '\n');
      // The import's own child (tsx also starts an esbuild service as a child of the parent).
      const [child] = childrenOf(parent.pid!).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server/main.ts'));
      expect(child, 'the import runs in a child process').toBeGreaterThan(0);
      parent.kill(signal);
      expect(await exited, err).toBe(code);
      await vi.waitFor(() => expect(alive(child), `child ${child} still running`).toBe(false), { timeout: 30_000, interval: 50 });
    } finally {
      await writer.close();
    }
  }, 60_000);
});
