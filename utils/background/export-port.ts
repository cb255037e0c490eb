/**
 * "Export all local data": the background streams one JSON document over a
 * port (nothing is ever one giant string in either context); the options page
 * collects the chunks into a Blob and offers it as a download.
 *
 * Document: { format: "kenner-local-data", version: 1, exportedAt,
 *   storage: { settings, dismissed, lookupLog, diagnostics },
 *   graph: [ <the local graph as NDJSON records: header first, one object per record> ] }
 * Writing the `graph` array one element per line gives an importable .ndjson file.
 * Background side here; the page side is export-client.ts (so pages never load Dexie).
 */
import { browser } from 'wxt/browser';
import { exportGraph } from '../store/export';
import { lookupLogItem, preferencesItem } from './state';
import { GraphUnavailableError } from '../store/open-error';
import { userText } from './user-words';
import { EXPORT_PORT as PORT, type ExportMsg } from '../messaging/export-client';

/** Background side. */
export function listenForExports(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PORT || port.sender?.id !== browser.runtime.id || !port.sender?.url?.startsWith(browser.runtime.getURL('/'))) return;
    let cancelled = false;
    port.onDisconnect.addListener(() => (cancelled = true));
    void (async () => {
      try {
        const stored = await browser.storage.local.get(null);
        const head = { format: 'kenner-local-data', version: 1, exportedAt: new Date().toISOString(), storage: { ...stored, lookupLog: await lookupLogItem.getValue(), colleaguePreferences: await preferencesItem.getValue() } };
        let buf = JSON.stringify(head).slice(0, -1) + ',"graph":[';
        let first = true;
        for await (const line of exportGraph(await preferencesItem.getValue())) {
          if (cancelled) return;
          const trimmed = line.trim();
          if (!trimmed) continue;
          buf += (first ? '\n' : ',\n') + trimmed;
          first = false;
          if (buf.length > 512 * 1024) {
            port.postMessage({ kind: 'chunk', text: buf } satisfies ExportMsg);
            buf = '';
          }
        }
        buf += '\n]}\n';
        port.postMessage({ kind: 'chunk', text: buf } satisfies ExportMsg);
        port.postMessage({ kind: 'done' } satisfies ExportMsg);
      } catch (e) {
        if (!cancelled) port.postMessage({ kind: 'error', message: e instanceof GraphUnavailableError ? userText(e) : e instanceof Error ? e.message : String(e) } satisfies ExportMsg);
      }
    })();
  });
}
