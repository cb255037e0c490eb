/**
 * Graph files as record streams (pure; shared by the extension's importer
 * and the company graph service's): the parser is chosen by the file's
 * extension, and files are read in an order that lets owners given by email
 * resolve early (JSON and NDJSON first, then CSV files: people, topics,
 * accounts, contacts, interactions).
 */
import type { RecordType } from '../schema';
import { parseCsv, typeFromFileName } from './csv';
import { err, type ErrorList } from './errors';
import { parseJson } from './json';
import { parseNdjson } from './ndjson';
import type { RawRecord } from './records';
import { checkedChunks } from './text';
import type { ColumnMapping, ImportFile } from './types';

const TYPE_ORDER: Record<RecordType, number> = { person: 0, topic: 1, account: 2, contact: 3, interaction: 4 };

/** JSON and NDJSON first, then CSV files in the order people, topics, accounts, contacts, interactions (owner emails resolve early). */
export function sortInputs(files: ImportFile[]): ImportFile[] {
  const rank = (f: ImportFile) => {
    if (!/\.(csv|tsv|txt)$/i.test(f.name)) return -1;
    const t = typeFromFileName(f.name);
    return t ? TYPE_ORDER[t] : 5;
  };
  return files.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
}

export interface FileReadOptions {
  signal?: AbortSignal;
  /** Bytes read so far of this file, as they are read. */
  onBytes?: (n: number) => void;
  /** File name → column mapping (CSV only). */
  mappings?: Record<string, ColumnMapping>;
}

async function* emptyRecords(): AsyncGenerator<RawRecord[]> {}

/** The raw records of one graph file, a batch at a time; problems go to `errors` (an unsupported file is one). */
export function fileRecords(f: ImportFile, errors: ErrorList, opts: FileReadOptions = {}): AsyncIterable<RawRecord[]> {
  if (!/\.(json|jsonl|ndjson|csv|tsv|txt)$/i.test(f.name)) {
    errors.add(err.unsupportedFile({ file: f.name, line: 0 }));
    return emptyRecords();
  }
  const chunks = checkedChunks(f.name, f.chunks, { errors, signal: opts.signal, onBytes: opts.onBytes ?? (() => undefined) });
  const name = f.name.toLowerCase();
  if (name.endsWith('.json')) return parseJson(f.name, chunks, errors);
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return parseNdjson(f.name, chunks, errors);
  return parseCsv(f.name, chunks, errors, opts.mappings?.[f.name]);
}
