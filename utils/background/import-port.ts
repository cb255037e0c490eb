/**
 * Background side of the import port (utils/messaging/import-port.ts has the
 * protocol and the page side): accepts imports from the extension's own
 * pages only, pulls chunks one ahead, and runs the store's importer.
 */
import { browser, type Browser } from 'wxt/browser';
import { evidenceRule } from '../governance/evidence';
import { WORKS_COUNCIL_OFF } from '../governance/works-council';
import type { z } from 'zod';
import type { ImportFile, ImportResult } from '../graph/import/types';
import { IMPORT_PORT_NAME, importFileMsgSchema, importStartSchema, type ImportBgMsg } from '../messaging/import-port';


type Port = Browser.runtime.Port;

function fromExtensionPage(port: Port): boolean {
  const url = port.sender?.url ?? '';
  return port.sender?.id === browser.runtime.id && url.startsWith(browser.runtime.getURL('/')) && !port.sender?.tab?.url?.startsWith('http');
}

/** Background: accept imports from the extension's own pages (call once at start-up). */
export function listenForImports(): void {
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
  const waiting = new Map<number, (chunk: string | null) => void>();
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
      w?.(m.t === 'chunk' ? m.data : null);
    }
  });

  const request = (index: number) =>
    new Promise<string | null>((resolve) => {
      waiting.set(index, resolve);
      post({ t: 'pull', file: index });
    });
  // One chunk ahead: the page reads and sends the next chunk while this one is parsed.
  const chunksOf = (index: number): AsyncIterable<string> => ({
    async *[Symbol.asyncIterator]() {
      let next = abort.signal.aborted ? null : request(index);
      for (;;) {
        if (abort.signal.aborted || !next) return;
        const chunk = await next;
        if (chunk === null) return;
        next = request(index);
        yield chunk;
      }
    },
  });

  async function run(start: z.infer<typeof importStartSchema>): Promise<void> {
    let result: ImportResult;
    try {
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
      result = { ok: false, errors: [err.writeFailed({ file: start.files.map((f) => f.name).join(', '), line: 0 }, String(e))] };
    }
    post({ t: 'done', result });
  }
}
