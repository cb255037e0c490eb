/**
 * The chunk stream of one file as the parsers see it: BOM stripped, bytes
 * counted for progress, cancellation checked between chunks, and text that
 * was not UTF-8 (decoded to U+FFFD) reported once, with its line.
 */
import { err, MAX_RECORD_CHARS, type ErrorList } from './errors';

/** The rest of this file is not read (its problem is reported); the import goes on with the next file to list more errors. */
export class FileAbandoned extends Error {
  constructor() {
    super('file abandoned');
  }
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** UTF-8 byte length of a string, without allocating. */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

export function countNewlines(s: string, from = 0, to = s.length): number {
  let n = 0;
  let i = s.indexOf('\n', from);
  while (i !== -1 && i < to) {
    n++;
    i = s.indexOf('\n', i + 1);
  }
  return n;
}

/** Reports a line longer than MAX_RECORD_CHARS and abandons the file (its other errors stand; nothing is imported). */
export function checkRecordLength(length: number, file: string, line: number, errors: ErrorList): void {
  if (length <= MAX_RECORD_CHARS) return;
  errors.add(err.lineTooLong({ file, line }));
  throw new FileAbandoned();
}

export interface ReadContext {
  errors: ErrorList;
  signal?: AbortSignal;
  /** Called with the UTF-8 size of every chunk read. */
  onBytes(n: number): void;
}

/** The chunks of one file, checked. Throws FileAbandoned (after reporting) at text that is not UTF-8 or a file that cannot be read to its end. */
export async function* checkedChunks(name: string, chunks: AsyncIterable<string>, ctx: ReadContext): AsyncGenerator<string> {
  let first = true;
  let lines = 0;
  const source = chunks[Symbol.asyncIterator]();
  let ended = false;
  try {
    for (;;) {
      let next: IteratorResult<string>;
      try {
        next = await source.next();
      } catch (e) {
        // The file could not be read to its end (moved, changed or revoked meanwhile): the import fails there, not quietly short.
        if (e instanceof Cancelled || ctx.signal?.aborted) throw new Cancelled();
        ctx.errors.add(err.unreadable({ file: name, line: lines + 1 }, e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
        throw new FileAbandoned();
      }
      if (next.done) {
        ended = true;
        break;
      }
      let chunk = next.value;
      if (ctx.signal?.aborted) throw new Cancelled();
      ctx.onBytes(utf8Length(chunk));
      if (first) {
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
        if (!chunk) continue;
        first = false;
      }
      const bad = chunk.indexOf('\uFFFD');
      if (bad !== -1) {
        ctx.errors.add(err.notUtf8({ file: name, line: lines + countNewlines(chunk, 0, bad) + 1 }));
        throw new FileAbandoned();
      }
      lines += countNewlines(chunk);
      yield chunk;
    }
  } finally {
    // Stopped early (an error, or the consumer stopped): the source is closed, as `for await` would.
    if (!ended) void source.return?.()?.catch(() => undefined);
  }
  if (ctx.signal?.aborted) throw new Cancelled();
}
