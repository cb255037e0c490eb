/**
 * The service's configuration: environment variables, one schema. The
 * table printed by `npm run server -- help` and written in the README comes
 * from ENV_DOCS below (a test checks the README lists every one).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { SyncSetup } from './sync/pipeline';
import { PolicyError } from './sync/policy';
import { loadSetup } from './sync/setup';
import { cappedRetentionDays, COLLEAGUE_DEFAULTS, worksCouncil, type WorksCouncil } from '../utils/governance/works-council';

export const ENV_DOCS = [
  ['PORT', '8787', 'TCP port of the HTTP API.'],
  ['HOST', '127.0.0.1', 'Address to listen on (0.0.0.0 behind a load balancer or in a container).'],
  ['DATABASE_URL', '(unset: embedded PGlite)', 'postgres://user:password@host:5432/db of a PostgreSQL server (13 or newer). Migrations run at start.'],
  ['READ_DATABASE_URL', '(unset: DATABASE_URL)', 'A read replica for rank, search and dictionary reads.'],
  ['KENNER_DATA_DIR', '.data/', 'Where the embedded PGlite database lives (only without DATABASE_URL); created on first start with the demo graph.'],
  ['KENNER_STATIC_TOKENS', '(unset)', 'Path of a JSON file {"<token>": "<viewer email>"}: static bearer tokens for pilots and tests.'],
  ['OIDC_ISSUER', '(unset)', "Issuer URL of the company's identity provider (Entra ID, Google, Keycloak); its JWKS verifies access tokens."],
  ['OIDC_AUDIENCE', '(unset)', 'Audience the access tokens must carry (required with OIDC_ISSUER).'],
  ['KENNER_ADMINS', '(none)', 'Comma-separated viewer emails allowed to import a graph over HTTP.'],
  ['KENNER_AUDITORS', '(none)', "Comma-separated viewer emails allowed to export the audit log (the data-protection officer)."],
  ['KENNER_VISIBILITY', '(unset: everyone sees every discoverable colleague)', 'Path of a JSON file {"field": "country"|"department"|"location", "closed": ["CH", …]}: colleagues whose field is a closed value are shown only to viewers with the same value.'],
  ['KENNER_AUDIT_RETENTION_DAYS', '90', 'Days an audit entry is kept.'],
  ['KENNER_RATE_LIMIT', '600', 'Requests per minute and viewer.'],
  ['KENNER_CORS_ORIGINS', 'chrome-extension://fncnijbmoeiebhajnkggnibgfkdnkloh', "Comma-separated origins allowed by CORS (the extension's). The extension calls from its background and needs none."],
  ['KENNER_WORKERS', '1', "Serving processes on this machine (node:cluster), all on PORT: a number, or 'auto' for one per core. More than 1 needs DATABASE_URL. Caches, the rate limit and /healthz are per process; /metrics sums them all. Each process opens its own database pool (10 connections, 20 more to READ_DATABASE_URL), and the first process keeps one too: PostgreSQL's max_connections must hold (workers + 1) x 10."],
  ['KENNER_RANK_CACHE_ROWS', '8000000', "Evidence rows each server keeps in memory for ranking (about 150 bytes each): a topic known by thousands is read once an hour, not per page."],
  ['KENNER_DEMO', 'on with PGlite, off with DATABASE_URL', '"on": load the demo graph into an empty database at start.'],
  ['KENNER_CONNECTORS', '(unset: no scheduled sync)', 'Path of the connectors file (docs/connectors/README.md): the sources to sync and their settings (secrets by environment-variable name), company domains, exclusions, opt-outs, vocabulary.'],
  ['KENNER_SYNC_INTERVAL_MINUTES', '60', 'Minutes between scheduled syncs of the sources in KENNER_CONNECTORS (the first runs at start).'],
  ['LOG_LEVEL', 'info', 'pino log level (fatal, error, warn, info, debug).'],
  ['KENNER_WORKS_COUNCIL', 'off', '"on": works-council mode (README "Works-council mode"): only interactions with an account or a contact are evidence, the audit export has no per-person fields, aggregates only for groups of KENNER_WC_MIN_GROUP_SIZE.'],
  ['KENNER_WC_MIN_GROUP_SIZE', '5', 'Works-council mode: the smallest group any aggregate is shown for.'],
  ['KENNER_WC_LOOK_BACK_MONTHS', '(unset: no cap)', 'Works-council mode: interactions older than this many months are not evidence (measured from the import).'],
  ['KENNER_WC_RETENTION_DAYS', '(unset: no cap)', 'Works-council mode: the most days an audit entry is kept (caps KENNER_AUDIT_RETENTION_DAYS).'],
  ['KENNER_WC_COLLEAGUE_DEFAULT', 'shown-unless-opted-out', 'Works-council mode: shown-unless-opted-out, or shown-once-opted-in (a colleague is suggested only once they opted in).'],
] as const;

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);

export const VisibilitySchema = z.object({
  field: z.enum(['country', 'department', 'location']),
  closed: z.array(z.string().min(1).max(200)).max(1000),
});
export type Visibility = z.infer<typeof VisibilitySchema>;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://').optional(),
  READ_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'READ_DATABASE_URL must start with postgres://').optional(),
  KENNER_DATA_DIR: z.string().default('.data'),
  KENNER_STATIC_TOKENS: z.string().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_AUDIENCE: z.string().optional(),
  KENNER_ADMINS: z.string().optional(),
  KENNER_AUDITORS: z.string().optional(),
  KENNER_VISIBILITY: z.string().optional(),
  KENNER_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  KENNER_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  KENNER_CORS_ORIGINS: z.string().default('chrome-extension://fncnijbmoeiebhajnkggnibgfkdnkloh'),
  KENNER_DEMO: z.enum(['on', 'off']).optional(),
  KENNER_RANK_CACHE_ROWS: z.coerce.number().int().min(0).default(8_000_000),
  KENNER_WORKERS: z
    .string()
    .regex(/^(auto|\d{1,3})$/, 'a number of processes, or "auto"')
    .default('1')
    .transform((v) => (v === 'auto' ? availableParallelism() : Number(v)))
    .pipe(z.number().int().min(1).max(256)),
  KENNER_CONNECTORS: z.string().optional(),
  KENNER_SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  KENNER_WORKS_COUNCIL: z.enum(['on', 'off']).default('off'),
  KENNER_WC_MIN_GROUP_SIZE: z.coerce.number().int().min(2).max(1000).optional(),
  KENNER_WC_LOOK_BACK_MONTHS: z.coerce.number().int().min(1).max(120).optional(),
  KENNER_WC_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  KENNER_WC_COLLEAGUE_DEFAULT: z.enum(COLLEAGUE_DEFAULTS).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  readDatabaseUrl?: string;
  /** PGlite's folder, or null for an in-memory PGlite (tests). */
  dataDir: string | null;
  staticTokens: ReadonlyMap<string, string>;
  oidc?: { issuer: string; audience: string };
  admins: ReadonlySet<string>;
  auditors: ReadonlySet<string>;
  visibility?: Visibility;
  auditRetentionDays: number;
  rateLimit: number;
  corsOrigins: string[];
  demo: boolean;
  rankCacheRows: number;
  /** Serving processes (KENNER_WORKERS; workers.ts). */
  workers: number;
  logLevel: string;
  /** The scheduled sync (KENNER_CONNECTORS), checked at start. */
  sync?: { setup: SyncSetup; intervalMinutes: number };
  /** Works-council mode (off unless KENNER_WORKS_COUNCIL=on). */
  worksCouncil: WorksCouncil;
}

export class ConfigError extends Error {}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(resolve(path), 'utf8'));
  } catch (e) {
    throw new ConfigError(`${what}: cannot read ${path} as JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** The configuration from the environment; a clear ConfigError names what is wrong. */
export function loadConfig(env: Record<string, string | undefined> = process.env, o: { serve?: boolean } = { serve: true }): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ConfigError(`${i.path.join('.')}: ${i.message}`);
  }
  const e = parsed.data;
  if (!!e.OIDC_ISSUER !== !!e.OIDC_AUDIENCE) throw new ConfigError('OIDC_ISSUER and OIDC_AUDIENCE go together: set both or neither.');
  const staticTokens = new Map<string, string>();
  if (e.KENNER_STATIC_TOKENS) {
    const raw = readJson(e.KENNER_STATIC_TOKENS, 'KENNER_STATIC_TOKENS');
    const tokens = z.record(z.string().min(16, 'a static token has at least 16 characters'), z.string().email()).safeParse(raw);
    if (!tokens.success) throw new ConfigError(`KENNER_STATIC_TOKENS: ${tokens.error.issues[0].message} (${tokens.error.issues[0].path.join('.')})`);
    for (const [token, email] of Object.entries(tokens.data)) staticTokens.set(token, email.toLowerCase());
  }
  if (o.serve && e.KENNER_WORKERS > 1 && !e.DATABASE_URL)
    throw new ConfigError(`KENNER_WORKERS: ${e.KENNER_WORKERS} processes need DATABASE_URL (a PostgreSQL server): the embedded PGlite database is opened by one process only.`);
  if (o.serve && !staticTokens.size && !e.OIDC_ISSUER) throw new ConfigError('Nobody could sign in: set OIDC_ISSUER and OIDC_AUDIENCE, or KENNER_STATIC_TOKENS for a pilot.');
  let visibility: Visibility | undefined;
  if (e.KENNER_VISIBILITY) {
    const v = VisibilitySchema.safeParse(readJson(e.KENNER_VISIBILITY, 'KENNER_VISIBILITY'));
    if (!v.success) throw new ConfigError(`KENNER_VISIBILITY: ${v.error.issues[0].path.join('.')}: ${v.error.issues[0].message}`);
    visibility = v.data;
  }
  let sync: Config['sync'];
  if (e.KENNER_CONNECTORS) {
    try {
      sync = { setup: loadSetup(e.KENNER_CONNECTORS), intervalMinutes: e.KENNER_SYNC_INTERVAL_MINUTES };
    } catch (x) {
      if (x instanceof PolicyError) throw new ConfigError(`KENNER_CONNECTORS: ${x.message}`);
      throw x;
    }
  }
  const wc = worksCouncil({
    enabled: e.KENNER_WORKS_COUNCIL === 'on',
    minGroupSize: e.KENNER_WC_MIN_GROUP_SIZE,
    lookBackMonths: e.KENNER_WC_LOOK_BACK_MONTHS,
    retentionDays: e.KENNER_WC_RETENTION_DAYS,
    colleagueDefault: e.KENNER_WC_COLLEAGUE_DEFAULT,
  });
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    readDatabaseUrl: e.READ_DATABASE_URL,
    dataDir: e.KENNER_DATA_DIR === ':memory:' ? null : e.KENNER_DATA_DIR,
    staticTokens,
    oidc: e.OIDC_ISSUER && e.OIDC_AUDIENCE ? { issuer: e.OIDC_ISSUER, audience: e.OIDC_AUDIENCE } : undefined,
    admins: new Set(list(e.KENNER_ADMINS)),
    auditors: new Set(list(e.KENNER_AUDITORS)),
    visibility,
    auditRetentionDays: cappedRetentionDays(e.KENNER_AUDIT_RETENTION_DAYS, wc),
    rateLimit: e.KENNER_RATE_LIMIT,
    corsOrigins: e.KENNER_CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    demo: e.KENNER_DEMO ? e.KENNER_DEMO === 'on' : !e.DATABASE_URL,
    rankCacheRows: e.KENNER_RANK_CACHE_ROWS,
    workers: e.KENNER_WORKERS,
    logLevel: e.LOG_LEVEL,
    sync,
    worksCouncil: wc,
  };
}
