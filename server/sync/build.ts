/**
 * `npm run server -- build-graph --out graph.ndjson`: runs the configured
 * connectors into an embedded PGlite (a folder kept between runs, so a rerun
 * fetches only what changed since the stored cursors), resolves one graph
 * from the mirrors and writes the interchange format, for companies that stay
 * with the local graph (the extension imports the file).
 */
import { openDatabase } from '../db/database';
import type { ResolvedGraph } from './resolve';
import type { RunOptions, RunSummary } from './run';
import { buildFromMirrors, runSources, writeNdjson, type SyncSetup } from './pipeline';

export interface BuildOptions extends RunOptions {
  setup: SyncSetup;
  out: string;
  /** PGlite's folder (kept: the next run is incremental); null: in memory. */
  dataDir: string | null;
}

export async function buildGraph(o: BuildOptions): Promise<{ runs: RunSummary[]; graph: ResolvedGraph }> {
  const database = await openDatabase({ dataDir: o.dataDir });
  try {
    const runs = await runSources(database.db, o.setup, o);
    const graph = await buildFromMirrors(database.db, o.setup, o.now);
    await writeNdjson(o.out, graph);
    return { runs, graph };
  } finally {
    await database.close();
  }
}
