/**
 * Who hears of a change of the local graph, and the lock that serialises
 * writers (imports, merges, clear). BACKGROUND ONLY; db.ts re-exports both.
 */
import type { GraphMeta } from '../graph/model';

type GraphListener = (meta: GraphMeta) => void;
const listeners = new Set<GraphListener>();

/** Called after every committed change of the graph (import, merge, demo, clear). Returns an unsubscribe function. */
export function onGraphChanged(cb: GraphListener): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

export function notifyGraphChanged(meta: GraphMeta): void {
  for (const cb of [...listeners]) {
    try {
      cb(meta);
    } catch (err) {
      console.error('Kenner: graph listener failed', err);
    }
  }
}

let writeChain: Promise<unknown> = Promise.resolve();
/** Serialises writers (imports, clear) so that two never interleave. */
export function withGraphWriteLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = writeChain.then(fn, fn);
  writeChain = run.catch(() => undefined);
  return run;
}
