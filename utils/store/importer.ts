/**
 * The importer's entry points: graph files, an in-memory graph, or a stream
 * of typed records, all through the same validation into the inactive slot
 * of the store, made live only when everything checked out (store.design.md:
 * "All or nothing"; the pipeline is importer-run.ts). Background only (it
 * writes Dexie).
 */
import type { Graph } from '../graph/model';
import type { RecordType } from '../graph/schema';
import type { ErrorList } from '../graph/import/errors';
import { fileRecords, sortInputs } from '../graph/import/files';
import type { RawRecord } from '../graph/import/records';
import { Cancelled } from '../graph/import/text';
import type { ImportFile, ImportOptions, ImportResult } from '../graph/import/types';
import { ProgressReporter } from './importer-progress';
import { runImport, type Input } from './importer-run';

const INPUT_BATCH = 5000;

/**
 * Imports graph files (JSON, NDJSON, CSV; several at once) all or nothing.
 * Replace mode makes the import the whole graph; merge mode upserts by id
 * (interactions with an `id` replace the one with that id).
 */
export function importGraph(files: ImportFile[], opts: ImportOptions = {}): Promise<ImportResult> {
  const started = Date.now();
  const bytesTotal = files.every((f) => typeof f.size === 'number') ? files.reduce((s, f) => s + (f.size ?? 0), 0) : undefined;
  let bytesRead = 0;
  const progress = new ProgressReporter(opts.onProgress, started, bytesTotal);
  const inputs: Input[] = sortInputs(files).map((f) => ({
    name: f.name,
    records: (errors: ErrorList) =>
      fileRecords(f, errors, {
        signal: opts.signal,
        mappings: opts.mappings,
        onBytes: (n) => {
          bytesRead += n;
          progress.bytes(bytesRead, f.name);
        },
      }),
  }));
  return runImport(inputs, opts, files.map((f) => f.name), started, progress);
}

/** Imports a graph held in memory (the demo generator's) through the same validation. */
export function importGraphObject(graph: Graph, opts: ImportOptions = {}): Promise<ImportResult> {
  const started = Date.now();
  const progress = new ProgressReporter(opts.onProgress, started, undefined);
  // A graph from outside (a message, a test) may lack arrays: `?? []` is meant.
  const parts: Array<[string, RecordType, ReadonlyArray<Record<string, unknown>> | undefined]> = [
    ['people', 'person', graph.people],
    ['topics', 'topic', graph.topics],
    ['accounts', 'account', graph.accounts],
    ['contacts', 'contact', graph.contacts],
    ['interactions', 'interaction', graph.interactions],
  ];
  const inputs: Input[] = parts.map(([name, type, list = []]) => ({
    name: `graph.${name}`,
    records: async function* () {
      for (let i = 0; i < list.length; i += INPUT_BATCH) {
        if (opts.signal?.aborted) throw new Cancelled();
        yield list.slice(i, i + INPUT_BATCH).map((value, j) => ({ type, value, line: i + j + 1 }));
      }
    },
  }));
  return runImport(inputs, opts, [], started, progress);
}

/**
 * Imports a stream of typed records (`{ type: 'person', ...fields }`, the
 * NDJSON records as objects; e.g. the demo generator's generateDemoRecords())
 * through the same validation, without holding the graph in memory.
 */
export function importGraphRecords(
  records: Iterable<{ type: string }> | AsyncIterable<{ type: string }>,
  opts: ImportOptions & { name?: string } = {},
): Promise<ImportResult> {
  const started = Date.now();
  const progress = new ProgressReporter(opts.onProgress, started, undefined);
  const name = opts.name ?? 'records';
  const input: Input = {
    name,
    records: async function* () {
      let batch: RawRecord[] = [];
      let n = 0;
      for await (const r of records) {
        n++;
        batch.push({ type: r.type, value: r, line: n });
        if (batch.length >= INPUT_BATCH) {
          if (opts.signal?.aborted) throw new Cancelled();
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
  };
  return runImport([input], opts, [], started, progress);
}
