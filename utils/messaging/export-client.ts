/** Page side of "Export all local data" (background side: export-port.ts). */
import { browser } from 'wxt/browser';

export const EXPORT_PORT = 'kenner-export';
export type ExportMsg = { kind: 'chunk'; text: string } | { kind: 'done' } | { kind: 'error'; message: string };

/** The whole export as a Blob (application/json). */
export function startExport(): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const port = browser.runtime.connect({ name: EXPORT_PORT });
    const parts: string[] = [];
    let settled = false;
    port.onMessage.addListener((msg: ExportMsg) => {
      if (msg.kind === 'chunk') parts.push(msg.text);
      else {
        settled = true;
        port.disconnect();
        if (msg.kind === 'done') resolve(new Blob(parts, { type: 'application/json' }));
        else reject(new Error(msg.message));
      }
    });
    port.onDisconnect.addListener(() => {
      if (!settled) reject(new Error('The export was interrupted.'));
    });
  });
}
