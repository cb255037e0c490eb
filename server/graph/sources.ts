/** Graph input for the importer: files on disk, an HTTP body, or the demo generator, as streams of text chunks. */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { ImportFile } from '../../utils/graph/import/types';
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from '../../utils/graph/model';
import { generateDemoRecords } from '../../utils/demo/generate';

async function* textOf(stream: Readable): AsyncGenerator<string> {
  stream.setEncoding('utf8');
  for await (const chunk of stream) yield chunk as string;
}

export function fileInput(path: string): ImportFile {
  return { name: basename(path), size: statSync(path).size, chunks: textOf(createReadStream(path, { highWaterMark: 1 << 20 })) };
}

export function streamInput(name: string, stream: Readable): ImportFile {
  return { name, chunks: textOf(stream) };
}

/** The demo graph (utils/demo) as NDJSON text, generated as it is read. */
export function demoInput(scale = 1, seed?: number): ImportFile {
  async function* chunks(): AsyncGenerator<string> {
    let buf = `${JSON.stringify({ format: GRAPH_FORMAT, version: GRAPH_FORMAT_VERSION })}\n`;
    for (const r of generateDemoRecords({ scale, seed })) {
      buf += `${JSON.stringify(r)}\n`;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  return { name: 'demo.ndjson', chunks: chunks() };
}
