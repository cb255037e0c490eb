/**
 * Background side of the import port (utils/messaging/import-port.ts has the
 * protocol and the page side): accepts imports from the extension's own
 * pages only, reads the files the page offered (a service worker) or pulls
 * their text over the port one chunk ahead, and runs the store's importer.
 */
import { browser, type Browser } from 'wxt/browser';
import { evidenceRule } from '../governance/evidence';
import { WORKS_COUNCIL_OFF } from '../governance/works-council';
import type { z } from 'zod';
import type { ImportFile, ImportResult } from '../graph/import/types';
import { IMPORT_PORT_NAME, importFileMsgSchema, importOfferSchema, importStartSchema, type ImportBgMsg } from '../messaging/import-port';
import { fileText } from './file-text';
import { userText } from './user-words';

type Port = Browser.runtime.Port;

function fromExtensionPage(port: Port): boolean {
  const url = port.sender?.url ?? '';
  return port.sender?.id === browser.runtime.id && url.startsWith(browser.runtime.getURL('/')) && !port.sender?.tab?.url?.startsWith('http');
}

/** Files offered by the extension's pages for an import, by id (see startImport). */
const offers = new Map<string, Blob[]>();
const offerWaiters = new Map<string, (files: Blob[] | null) => void>();
/** How long an import waits for its page's offer before it pulls over the port. */
const OFFER_WAIT_MS = 2000;

function listenForOffers(): void {
  const scope = globalThis as unknown as { addEventListener?: (t: 'message', l: (e: MessageEvent) => void) => void };
  scope.addEventListener?.('message', (e: MessageEvent) => {
    const offer = importOfferSchema.safeParse(e.data);
    if (!offer.success) return;
    // Only the extension's own pages (a service worker's message comes from a client of its origin).
    const from = (e.source as { url?: string } | null)?.url ?? '';
    if (!from.startsWith(browser.runtime.getURL('/'))) return;
    const { id, files } = offer.data;
    const waiter = offerWaiters.get(id);
    if (waiter) {
      offerWaiters.delete(id);
      waiter(files);
    } else {
      // Kept a little while for the import's start; dropped if none comes.
      offers.set(id, files);
      setTimeout(() => {
        if (offers.get(id) === files) offers.delete(id);
      }, OFFER_WAIT_MS * 5);
    }
  });
}

/** Whether this background is a service worker (Chromium), not an event page. */
function isServiceWorker(): boolean {
  const scope = (globalThis as { ServiceWorkerGlobalScope?: abstract new () => unknown }).ServiceWorkerGlobalScope;
  return typeof scope === 'function' && globalThis instanceof scope;
}

/** The files offered under `id`, once they arrive (null after OFFER_WAIT_MS). */
function offerFor(id: string): Promise<Blob[] | null> {
  const files = offers.get(id);
  if (files) {
    offers.delete(id);
    return Promise.resolve(files);
  }
  return new Promise((resolve) => {
    offerWaiters.set(id, resolve);
    setTimeout(() => {
      if (offerWaiters.get(id) === resolve) {
        offerWaiters.delete(id);
        resolve(null);
      }
    }, OFFER_WAIT_MS);
  });
}

/** Background: accept imports from the extension's own pages (call once at start-up). */
export function listenForImports(): void {
  listenForOffers();
  browser.runtime.onConnect.addListener((port: Port) => {
    if (port.name !== IMPORT_PORT_NAME) return;
    if (!fromExtensionPage(port)) {
      port.disconnect();
      return;
    }
    serveImport(port);
  });
}

/** One import over one port (exported for tests). */
export function serveImport(port: Port): void {
  const abort = new AbortController();
  const waiting = new Map<number, (chunk: string | null | Error) => void>();
  let started = false;
  let open = true;
  const post = (m: ImportBgMsg) => {
    if (!open) return;
    try {
      port.postMessage(m);
    } catch {
      open = false;
    }
  };
  const stop = () => {
    abort.abort();
    for (const w of waiting.values()) w(null);
    waiting.clear();
  };
  port.onDisconnect.addListener(() => {
    open = false;
    stop();
  });

  port.onMessage.addListener((raw: unknown) => {
    if (!started) {
      const start = importStartSchema.safeParse(raw);
      if (!start.success) {
        port.disconnect();
        return;
      }
      started = true;
      void run(start.data);
      return;
    }
    const msg = importFileMsgSchema.safeParse(raw);
    if (!msg.success) return;
    const m = msg.data;
    if (m.t === 'cancel') stop();
    else if (m.t === 'chunk' || m.t === 'eof') {
      const w = waiting.get(m.file);
      waiting.delete(m.file);
      w?.(m.t === 'chunk' ? m.data : m.error ? new Error(m.error) : null);
    }
  });

  const request = (index: number) =>
    new Promise<string | null | Error>((resolve) => {
      waiting.set(index, resolve);
      post({ t: 'pull', file: index });
    });
  // One chunk ahead: the page reads and sends the next chunk while this one is parsed.
  const pulledChunks = (index: number): AsyncIterable<string> => ({
    async *[Symbol.asyncIterator]() {
      let next = abort.signal.aborted ? null : request(index);
      for (;;) {
        if (abort.signal.aborted || !next) return;
        const chunk = await next;
        if (chunk === null) return;
        // The page could not read the file to its end: the import fails with `unreadable` (utils/graph/import/text.ts).
        if (chunk instanceof Error) throw chunk;
        next = request(index);
        yield chunk;
      }
    },
  });

  async function run(start: z.infer<typeof importStartSchema>): Promise<void> {
    let result: ImportResult;
    try {
      // Only a service worker gets the page's files (an event page, as in Firefox, pulls over the port at once).
      const offered = start.offer && isServiceWorker() ? await offerFor(start.offer) : null;
      const own = offered && offered.length === start.files.length && offered.every((f, i) => f.size === start.files[i].size) ? offered : null;
      const chunksOf = (i: number): AsyncIterable<string> => (own ? fileText(own[i], abort.signal) : pulledChunks(i));
      const { getEffectiveSettings } = await import('../settings/policy');
      const { policy } = await getEffectiveSettings();
      if (!policy.allowImport) {
        const { err } = await import('../graph/import/errors');
        result = { ok: false, errors: [err.notAllowed({ file: start.files.map((f) => f.name).join(', '), line: 0 })] };
      } else {
        const { importGraph } = await import('../store/importer');
        const files: ImportFile[] = start.files.map((f, i) => ({ name: f.name, size: f.size, chunks: chunksOf(i) }));
        result = await importGraph(files, {
          mode: start.mode,
          mappings: start.mappings,
          signal: abort.signal,
          source: 'import',
          // Works-council mode: only external, recent interactions become evidence (utils/governance/evidence.ts).
          evidence: (refTime) => evidenceRule(policy.worksCouncil ?? WORKS_COUNCIL_OFF, refTime),
          onProgress: (p) => post({ t: 'progress', p }),
        });
      }
    } catch (e) {
      const { err } = await import('../graph/import/errors');
      result = { ok: false, errors: [err.writeFailed({ file: start.files.map((f) => f.name).join(', '), line: 0 }, userText(e))] };
    }
    post({ t: 'done', result });
  }
}
