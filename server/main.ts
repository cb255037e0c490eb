/**
 * `npm run server -- <command>`: the company graph service's command line.
 * See `npm run server -- help` and server.design.md.
 */
import { formatImportError } from '../utils/graph/import/error-text';
import type { ImportResult } from '../utils/graph/import/types';
import { buildApp } from './app';
import { ConfigError, ENV_DOCS, loadConfig, type Config } from './config';
import { openDatabase, type Database } from './db/database';
import { importFiles } from './graph/ingest';
import { evidenceRule } from '../utils/governance/evidence';
import { recomputeEvidence } from './graph/commit';
import { evidenceRuleChanged, readGraphMeta } from './graph/meta';
import { demoInput, fileInput } from './graph/sources';
import { buildGraphCommand, connectorsCommand, options } from './sync/cli';
import { PolicyError } from './sync/policy';
import { startScheduler } from './sync/schedule';
import { loadSetup } from './sync/setup';
import { fork } from 'node:child_process';
import { constants } from 'node:os';
import { pino } from 'pino';
import { isWorker, startWorkers } from './workers';

const HELP = `Kenner company graph service

Usage: npm run server -- [command]

Commands:
  (none), serve          Start the HTTP API (docs/graph-api.yaml). Without DATABASE_URL it keeps
                         its data in an embedded PGlite database in KENNER_DATA_DIR (default .data/),
                         created on first start with the demo graph.
  import FILE…           Import graph files (JSON, NDJSON, CSV; docs/graph-format.md) into the
                         configured database, replacing the graph. Prints the counts, or every
                         error with file, line and field; exits 0 on success, 1 on failure.
                         Nothing changes unless the whole input is valid.
  import --merge FILE…   The same, merging by id into the current graph.
  build-graph --out FILE [--config connectors.json] [--data DIR]
                         Run the configured connectors (docs/connectors/README.md) and write the
                         graph in the interchange format (NDJSON). Their mirrors and cursors stay in
                         an embedded database in DIR (default .kenner-build/), so a rerun fetches
                         only what changed. --config defaults to KENNER_CONNECTORS.
  connectors report [--json] [--data DIR]
                         What identity resolution did: merged customers, domain conflicts, accounts
                         found in one system only, dropped records (counts), unmapped vocabulary.
  connectors pin merge|apart <source:id> <source:id>
  connectors pin domain <domain> <source:id>
                         Pin an identity decision that every later sync obeys; "connectors pins"
                         lists them, "connectors unpin ID" removes one.
  connectors runs        The sync log (counts only). "connectors sync" runs every source now.
                         Without --data, the connectors commands use the service's database.
  help                   This text.

Environment:
${ENV_DOCS.map(([name, dflt, what]) => `  ${name.padEnd(28)}${what}\n  ${''.padEnd(28)}default: ${dflt}`).join('\n')}

Examples:
  KENNER_STATIC_TOKENS=tokens.json npm run server
  DATABASE_URL=postgres://kenner@db/kenner OIDC_ISSUER=https://login.microsoftonline.com/<tenant>/v2.0 \\
    OIDC_AUDIENCE=api://kenner npm run server
  KENNER_WORKERS=auto DATABASE_URL=postgres://kenner@db/kenner KENNER_STATIC_TOKENS=tokens.json npm run server
  npm run server -- import people.csv accounts.csv interactions.ndjson
  npm run server -- build-graph --out graph.ndjson --config connectors.json
`;

function printResult(r: ImportResult): void {
  if (r.ok && r.counts) {
    const c = r.counts;
    console.log(`Imported: ${c.people} people, ${c.accounts} accounts, ${c.contacts} contacts, ${c.topics} topics, ${c.interactions} interactions${r.duplicates ? ` (${r.duplicates} duplicate ids: the later record won)` : ''}.`);
    return;
  }
  console.error('Nothing was changed. The import failed:');
  for (const e of r.errors ?? []) console.error(`  ${formatImportError(e)}${e.field ? ` [field: ${e.field}]` : ''}`);
}

async function open(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, readDatabaseUrl: config.readDatabaseUrl, dataDir: config.dataDir });
}

async function runImport(args: string[]): Promise<number> {
  const merge = args.includes('--merge');
  const files = args.filter((a) => a !== '--merge');
  if (!files.length) {
    console.error('Name at least one graph file: npm run server -- import FILE…');
    return 1;
  }
  const config = loadConfig(process.env, { serve: false });
  const database = await open(config);
  try {
    const inputs = [];
    for (const f of files) {
      try {
        inputs.push(fileInput(f));
      } catch (e) {
        console.error(`Cannot read ${f}: ${e instanceof Error ? e.message : String(e)}`);
        return 1;
      }
    }
    const r = await importFiles(database.db, inputs, { mode: merge ? 'merge' : 'replace', evidence: (refTime) => evidenceRule(config.worksCouncil, refTime) });
    printResult(r);
    return r.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

const out = { log: (l: string) => console.log(l), error: (l: string) => console.error(l) };

async function runBuildGraph(args: string[]): Promise<number> {
  const { opts, missing } = options(args, ['out', 'config', 'data']);
  const config = opts.config ?? process.env.KENNER_CONNECTORS;
  if (missing || !opts.out || !config) {
    console.error('Usage: npm run server -- build-graph --out graph.ndjson [--config connectors.json] [--data DIR]');
    return 1;
  }
  return buildGraphCommand(loadSetup(config), opts.out, opts.data ?? '.kenner-build', out);
}

async function runConnectors(args: string[]): Promise<number> {
  const { opts, rest, missing } = options(args, ['config', 'data']);
  if (missing) {
    console.error(`--${missing} needs a value.`);
    return 1;
  }
  const path = opts.config ?? process.env.KENNER_CONNECTORS;
  const setup = path ? loadSetup(path) : undefined;
  const database = opts.data ? await openDatabase({ dataDir: opts.data }) : await open(loadConfig(process.env, { serve: false }));
  try {
    return await connectorsCommand(database.db, setup, rest, out);
  } finally {
    await database.close();
  }
}

/** What a start does once, before any request: the demo graph into an empty database, the evidence under the works-council rule in force. */
async function prepare(database: Database, config: Config, log: { info(o: object | string, msg?: string): void; error(o: object, msg: string): void }): Promise<void> {
  if (config.demo && !(await readGraphMeta(database.db))) {
    log.info('empty database: loading the demo graph');
    const r = await importFiles(database.db, [demoInput(1)], { source: 'demo', evidence: (refTime) => evidenceRule(config.worksCouncil, refTime) });
    if (!r.ok) log.error({ errors: r.errors }, 'the demo graph could not be loaded');
  }
  // Works-council mode switched (or its look-back changed) since the graph was written: its evidence follows the rule now in force.
  const meta = await readGraphMeta(database.db);
  if (meta) {
    const rule = evidenceRule(config.worksCouncil, meta.refTime);
    if (evidenceRuleChanged(meta, rule)) {
      log.info({ rule }, 'works-council mode changed: writing the evidence again under its rule');
      await recomputeEvidence(database.db, meta, rule);
    }
  }
}

/** SIGTERM and SIGINT (and, in a worker, the primary going away) run `stop` once, then exit 0. */
function onStop(stop: (signal: string) => Promise<void>): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    await stop(signal);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  if (isWorker()) process.on('disconnect', () => void shutdown('disconnect'));
}

async function serve(): Promise<void> {
  const config = loadConfig();
  // KENNER_WORKERS > 1: this process starts the workers (workers.ts), which serve.
  if (config.workers > 1 && !isWorker()) return servePrimary(config);
  const database = await open(config);
  const app = await buildApp({ config, database });
  const alone = !isWorker();
  if (alone) await prepare(database, config, app.log);
  const scheduler = alone && config.sync ? startScheduler(database.db, config.sync.setup, config.sync.intervalMinutes, app.log) : undefined;
  onStop(async (signal) => {
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    await scheduler?.stop();
    await app.close();
    await database.close();
  });
  await app.listen({ port: config.port, host: config.host });
}

/** The primary of KENNER_WORKERS: the start's one-time work and the scheduled sync here, requests in the workers. */
async function servePrimary(config: Config): Promise<void> {
  const log = pino({ level: config.logLevel });
  const database = await open(config);
  await prepare(database, config, log);
  const scheduler = config.sync ? startScheduler(database.db, config.sync.setup, config.sync.intervalMinutes, log) : undefined;
  log.info({ workers: config.workers, host: config.host, port: config.port }, 'starting workers');
  const workers = startWorkers(config.workers, log, (code) => {
    void workers.stop().finally(() => process.exit(code));
  });
  onStop(async (signal) => {
    log.info({ signal }, 'shutting down: the workers finish their requests in flight');
    await workers.stop();
    await scheduler?.stop();
    await database.close();
  });
}

/**
 * Node flags that `npm run server` sets for serving only (package.json): a 64 MB young generation
 * cuts a warm rank's CPU by ~15 % (server.design.md, "Per-request CPU"), but a one-shot command
 * holds that much more garbage at its peak (an import of a twentieth of the bench graph: 431 → 541 MB).
 */
const SERVE_ONLY_FLAG = /^--max-semi-space-size(=|$)/;

/** A command other than `serve` started with the serving-only flags runs in a child Node process without them; null: run it here. */
function withoutServeFlags(argv: string[]): Promise<number> | null {
  if (!process.execArgv.some((a) => SERVE_ONLY_FLAG.test(a))) return null;
  const child = fork(process.argv[1], argv, { execArgv: process.execArgv.filter((a) => !SERVE_ONLY_FLAG.test(a)), stdio: 'inherit' });
  // A signal sent to this process alone reaches the command too (a terminal's Ctrl-C reaches both anyway).
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(sig, () => child.kill(sig));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 0))));
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'import' || command === 'build-graph' || command === 'connectors') {
    const child = withoutServeFlags(argv);
    if (child) return child;
  }
  switch (command) {
    case 'serve':
      await serve();
      return -1;
    case 'import':
      return runImport(rest);
    case 'build-graph':
      return runBuildGraph(rest);
    case 'connectors':
      return runConnectors(rest);
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    if (e instanceof ConfigError || e instanceof PolicyError) console.error(`Configuration: ${e.message}\nSee: npm run server -- help`);
    else console.error(e);
    process.exit(1);
  },
);
