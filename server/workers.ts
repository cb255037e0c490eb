/**
 * KENNER_WORKERS > 1: several serving processes on one machine (node:cluster).
 * The primary does what a start does once (migrations, the demo graph, the
 * evidence under the works-council rule in force, the scheduled sync), then
 * forks the workers; each opens its own database pool, keeps its own caches
 * and listens on the same port (the primary hands connections out round
 * robin). They share nothing but the database, as separate servers behind a
 * load balancer do, with two exceptions that make one machine behave as one
 * service:
 * - `/metrics` answered by any worker is the sum over all of them (prom-client's
 *   AggregatorRegistry in the primary, asked over the cluster's IPC channel);
 * - a preference or an import written through one worker drops the rank and
 *   dictionary caches' key in every worker before that write is answered, not
 *   within the second it takes another server to see it.
 * Per process, as per server: the caches, the per-viewer rate limit (a viewer
 * whose requests spread over N workers can make up to N × KENNER_RATE_LIMIT a
 * minute) and `/healthz` (each worker answers for itself; a worker takes
 * connections only once it listens).
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

const METRICS_REQ = 'kenner:metrics-req';
const METRICS_RES = 'kenner:metrics-res';
const INVALIDATE = 'kenner:invalidate';
const INVALIDATED = 'kenner:invalidated';

/** A message to a process whose channel may have closed meanwhile (it is exiting): dropped, not an 'error' event that would stop the sender. */
const quietly = () => undefined;

export interface Message {
  type?: string;
  id?: number;
  from?: number;
  text?: string;
  error?: string;
}

export const isWorker = (): boolean => cluster.isWorker;

export interface PrimaryLog {
  info(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

/** What the relay needs of a worker (node:cluster's `Worker`; tests pass their own). */
export interface RelayWorker {
  readonly id: number;
  isConnected(): boolean;
  send(message: Message, sendHandle: undefined, options: undefined, callback: (error: Error | null) => void): boolean;
}

/**
 * The primary's part of a cache invalidation: a worker that wrote asks every
 * other connected worker to drop its key, and hears back (and answers its
 * client) once each has acknowledged — or has exited, since a worker that is
 * gone has no cache left to drop.
 */
export class InvalidationRelay {
  /** Acknowledgements awaited: `sibling:request:writer` → count one down. */
  private readonly awaited = new Map<string, () => void>();

  request(writer: RelayWorker, id: number, workers: RelayWorker[]): void {
    const others = workers.filter((w) => w !== writer && w.isConnected());
    let left = others.length;
    const answer = () => {
      if (writer.isConnected()) writer.send({ type: INVALIDATED, id }, undefined, undefined, quietly);
    };
    if (!left) answer();
    for (const w of others) {
      this.awaited.set(`${w.id}:${id}:${writer.id}`, () => {
        if (--left === 0) answer();
      });
      w.send({ type: INVALIDATE, id, from: writer.id }, undefined, undefined, quietly);
    }
  }

  acknowledged(sibling: RelayWorker, id: number, from: number): void {
    const key = `${sibling.id}:${id}:${from}`;
    this.awaited.get(key)?.();
    this.awaited.delete(key);
  }

  exited(sibling: RelayWorker): void {
    for (const [key, done] of [...this.awaited]) {
      if (!key.startsWith(`${sibling.id}:`)) continue;
      this.awaited.delete(key);
      done();
    }
  }

  /** Acknowledgements still awaited (for tests). */
  get waiting(): number {
    return this.awaited.size;
  }
}

/**
 * Forks `n` workers and keeps them: a worker that dies after it listened is
 * replaced; one that dies before it ever listened (a start-up error every
 * worker would repeat) stops the service. `stop()` sends SIGTERM to every
 * worker (each finishes its requests in flight) and waits for them all.
 */
export function startWorkers(n: number, log: PrimaryLog, onFatal: (code: number) => void): { stop: () => Promise<void> } {
  const aggregator = new AggregatorRegistry();
  let stopping = false;
  const listened = new WeakSet<Worker>();
  const relay = new InvalidationRelay();
  const fork = () => cluster.fork();
  cluster.on('listening', (worker, address) => {
    if (!listened.has(worker)) log.info({ worker: worker.process.pid, port: address.port }, 'worker listening');
    listened.add(worker);
  });
  cluster.on('message', (worker, m: Message) => {
    if (m?.type === METRICS_REQ)
      aggregator.clusterMetrics().then(
        (text) => worker.send({ type: METRICS_RES, id: m.id, text }, undefined, undefined, quietly),
        (e: unknown) => worker.send({ type: METRICS_RES, id: m.id, error: e instanceof Error ? e.message : String(e) }, undefined, undefined, quietly),
      );
    else if (m?.type === INVALIDATE && m.id !== undefined) relay.request(worker, m.id, Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w));
    else if (m?.type === INVALIDATED && m.id !== undefined && m.from !== undefined) relay.acknowledged(worker, m.id, m.from);
  });
  cluster.on('exit', (worker, code, signal) => {
    relay.exited(worker);
    if (stopping) return;
    if (!listened.has(worker)) {
      log.error({ worker: worker.process.pid, code, signal }, 'a worker stopped before it listened: stopping the service');
      onFatal(code || 1);
      return;
    }
    log.error({ worker: worker.process.pid, code, signal }, 'a worker stopped: starting another');
    fork();
  });
  for (let i = 0; i < n; i++) fork();
  return {
    async stop() {
      stopping = true;
      const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      await Promise.all(
        live.map(
          (w) =>
            new Promise<void>((resolve) => {
              w.once('exit', () => resolve());
              w.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** In a worker: the registry the primary sums for `/metrics`, and a way to ask it for the sum. */
export function workerMetrics(registry: Registry): () => Promise<string> {
  new AggregatorRegistry(); // answers the primary's requests for this worker's metrics
  AggregatorRegistry.setRegistries([registry]);
  let seq = 0;
  const pending = new Map<number, (m: Message) => void>();
  process.on('message', (m: Message) => {
    if (m?.type === METRICS_RES && m.id !== undefined) pending.get(m.id)?.(m);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = seq++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('The primary process did not answer for the metrics.'));
      }, 10_000);
      pending.set(id, (m) => {
        clearTimeout(timer);
        pending.delete(id);
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m.text ?? '');
      });
      process.send!({ type: METRICS_REQ, id }, undefined, undefined, quietly);
    });
}

/**
 * In a worker: `stale()` tells the other workers their caches' key is stale and resolves once they all dropped it
 * (or after a second, when the key's own re-read catches up anyway); `onStale` runs when another worker says so.
 */
export function workerSiblings(onStale: () => void): { stale: () => Promise<void> } {
  let seq = 0;
  const pending = new Map<number, () => void>();
  process.on('message', (m: Message) => {
    if (m?.type === INVALIDATE) {
      onStale();
      process.send?.({ type: INVALIDATED, id: m.id, from: m.from }, undefined, undefined, quietly);
    } else if (m?.type === INVALIDATED && m.id !== undefined) pending.get(m.id)?.();
  });
  return {
    stale: () =>
      new Promise<void>((resolve) => {
        const id = seq++;
        const done = () => {
          clearTimeout(timer);
          pending.delete(id);
          resolve();
        };
        const timer = setTimeout(done, 1000);
        pending.set(id, done);
        process.send!({ type: INVALIDATE, id }, undefined, undefined, quietly);
      }),
  };
}
