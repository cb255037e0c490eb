/**
 * The connectors file (`KENNER_CONNECTORS`, `build-graph --config`): which
 * sources to sync and their settings, the company's own domains, exclusions,
 * opt-outs, the vocabulary mapping and the schedule (docs/connectors/README.md).
 * Secrets never stand in the file: a setting names the environment variable
 * that holds one (`clientSecretEnv: "SF_CLIENT_SECRET"`).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { SOURCE_IDS, type Connector, type SourceId } from '../connectors/types';

const email = z.string().email().max(254).transform((s) => s.toLowerCase());
const domain = z
  .string()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'a domain such as example.com')
  .transform((s) => s.toLowerCase());

export const SourceConfigSchema = z.object({
  /** The connector's id (server/connectors/index.ts); one source per connector. */
  connector: z.enum(SOURCE_IDS),
  /** The connector's own settings, checked by its configSchema. */
  settings: z.record(z.string(), z.unknown()).default({}),
  /** Days back to read (default: the connector's: 2 years mail, 4 years calendar and CRM). */
  lookBackDays: z.number().int().min(1).max(36500).optional(),
  /** Requests per minute to the source (default: the connector's documented limit, else unlimited). */
  perMinute: z.number().int().min(1).optional(),
  enabled: z.boolean().default(true),
});
export type SourceConfig = z.infer<typeof SourceConfigSchema>;

export const ConnectorsFileSchema = z.object({
  /** The company's own mail domains: a participant elsewhere is external. */
  companyDomains: z.array(domain).min(1).max(100),
  sources: z.array(SourceConfigSchema).max(50),
  /** People and groups excluded by policy (board, M&A, HR mailboxes): never fetched, never in the graph. */
  exclude: z
    .object({
      emails: z.array(email).max(100_000).default([]),
      domains: z.array(domain).max(1000).default([]),
      /** Named groups and their members' addresses (e.g. "board": [...]). */
      groups: z.record(z.string(), z.array(email).max(100_000)).default({}),
    })
    .default({ emails: [], domains: [], groups: {} }),
  /** Colleagues (or contacts) who opted out: their evidence is deleted, they are never shown. */
  optOut: z.array(email).max(100_000).default([]),
  /** The vocabulary mapping file (JSON or YAML), relative to this file. */
  vocabulary: z.string().optional(),
});
export type ConnectorsFile = z.infer<typeof ConnectorsFileSchema>;

export class PolicyError extends Error {}

/** Settings keys that would hold a secret: refused in the file (name an environment variable instead). */
const SECRET_KEY = /(secret|password|passwd|token|apikey|api_key|privatekey|private_key)$/i;

function secretsIn(value: unknown, path: string[] = []): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const here = [...path, k];
    if (SECRET_KEY.test(k) && typeof v === 'string') return [here.join('.')];
    return secretsIn(v, here);
  });
}

/** The connectors file, checked: a PolicyError names the field and what is wrong. */
export function parseConnectorsFile(raw: unknown): ConnectorsFile {
  const r = ConnectorsFileSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new PolicyError(`${i.path.join('.') || '(file)'}: ${i.message}`);
  }
  const seen = new Set<string>();
  r.data.sources.forEach((s, k) => {
    if (seen.has(s.connector)) throw new PolicyError(`sources.${k}.connector: "${s.connector}" is configured twice (one source per connector).`);
    seen.add(s.connector);
    const secret = secretsIn(s.settings)[0];
    if (secret) throw new PolicyError(`sources.${k}.settings.${secret}: a secret does not belong in the file; put it in an environment variable and name that variable (e.g. "${secret.split('.').pop()}Env": "MY_VAR").`);
  });
  return r.data;
}

export interface LoadedConnectorsFile {
  file: ConnectorsFile;
  /** The vocabulary file's absolute path, if any. */
  vocabularyPath?: string;
}

/** Reads and checks the connectors file (JSON); the vocabulary's path is resolved beside it. */
export function loadConnectorsFile(path: string): LoadedConnectorsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(path), 'utf8'));
  } catch (e) {
    throw new PolicyError(`${path}: cannot read it as JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  const file = parseConnectorsFile(raw);
  return { file, vocabularyPath: file.vocabulary ? resolve(dirname(resolve(path)), file.vocabulary) : undefined };
}

/** The policy's questions about addresses, answered the same at fetch time and at build time. */
export interface Policy {
  isExcluded(email: string): boolean;
  isOptedOut(email: string): boolean;
  isInternal(email: string): boolean;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** True when `domain` is `d` or a subdomain of it. */
const under = (domain: string, set: ReadonlySet<string>) => {
  for (let d = domain; d; d = d.includes('.') ? d.slice(d.indexOf('.') + 1) : '') if (set.has(d)) return true;
  return false;
};

export function policyOf(file: ConnectorsFile): Policy {
  const excluded = new Set([...file.exclude.emails, ...Object.values(file.exclude.groups).flat()]);
  const excludedDomains = new Set(file.exclude.domains);
  const optOut = new Set(file.optOut);
  const internal = new Set(file.companyDomains);
  return {
    isExcluded: (e) => excluded.has(e.toLowerCase()) || under(domainOf(e), excludedDomains),
    isOptedOut: (e) => optOut.has(e.toLowerCase()),
    isInternal: (e) => under(domainOf(e), internal),
  };
}

const DAY = 86_400_000;

/** The look-back of a source: its configured days, else the connector's default. */
export function lookBackDays(source: SourceConfig | undefined, connector: Pick<Connector, 'lookBackDays'> | undefined): number {
  return source?.lookBackDays ?? connector?.lookBackDays ?? 4 * 365;
}

export function sinceOf(days: number, now = Date.now()): Date {
  return new Date(now - days * DAY);
}

export type { SourceId };
