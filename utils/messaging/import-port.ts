/**
 * Import transport: files are chosen in the options page, the store lives in
 * the background. One long-lived port ("kenner-import") per import.
 *
 * Where the page has a service worker (Chromium), it offers the worker the
 * `File`s themselves (a structured clone of a File is a handle, not its
 * bytes; `offer` in start names the offer): the worker reads each file in
 * 32 KB pieces into one buffer and decodes them as a stream
 * (utils/background/file-text.ts), so no text crosses threads as messages
 * (store.design.md, "Memory of an import"). The worker accepts offers from
 * the extension's own pages only and falls back to the port if none arrives
 * within 2 s.
 *
 * Otherwise (Firefox's event page) the page decodes each File as a stream
 * (TextDecoderStream: never one big string) and sends 32 K-character chunks
 * over the port only when the background pulls the next one (back-pressure;
 * the background pulls one chunk ahead, so reading overlaps parsing).
 *
 * The background reports progress and the result. The open port and its
 * steady traffic (plus a ping while the background writes) keep the MV3
 * service worker alive during a long import. Text that is not UTF-8 arrives
 * as U+FFFD and is reported by the importer with its line.
 *
 * Page → background: start, chunk, eof, cancel, ping.
 * Background → page: pull (file index), progress, done.
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
  /** The id under which the page offered the service worker the files themselves (see startImport). */
  offer: z.string().regex(/^[0-9a-f]{16,64}$/).optional(),
});
/** The page's offer of its files to the service worker (navigator.serviceWorker messaging): `{ t, id, files }`. */
export const IMPORT_OFFER_MSG = 'kenner-import-files';
/** The offer as the service worker validates it (the sender's origin is checked there too). */
export const importOfferSchema = z.object({
  t: z.literal(IMPORT_OFFER_MSG),
  id: z.string().regex(/^[0-9a-f]{16,64}$/),
  files: z.array(z.instanceof(Blob)),
});
export const importFileMsgSchema = z.union([
  z.object({ t: z.literal('chunk'), file: z.number().int().nonnegative(), data: z.string() }),
  /** The end of file `file`; with `error` when it could not be read to its end (the import then fails, utils/graph/import/text.ts). */
  z.object({ t: z.literal('eof'), file: z.number().int().nonnegative(), error: z.string().max(500).optional() }),
  z.object({ t: z.enum(['cancel', 'ping']) }),
]);
/** What the page sends: derived from the schemas the background validates with. */
type PageMsg = z.infer<typeof importStartSchema> | z.infer<typeof importFileMsgSchema>;

// ---------------------------------------------------------------- page side

/** Offers the files to the extension's service worker, when this page has one (Chromium); the offer's id. */
function offerFiles(files: File[]): string | null {
  const sw = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
  if (!sw) return null;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  void sw.ready.then(
    (reg) => reg.active?.postMessage({ t: IMPORT_OFFER_MSG, id, files }),
    () => undefined,
  );
  return id;
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
  // A service worker reads the files itself (every message's data is kept
  // by its event until a full collection, so chunk strings sent as messages
  // filled the worker's old generation, store.design.md); the background
  // pulls text over the port otherwise.
  const offer = offerFiles(files);
  const readers = new Map<number, ReadableStreamDefaultReader<string>>();
  const carry = new Map<number, string>();
  let finished = false;

  const send = (m: PageMsg) => {
    if (!finished) port.postMessage(m);
  };
  const close = () => {
    finished = true;
    clearInterval(ping);
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

  /** Answers a pull. */
  const answer = (file: number) =>
    nextChunk(file).then(
      (data) => send(data === null ? { t: 'eof', file } : { t: 'chunk', file, data }),
      (e: unknown) => send({ t: 'eof', file, error: (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500) }),
    );

  const done = new Promise<ImportResult>((resolve) => {
    port.onMessage.addListener((raw: unknown) => {
      const msg = raw as ImportBgMsg;
      if (msg.t === 'pull') {
        void answer(msg.file);
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

  send({ t: 'start', files: files.map((f) => ({ name: f.name, size: f.size })), mode: opts.mode, mappings: opts.mappings, ...(offer ? { offer } : {}) });
  const ping = setInterval(() => send({ t: 'ping' }), PING_MS);
  return {
    done,
    cancel() {
      send({ t: 'cancel' });
    },
  };
}
