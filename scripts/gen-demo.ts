/**
 * Write the demo graph to a file in the interchange format (docs/graph-format.md).
 *
 *   npx tsx scripts/gen-demo.ts [--scale 1] [--seed 1] [--out demo.ndjson] [--format ndjson|json|csv-dir]
 *
 * ndjson streams (any scale); json writes one object (streamed, grouped by
 * record type); csv-dir writes people.csv, accounts.csv, contacts.csv,
 * topics.csv and interactions.csv into the --out directory.
 */
import { CSV_COLUMNS, CSV_FILES, csvRow } from '../utils/graph/csv-columns';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import Papa from 'papaparse';
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from '../utils/graph/model';
import { DEFAULT_DEMO_SEED, generateDemoRecords, type DemoRecord } from '../utils/demo/generate';

type Format = 'ndjson' | 'json' | 'csv-dir';
const FORMATS: Format[] = ['ndjson', 'json', 'csv-dir'];

function parseArgs(argv: string[]): { scale: number; seed: number; out: string; format: Format } {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = Number(get('--scale') ?? 1);
  const seed = Number(get('--seed') ?? DEFAULT_DEMO_SEED);
  const out = get('--out');
  const format = (get('--format') ?? (out?.endsWith('.json') ? 'json' : 'ndjson')) as Format;
  if (!out) throw new Error('--out is required: the file (or, for --format csv-dir, the directory) to write.');
  if (!FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}, got "${format}".`);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`--scale must be a number above 0, got "${get('--scale')}".`);
  if (!Number.isFinite(seed)) throw new Error(`--seed must be a number, got "${get('--seed')}".`);
  return { scale, seed, out, format };
}

async function write(stream: WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function finish(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

async function main() {
  const { scale, seed, out, format } = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const counts: Record<string, number> = {};
  const records = generateDemoRecords({ scale, seed });

  if (format === 'ndjson') {
    const s = createWriteStream(out);
    await write(s, `${JSON.stringify({ format: GRAPH_FORMAT, version: GRAPH_FORMAT_VERSION })}\n`);
    for (const r of records) {
      counts[r.type] = (counts[r.type] ?? 0) + 1;
      await write(s, `${JSON.stringify(r)}\n`);
    }
    await finish(s);
  } else if (format === 'json') {
    const s = createWriteStream(out);
    const keys = { person: 'people', account: 'accounts', contact: 'contacts', topic: 'topics', interaction: 'interactions' } as const;
    await write(s, `{"format":${JSON.stringify(GRAPH_FORMAT)},"version":${GRAPH_FORMAT_VERSION}`);
    let current: string | null = null;
    const seen = new Set<string>();
    for (const r of records) {
      counts[r.type] = (counts[r.type] ?? 0) + 1;
      const { type, ...rest } = r;
      if (type !== current) {
        // The generator yields each record type in one run; guard anyway.
        if (seen.has(type)) throw new Error(`records of type ${type} are not contiguous`);
        seen.add(type);
        await write(s, `${current ? ']' : ''},\n"${keys[type]}":[\n`);
        current = type;
      } else {
        await write(s, ',\n');
      }
      await write(s, JSON.stringify(rest));
    }
    await write(s, `${current ? ']' : ''}}\n`);
    await finish(s);
  } else {
    mkdirSync(out, { recursive: true });
    const streams = new Map<DemoRecord['type'], WriteStream>();
    for (const r of records) {
      counts[r.type] = (counts[r.type] ?? 0) + 1;
      let s = streams.get(r.type);
      if (!s) {
        s = createWriteStream(join(out, CSV_FILES[r.type]));
        streams.set(r.type, s);
        await write(s, `${Papa.unparse([CSV_COLUMNS[r.type]])}\r\n`);
      }
      await write(s, `${Papa.unparse([csvRow(r.type, r)])}\r\n`);
    }
    for (const s of streams.values()) await finish(s);
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`Wrote ${out} (${format}, scale ${scale}, seed ${seed}) in ${secs} s: ${JSON.stringify(counts)}`);
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
