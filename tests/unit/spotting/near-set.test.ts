// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { NearSet } from '../../../utils/page/near-set';

/** A stand-in IntersectionObserver: the test delivers the reports (what is on screen is the test's to say). */
class FakeIO {
  static made: FakeIO[] = [];
  observed = new Set<Element>();
  disconnected = false;
  constructor(public cb: (entries: Array<{ target: Element; isIntersecting: boolean }>) => void) {
    FakeIO.made.push(this);
  }
  observe(el: Element) {
    this.observed.add(el);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
    this.disconnected = true;
  }
  /** Reports every observed element: on screen if in `shown`. */
  report(shown: Set<Element>) {
    this.cb([...this.observed].map((target) => ({ target, isIntersecting: shown.has(target) })));
  }
}

const els = (n: number) => Array.from({ length: n }, () => document.createElement('p'));

describe('NearSet: the holders on screen without observing them all', () => {
  it('probes a batch of new holders once, then keeps only those on screen observed, and drops them when they leave', async () => {
    FakeIO.made = [];
    let changes = 0;
    const set = new NearSet(FakeIO as unknown as typeof IntersectionObserver, () => changes++);
    const [watch] = FakeIO.made;
    const ps = els(5);
    for (const p of ps) set.add(p);
    await Promise.resolve();
    expect(FakeIO.made).toHaveLength(2);
    const probe = FakeIO.made[1];
    expect(probe.observed.size).toBe(5);
    probe.report(new Set([ps[1], ps[3]]));
    expect(probe.disconnected).toBe(true);
    expect([...set.near]).toEqual([ps[1], ps[3]]);
    expect(watch.observed).toEqual(new Set([ps[1], ps[3]]));
    expect(changes).toBe(1);
    // ps[3] scrolls away: the continuous observer says so.
    watch.cb([{ target: ps[3], isIntersecting: false }]);
    expect([...set.near]).toEqual([ps[1]]);
    expect(watch.observed).toEqual(new Set([ps[1]]));
    expect(changes).toBe(2);
    // A removed holder leaves at once.
    expect(set.delete(ps[1])).toBe(true);
    expect(set.near.size).toBe(0);
    expect(set.delete(ps[0])).toBe(false);
  });

  it('a sweep probes every holder in slices, one probe at a time, and finds those that came on screen', async () => {
    FakeIO.made = [];
    const set = new NearSet(FakeIO as unknown as typeof IntersectionObserver, () => undefined);
    const ps = els(2500);
    for (const p of ps) set.add(p);
    await Promise.resolve();
    // New holders: probed in slices too; nothing on screen yet.
    while (FakeIO.made.length > 1 && !FakeIO.made[FakeIO.made.length - 1].disconnected) FakeIO.made[FakeIO.made.length - 1].report(new Set());
    const before = FakeIO.made.length;
    set.sweep();
    const seen = new Set<Element>();
    const shown = new Set([ps[7], ps[2400]]);
    for (let i = before; i < FakeIO.made.length; i++) {
      const probe = FakeIO.made[i];
      expect(probe.observed.size).toBeLessThanOrEqual(1024);
      for (const el of probe.observed) seen.add(el);
      probe.report(shown); // the next slice's probe is made in here
    }
    expect(seen.size).toBe(ps.length);
    expect(set.near).toEqual(shown);
  });

  it('measures a large batch of new holders in the next animation frame and probes only those whose box touches the viewport', async () => {
    FakeIO.made = [];
    const frames: FrameRequestCallback[] = [];
    const view = { innerWidth: 1000, innerHeight: 800, requestAnimationFrame: (cb: FrameRequestCallback) => frames.push(cb) };
    const set = new NearSet(FakeIO as unknown as typeof IntersectionObserver, () => undefined, view);
    const ps = els(100);
    const measured = new Set<Element>();
    // Ten rows of ten: row r at y = r * 200 (rows 0-4 touch the 800 px viewport: 4 begins at its bottom edge).
    ps.forEach((p, i) => {
      const y = Math.floor(i / 10) * 200;
      p.getBoundingClientRect = () => {
        measured.add(p);
        return { top: y, bottom: y + 20, left: 0, right: 100, width: 100, height: 20, x: 0, y } as DOMRect;
      };
    });
    // One box only to the left of the viewport, one only above it: not probed.
    ps[5].getBoundingClientRect = () => ({ top: 10, bottom: 30, left: -300, right: -200 }) as DOMRect;
    ps[6].getBoundingClientRect = () => ({ top: -50, bottom: -10, left: 0, right: 100 }) as DOMRect;
    for (const p of ps) set.add(p);
    await Promise.resolve();
    // Nothing measured or probed between frames (no layout forced there).
    expect(measured.size).toBe(0);
    expect(FakeIO.made).toHaveLength(1);
    expect(frames).toHaveLength(1);
    frames[0](0);
    expect(measured.size).toBe(98);
    const probe = FakeIO.made[1];
    expect([...probe.observed]).toEqual(ps.slice(0, 50).filter((p) => p !== ps[5] && p !== ps[6]));
    probe.report(new Set([ps[0], ps[45]]));
    expect(set.near).toEqual(new Set([ps[0], ps[45]]));
    // Those not probed are still held: a sweep (the view changed) probes them all.
    set.sweep();
    expect(FakeIO.made[2].observed.size).toBe(100);
  });

  it('probes a small batch of new holders without measuring them (no forced layout in the mutation path)', async () => {
    FakeIO.made = [];
    const view = { innerWidth: 1000, innerHeight: 800, requestAnimationFrame: () => { throw new Error('waited for a frame'); } };
    const set = new NearSet(FakeIO as unknown as typeof IntersectionObserver, () => undefined, view);
    const ps = els(10);
    for (const p of ps) {
      p.getBoundingClientRect = () => {
        throw new Error('measured');
      };
      set.add(p);
    }
    await Promise.resolve();
    expect(FakeIO.made[1].observed.size).toBe(10);
  });
  it('a page change within the window after a sweep is not dropped: its sweep comes when the window is up, once', async () => {
    vi.useFakeTimers();
    try {
      FakeIO.made = [];
      const set = new NearSet(FakeIO as unknown as typeof IntersectionObserver, () => undefined);
      const ps = els(3);
      for (const p of ps) set.add(p);
      await Promise.resolve();
      FakeIO.made[1].report(new Set()); // the new holders' probe: none on screen
      const probes = () => FakeIO.made.length - 1;
      set.sweepSoon(1500); // no sweep yet: one begins now
      expect(probes()).toBe(2);
      FakeIO.made[2].report(new Set());
      set.sweepSoon(1500); // within the window: nothing now...
      set.sweepSoon(1500);
      expect(probes()).toBe(2);
      vi.advanceTimersByTime(1499);
      expect(probes()).toBe(2);
      vi.advanceTimersByTime(1); // ...one sweep when the window is up
      expect(probes()).toBe(3);
      expect(FakeIO.made[3].observed).toEqual(new Set(ps));
      FakeIO.made[3].report(new Set([ps[2]]));
      expect([...set.near]).toEqual([ps[2]]);
      vi.advanceTimersByTime(5000);
      expect(probes()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
