/** Progress of an import for its caller: at most every 100 ms (phase changes at once), with an estimate of the time left. */
import type { ImportOptions, ImportProgress } from '../graph/import/types';

export class ProgressReporter {
  private last = 0;
  records = 0;
  private bytesRead = 0;
  private file?: string;
  constructor(
    private readonly cb: ImportOptions['onProgress'],
    private readonly started: number,
    private readonly bytesTotal: number | undefined,
  ) {}
  bytes(n: number, file: string) {
    this.bytesRead = n;
    this.file = file;
  }
  emit(phase: ImportProgress['phase'], force = false) {
    if (!this.cb) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const elapsedMs = now - this.started;
    const p: ImportProgress = { phase, records: this.records, bytesRead: this.bytesRead, elapsedMs };
    if (this.file) p.file = this.file;
    if (this.bytesTotal !== undefined) {
      p.bytesTotal = this.bytesTotal;
      p.fraction = this.bytesTotal > 0 ? Math.min(1, this.bytesRead / this.bytesTotal) : 1;
      if (phase === 'reading' && this.bytesRead > 0 && elapsedMs > 200) {
        p.etaMs = Math.round((elapsedMs * Math.max(0, this.bytesTotal - this.bytesRead)) / this.bytesRead);
      }
    }
    try {
      this.cb(p);
    } catch {
      /* a failing progress callback must not break the import */
    }
  }
}
