/**
 * Prometheus metrics (prom-client): request latency by route and status, imports, and Node's defaults.
 * No personal data. In a worker of KENNER_WORKERS, the text is the sum over all workers (workers.ts).
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isWorker, workerMetrics } from './workers';

export class Metrics {
  private readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'kenner_http_request_duration_seconds',
    help: 'HTTP request duration by route and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  private readonly imports = new Counter({ name: 'kenner_imports_total', help: 'Imports by outcome.', labelNames: ['outcome'], registers: [this.registry] });

  private readonly all?: () => Promise<string>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    if (isWorker()) this.all = workerMetrics(this.registry);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    this.requests.observe({ method, route, status: String(status) }, seconds);
  }

  imported(ok: boolean): void {
    this.imports.inc({ outcome: ok ? 'ok' : 'failed' });
  }

  text(): Promise<string> {
    return this.all ? this.all() : this.registry.metrics();
  }
}
