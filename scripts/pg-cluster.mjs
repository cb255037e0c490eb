// A throw-away PostgreSQL cluster for the company graph service's tests and benchmarks: Debian's
// `postgresql` package, run as the `postgres` user (PostgreSQL refuses to run as root), on a free
// port in a temporary folder, trust auth on loopback only. Optionally a streaming replica of it.
//
//   const pg = await startCluster({ replica: true });   // pg.url, pg.replicaUrl
//   await pg.stop();
//
// Run directly (`node scripts/pg-cluster.mjs`) to start one and print its URL until Ctrl-C.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder of PostgreSQL's server programs (initdb, pg_ctl, postgres). */
export function findPgBin() {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], 'bin');
  }
  throw new Error('PostgreSQL server programs not found: install Debian\'s "postgresql" package (apt-get install postgresql) or set PG_BIN.');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL program as the postgres user when we are root, else as ourselves. */
function run(bin, args, opts = {}) {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

async function startOne(bin, dir, port) {
  run(join(bin, 'pg_ctl'), ['-D', dir, '-l', join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-w', '-t', '60', 'start']);
}

/** Starts a cluster (and, with `replica`, a streaming replica of it). */
export async function startCluster({ replica = false } = {}) {
  const bin = findPgBin();
  const base = mkdtempSync(join(tmpdir(), 'kenner-pg-'));
  chmodSync(base, 0o777);
  const primary = join(base, 'primary');
  const port = await freePort();
  if (asRoot) execFileSync('install', ['-d', '-o', 'postgres', '-g', 'postgres', '-m', '700', primary]);
  run(join(bin, 'initdb'), ['-D', primary, '-U', 'kenner', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const conf = ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off', 'max_connections = 200', 'shared_buffers = 256MB', 'wal_level = replica', 'max_wal_senders = 4'];
  appendFileSync(join(primary, 'postgresql.conf'), `\n${conf.join('\n')}\n`);
  appendFileSync(join(primary, 'pg_hba.conf'), '\nhost replication kenner 127.0.0.1/32 trust\n');
  await startOne(bin, primary, port);
  run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'kenner', 'kenner']);
  const out = { url: `postgres://kenner@127.0.0.1:${port}/kenner`, port, base, replicaUrl: undefined, replicaPort: undefined };
  const dirs = [primary];
  if (replica) {
    const rdir = join(base, 'replica');
    const rport = await freePort();
    if (asRoot) execFileSync('install', ['-d', '-o', 'postgres', '-g', 'postgres', '-m', '700', rdir]);
    run(join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'kenner', '-D', rdir, '-R', '-X', 'stream', '--no-sync', '-c', 'fast']);
    await startOne(bin, rdir, rport);
    dirs.push(rdir);
    out.replicaUrl = `postgres://kenner@127.0.0.1:${rport}/kenner`;
    out.replicaPort = rport;
  }
  out.stop = async () => {
    for (const d of dirs.reverse()) {
      try {
        run(join(bin, 'pg_ctl'), ['-D', d, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
    }
    rmSync(base, { recursive: true, force: true });
  };
  /** Creates a database (a fresh one per test file) and returns its URL. */
  out.createDatabase = (name) => {
    run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'kenner', name]);
    return `postgres://kenner@127.0.0.1:${port}/${name}`;
  };
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pg = await startCluster({ replica: process.argv.includes('--replica') });
  console.log(`DATABASE_URL=${pg.url}${pg.replicaUrl ? `\nREAD_DATABASE_URL=${pg.replicaUrl}` : ''}\n(Ctrl-C stops and removes it)`);
  const stop = () => pg.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  writeFileSync(join(pg.base, 'url'), pg.url);
  setInterval(() => {}, 1 << 30);
}
