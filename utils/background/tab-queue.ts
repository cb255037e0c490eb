/**
 * Per-tab work, isolated: each tab has at most one report being answered and
 * one waiting (a newer report replaces the waiting one), and a tab's reports
 * are answered at most once per `minIntervalMs`. A page that changes all the
 * time therefore costs one answer per interval, and every other tab's
 * messages are served in between (the worker awaits storage and the graph
 * source between steps).
 */
export class TabQueue {
  private readonly tabs = new Map<number, { running: boolean; dropped?: boolean; next: (() => Promise<void>) | null; waiters: Array<() => void>; lastAt: number }>();

  constructor(
    private readonly minIntervalMs = 400,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Runs `job` for the tab, or a newer job that replaced it; resolves when the tab's queue has caught up with it. */
  submit(tabId: number, job: () => Promise<void>): Promise<void> {
    let t = this.tabs.get(tabId);
    if (t?.dropped && !t.running) t = undefined;
    if (!t) this.tabs.set(tabId, (t = { running: false, next: null, waiters: [], lastAt: -Infinity }));
    const tab = t;
    tab.next = job;
    const done = new Promise<void>((resolve) => tab.waiters.push(resolve));
    if (!tab.running) void this.drain(tabId);
    return done;
  }

  /** Forget a closed tab (its waiting job is dropped, its waiters released). */
  drop(tabId: number): void {
    const t = this.tabs.get(tabId);
    if (!t) return;
    t.next = null;
    t.dropped = true;
    if (!t.running) {
      for (const w of t.waiters.splice(0)) w();
      this.tabs.delete(tabId);
    }
  }

  private async drain(tabId: number): Promise<void> {
    const t = this.tabs.get(tabId);
    if (!t || t.running) return;
    t.running = true;
    try {
      while (t.next) {
        const wait = t.lastAt + this.minIntervalMs - this.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const job = t.next;
        const waiters = t.waiters.splice(0);
        t.next = null;
        if (!job) {
          for (const w of waiters) w();
          break;
        }
        t.lastAt = this.now();
        try {
          await job();
        } catch (err) {
          console.debug('Kenner: a tab report failed', err);
        }
        for (const w of waiters) w();
      }
    } finally {
      t.running = false;
      // A dropped tab's waiting job never runs: its callers are released all the same, and the tab is forgotten.
      for (const w of t.waiters.splice(0)) w();
      if (t.dropped) this.tabs.delete(tabId);
    }
  }
}
