/**
 * Import transport: files are chosen in the options page, the store lives in
 * the background. One long-lived port ("kenner-import") per import; the page
 * decodes each File as a stream (TextDecoderStream: never one big string) and
 * sends 32 K-character chunks only when the background pulls the next one (back-
 * pressure; the background pulls one chunk ahead, so reading overlaps parsing). The background reports progress and the result. The open port
 * and its steady traffic (plus a ping while the background writes) keep the
 * MV3 service worker alive during a long import. Text that is not UTF-8
 * arrives as U+FFFD and is reported by the importer with its line.
 *
 * Page → background: start, chunk, eof, cancel, ping.
 * Background → page: pull (file index), progress, done.
 * Where the page has a service worker (Chromium), pull, chunk and eof go
 * over a MessageChannel it offers the worker instead (`channel` in start;
 * the worker accepts it from the extension's own pages only and falls back
 * to the port if it does not arrive within 2 s).
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { ColumnMapping, ImportMode, ImportProgress, ImportResult } from '../graph/import/types';

export const IMPORT_PORT_NAME = 'kenner-import';
/**
 * Characters per chunk sent over the port: small enough that V8 allocates
 * the received message young (V8 pretenures what it deserialises from 100 KB
 * on, and two-byte text takes two bytes a character), so a chunk dies in the
 * next scavenge instead of filling the old generation (store.design.md).
 */
export const CHUNK_CHARS = 32_768;
const PING_MS = 10_000;

export type ImportBgMsg = { t: 'pull'; file: number } | { t: 'progress'; p: ImportProgress } | { t: 'done'; result: ImportResult };

const mappingSchema = z.union([
  z.record(z.string(), z.string()),
  z.object({ type: z.enum(['person', 'account', 'contact', 'topic', 'interaction']).optional(), columns: z.record(z.string(), z.string()) }),
]);
export const importStartSchema = z.object({
  t: z.literal('start'),
  files: z.array(z.object({ name: z.string().min(1).max(500), size: z.number().nonnegative() })).min(1).max(50),
  mode: z.enum(['replace', 'merge']).optional(),
  mappings: z.record(z.string(), mappingSchema).optional(),
  /** The id of a MessageChannel the page offered the service worker for the file text (see startImport). */
  channel: z.string().regex(/^[0-9a-f]{16,64}$/).optional(),
});
/** The page's offer of a MessageChannel to the service worker (navigator.serviceWorker messaging). */
export const IMPORT_CHANNEL_MSG = 'kenner-import-channel';
export const importFileMsgSchema = z.union([
  z.object({ t: z.literal('chunk'), file: z.number().int().nonnegative(), data: z.string() }),
  z.object({ t: z.literal('eof'), file: z.number().int().nonnegative() }),
  z.object({ t: z.enum(['cancel', 'ping']) }),
]);
/** What the page sends: derived from the schemas the background validates with. */
type PageMsg = z.infer<typeof importStartSchema> | z.infer<typeof importFileMsgSchema>;

// ---------------------------------------------------------------- page side

/** A MessageChannel offered to the extension's service worker, when this page has one (Chromium). */
function offerChannel(): { id: string; port: MessagePort } | null {
  const sw = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
  if (!sw || typeof MessageChannel !== 'function') return null;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const ch = new MessageChannel();
  void sw.ready.then(
    (reg) => reg.active?.postMessage({ t: IMPORT_CHANNEL_MSG, id }, [ch.port2]),
    () => undefined,
  );
  return { id, port: ch.port1 };
}

export interface StartImportOptions {
  mode?: ImportMode;
  /** File name → column mapping (CSV exports of CRM reports). */
  mappings?: Record<string, ColumnMapping>;
  onProgress?: (p: ImportProgress) => void;
}

/** Streams these files to the background's importer. `cancel()` leaves the graph as it was. */
export function startImport(files: File[], opts: StartImportOptions = {}): { done: Promise<ImportResult>; cancel(): void } {
  const port = browser.runtime.connect({ name: IMPORT_PORT_NAME });
  // The file text goes over a MessageChannel to the service worker when there
  // is one (structured clone: the worker's V8 collects each chunk young;
  // strings from the extension port were all promoted to its old generation,
  // store.design.md); the background pulls over the port otherwise.
  const channel = offerChannel();
  const readers = new Map<number, ReadableStreamDefaultReader<string>>();
  const carry = new Map<number, string>();
  let finished = false;

  const send = (m: PageMsg) => {
    if (!finished) port.postMessage(m);
  };
  const close = () => {
    finished = true;
    clearInterval(ping);
    channel?.port.close();
    for (const r of readers.values()) void r.cancel().catch(() => undefined);
    readers.clear();
  };

  /** The next CHUNK_CHARS of text of file i, or null at its end. */
  async function nextChunk(i: number): Promise<string | null> {
    let reader = readers.get(i);
    if (!reader) {
      reader = files[i].stream().pipeThrough(new TextDecoderStream()).getReader();
      readers.set(i, reader);
    }
    let buf = carry.get(i) ?? '';
    carry.delete(i);
    while (buf.length < CHUNK_CHARS) {
      const { value, done } = await reader.read();
      if (done) return buf || null;
      buf += value;
    }
    carry.set(i, buf.slice(CHUNK_CHARS));
    return buf.slice(0, CHUNK_CHARS);
  }

  /** Answers a pull on the port it came from. */
  const answer = (file: number, reply: (m: PageMsg) => void) =>
    nextChunk(file).then(
      (data) => reply(data === null ? { t: 'eof', file } : { t: 'chunk', file, data }),
      () => reply({ t: 'eof', file }),
    );
  if (channel) {
    channel.port.onmessage = (e: MessageEvent) => {
      const msg = e.data as ImportBgMsg;
      if (msg?.t === 'pull' && !finished) void answer(msg.file, (m) => channel.port.postMessage(m));
    };
  }

  const done = new Promise<ImportResult>((resolve) => {
    port.onMessage.addListener((raw: unknown) => {
      const msg = raw as ImportBgMsg;
      if (msg.t === 'pull') {
        void answer(msg.file, send);
      } else if (msg.t === 'progress') opts.onProgress?.(msg.p);
      else if (msg.t === 'done') {
        close();
        port.disconnect();
        resolve(msg.result);
      }
    });
    port.onDisconnect.addListener(() => {
      if (finished) return;
      close();
      resolve({ ok: false, cancelled: true });
    });
  });

  send({ t: 'start', files: files.map((f) => ({ name: f.name, size: f.size })), mode: opts.mode, mappings: opts.mappings, ...(channel ? { channel: channel.id } : {}) });
  const ping = setInterval(() => send({ t: 'ping' }), PING_MS);
  return {
    done,
    cancel() {
      send({ t: 'cancel' });
    },
  };
}
