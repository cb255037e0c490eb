/**
 * The whole sync: run every configured source's connector (mirror and
 * cursor), resolve one graph from the mirrors, and write it (the service:
 * merge into the live graph; `build-graph`: the interchange format).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Interaction } from '../../utils/graph/model';
import type { AnyConnector } from '../connectors/index';
import type { Db } from '../db/database';
import { lookBackDays, policyOf, PolicyError, type ConnectorsFile } from './policy';
import { resolveGraph, type ResolvedGraph } from './resolve';
import { runConnector, type RunOptions, type RunSummary } from './run';
import { listPins, mirrorRecords } from './store';
import type { VocabularyFile } from './vocabulary';
import { graphRecords, writeGraph, type WriteResult } from './write';

export interface SyncSetup {
  file: ConnectorsFile;
  vocabulary?: VocabularyFile;
  /** The registry (server/connectors/index.ts), or tests' own. */
  connectors: readonly AnyConnector[];
}

const TWO_YEARS = 730;

export function connectorOf(setup: SyncSetup, id: string): AnyConnector {
  const c = setup.connectors.find((x) => x.id === id);
  if (!c) throw new PolicyError(`No connector "${id}" is installed (installed: ${setup.connectors.map((x) => x.id).join(', ') || 'none'}).`);
  return c;
}

/** Runs the enabled sources one after another; a failed one is logged and the others still run. */
export async function runSources(db: Db, setup: SyncSetup, o: RunOptions & { only?: string[] } = {}): Promise<RunSummary[]> {
  const policy = policyOf(setup.file);
  const out: RunSummary[] = [];
  for (const s of setup.file.sources) {
    if (!s.enabled || (o.only && !o.only.includes(s.connector))) continue;
    out.push(await runConnector(db, connectorOf(setup, s.connector), s, policy, o));
  }
  return out;
}

/** One graph from the configured sources' mirrors (pins, vocabulary, governance, look-back applied). */
export async function buildFromMirrors(db: Db, setup: SyncSetup, now = Date.now()): Promise<ResolvedGraph> {
  const sources = [];
  for (const s of setup.file.sources) {
    if (!s.enabled) continue;
    const connector = setup.connectors.find((x) => x.id === s.connector);
    const days = lookBackDays(s, connector);
    sources.push({
      source: s.connector,
      records: await mirrorRecords(db, s.connector),
      // Mail: two years unless the source says otherwise; the rest: the source's window.
      lookBackDays: (kind: Interaction['kind']) => (kind === 'email' && s.lookBackDays === undefined ? Math.min(days, TWO_YEARS) : days),
    });
  }
  return resolveGraph({ sources, pins: await listPins(db), vocabulary: setup.vocabulary, policy: policyOf(setup.file), now });
}

export interface SyncResult {
  runs: RunSummary[];
  graph: ResolvedGraph;
  write: WriteResult;
}

/** The service's scheduled sync: every source, then the live graph changes by what changed. */
export async function syncAll(db: Db, setup: SyncSetup, o: RunOptions = {}): Promise<SyncResult> {
  const runs = await runSources(db, setup, o);
  const graph = await buildFromMirrors(db, setup, o.now);
  const write = await writeGraph(db, graph);
  return { runs, graph, write };
}

/** The interchange format (NDJSON) of a resolved graph. */
export async function writeNdjson(path: string, g: ResolvedGraph): Promise<void> {
  const out = createWriteStream(path);
  const put = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await put(JSON.stringify({ format: 'kenner-graph', version: 1 }));
  for (const r of graphRecords(g)) await put(JSON.stringify(r));
  out.end();
  await once(out, 'finish');
}

/** A line per run for logs and the CLI: counts, requests and throughput, never content. */
export function runLine(r: RunSummary): string {
  const records = Object.values(r.counts).reduce((n, c) => n + c.upserts + c.deletes, 0);
  const per = Object.entries(r.counts)
    .map(([t, c]) => `${t} +${c.upserts}/-${c.deletes}`)
    .join(', ');
  const rate = r.ms > 0 ? Math.round((records / r.ms) * 1000) : records;
  return `${r.source}: ${r.status}${r.error ? ` (${r.error})` : ''}, ${r.pages} pages, ${records} records (${per || 'none'}), ${rate} records/s, ${r.stats.requests} requests, ${r.stats.retries} retries, ${r.stats.throttled} throttled`;
}
