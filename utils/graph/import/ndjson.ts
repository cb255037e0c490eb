/**
 * NDJSON (.jsonl/.ndjson): line 1 is the header {"format":"kenner-graph","version":1},
 * every further line one record with a "type". Read line by line across chunks.
 */
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from '../model';
import { err, type ErrorList } from './errors';
import type { RawRecord } from './records';
import { checkRecordLength } from './text';

export async function* parseNdjson(file: string, chunks: AsyncIterable<string>, errors: ErrorList): AsyncGenerator<RawRecord[]> {
  let rest = '';
  let line = 0;
  let headerSeen = false;
  const handle = (text: string, out: RawRecord[]) => {
    line++;
    checkRecordLength(text.length, file, line, errors);
    const s = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (!s.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(s);
    } catch (e) {
      errors.add(err.badJson({ file, line }, jsonDetail(e)));
      return;
    }
    if (!headerSeen) {
      headerSeen = true;
      checkHeader(file, line, value, errors);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      errors.add(err.notARecord({ file, line }));
      return;
    }
    out.push({ type: (value as Record<string, unknown>).type, value: value as Record<string, unknown>, line });
  };
  for await (const chunk of chunks) {
    // Lines are cut from the chunk itself: only a line across chunks is put
    // together (never a copy of the whole chunk, which V8 would allocate as
    // a large object in the old generation).
    const out: RawRecord[] = [];
    let start = 0;
    let nl = chunk.indexOf('\n');
    if (rest && nl !== -1) {
      handle(rest + chunk.slice(0, nl), out);
      rest = '';
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (rest) rest += chunk;
    else {
      while (nl !== -1) {
        handle(chunk.slice(start, nl), out);
        start = nl + 1;
        nl = chunk.indexOf('\n', start);
      }
      rest = chunk.slice(start);
    }
    if (out.length) yield out;
    // A line without end: stop before it fills memory.
    checkRecordLength(rest.length, file, line + 1, errors);
  }
  const out: RawRecord[] = [];
  if (rest) handle(rest, out);
  if (out.length) yield out;
  if (!headerSeen) errors.add(err.badHeader({ file, line: 1 }));
}

/** Checks a {"format","version"} header; reports what is wrong. */
export function checkHeader(file: string, line: number, value: unknown, errors: ErrorList): boolean {
  const h = value as { format?: unknown; version?: unknown } | null;
  if (!h || typeof h !== 'object' || h.format !== GRAPH_FORMAT) {
    errors.add(err.badHeader({ file, line }));
    return false;
  }
  if (h.version !== GRAPH_FORMAT_VERSION) {
    errors.add(err.badVersion({ file, line }, h.version));
    return false;
  }
  return true;
}

export function jsonDetail(e: unknown): string {
  return e instanceof Error ? e.message.replace(/^JSON\.parse: /, '') : String(e);
}
