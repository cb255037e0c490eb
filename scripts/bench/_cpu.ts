/**
 * Main-thread CPU measurement for the page benchmarks (not a benchmark itself:
 * bench.mjs skips files starting with `_`).
 *  - cpuOf: Chromium's own TaskDuration (CDP Performance.getMetrics) around a
 *    piece of work plus the frames that follow it (settle: 6 animation
 *    frames, then 300 ms), minus the same settle with nothing to do. Style,
 *    layout, paint and garbage collection on the main thread are counted, on
 *    whichever side causes them (Kenner or mark.js).
 *  - frameCosts: a trace (CDP Tracing) while the page re-renders a list once
 *    per animation frame; per frame, the main thread's task time from one
 *    re-render to the next.
 */
import type { CDPSession, Page } from 'playwright-core';

/** Main-thread CPU: TaskDuration in thread ticks (machine load does not inflate it). Call once per CDP session. */
export async function enableCpu(cdp: CDPSession): Promise<void> {
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
}

/** Main-thread task time so far (ms). */
async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** Waits in the page for the frames that follow a piece of work. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let n = 0;
        const f = () => (++n < 6 ? requestAnimationFrame(f) : setTimeout(resolve, 300));
        requestAnimationFrame(f);
      }),
  );
}

/** Main-thread ms of `run` and the frames after it, less an idle settle's. */
export async function cpuOf<T>(page: Page, cdp: CDPSession, run: () => Promise<T>): Promise<{ ms: number; idleMs: number; result: T }> {
  const i0 = await taskMs(cdp);
  await settle(page);
  const idleMs = (await taskMs(cdp)) - i0;
  const t0 = await taskMs(cdp);
  const result = await run();
  await settle(page);
  const ms = (await taskMs(cdp)) - t0 - idleMs;
  return { ms: Math.max(0, ms), idleMs, result };
}

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread CPU time of the event (µs). */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { message?: string; functionName?: string; url?: string } };
}

/**
 * Per-frame main-thread ms while `frames` animation frames each re-render the
 * page's list (the page must define window.__rerender(round)). The frame
 * starts with the task that runs the re-render (marked by console.timeStamp).
 * `wall`: the tasks' wall time; `cpu`: their thread CPU time (what machine load
 * does not inflate). A task is counted once (Chromium nests a RunTask event
 * in a ThreadControllerImpl::RunTask one for some tasks).
 */
export async function frameCosts(page: Page, cdp: CDPSession, frames: number): Promise<{ wall: number[]; cpu: number[]; events: FrameEvents }> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => void events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        const w = window as unknown as { __rerender(round: number): void };
        let round = 0;
        const f = () => {
          console.timeStamp('kenner-frame');
          w.__rerender(round);
          if (++round < n) requestAnimationFrame(f);
          else setTimeout(resolve, 300);
        };
        requestAnimationFrame(f);
      }),
    frames + 1,
  );
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  const marks = events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'kenner-frame').sort((a, b) => a.ts - b.ts);
  if (marks.length < 2) throw new Error('no frame marks in the trace');
  const { pid, tid } = marks[0];
  const tasks = outermostTasks(events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X'));
  // Each frame begins with the task holding its mark.
  const starts = marks.map((m) => tasks.find((t) => t.ts <= m.ts && m.ts <= t.ts + (t.dur ?? 0))?.ts ?? m.ts);
  const wall = new Array<number>(starts.length - 1).fill(0);
  const cpu = new Array<number>(starts.length - 1).fill(0);
  let f = 0;
  for (const t of tasks) {
    while (f < starts.length - 1 && t.ts >= starts[f + 1]) f++;
    if (f >= starts.length - 1) break;
    if (t.ts < starts[f]) continue;
    wall[f] += (t.dur ?? 0) / 1000;
    cpu[f] += (t.tdur ?? t.dur ?? 0) / 1000;
  }
  return { wall, cpu, events: frameEvents(events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X'), starts) };
}

/** One event's own thread time at or above this (ms) can make a frame a spike (spotting.md, "Seventh pass")... */
export const SPIKE_MS = 5;
/** ... when it is also at least this many times the median own time of the events of its name on the page without Kenner. */
export const SPIKE_TIMES_MEDIAN = 4;

/**
 * What the spike judgement needs of one side's trace: per frame, its events with SPIKE_MS or more of
 * thread time of their own (children's time taken out), and every event name's own times.
 */
export interface FrameEvents {
  big: Array<Array<[string, number]>>;
  own: Map<string, number[]>;
}

function frameEvents(threadEvents: TraceEvent[], starts: number[]): FrameEvents {
  const out: FrameEvents = { big: starts.slice(1).map(() => []), own: new Map() };
  const sorted = [...threadEvents].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const time = (e: TraceEvent) => e.tdur ?? e.dur ?? 0;
  const stack: Array<{ e: TraceEvent; kids: number }> = [];
  const closed: Array<{ ts: number; self: number; name: string }> = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1].e.ts + (stack[stack.length - 1].e.dur ?? 0) <= upTo) {
      const top = stack.pop()!;
      closed.push({ ts: top.e.ts, self: (time(top.e) - top.kids) / 1000, name: top.e.name });
      if (stack.length) stack[stack.length - 1].kids += time(top.e);
    }
  };
  for (const e of sorted) {
    close(e.ts);
    stack.push({ e, kids: 0 });
  }
  close(Infinity);
  closed.sort((a, b) => a.ts - b.ts);
  let f = 0;
  for (const c of closed) {
    if (c.ts < starts[0]) continue;
    while (f < starts.length - 1 && c.ts >= starts[f + 1]) f++;
    if (f >= starts.length - 1) break;
    (out.own.get(c.name) ?? out.own.set(c.name, []).get(c.name)!).push(c.self);
    if (c.self >= SPIKE_MS) out.big[f].push([c.name, c.self]);
  }
  return out;
}

/**
 * Per frame of a side, the name of its first spike, or null: an event with SPIKE_MS or more of its own
 * and SPIKE_TIMES_MEDIAN times what events of its name take on the page without Kenner (`baseline`, the
 * medians of its own times; an event the page without Kenner never has counts from SPIKE_MS). On this
 * machine a few frames in a hundred have one on either side, of 7–9 ms in a phase that takes 0.1–1 ms in
 * the other frames; they decide both sides' p99.
 */
export function spikes(side: FrameEvents, baseline: Map<string, number>): Array<string | null> {
  return side.big.map((events) => events.find(([name, ms]) => ms >= SPIKE_TIMES_MEDIAN * (baseline.get(name) ?? 0))?.[0] ?? null);
}

/** The medians of own times by event name over some sides (the baseline of `spikes`). */
export function medians(sides: FrameEvents[]): Map<string, number> {
  const all = new Map<string, number[]>();
  for (const side of sides) for (const [name, xs] of side.own) (all.get(name) ?? all.set(name, []).get(name)!).push(...xs);
  return new Map([...all].map(([name, xs]) => [name, percentile(xs, 50)]));
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
}
export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The trace events (`categories`) recorded while `run` runs, in the order Chromium reported them. */
export async function traceEvents(cdp: CDPSession, categories: string, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => void events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  try {
    await run();
  } finally {
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}

/** A task of more thread CPU than this is a long task (the Long Tasks API's threshold). */
const LONG_TASK_MS = 50;

/**
 * The main thread's tasks while `run` and the frames after it (settle) run, from a trace: each
 * task's wall time and its thread CPU time. On a loaded machine a task's wall time includes the
 * time the OS ran other processes; its CPU time does not (the long-task figure load does not inflate).
 */
export async function tracedTasks<T>(page: Page, cdp: CDPSession, run: () => Promise<T>): Promise<{ tasks: Array<{ wall: number; cpu: number; what?: string }>; result: T }> {
  let result: T | undefined;
  const events = await traceEvents(cdp, 'devtools.timeline,disabled-by-default-devtools.timeline', async () => {
    await page.evaluate(() => console.timeStamp('kenner-traced'));
    result = await run();
    await settle(page);
  });
  const mark = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'kenner-traced');
  if (!mark) throw new Error('no start mark in the trace');
  const thread = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks = thread
    .filter((e) => e.name === 'RunTask' && e.ts >= mark.ts)
    .map((e) => {
      const cpu = (e.tdur ?? 0) / 1000;
      if (cpu <= LONG_TASK_MS) return { wall: (e.dur ?? 0) / 1000, cpu };
      // A long task: what it did (self time of the events inside it, the largest five), so that a rare one can be told apart (GC, style, script).
      const inside = thread.filter((x) => x !== e && x.ts >= e.ts && x.ts + (x.dur ?? 0) <= e.ts + (e.dur ?? 0));
      const what = [...selfTimes(inside)].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(', ');
      return { wall: (e.dur ?? 0) / 1000, cpu, what };
    });
  return { tasks, result: result as T };
}

/**
 * The outermost tasks among one thread's complete ('X') events, in time order: Chromium nests a
 * RunTask event in a ThreadControllerImpl::RunTask one for some tasks, which must count once.
 */
export function outermostTasks(threadEvents: TraceEvent[]): TraceEvent[] {
  const all = threadEvents.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks: TraceEvent[] = [];
  for (const t of all) {
    const last = tasks[tasks.length - 1];
    if (last && t.ts + (t.dur ?? 0) <= last.ts + (last.dur ?? 0)) continue;
    tasks.push(t);
  }
  return tasks;
}

/**
 * Self time (ms of thread CPU, wall where a thread time is missing) per name among one thread's
 * complete events sorted by start (longer first at equal starts): an event's time less its direct
 * children's (events nest properly on one thread). `nameOf` groups the events (default: their name).
 */
export function selfTimes(sorted: TraceEvent[], nameOf: (e: TraceEvent) => string = (e) => e.name): Map<string, number> {
  const time = (e: TraceEvent) => e.tdur ?? e.dur ?? 0;
  const self = new Map<string, number>();
  const stack: Array<{ e: TraceEvent; kids: number }> = [];
  const close = (upTo: number) => {
    while (stack.length && stack[stack.length - 1].e.ts + (stack[stack.length - 1].e.dur ?? 0) <= upTo) {
      const top = stack.pop()!;
      const name = nameOf(top.e);
      self.set(name, (self.get(name) ?? 0) + Math.max(0, time(top.e) - top.kids) / 1000);
      if (stack.length) stack[stack.length - 1].kids += time(top.e);
    }
  };
  for (const e of sorted) {
    close(e.ts);
    stack.push({ e, kids: 0 });
  }
  close(Infinity);
  return self;
}
